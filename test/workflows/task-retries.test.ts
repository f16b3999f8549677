import type { Activities } from '../../activities';
import * as m from '../../procedures/task/messages';
import { actor, createTaskHarness, type TaskHarness } from '../support/task-harness';

/**
 * Activities that do their write, then fail once as if the answer were lost, so Temporal retries them: the step
 * recorder of the kernel (one local activity per step) for the assignment and the sign-for.
 */
function failingOnceAfterTheWrite(a: Activities): Activities {
  const failed = new Set<string>();
  return {
    ...a,
    async recordTaskStep(input) {
      await a.recordTaskStep(input);
      if (['ASSIGNED', 'SIGNED'].includes(input.entry.kind) && !failed.has(input.entry.step)) {
        failed.add(input.entry.step);
        throw new Error('connection lost after commit');
      }
    },
  };
}

describe('a retried activity', () => {
  let h: TaskHarness;

  beforeAll(async () => {
    h = await createTaskHarness(failingOnceAfterTheWrite);
  }, 60_000);

  afterAll(() => h?.stop(), 60_000);

  it('leaves exactly one timeline row, one audit row and one notification per person', async () => {
    const handle = await h.start();
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    const { taskId } = await handle.query(m.getTaskStatus);

    const signed = await h.db.pool.query(
      "SELECT count(*)::int AS n FROM task_timeline WHERE task_id = $1 AND kind = 'SIGNED'",
      [taskId],
    );
    const audits = await h.db.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = 'task.signFor'",
      [taskId],
    );
    const notices = await h.db.pool.query(
      "SELECT person_id, count(*)::int AS n FROM notifications WHERE task_id = $1 AND kind = 'ASSIGNED' GROUP BY person_id",
      [taskId],
    );

    expect(signed.rows).toEqual([{ n: 1 }]);
    expect(audits.rows).toEqual([{ n: 1 }]);
    expect(notices.rows.length).toBeGreaterThan(0);
    expect(notices.rows.every((r) => r.n === 1)).toBe(true);
    // Both writes were retried: the failure came after each had committed.
    const history = await handle.fetchHistory();
    const attempts = (history.events ?? []).filter(
      (e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
    );
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    await h.end(handle);
  });
});
