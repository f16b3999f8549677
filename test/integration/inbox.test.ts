import { createNotificationActivities, type Recipient } from '../../activities/notifications';
import type { apiClient } from '../support/http';
import { DONGGUAN_HEAD as HEAD, DONGGUAN_STAFF as STAFF, OFFICE } from '../support/people';
import { startTestStack, type TestStack } from '../support/test-stack';

describe('the inbox and unit webhooks over HTTP', () => {
  let t: TestStack;
  let head: ReturnType<typeof apiClient>;
  let office: ReturnType<typeof apiClient>;
  let n = 0;

  /** Sends one notification through the activity, as a workflow step would. */
  const notify = async (recipients: Recipient[], title = '【到期提醒】开展节日期间作风建设专项检查') => {
    const { notified } = await createNotificationActivities({ db: t.db.pool }).notify({
      workflowId: `task:t-inbox-${++n}`,
      step: '1-reminder',
      orgId: 'district',
      taskId: `t-inbox-${n}`,
      kind: 'REMINDER_BEFORE_DEADLINE',
      title,
      body: '距工作时限还有3个工作日。',
      recipients,
    });
    return notified;
  };
  const auditRows = async (action: string, objectId: string) =>
    (
      await t.db.pool.query(
        `SELECT actor_id, outcome, payload::text AS payload, request_id FROM audit_log
         WHERE action = $1 AND object_id = $2 ORDER BY id`,
        [action, objectId],
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestStack();
    head = await t.as(HEAD);
    office = await t.as(OFFICE);
  }, 120_000);

  afterAll(() => t?.stop(), 60_000);

  describe('the inbox', () => {
    it('lists the caller’s notifications newest first, with the unread count', async () => {
      await notify([{ kind: 'UNIT_HEAD', unitId: 'town-dongguan' }], '第一条');
      await notify([{ kind: 'UNIT', unitId: 'town-dongguan' }], '第二条');
      await notify([{ kind: 'PERSON', personId: STAFF }], '只给干事');

      const res = await head('GET', '/v1/inbox');

      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { title: string }) => i.title)).toEqual(['第二条', '第一条']);
      expect(res.body).toMatchObject({ total: 2, unread: 2, limit: 50, offset: 0 });
      expect(res.body.items[0]).toMatchObject({ kind: 'REMINDER_BEFORE_DEADLINE', taskId: 't-inbox-2', readAt: null });
    });

    it('marks one notification read, idempotently, and audits it', async () => {
      await notify([{ kind: 'PERSON', personId: HEAD }], '待阅');
      const id = (await head('GET', '/v1/inbox?unread=true&limit=1')).body.items[0].id as string;

      const first = await head('POST', `/v1/inbox/${id}/read`, undefined, { 'x-request-id': 'req-read-1' });
      const again = await head('POST', `/v1/inbox/${id}/read`);
      const unreadOnly = await head('GET', '/v1/inbox?unread=true');
      const readOnly = await head('GET', '/v1/inbox?unread=false');

      expect(first.status).toBe(200);
      expect(first.body.readAt).toEqual(expect.any(String));
      expect(again.body.readAt).toBe(first.body.readAt);
      expect(unreadOnly.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
      expect(readOnly.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
      expect(readOnly.body.unread).toBe(unreadOnly.body.total);
      expect(await auditRows('inbox.update', id)).toEqual([
        expect.objectContaining({ actor_id: HEAD, outcome: 'DONE', request_id: 'req-read-1' }),
        expect.objectContaining({ actor_id: HEAD, outcome: 'DONE' }),
      ]);
    });

    it('answers 404 for another person’s notification, leaving it unread, and audits the refusal', async () => {
      await notify([{ kind: 'PERSON', personId: STAFF }], '干事的通知');
      const staff = await t.as(STAFF);
      const id = (await staff('GET', '/v1/inbox?limit=1')).body.items[0].id as string;

      const res = await head('POST', `/v1/inbox/${id}/read`);

      expect(res.status).toBe(404);
      expect((await staff('GET', '/v1/inbox?limit=1')).body.items[0].readAt).toBeNull();
      expect(await auditRows('inbox.update', id)).toEqual([
        expect.objectContaining({ actor_id: HEAD, outcome: 'REFUSED' }),
      ]);
    });

    it('refuses a malformed notification id with 400', async () => {
      expect((await head('POST', '/v1/inbox/not-an-id/read')).status).toBe(400);
    });

    it('marks everything read at once and says how many', async () => {
      await notify([{ kind: 'UNIT_HEAD', unitId: 'town-dongguan' }], '再一条');
      const before = (await head('GET', '/v1/inbox')).body.unread as number;

      const res = await head('POST', '/v1/inbox/read-all');
      const after = await head('GET', '/v1/inbox');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ count: before });
      expect(after.body.unread).toBe(0);
      expect(await auditRows('inbox.update', HEAD)).toEqual([
        expect.objectContaining({
          actor_id: HEAD,
          outcome: 'DONE',
          payload: expect.stringContaining(`"count": ${before}`),
        }),
      ]);
    });
  });

  describe('unit webhooks', () => {
    it('lets the office set a webhook and shows the secret only then', async () => {
      const put = await office('PUT', '/v1/units/town-dongguan/webhook', { url: 'https://hooks.example.org/heli' });
      const get = await office('GET', '/v1/units/town-dongguan/webhook');

      expect(put.status).toBe(200);
      expect(put.body).toEqual({
        unitId: 'town-dongguan',
        url: 'https://hooks.example.org/heli',
        secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      expect(get.status).toBe(200);
      expect(get.body).toEqual({
        unitId: 'town-dongguan',
        url: 'https://hooks.example.org/heli',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const audit = await auditRows('webhook.update', 'town-dongguan');
      expect(audit).toEqual([expect.objectContaining({ actor_id: OFFICE, outcome: 'DONE' })]);
      expect(audit[0].payload).not.toContain(put.body.secret);
    });

    it('generates a new secret each time the webhook is set', async () => {
      const first = await office('PUT', '/v1/units/town-xicheng/webhook', { url: 'http://127.0.0.1:9/a' });
      const second = await office('PUT', '/v1/units/town-xicheng/webhook', { url: 'http://127.0.0.1:9/b' });

      expect(second.body.secret).not.toBe(first.body.secret);
      expect((await office('GET', '/v1/units/town-xicheng/webhook')).body.url).toBe('http://127.0.0.1:9/b');
    });

    it('refuses a unit (403, audited) and answers 404 for a unit that does not exist', async () => {
      const put = await head('PUT', '/v1/units/town-dongguan/webhook', { url: 'https://evil.example.org/' });
      const get = await head('GET', '/v1/units/town-dongguan/webhook');
      const missing = await office('PUT', '/v1/units/town-nowhere/webhook', { url: 'https://a.example.org/' });

      expect([put.status, get.status, missing.status]).toEqual([403, 403, 404]);
      const refused = await t.db.pool.query(
        "SELECT actor_id FROM audit_log WHERE action = 'webhook.update' AND outcome = 'REFUSED' ORDER BY id",
      );
      expect(refused.rows).toEqual([{ actor_id: HEAD }, { actor_id: OFFICE }]);
    });

    it('refuses URLs that are not http(s), too long, or carry extra fields', async () => {
      const bad = [
        { url: 'ftp://hooks.example.org/' },
        { url: 'javascript:alert(1)' },
        { url: `https://hooks.example.org/${'a'.repeat(2_000)}` },
        { url: 'https://user:pw@hooks.example.org/' },
        { url: 'https://hooks.example.org/', secret: 'mine' },
      ];

      const answers = await Promise.all(bad.map((body) => office('PUT', '/v1/units/town-nanhu/webhook', body)));

      expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
      expect(answers[4]!.body.errors).toEqual([{ field: 'body.secret', message: '不允许的字段' }]);
    });

    it('removes a webhook; GET then answers 404', async () => {
      await office('PUT', '/v1/units/town-beishan/webhook', { url: 'https://hooks.example.org/beishan' });

      const removed = await office('DELETE', '/v1/units/town-beishan/webhook');
      const again = await office('DELETE', '/v1/units/town-beishan/webhook');
      const get = await office('GET', '/v1/units/town-beishan/webhook');

      expect([removed.status, removed.body]).toEqual([200, { deleted: true }]);
      expect(again.body).toEqual({ deleted: false });
      expect(get.status).toBe(404);
    });
  });
});
