import * as wd from '../../procedures/time/working-days';
import { planTaskId } from '../../api/use-cases/cycle-plan';
import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as c from '../../procedures/cycle/messages';
import * as m from '../../procedures/task/messages';
import type { Caller } from '../../api/authorise';
import { callerAs, CYCLE_PEOPLE, createCycleHarness, type TaskAction } from '../support/cycle-harness';
import { eventually } from '../support/http';
import { useHarness } from '../support/use-harness';

/**
 * Issue 7, "changing a running procedure": a cycle is opened, planned and decomposed under the code deployed before
 * the `l1-copies-leader` patch (test/fixtures/workflows-v1: the old supervised task, everything else current).
 * One of its tasks reaches L1 there. Then the new code is deployed on the same task queue, a second task reaches
 * L1 under it, and the cycle runs on to its year end (assessment, annual report) and closes. The rule changed for
 * the task that reached L1 after the deploy only; the one whose L1 was already in its history kept the old rule.
 */

// Next year's cycle, opened today: the test holds whatever day it runs on (the time-skipping server starts now).
const YEAR = new Date().getFullYear() + 1;
const CYCLE = `district-${YEAR}`;
const LEADER = 'p-chen-lixin';
/** Before the deploy: due the last working day of January. After it: due a working day later. On time: March. */
const TASKS = [
  { key: 'before', unitId: 'dept-organisation', due: `${YEAR}-01-29` },
  { key: 'after', unitId: 'dept-publicity', due: `${YEAR}-02-01` },
  { key: 'ontime', unitId: 'town-dongguan', due: `${YEAR}-03-15` },
] as const;

const plan = {
  year: YEAR,
  goals: [
    {
      id: 'duty',
      title: '压实部门党风廉政建设主体责任',
      tasks: TASKS.map((t) => ({
        key: t.key,
        title: `${t.unitId}报送一季度党风廉政建设工作情况`,
        leadUnit: t.unitId,
        leader: LEADER,
        requirements: '按年度工作要点逐项落实，按时报送进展',
        standard: '形成书面报告',
        dueDate: t.due,
      })),
    },
  ],
};

