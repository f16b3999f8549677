import { claimIdempotencyKey } from '../../db/queries/idempotency';
import { eventually } from '../support/http';
import { useTestStack } from '../support/use-test-stack';

const OFFICE = 'p-huang-min';
const UNIT = 'p-xie-hua'; // head of town-dongguan

/**
 * What a client retrying after a lost answer (a 503 at the request deadline, an API restarted mid-request) may
 * rely on: the same Idempotency-Key never applies an action twice, and a claim its API process abandoned is
 * taken over rather than blocking the key.
 */
describe('retried requests', () => {
  const { t, office } = useTestStack({ office: OFFICE });

  async function newTask(): Promise<string> {
    const created = await office('POST', '/v1/tasks', {
      title: '开展作风建设专项检查',
      leadUnitId: 'town-dongguan',
      leaderId: 'p-wang-hongmei',
      requirements: '按方案开展检查',
      standard: '形成检查报告',
      dueDate: '2027-04-30',
    });
    expect(created.status).toBe(201);
    await eventually(async () => (await office('GET', `/v1/tasks/${created.body.id}`)).status === 200 || undefined);
    return created.body.id as string;
  }

  it('applies an action retried with the same Idempotency-Key once, answering the retry as the first', async () => {
    const taskId = await newTask();
    const unit = await t.as(UNIT);

    const first = await unit('POST', `/v1/tasks/${taskId}/sign`, {}, { 'idempotency-key': 'sign-once' });
    const retried = await unit('POST', `/v1/tasks/${taskId}/sign`, {}, { 'idempotency-key': 'sign-once' });

    expect(first.status).toBe(200);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    const signed = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM task_timeline WHERE task_id = $1 AND kind = 'SIGNED'`,
      [taskId],
    );
    expect(signed.rows[0].n).toBe(1);
  });

  it('still refuses the same action under another key, as the task is signed for already', async () => {
    const taskId = await newTask();
    const unit = await t.as(UNIT);
    await unit('POST', `/v1/tasks/${taskId}/sign`, {}, { 'idempotency-key': 'sign-a' });

    const again = await unit('POST', `/v1/tasks/${taskId}/sign`, {}, { 'idempotency-key': 'sign-b' });

    expect(again.status).toBe(409);
    expect(again.type).toMatch(/^application\/problem\+json/);
  });

  it('answers a malformed Idempotency-Key on an action with 400 naming the header', async () => {
    const taskId = await newTask();
    const unit = await t.as(UNIT);

    const res = await unit('POST', `/v1/tasks/${taskId}/sign`, {}, { 'idempotency-key': 'with space' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'header.Idempotency-Key' })]);
  });

  it('lets a request take over a claim left unanswered for more than 30 s, not one still running', async () => {
    const claim = { personId: OFFICE, key: 'abandoned', method: 'POST', path: '/tasks', bodyHash: 'h' };
    expect(await claimIdempotencyKey(t.db.pool, claim)).toEqual({ kind: 'claimed' });
    expect(await claimIdempotencyKey(t.db.pool, claim)).toEqual({ kind: 'in-progress' });

    await t.db.pool.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '31 seconds' WHERE person_id = $1 AND key = $2`,
      [OFFICE, 'abandoned'],
    );

    expect(await claimIdempotencyKey(t.db.pool, claim)).toEqual({ kind: 'claimed' });
    expect(await claimIdempotencyKey(t.db.pool, claim)).toEqual({ kind: 'in-progress' });
  });
});
