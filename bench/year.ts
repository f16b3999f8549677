import type { Client, WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import pino from 'pino';
import type { Caller } from '../api/authorise';
import type { AppDeps } from '../api/deps';
import type { Identity, Role } from '../api/identity';
import { publishCycleAssessment } from '../api/use-cases/assessments';
import { decideCase, submitCaseStatement } from '../api/use-cases/cases';
import { submitPlan } from '../api/use-cases/cycle-plan';
import { startCycle, type CycleSettingsInput } from '../api/use-cases/cycles';
import { closeInspectionFindings, fileInspectionSelfCheck } from '../api/use-cases/inspections';
import { confirmMeetingAttendance, recordMeetingMinutes } from '../api/use-cases/meetings';
import { actOnTask } from '../api/use-cases/tasks';
import { loadAccountability } from '../config/accountability';
import type { TaskPolicies } from '../config/task-policy';
import type { Plan } from '../db/plan-file';
import { NATIONAL, readWorkingCalendar } from '../db/queries/calendar';
import { caseRecorded, caseWorkflowId } from '../procedures/case/messages';
import * as c from '../procedures/cycle/messages';
import * as m from '../procedures/task/messages';
import * as wd from '../procedures/time/working-days';
import { quietTimeSkippingClient, startTimeSkippingServer } from '../worker/time-skipping-server';
import { spawnWorkerProcess, type TimeSkippingPhaseDeps } from './spawn-worker';

/**
 * A year in fast-forward (issue 17): an annual cycle of the example organisation's 22 departments and towns with
 * `perUnit` tasks each, on the time-skipping test server (the project's binary) with a worker process of its own on
 * the benchmark's database, driven through the API's use-cases from the plan to the annual report. The office opens
 * the next year's cycle and submits the plan; the clock starts; the leadership group approves it and the cycle
 * decomposes it. Every unit signs for its tasks the next morning. Each Monday at 10:00 the units submit the tasks
 * due in the week after next, and the office accepts them at 14:00; one task in twenty is submitted late instead
 * (the Monday after its deadline: L1, some L2), and two are left until after L3 (ten working days late), so that
 * their units face cases, each explained and decided. Every unit confirms attendance at the four joint meetings,
 * whose minutes the office records; every unit files its self-check in the two inspection rounds, whose findings
 * the office closes with none. Bulletins go out by themselves. After the cut-off the office publishes the
 * assessment, the low-score cases are explained and decided, and the clock stops when the cycle has published its
 * annual report and closed. Then every workflow of the run (the cycle and each of its runs, tasks, meetings, rounds,
 * cases) is read for its history length: the largest is the figure, against Temporal's 10,000-event guideline.
 */
export interface YearDeps extends TimeSkippingPhaseDeps {
  policies: TaskPolicies;
  /** The plan of the year: `n` tasks over the 22 units in turn, due from `firstDue` over `spanDays` days. */
  plan: (year: number, n: number, firstDue: string, spanDays: number) => Plan;
}

export interface YearOptions {
  year: number;
  perUnit: number;
  concurrency: number;
  timeoutMs: number;
  /** Children a cycle run starts before it continues as new (the cycle's default when absent). */
  childrenPerRun?: number;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const TASK_QUEUE = 'heli-bench-year';
const HOUR = 3_600_000;
const STUCK_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => Math.round(ms) / 1000;

export async function benchYear(deps: YearDeps, p: YearOptions) {
  const mine: { what: string; stop: () => Promise<void> }[] = [];
  let stopped: Promise<void> | undefined;
  const stopMine = () =>
    (stopped ??= (async () => {
      for (const { what, stop } of mine.reverse()) {
        await stop().catch((err: unknown) => deps.say(`stopping ${what}: ${(err as Error).message}`));
      }
    })());
  deps.onStop('the year in fast-forward', stopMine);
  try {
    return await year(deps, p, (what, stop) => mine.push({ what, stop }));
  } finally {
    await stopMine();
  }
}

let requests = 0;

/** A caller of the API's use-cases as `personId` of `unitId`, with a request id of its own. */
function callerAs(personId: string, unitId: string, roles: Role[]): Caller {
  const identity: Identity = { personId, orgId: 'district', unitId, roles, credentialId: 'bench-year' };
  return { identity, requestId: `bench-year-${++requests}` };
}
const office = () => callerAs('p-huang-min', 'office', ['OFFICE']);
const group = (): m.Actor => {
  const { identity, requestId } = callerAs('p-li-jianguo', 'group', ['LEADER', 'GROUP']);
  return { ...identity, requestId };
};

async function year(deps: YearDeps, p: YearOptions, onStop: (what: string, stop: () => Promise<void>) => void) {
  const { db, say, inParallel } = deps;
  const Y = p.year;
  const env = await startTimeSkippingServer();
  onStop('the time-skipping server', () => env.teardown());
  const ts = await quietTimeSkippingClient(env.address);
  onStop('the time-skipping client', ts.close);
  const client: Client = ts.client;
  const worker = await spawnWorkerProcess({
    databaseUrl: deps.databaseUrl,
    address: env.address,
    taskQueue: TASK_QUEUE,
    bundlePath: deps.bundlePath,
    label: 'the year worker',
  });
  onStop('the year worker', worker.stop);
  const app = {
    db,
    temporal: client,
    taskQueue: TASK_QUEUE,
    taskPolicies: deps.policies,
    accountability: loadAccountability(),
    log: pino({ level: 'silent' }),
  } as unknown as AppDeps;

  const { rows: unitRows } = await db.query<{ id: string; head_id: string }>(
    `SELECT id, head_id FROM units WHERE org_id = 'district' AND active AND kind IN ('DEPARTMENT', 'TOWN')`,
  );
  const heads = new Map(unitRows.map((r) => [r.id, r.head_id]));
  const unit = (unitId: string) => callerAs(heads.get(unitId)!, unitId, ['UNIT']);
  const cal = await readWorkingCalendar(db, NATIONAL, Y - 1, Y + 1);
  const at = (date: string, hour: number) => wd.localInstant(date, hour).getTime();
  /**
   * Skips server time to just after `instant`. Once the cycle has continued as new while children of its earlier runs
   * are open (at 1,100 tasks: every 500 children, and when the server suggests it), the test server's clock stops
   * skipping as soon as one of those children completes: server time then creeps at wall-clock pace (releasing locks
   * with `unlockTimeSkipping` does not move it). A skip whose server time has only crept for `STUCK_MS` fails the
   * phase instead of waiting out the days in real time.
   */
  const skipTo = async (instant: number) => {
    const from = await ts.now();
    if (instant <= from) return;
    let done = false;
    const skipping = ts.sleep(instant - from + 1_000).finally(() => {
      done = true;
    });
    const started = performance.now();
    while (!done) {
      await Promise.race([skipping, sleep(1_000)]);
      const real = performance.now() - started;
      if (done || real < STUCK_MS) continue;
      const server = await ts.now();
      if (server - from < real + 10_000) {
        skipping.catch(() => undefined);
        throw new Error(
          `year: the test server's clock stopped at ${new Date(server).toISOString()} on the way to ` +
            `${new Date(instant).toISOString()} (a continued-as-new cycle's child completed)`,
        );
      }
    }
    await skipping;
  };
  // A query sent while the cycle continues as new can stay unanswered on the test server: asked with a deadline.
  const ask = (h: WorkflowHandle) =>
    ts.withDeadline(5_000, () => h.query(c.getCycleStatus)).catch(() => undefined as c.CycleStatus | undefined);
  const until = async (h: WorkflowHandle, done: (s: c.CycleStatus) => boolean, what: string, timeoutMs = 120_000) => {
    const t = performance.now();
    for (;;) {
      deps.checkInterrupted();
      const s = await ask(h);
      if (s && done(s)) return s;
      if (performance.now() - t > timeoutMs) throw new Error(`year: ${what} not reached (${s?.phase ?? '?'})`);
      await sleep(200);
    }
  };
  /** The units a meeting invites or a round inspects, as its read model lists them. */
  const invited = async (table: string, idColumn: string, id: string) =>
    (await db.query<{ unit_id: string }>(`SELECT unit_id FROM ${table} WHERE ${idColumn} = $1`, [id])).rows.map(
      (r) => r.unit_id,
    );
  const each = <T>(items: T[], fn: (item: T) => Promise<unknown>) =>
    inParallel(items.length, p.concurrency, (i) => fn(items[i]!));

  // ---- the plan: opened, submitted (the clock starts), approved, decomposed -------------------------------------
  const n = unitRows.length * p.perUnit;
  const plan = deps.plan(Y, n, `${Y}-01-15`, 330);
  const { status: opened } = await startCycle(app, {
    orgId: 'district',
    year: Y,
    openedBy: { ...office().identity, requestId: 'bench-year-open' },
    // The office cannot set it; the benchmark may (BENCH_YEAR_CHILDREN_PER_RUN), as the decomposition phase does.
    ...(p.childrenPerRun ? { settings: { childrenPerRun: p.childrenPerRun } as CycleSettingsInput } : {}),
  });
  const cycleId = opened.cycleId;
  const handle = client.workflow.getHandle(c.cycleWorkflowId(cycleId));
  const t0 = performance.now();
  const serverStart = await ts.now();
  const submitted = await submitPlan(app, office(), cycleId, plan);
  await handle.executeUpdate(c.approvePlan, { args: [{ actor: group(), version: submitted.version }] });
  await until(handle, (s) => s.phase === 'RUNNING', 'decomposition', p.timeoutMs);
  // The cycle is RUNNING once every child has started; each records its task in the read model as it starts.
  for (let waited = performance.now(); ; await sleep(200)) {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks WHERE cycle_id = $1', [
      cycleId,
    ]);
    if (rows[0]!.n >= n) break;
    if (performance.now() - waited > p.timeoutMs) throw new Error(`year: ${rows[0]!.n}/${n} tasks in the read model`);
  }
  const { rows: tasks } = await db.query<{ id: string; unit: string; coUnits: string[]; due: string }>(
    `SELECT id, lead_unit_id AS unit, co_unit_ids AS "coUnits", to_char(due_date, 'YYYY-MM-DD') AS due
     FROM tasks WHERE cycle_id = $1
     ORDER BY due_date, id`,
    [cycleId],
  );
  if (tasks.length !== n) throw new Error(`year: ${tasks.length}/${n} tasks in the read model after decomposition`);
  const decomposedMs = performance.now() - t0;
  say(`   ${n} tasks decomposed in ${seconds(decomposedMs)} s; the year begins`);
  let calendar: c.CycleCalendar | null | undefined;
  while (!calendar) calendar = await ts.withDeadline(5_000, () => handle.query(c.getCycleCalendar)).catch(() => null);

  // ---- the year's human actions, in time order -------------------------------------------------------------------
  const steps: { at: number; what: string; run: () => Promise<unknown> }[] = [];
  const approvedDay = wd.localDate(new Date(await ts.now()));
  steps.push({
    at: at(wd.addWorkingDays(cal, approvedDay, 1), 9),
    what: 'sign',
    run: () =>
      each(tasks, (t) => actOnTask(app, unit(t.unit), t.id, { action: 'task.signFor', update: m.signFor }, {})),
  });
  /** The Monday on or before `date`. */
  const monday = (date: string) => wd.addCalendarDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
  const l3 = new Set([tasks[Math.floor(n * 0.3)]!.id, tasks[Math.floor(n * 0.6) + 1]!.id]);
  type Planned = (typeof tasks)[number];
  const batches = new Map<string, (Planned & { late: boolean })[]>();
  const l3Tasks: Planned[] = [];
  tasks.forEach((t, i) => {
    if (l3.has(t.id)) return void l3Tasks.push(t);
    const late = i % 20 === 5;
    const day = late ? monday(wd.addCalendarDays(t.due, 7)) : monday(wd.addCalendarDays(t.due, -7));
    batches.set(day, [...(batches.get(day) ?? []), { ...t, late }]);
  });
  /** The co-organising units report (a lead unit cannot submit before), then the lead unit submits. */
  const submit = async (t: Planned) => {
    for (const co of t.coUnits) {
      await actOnTask<m.CoUnitReportInput>(
        app,
        unit(co),
        t.id,
        { action: 'task.coUnitReport', update: m.coUnitReport },
        { text: '已按分工完成协办事项并反馈牵头单位' },
      );
    }
    return actOnTask<m.SubmitInput>(
      app,
      unit(t.unit),
      t.id,
      { action: 'task.submit', update: m.submitTask },
      { summary: '已按年度工作计划要求完成，相关材料已报送' },
    );
  };
  const accept = (t: { id: string; late: boolean }) =>
    actOnTask<m.AcceptInput>(
      app,
      office(),
      t.id,
      { action: 'task.accept', update: m.acceptTask },
      { rating: t.late ? 'FAIR' : 'GOOD' },
    );
  for (const [day, batch] of batches) {
    steps.push({ at: at(day, 10), what: `submit ${batch.length}`, run: () => each(batch, submit) });
    steps.push({ at: at(day, 14), what: `accept ${batch.length}`, run: () => each(batch, accept) });
  }
  const caseOf = async (taskId: string) => {
    const { rows } = await db.query<{ case_id: string }>(
      'SELECT case_id FROM accountability_referrals WHERE task_id = $1',
      [taskId],
    );
    if (!rows[0]) throw new Error(`year: no case for ${taskId} after L3`);
    return rows[0].case_id;
  };
  for (const t of l3Tasks) {
    const opened = wd.addWorkingDays(cal, t.due, 10);
    steps.push({
      at: at(wd.addWorkingDays(cal, opened, 1), 10),
      what: 'L3 statement',
      run: async () => {
        const caseId = await caseOf(t.id);
        await client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(caseRecorded);
        await submitCaseStatement(app, unit(t.unit), caseId, { text: '因专项工作调整导致逾期，已建立台账限期办结' });
        await submit(t);
      },
    });
    steps.push({
      at: at(wd.addWorkingDays(cal, opened, 2), 10),
      what: 'L3 decision',
      run: async () => {
        await accept({ id: t.id, late: true });
        await decideCase(app, office(), await caseOf(t.id), {
          measure: 'TALK',
          basis: '任务逾期十个工作日，进入三级督办',
        });
      },
    });
  }
  for (const meeting of calendar.meetings) {
    const meetingId = `${cycleId}-${meeting.key}`;
    steps.push({
      at: Date.parse(meeting.confirmBy) - 4 * HOUR,
      what: 'meeting attendance',
      run: async () =>
        each(await invited('meeting_attendance', 'meeting_id', meetingId), (u) =>
          confirmMeetingAttendance(app, unit(u), meetingId, { attending: true, attendee: '分管负责同志' }),
        ),
    });
    steps.push({
      at: Date.parse(meeting.at) + 2 * HOUR,
      what: 'meeting minutes',
      run: () =>
        recordMeetingMinutes(app, office(), meetingId, {
          minutes: `${meeting.title}听取了督办工作情况通报，研究部署下一阶段工作。`,
          resolutions: [],
        }),
    });
  }
  for (const round of calendar.inspections ?? []) {
    const roundId = `${cycleId}-${round.key}`;
    steps.push({
      at: Date.parse(round.at) + 2 * HOUR,
      what: 'self-checks',
      run: async () =>
        each(await invited('inspection_units', 'round_id', roundId), (u) =>
          fileInspectionSelfCheck(app, unit(u), roundId, `${u}自查情况报告`),
        ),
    });
    steps.push({
      at: at(wd.addWorkingDays(cal, wd.localDate(new Date(round.at)), 1), 10),
      what: 'findings closed',
      run: () => closeInspectionFindings(app, office(), roundId),
    });
  }
  steps.sort((a, b) => a.at - b.at);
  let lastReport = performance.now();
  for (const [k, step] of steps.entries()) {
    deps.checkInterrupted();
    await skipTo(step.at);
    await step.run();
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      say(
        `   ${seconds(performance.now() - t0)} s: ${new Date(step.at).toISOString().slice(0, 10)} ${step.what} (${k + 1}/${steps.length})`,
      );
    }
  }

  // ---- the year end: the assessment published, its cases decided, the annual report --------------------------------
  const lastBulletin = calendar.bulletins[calendar.bulletins.length - 1]!;
  await skipTo(Math.max(Date.parse(calendar.cutOffAt ?? lastBulletin.at), Date.parse(lastBulletin.at)) + HOUR);
  await until(handle, (s) => s.assessmentId !== null, 'the assessment');
  await publishCycleAssessment(app, office(), cycleId);
  const { rows: low } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assessment_scores s JOIN assessments a ON a.id = s.assessment_id
     WHERE a.cycle_id = $1 AND a.state = 'PUBLISHED' AND s.final_score < $2`,
    [cycleId, c.defaultCycleSettings(Y).assessmentThreshold],
  );
  const withCases = await until(
    handle,
    (s) => s.cases.filter((id) => id.startsWith('score-')).length >= low[0]!.n,
    'the low-score cases',
  );
  for (const caseId of withCases.cases.filter((id) => id.startsWith('score-'))) {
    const unitId = caseId.slice(`score-${cycleId}-`.length);
    await client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(caseRecorded);
    await submitCaseStatement(app, unit(unitId), caseId, { text: '年度考核得分偏低，已制定整改措施' });
    await decideCase(app, office(), caseId, { measure: 'ADMONISH', basis: '年度考核得分低于60分' });
  }
  const closed = await until(handle, (s) => s.phase === 'CLOSED' && s.annualReportId !== null, 'the annual report');
  const wallMs = performance.now() - t0;
  const serverDays = Math.round((await ts.now()) - serverStart) / 86_400_000;
  say(`   annual report ${closed.annualReportId} after ${seconds(wallMs)} s (${Math.round(serverDays)} days skipped)`);

  // ---- every workflow's history, each run of it ----------------------------------------------------------------
  const { rows: ids } = await db.query<{ id: string }>(
    `SELECT workflow_id AS id FROM cycles WHERE id = $1
     UNION ALL SELECT workflow_id FROM tasks WHERE cycle_id = $1
     UNION ALL SELECT workflow_id FROM meetings WHERE cycle_id = $1
     UNION ALL SELECT workflow_id FROM inspection_rounds WHERE cycle_id = $1
     UNION ALL SELECT 'case:' || id FROM accountability_cases WHERE cycle_id = $1`,
    [cycleId],
  );
  const t1 = performance.now();
  const lengths = await inParallel(ids.length, 10, async (i) => {
    const runs: number[] = [];
    let runId: string | undefined;
    do {
      const history = await client.workflow.getHandle(ids[i]!.id, runId).fetchHistory();
      const events: HistoryEvent[] = history.events ?? [];
      runs.push(events.length);
      runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    } while (runId);
    return { id: ids[i]!.id, runs };
  });
  const largest = lengths.reduce((a, b) => (Math.max(...b.runs) > Math.max(...a.runs) ? b : a));
  const kinds = new Map<string, number>();
  for (const l of lengths) {
    const kind = l.id.slice(0, l.id.indexOf(':'));
    kinds.set(kind, Math.max(kinds.get(kind) ?? 0, ...l.runs));
  }
  const cycleRuns = lengths.find((l) => l.id === handle.workflowId)!.runs.reverse();
  say(
    `   largest history ${Math.max(...largest.runs)} events (${largest.id}); ${ids.length} workflows read in ` +
      `${seconds(performance.now() - t1)} s`,
  );
  const { rows: counts } = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM tasks WHERE cycle_id = $1 AND state = 'ACCEPTED')::int AS accepted,
       (SELECT count(*) FROM tasks WHERE cycle_id = $1 AND rung >= 1)::int AS "escalatedL1",
       (SELECT count(*) FROM tasks WHERE cycle_id = $1 AND rung >= 2)::int AS "escalatedL2",
       (SELECT count(*) FROM tasks WHERE cycle_id = $1 AND rung >= 3)::int AS "escalatedL3",
       (SELECT count(*) FROM accountability_cases WHERE cycle_id = $1)::int AS cases,
       (SELECT count(*) FROM bulletins WHERE cycle_id = $1)::int AS bulletins,
       (SELECT count(*) FROM notifications n JOIN tasks t ON t.workflow_id = n.workflow_id
        WHERE t.cycle_id = $1)::int AS "taskNotifications"`,
    [cycleId],
  );
  return {
    server: 'time-skipping test server',
    cycleId,
    units: unitRows.length,
    tasks: n,
    humanSteps: steps.length,
    wallSeconds: seconds(wallMs),
    decompositionSeconds: seconds(decomposedMs),
    serverDaysSkipped: Math.round(serverDays),
    workflows: ids.length,
    maxHistoryEvents: Math.max(...largest.runs),
    maxHistoryWorkflow: largest.id,
    maxHistoryByKind: Object.fromEntries(kinds),
    cycleRunHistories: cycleRuns,
    ...counts[0],
    workerPid: worker.pid,
  };
}
