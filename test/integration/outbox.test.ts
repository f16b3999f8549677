import path from 'node:path';
import { recordTaskStep } from '../../activities/task-step';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { saveWebhookEndpoint } from '../../db/queries/notifications';
import { noticeUnitHead } from '../support/meeting-notice';
import { startWebhookDispatcher } from '../../worker/webhook-dispatcher';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { eventually } from '../support/http';
import { assignedStep, routineTask } from '../support/notice-receivers';
import { loopbackTargets, startReceiver } from '../support/webhook-receiver';

const OFFICE_ACTOR = { orgId: 'district', actorId: 'p-huang-min', actorRoles: ['OFFICE'] };
const UNIT = 'town-dongguan';

/**
 * One step, one round trip (docs/architecture.md): a task step's read model, timeline, audit, notices and webhook
 * outbox are written in one transaction, once; the dispatcher delivers each outbox event once, retrying a failing
 * receiver, and several dispatchers share the outbox without sending an event twice.
 */
describe('a task step and the webhook outbox', () => {
  let db: TestDatabase;
  let receiver: ReturnType<typeof startReceiver>;
  let n = 0;

  const task = () => routineTask(`t-outbox-${++n}`, UNIT);
  const assigned = assignedStep;
  const count = async (table: string, taskId: string) =>
    (
      await db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE workflow_id = $1`, // table names are the test's own
        [`task:${taskId}`],
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadOrganisationFile(db.pool, path.join(__dirname, '../../examples/organisation.yaml'));
    receiver = startReceiver();
    await saveWebhookEndpoint(db.pool, { unitId: UNIT, url: await receiver.url, secret: 's' }, OFFICE_ACTOR);
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await db?.drop();
  });

  it('writes the row, the timeline entry, the audit row, the notices and the outbox in one transaction, once', async () => {
    const step = assigned(task());
    const id = step.task.taskId;

    expect(await recordTaskStep(db.pool, step)).toEqual({ isNew: true });
    expect(await recordTaskStep(db.pool, step)).toEqual({ isNew: false });

    expect(await count('task_timeline', id)).toBe(1);
    expect(await count('audit_log', id)).toBe(1);
    const notified = await db.pool.query('SELECT person_id FROM notifications WHERE task_id = $1', [id]);
    expect(notified.rows.length).toBeGreaterThan(0);
    expect(new Set(notified.rows.map((r: { person_id: string }) => r.person_id)).size).toBe(notified.rows.length);
    const events = await db.pool.query('SELECT unit_id, dispatch FROM webhook_events WHERE workflow_id = $1', [
      `task:${id}`,
    ]);
    expect(events.rows).toEqual([{ unit_id: UNIT, dispatch: 'OUTBOX' }]);
  });

  it('leaves nothing behind when a part of the step fails', async () => {
    const step = assigned(task());
    await db.pool.query(`CREATE FUNCTION refuse_notice() RETURNS trigger LANGUAGE plpgsql AS $$
                         BEGIN RAISE EXCEPTION 'notices are down'; END $$`);
    await db.pool.query(
      'CREATE TRIGGER refuse_notice BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION refuse_notice()',
    );
    try {
      await expect(recordTaskStep(db.pool, step)).rejects.toThrow(/notices are down/);
    } finally {
      await db.pool.query('DROP TRIGGER refuse_notice ON notifications; DROP FUNCTION refuse_notice()');
    }
    for (const table of ['task_timeline', 'audit_log', 'webhook_events']) {
      expect(await count(table, step.task.taskId)).toBe(0);
    }
    expect((await db.pool.query('SELECT 1 FROM tasks WHERE id = $1', [step.task.taskId])).rowCount).toBe(0);
  });

  it('delivers each outbox event once, and tries a failing receiver again after its backoff', async () => {
    const step = assigned(task());
    await recordTaskStep(db.pool, step);
    receiver.answer(503);
    const before = receiver.received.length;
    const dispatcher = startWebhookDispatcher({
      db: db.pool,
      webhookTargets: loopbackTargets(),
      pollMs: 50,
      backoff: () => 0.3,
    });
    try {
      await eventually(async () => (receiver.received.length >= before + 1 ? true : undefined));
      receiver.answer(200);
      const row = await eventually(async () => {
        const { rows } = await db.pool.query(
          'SELECT attempts, delivered_at, gave_up_at FROM webhook_events WHERE workflow_id = $1',
          [step.workflowId],
        );
        return rows[0]?.delivered_at ? rows[0] : undefined;
      });
      expect(row).toMatchObject({ attempts: 2, gave_up_at: null });
      await new Promise((r) => setTimeout(r, 500));
      const [event] = (await db.pool.query('SELECT id FROM webhook_events WHERE workflow_id = $1', [step.workflowId]))
        .rows;
      const sent = receiver.received.slice(before).filter((r) => r.headers['x-heli-event-id'] === event.id);
      // Refused once (503), then taken: two posts of the one event, none after it was delivered.
      expect(sent).toHaveLength(2);
    } finally {
      await dispatcher.stop();
    }
  });

  it('gives an event up when the receiver refuses it for good (4xx)', async () => {
    const step = assigned(task());
    await recordTaskStep(db.pool, step);
    receiver.answer(410);
    const dispatcher = startWebhookDispatcher({
      db: db.pool,
      webhookTargets: loopbackTargets(),
      pollMs: 50,
      backoff: () => 0.1,
    });
    try {
      const row = await eventually(async () => {
        const { rows } = await db.pool.query('SELECT attempts, gave_up_at FROM webhook_events WHERE workflow_id = $1', [
          step.workflowId,
        ]);
        return rows[0]?.gave_up_at ? rows[0] : undefined;
      });
      expect(row).toMatchObject({ attempts: 1 });
    } finally {
      await dispatcher.stop();
      receiver.answer(200);
    }
  });

  it('never sends one event twice when two dispatchers share the outbox', async () => {
    receiver.answer(200);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      ids.push(...(await noticeUnitHead(db.pool, UNIT, `meeting:m-outbox-${i}`)));
    }
    const before = receiver.received.length;
    const a = startWebhookDispatcher({ db: db.pool, webhookTargets: loopbackTargets(), pollMs: 20, batch: 3 });
    const b = startWebhookDispatcher({ db: db.pool, webhookTargets: loopbackTargets(), pollMs: 20, batch: 3 });
    try {
      await eventually(async () => {
        const { rows } = await db.pool.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM webhook_events WHERE id = ANY ($1::text[]) AND delivered_at IS NULL',
          [ids],
        );
        return rows[0]!.n === 0 ? true : undefined;
      });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const sent = receiver.received.slice(before).map((r) => String(r.headers['x-heli-event-id']));
    expect(sent.sort()).toEqual([...ids].sort());
  });
});
