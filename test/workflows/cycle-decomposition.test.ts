import { WorkflowUpdateFailedError } from '@temporalio/client';
import { planTaskId } from '../../api/use-cases/cycle-plan';
import { getTaskStatus, taskWorkflowId } from '../../procedures/task/messages';
import { eventually } from '../support/http';
import { createCycleHarness, EXAMPLE_DEPARTMENTS, EXAMPLE_TOWNS } from '../support/cycle-harness';
import { useHarness } from '../support/use-harness';

const UNITS = [...EXAMPLE_DEPARTMENTS, ...EXAMPLE_TOWNS];

/** A plan of `n` tasks over the 22 departments and towns, in goals of up to 10 tasks. */
function planOf(year: number, n: number, dueDate = `${year}-06-30`) {
  const goals = [];
  for (let g = 0; g * 10 < n; g++) {
    goals.push({
      id: `goal-${g + 1}`,
      title: `目标${g + 1}`,
      priority: 1 + (g % 5),
      tasks: Array.from({ length: Math.min(10, n - g * 10) }, (_, i) => ({
        key: `t${i + 1}`,
        title: `任务${g * 10 + i + 1}`,
        leadUnit: UNITS[(g * 10 + i) % UNITS.length],
        leader: 'p-chen-lixin',
        requirements: '按要求落实',
        standard: '形成书面报告',
        dueDate,
      })),
    });
  }
  return { year, goals };
}

const updateRefused = (message: RegExp) =>
  expect.objectContaining({ cause: expect.objectContaining({ message: expect.stringMatching(message) }) });

/**
 * Decomposition in its own time-skipping server: a cycle that continues as new leaves its earlier runs' children
 * abandoned, and the test server's time skipping is unreliable once such children exist (sdk-java#1540); no
 * other test of the cycle skips time beside them.
 */
describe('the annual cycle’s decomposition', () => {
  const h = useHarness(createCycleHarness);

  it('takes revisions until approval, approves only the newest, and decomposes it continuing as new', async () => {
    const handle = await h.open(2028, { decomposeBatch: 4, childrenPerRun: 10 });
    const firstRun = (await handle.describe()).runId;

    const v1 = await h.submit('district-2028', planOf(2028, 5));
    const v2 = await h.submit('district-2028', planOf(2028, 25));
    const stale = await h.approve(handle, v1.version).catch((err: unknown) => err);
    await h.approve(handle, v2.version);
    const running = await h.until(handle, (s) => s.phase === 'RUNNING');
    const late = await h.submit('district-2028', planOf(2028, 3)).catch((err: unknown) => err);

    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(stale).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(stale).toEqual(updateRefused(/最新为第2版/));
    expect(running).toMatchObject({ approvedVersion: 2, tasksPlanned: 25, tasksStarted: 25 });
    expect(late).toMatchObject({ status: 409, message: '年度工作计划已经审定，不能再修改' });
    expect((await handle.describe()).runId).not.toBe(firstRun);
    // Started children record themselves; the read model has each once its first step ran.
    const tasks = await eventually(async () => {
      const { rows } = await h.db.pool.query(
        `SELECT count(*)::int AS n, count(DISTINCT lead_unit_id)::int AS units, count(DISTINCT goal_id)::int AS goals,
                bool_and(created_by = 'p-li-jianguo') AS by_approver
         FROM tasks WHERE cycle_id = 'district-2028'`,
      );
      return rows[0].n === 25 ? rows[0] : undefined;
    });
    expect(tasks).toEqual({ n: 25, units: 22, goals: 3, by_approver: true });
    // Each task starts on the timers the cycle worked out with its batch: it asks no activity for them.
    const first = h.client.workflow.getHandle(taskWorkflowId(planTaskId('district-2028', 'goal-1', 't1')));
    const activities = (await first.fetchHistory()).events!.flatMap((e) =>
      e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType!.name] : [],
    );
    expect(activities).not.toContain('planTaskTimers');
    expect(await first.query(getTaskStatus)).toMatchObject({
      dueDate: '2028-06-30',
      dueAt: '2028-06-30T16:00:00.000Z',
      provisional: true, // a fixed date in a year without its official calendar (2028) may turn out a holiday
    });
    const kinds = (await h.cycleTimeline('district-2028')).map((e) => e.kind);
    expect(kinds).toEqual([
      'OPENED',
      'PLAN_SUBMITTED',
      'PLAN_SUBMITTED',
      'PLAN_APPROVED',
      'DECOMPOSING',
      'DECOMPOSING',
      'DECOMPOSED',
    ]);
  });
});
