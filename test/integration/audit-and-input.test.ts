import { hashToken, issueToken, revokeTokens } from '../../db/queries/tokens';
import { apiClient, eventually } from '../support/http';
import { useTestStack } from '../support/use-test-stack';

const OFFICE = 'p-huang-min';
const UNIT = 'p-xie-hua';

const taskBody = (title = '开展作风建设专项检查') => ({
  title,
  leadUnitId: 'town-dongguan',
  leaderId: 'p-wang-hongmei',
  requirements: '按方案开展检查',
  standard: '形成检查报告',
  dueDate: '2027-04-30',
});

describe('audit log, tokens and hostile input', () => {
  const { t, office } = useTestStack({ office: OFFICE });

  const auditRows = async (action: string, objectId?: string) =>
    (
      await t.db.pool.query(
        `SELECT actor_id, actor_roles, token_id, outcome, request_id, reason FROM audit_log
         WHERE action = $1 AND ($2::text IS NULL OR object_id = $2) ORDER BY id`,
        [action, objectId ?? null],
      )
    ).rows;

  describe('the audit log', () => {
    it('records who created a task, with role, token and request id, from the workflow activity', async () => {
      const created = await office('POST', '/v1/tasks', taskBody(), { 'x-request-id': 'req-create-1' });

      const rows = await eventually(async () => {
        const r = await auditRows('task.create', created.body.id);
        return r.length > 0 ? r : undefined;
      });
      expect(rows).toEqual([
        expect.objectContaining({
          actor_id: OFFICE,
          actor_roles: ['OFFICE', 'ADMIN'],
          token_id: expect.stringMatching(/^tok_/),
          outcome: 'DONE',
          request_id: 'req-create-1',
        }),
      ]);
    });

    it('records refused mutations with their reason', async () => {
      const unit = await t.as(UNIT);
      const created = await office('POST', '/v1/tasks', taskBody());
      await eventually(async () => (await office('GET', `/v1/tasks/${created.body.id}`)).status === 200 || undefined);
      await office('POST', `/v1/tasks/${created.body.id}/cancel`, { reason: '重复交办' });

      await unit('POST', `/v1/tasks/${created.body.id}/cancel`, { reason: '不想办' });
      await office('POST', `/v1/tasks/${created.body.id}/cancel`, { reason: '再次撤销' });

      const rows = await auditRows('task.cancel', created.body.id);
      expect(rows.map((r) => [r.actor_id, r.outcome])).toEqual(
        expect.arrayContaining([
          [OFFICE, 'DONE'],
          [UNIT, 'REFUSED'],
          [OFFICE, 'REFUSED'],
        ]),
      );
      expect(rows.find((r) => r.actor_id === OFFICE && r.outcome === 'REFUSED')?.reason).toContain('已撤销');
    });

    it('records issued and revoked tokens without the token itself', async () => {
      const { tokenId, token } = await issueToken(t.db.pool, UNIT, undefined, 'cli:test');
      await revokeTokens(t.db.pool, tokenId, 'cli:test');

      const rows = await t.db.pool.query(
        'SELECT action, actor_id, payload::text AS payload FROM audit_log WHERE object_id = $1 ORDER BY id',
        [tokenId],
      );
      expect(rows.rows.map((r) => [r.action, r.actor_id])).toEqual([
        ['token.issue', 'cli:test'],
        ['token.revoke', 'cli:test'],
      ]);
      expect(rows.rows.map((r) => r.payload).join()).not.toContain(token);
      expect(rows.rows.map((r) => r.payload).join()).not.toContain(hashToken(token));
    });

    it('cannot be changed or deleted in SQL', async () => {
      await expect(t.db.pool.query("UPDATE audit_log SET outcome = 'DONE'")).rejects.toThrow(/append-only/);
      await expect(t.db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(t.db.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    });

    it('is listed to the office newest first, filtered, a page at a time', async () => {
      const refused = await office('GET', '/v1/audit?outcome=REFUSED&action=task.cancel');
      const first = await office('GET', '/v1/audit?limit=2');
      const second = await office('GET', `/v1/audit?limit=2&before=${first.body.nextBefore}`);

      expect(refused.status).toBe(200);
      expect(refused.body.items.length).toBeGreaterThan(0);
      expect(refused.body.items.every((e: { outcome: string }) => e.outcome === 'REFUSED')).toBe(true);
      expect(first.body.items).toHaveLength(2);
      expect(Number(first.body.items[0].id)).toBeGreaterThan(Number(first.body.items[1].id));
      expect(Number(second.body.items[0].id)).toBeLessThan(Number(first.body.items[1].id));
    });
  });

  describe('tokens', () => {
    it('refuses a revoked token', async () => {
      const { tokenId, token } = await issueToken(t.db.pool, UNIT);
      await revokeTokens(t.db.pool, tokenId);

      expect((await apiClient(t.stack.apiUrl, token)('GET', '/v1/me')).status).toBe(401);
    });

    it('refuses an expired token', async () => {
      const { token } = await issueToken(t.db.pool, UNIT, new Date(Date.now() - 1000));

      expect((await apiClient(t.stack.apiUrl, token)('GET', '/v1/me')).status).toBe(401);
    });

    it('refuses a made-up token and a malformed header', async () => {
      expect((await apiClient(t.stack.apiUrl, 'heli_madeup')('GET', '/v1/me')).status).toBe(401);
      expect((await t.anonymous('GET', '/v1/me', undefined, { authorization: 'Basic abc' })).status).toBe(401);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retried create with the first answer and starts one task', async () => {
      const headers = { 'idempotency-key': 'plan-2027-item-17' };
      const first = await office('POST', '/v1/tasks', taskBody('幂等测试'), headers);
      const retry = await office('POST', '/v1/tasks', taskBody('幂等测试'), headers);

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.headers.get('location')).toBe(first.headers.get('location'));
      const rows = await eventually(async () => {
        const r = await t.db.pool.query("SELECT id FROM tasks WHERE title = '幂等测试'");
        return r.rows.length > 0 ? r.rows : undefined;
      });
      expect(rows).toHaveLength(1);
    });

    it('refuses the same key with a different body (422)', async () => {
      const headers = { 'idempotency-key': 'plan-2027-item-18' };
      await office('POST', '/v1/tasks', taskBody('第一件'), headers);

      const other = await office('POST', '/v1/tasks', taskBody('另一件'), headers);

      expect(other.status).toBe(422);
      expect(other.body.errors).toEqual([expect.objectContaining({ field: 'header.Idempotency-Key' })]);
    });
  });

  describe('hostile input', () => {
    it('refuses a body over the size limit with 413', async () => {
      const res = await office('POST', '/v1/tasks', taskBody('x'.repeat(300_000)));

      expect(res.status).toBe(413);
      expect(res.type).toContain('application/problem+json');
    });

    it('names a privileged field the caller may not set', async () => {
      const res = await office('POST', '/v1/tasks', { ...taskBody(), createdBy: 'p-li-jianguo', orgId: 'x' });

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'body.createdBy, body.orgId', message: '不允许的字段' }]);
    });

    it('refuses malformed JSON, over-long strings and oversized pages, naming the field', async () => {
      const badJson = await office('POST', '/v1/tasks', '{"title":', { 'content-type': 'application/json' });
      const longTitle = await office('POST', '/v1/tasks', taskBody('长'.repeat(201)));
      const bigPage = await office('GET', '/v1/units?limit=5000');

      expect(badJson.status).toBe(400);
      expect(badJson.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
      expect(longTitle.body.errors).toEqual([expect.objectContaining({ field: 'body.title' })]);
      expect(bigPage.body.errors).toEqual([expect.objectContaining({ field: 'query.limit' })]);
    });

    it('refuses NUL characters in text, which the database could not store', async () => {
      const res = await office('POST', '/v1/tasks', taskBody('a\u0000b'));
      const query = await office('GET', '/v1/audit?objectId=%00');

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.title' })]);
      expect(query.status).toBe(400);
    });

    it('accepts any UTC offset in audit time filters', async () => {
      const res = await office('GET', '/v1/audit?from=2026-01-01T00:00:00%2B23:18&to=2099-01-01T00:00:00-16:00');

      expect(res.status).toBe(200);
    });

    it('refuses a blank page offset or size, which coercion alone would read as 0', async () => {
      const res = await office('GET', '/v1/inspections?offset=&limit=');

      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.limit', 'query.offset']);
    });

    it('answers a method a path does not take with 405 and the methods it does', async () => {
      const res = await office('DELETE', '/v1/units');
      const trace = await office('PUT', '/v1/tasks/t-1');

      expect(res.status).toBe(405);
      // The administrator adds units by POST (issue 22).
      expect(res.headers.get('allow')).toBe('GET, POST, HEAD');
      expect(trace.headers.get('allow')).toBe('GET, HEAD');
    });

    it('never answers with a stack trace or SQL', async () => {
      const res = await office('GET', `/v1/tasks/${"x'; DROP TABLE tasks; --"}`);

      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|SELECT|syntax error/);
    });
  });
});