describe('deploying a patched supervised task under a running annual cycle', () => {
  const h = useHarness(() =>
    createCycleHarness({ workflowsPath: require.resolve('../fixtures/workflows-v1'), maxCachedWorkflows: 0 }),
  );

  const unit = (unitId: string) => h.unitCaller(unitId);
  const office = () => callerAs(CYCLE_PEOPLE.office);
  const taskId = (key: string) => planTaskId(CYCLE, 'duty', key);
  const act = <A extends { actor: m.Actor }>(caller: Caller, key: string, ...action: TaskAction<A>) =>
    h.act<A>(caller, taskId(key), ...action);
  const taskStatus = (key: string, done: (s: m.TaskStatus) => boolean) =>
    eventually(async () => {
      const s = await h.client.workflow.getHandle(m.taskWorkflowId(taskId(key))).query(m.getTaskStatus);
      return done(s) ? s : undefined;
    });
  const kinds = async (key: string) =>
    (await h.db.pool.query('SELECT kind FROM task_timeline WHERE task_id = $1 ORDER BY id', [taskId(key)])).rows.map(
      (r: { kind: string }) => r.kind,
    );
  const finish = async (key: string, unitId: string) => {
    await act<m.SubmitInput>(unit(unitId), key, 'task.submit', m.submitTask, { summary: '已形成书面报告' });
    await act<m.AcceptInput>(office(), key, 'task.accept', m.acceptTask, { rating: 'FAIR' });
  };

  it('keeps the old rule where it already applied, applies the new one after the deploy, and closes the year', async () => {
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, YEAR - 1, YEAR + 1);
    const at = (date: string, hour: number) => wd.localInstant(date, hour).getTime();
    const handle = await h.open(YEAR, {
      meetingMonths: [],
      inspectionMonths: [],
      bulletinCadence: 'NONE',
      cutOffDate: `${YEAR}-03-31`,
      // No score opens a case here: the year end runs through to the annual report on its own.
      assessmentThreshold: 0,
    });

    // ---- under the old code: plan approved, tasks decomposed and signed for, the first task reaches L1 --------
    const { version } = await h.submit(CYCLE, plan);
    await h.approve(handle, version);
    await h.until(handle, (s) => s.phase === 'RUNNING');
    // Each task is acted on once its first step is in the read model, as a unit would find it there.
    for (const t of TASKS)
      await h.client.workflow.getHandle(m.taskWorkflowId(taskId(t.key))).executeUpdate(m.taskRecorded);
    for (const t of TASKS) await act(unit(t.unitId), t.key, 'task.signFor', m.signFor, {});
    await h.skipTo(at(wd.addWorkingDays(cal, TASKS[0].due, 1), 0) + 60_000);
    await taskStatus('before', (s) => s.rung === 1);

    // ---- the new code is deployed; the second task reaches L1 under it --------------------------------------
    await h.deploy(require.resolve('../../workflows'));
    await h.skipTo(at(wd.addWorkingDays(cal, TASKS[1].due, 1), 0) + 60_000);
    await taskStatus('after', (s) => s.rung === 1);
    await taskStatus('before', (s) => s.rung === 1);
    await finish('before', TASKS[0].unitId);
    await finish('after', TASKS[1].unitId);
    await h.skipTo(at(`${YEAR}-03-10`, 10));
    await act<m.SubmitInput>(unit(TASKS[2].unitId), 'ontime', 'task.submit', m.submitTask, { summary: '已按时报送' });
    await act<m.AcceptInput>(office(), 'ontime', 'task.accept', m.acceptTask, { rating: 'GOOD' });

    // ---- the year end: the assessment at the cut-off, published after its review limit, the annual report ------
    await h.skipTo(at(wd.addWorkingDays(cal, `${YEAR}-03-31`, 12), 10));
    const closed = await h.until(handle, (s) => s.phase === 'CLOSED', 60_000);
    const result = (await handle.result()) as c.CycleStatus;

    expect(closed).toMatchObject({ assessmentPublished: true, annualReportId: `b-${CYCLE}-annual` });
    expect(result.phase).toBe('CLOSED');
    expect(result.cases).toEqual([]);
    for (const t of TASKS) {
      const done = await h.client.workflow.getHandle(m.taskWorkflowId(taskId(t.key))).result();
      expect(done).toMatchObject({ state: 'ACCEPTED' });
    }
    // The rule change: the L1 urging copied to the responsible leader, for the task that reached L1 after the deploy.
    expect(await kinds('before')).toEqual(expect.arrayContaining(['ESCALATION_L1', 'ACCEPTED']));
    expect(await kinds('before')).not.toContain('L1_LEADER_COPY');
    expect(await kinds('after')).toEqual(expect.arrayContaining(['ESCALATION_L1', 'L1_LEADER_COPY', 'ACCEPTED']));
    expect(await kinds('ontime')).not.toContain('ESCALATION_L1');
    const copies = await h.db.pool.query(
      "SELECT task_id, person_id FROM notifications WHERE kind = 'L1_LEADER_COPY' AND task_id LIKE $1",
      [`${CYCLE}-%`],
    );
    expect(copies.rows).toEqual([{ task_id: taskId('after'), person_id: LEADER }]);
    // Neither task climbed past L1: they were accepted a working day or two late.
    const rungs = await h.db.pool.query(
      "SELECT count(*)::int AS n FROM task_timeline WHERE task_id LIKE $1 AND kind IN ('ESCALATION_L2', 'ESCALATION_L3')",
      [`${CYCLE}-%`],
    );
    expect(rungs.rows[0].n).toBe(0);
    // The kernel's one-round-trip step (patch `one-round-trip-step`): the task started on the old code recorded its
    // first steps with the two activities of that code, and its steps after the deploy in one local activity.
    const history = await h.client.workflow.getHandle(m.taskWorkflowId(taskId('before'))).fetchHistory();
    const activities = (history.events ?? []).flatMap(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
    );
    expect(activities).toEqual(expect.arrayContaining(['recordTaskEvent', 'notifyTaskEvent']));
    const local = (history.events ?? []).filter(
      (e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
    );
    expect(local.length).toBeGreaterThanOrEqual(2); // at least the submission and the acceptance
    const timeline = (await h.cycleTimeline(CYCLE)).map((e) => e.kind);
    expect(timeline.slice(-2)).toEqual(['ANNUAL_REPORT', 'CLOSED']);
    expect(timeline).toEqual(expect.arrayContaining(['PLAN_APPROVED', 'DECOMPOSED', 'ASSESSMENT_PUBLISHED']));
  }, 180_000);
});
