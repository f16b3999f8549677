/**
 * `npm run bench`: how long the dev server takes to decompose an annual plan of BENCH_TASKS (2,000) tasks into
 * supervised-task workflows, beside how long the same server takes to run as many bare workflows, in one run; and
 * the other figures of issue 17 beside them (README "Benchmarks"): `npm start` to healthy, actions under a load of
 * concurrent callers against bare Updates, reading a 20,000-task cycle, an escalation burst against bare timers (on
 * the time-skipping server) and the worker with 10,000 open tasks.
 *
 * Everything is its own: a Temporal dev server from the project's CLI (SQLite in a temporary folder, free ports),
 * an embedded PostgreSQL in the same folder (or a fresh database on DATABASE_URL's server, dropped afterwards),
 * and a worker with Heli's workflows and activities plus `benchBareWorkflow`. All of it is stopped at the end, on
 * failure and on Ctrl-C. Progress goes to stderr; the table and the JSON result go to stdout, and the JSON also
 * to bench/results/latest.json (with an SVG chart beside it).
 *
 * Environment: BENCH_TASKS (2000), BENCH_CONCURRENCY (50 starts in flight), BENCH_YEAR (this year),
 * BENCH_DECOMPOSE_BATCH / BENCH_CHILDREN_PER_RUN (the cycle's defaults), BENCH_TIMEOUT_SECONDS (1800 per phase),
 * BENCH_START (1), BENCH_LOAD_CALLERS (50), BENCH_LOAD_SECONDS (60), BENCH_READ_TASKS (20000), BENCH_READ_SAMPLES
 * (100), BENCH_BURST_TASKS (2000), BENCH_OPEN_TASKS (10000), BENCH_VERBOSE=1 (server logs), DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { tsToMs } from '@temporalio/common/lib/time';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Client as PgClient, type Pool } from 'pg';
import { planContext, planTasks } from '../api/use-cases/cycle-plan';
import { fromProject } from '../config/paths';
import { findFreePort } from '../config/processes';
import { temporalCliPath } from '../config/temporal-binaries';
import { loadTaskPolicies } from '../config/task-policy';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { migrate } from '../db/migrate';
import { validatePlan, type Plan } from '../db/plan-file';
import { createPool } from '../db/pool';
import { loadShippedCalendars } from '../db/queries/calendar';
import { storePlan } from '../db/queries/cycles';
import { loadOrganisationFile } from '../db/queries/load-organisation';
import { startDevServer } from '../worker/temporal-dev-server';
import { benchActions } from './actions';
import { benchBurst } from './escalation';
import { writeChart } from './chart';
import { benchLoad, startApiProcess } from './load';
import { benchReads } from './read-scale';
import { benchRestart } from './restart';
import { benchYear } from './year';
import * as c from '../procedures/cycle/messages';
import { taskWorkflowId, type Actor, type TaskInput } from '../procedures/task/messages';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const ORG_ID = 'district';
const NAMESPACE = 'default';
const TASK_QUEUE = 'heli-bench';

function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}=${raw}: expected an integer ≥ ${min}`);
  return n;
}

/** The phases of a run, in order; BENCH_ONLY=<phase>,<phase> runs only those (and what they need). */
const PHASES = ['start', 'bare', 'decomposition', 'actions', 'load', 'reads', 'burst', 'open-tasks', 'year'] as const;
type Phase = (typeof PHASES)[number];

function phasesChosen(): Set<Phase> | undefined {
  const raw = process.env.BENCH_ONLY;
  if (raw === undefined || raw.trim() === '') return undefined;
  const names = raw.split(',').map((p) => p.trim());
  const unknown = names.filter((p) => !(PHASES as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY=${raw}: unknown ${unknown.join(', ')}; phases: ${PHASES.join(', ')}`);
  return new Set(names as Phase[]);
}

/**
 * The year in fast-forward's target (no bare yardstick): five minutes for a year of 1,100 tasks on skipped time, a
 * ceiling for the phase alone; the whole run's 15 minutes on two cores bind tighter (README "Benchmarks").
 */
const YEAR_WALL_TARGET_S = 300;

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const seconds = (ms: number) => Math.round(ms) / 1000;
const perSecond = (n: number, ms: number) => Math.round((n / (ms / 1000)) * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- stopping everything we started ---------------------------------------------------------------------------

const stops: { what: string; stop: () => Promise<void> }[] = [];
let stopping: Promise<void> | undefined;
let interrupted = false;

/** Stops what was started, newest first; each step is bounded so a stuck one cannot hold the others. */
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const { what, stop } of stops.reverse().splice(0)) {
      if (process.env.BENCH_VERBOSE) say(`stopping ${what}`);
      const timeout = sleep(60_000).then(() => say(`gave up waiting for ${what} to stop`));
      await Promise.race([stop().catch((err: unknown) => say(`stopping ${what}: ${(err as Error).message}`)), timeout]);
    }
  })();
  return stopping;
}

function checkInterrupted(): void {
  if (interrupted) throw new Error('interrupted');
}

// ---- memory and CPU ---------------------------------------------------------------------------------------------

/** Resident set size of a process from /proc, in bytes (undefined when it cannot be read). */
function procRss(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** Fields of /proc/<pid>/stat after the command name: [state, ppid, …]; undefined when the process is gone. */
function procStat(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU time of a process in ms; with `reaped`, also of its children that have exited (PostgreSQL's backends). */
function procCpuMs(pid: number, reaped = false): number | undefined {
  const f = procStat(pid);
  if (!f) return undefined;
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(f[i]));
  return ((utime ?? 0) + (stime ?? 0) + (reaped ? (cutime ?? 0) + (cstime ?? 0) : 0)) * CLOCK_TICK_MS;
}

/** CPU time of a PostgreSQL server: the postmaster, its backends alive now, and those already gone. */
function postgresCpuMs(postmaster: number): number | undefined {
  let total = procCpuMs(postmaster, true);
  if (total === undefined) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (procStat(entry)?.[1] === String(postmaster)) total += procCpuMs(Number(entry)) ?? 0;
  }
  return total;
}

interface PhaseUsage {
  seconds: number;
  workerRssPeakMB: number;
  temporalRssPeakMB: number | null;
  /** CPU seconds used in the phase; 2 cores give at most 2 × `seconds`. */
  cpuSeconds: { worker: number; bench: number; temporal: number | null; postgres: number | null };
  /** This process: the client that drives the run and, for the actions, Heli's API. */
  benchRssPeakMB: number;
}

/**
 * Meters each phase of the run: RSS peaks of the worker process, of this process (the client driving the run and,
 * for the actions, the API) and of the dev server, sampled every 100 ms, and the CPU time each used.
 */
class Meter {
  private timer: NodeJS.Timeout | undefined;
  readonly phases: Record<string, PhaseUsage> = {};
  private phase: string | undefined;
  private mark = { at: 0, worker: 0, bench: 0, temporal: 0 as number | undefined, postgres: 0 as number | undefined };
  temporalPid: number | undefined;
  postmasterPid: number | undefined;
  workerPid: number | undefined;

  start(intervalMs = 100): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  private cpu() {
    const { user, system } = process.cpuUsage();
    return {
      at: performance.now(),
      worker: this.workerPid ? (procCpuMs(this.workerPid) ?? 0) : 0,
      bench: (user + system) / 1_000,
      temporal: this.temporalPid ? procCpuMs(this.temporalPid) : undefined,
      postgres: this.postmasterPid ? postgresCpuMs(this.postmasterPid) : undefined,
    };
  }

  /** Closes the current phase (if any) and opens `phase` (none: the end). */
  enter(phase?: string): void {
    this.sample();
    const now = this.cpu();
    const current = this.phase && this.phases[this.phase];
    if (current) {
      const delta = (a: number | undefined, b: number | undefined) =>
        a === undefined || b === undefined ? null : seconds(a - b);
      current.seconds = seconds(now.at - this.mark.at);
      current.cpuSeconds = {
        worker: seconds(now.worker - this.mark.worker),
        bench: seconds(now.bench - this.mark.bench),
        temporal: delta(now.temporal, this.mark.temporal),
        postgres: delta(now.postgres, this.mark.postgres),
      };
    }
    this.mark = now;
    this.phase = phase;
    if (phase) {
      this.phases[phase] = {
        seconds: 0,
        workerRssPeakMB: 0,
        temporalRssPeakMB: null,
        cpuSeconds: { worker: 0, bench: 0, temporal: null, postgres: null },
        benchRssPeakMB: 0,
      };
    }
    this.sample();
  }

  sample(): void {
    const usage = this.phase ? this.phases[this.phase] : undefined;
    if (!usage) return;
    const worker = this.workerPid ? procRss(this.workerPid, 'VmRSS') : undefined;
    if (worker !== undefined) usage.workerRssPeakMB = Math.max(usage.workerRssPeakMB, mb(worker));
    usage.benchRssPeakMB = Math.max(usage.benchRssPeakMB, mb(process.memoryUsage().rss));
    const server = this.temporalPid ? procRss(this.temporalPid, 'VmRSS') : undefined;
    if (server !== undefined) usage.temporalRssPeakMB = Math.max(usage.temporalRssPeakMB ?? 0, mb(server));
  }

  stop(): void {
    this.enter();
    clearInterval(this.timer);
  }
}

// ---- helpers --------------------------------------------------------------------------------------------------

/** Runs `fn(0..n-1)` with at most `concurrency` calls in flight. */
async function inParallel<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      checkInterrupted();
      const i = next++;
      out[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return out;
}

const actor = (personId: string, roles: string[], unitId: string, requestId: string): Actor => ({
  personId,
  roles,
  unitId,
  credentialId: 'bench',
  requestId,
});
const OFFICE = actor('p-huang-min', ['OFFICE'], 'office', 'bench-office');
const GROUP = actor('p-li-jianguo', ['LEADER', 'GROUP'], 'group', 'bench-group');

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A plan of `n` ROUTINE tasks in goals of 100, led in turn by the 22 departments and towns (each under its
 * responsible leader), every third one with a co-organising unit, due dates spread evenly over `spanDays` from
 * `firstDue` (by default the twelve months from a week after today, so that no task starts already overdue: a plan
 * approved in January looks like this).
 */
function generatePlan(
  year: number,
  n: number,
  units: { id: string; leaderId: string }[],
  firstDue = isoDate(Date.now() + 7 * 86_400_000),
  spanDays = 358,
): Plan {
  const perGoal = Math.max(100, Math.ceil(n / 200));
  const first = Date.parse(`${firstDue}T00:00:00Z`);
  const goals: Plan['goals'] = [];
  for (let g = 0; g * perGoal < n; g++) {
    const tasks: Plan['goals'][number]['tasks'] = [];
    for (let i = g * perGoal; i < Math.min(n, (g + 1) * perGoal); i++) {
      const lead = units[i % units.length]!;
      const co = units[(i + 7) % units.length]!;
      tasks.push({
        key: `t${String(i + 1).padStart(4, '0')}`,
        title: `基准测试任务${i + 1}：落实${year}年度重点工作第${g + 1}项`,
        type: 'ROUTINE',
        leadUnit: lead.id,
        coUnits: i % 3 === 0 && co.id !== lead.id ? [co.id] : [],
        leader: lead.leaderId,
        requirements: '按照年度工作计划要求，制定具体措施，明确责任人和完成时限，按期报送进展情况。',
        standard: '措施落实到位，材料齐全，经组织协调室验收合格。',
        dueDate: isoDate(first + Math.floor((i * spanDays) / n) * 86_400_000),
      });
    }
    goals.push({
      id: `g${String(g + 1).padStart(3, '0')}`,
      title: `${year}年度重点工作目标${g + 1}`,
      priority: (g % 5) + 1,
      tasks,
    });
  }
  return { year, goals };
}

// ---- the stack ------------------------------------------------------------------------------------------------

interface Stack {
  db: Pool;
  databaseUrl: string;
  temporalAddress: string;
  client: Client;
  temporalCli: string;
  taskQueue: string;
}

async function openDatabase(dir: string): Promise<{ url: string; where: string; postmasterPid?: number }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    // A fresh database on that server, dropped at the end: the benchmark never writes into a real one.
    const name = `heli_bench_${randomBytes(5).toString('hex')}`;
    const admin = new PgClient({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    stops.push({
      what: `database ${name}`,
      stop: async () => {
        const again = new PgClient({ connectionString: serverUrl });
        await again.connect();
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.end();
      },
    });
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return { url: url.toString(), where: `database ${name} on DATABASE_URL's server` };
  }
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'postgres'),
    port: await findFreePort(),
    onLog: process.env.BENCH_VERBOSE ? (line) => say(`postgres: ${line}`) : () => undefined,
  });
  stops.push({ what: 'PostgreSQL', stop: pg.stop });
  const postmasterPid = Number(readFileSync(path.join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { url: pg.url, where: `embedded PostgreSQL in ${pg.dataDir}`, postmasterPid };
}

async function startStack(meter: Meter): Promise<Stack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'heli-bench-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach its cluster inside
  stops.push({ what: `the folder ${dir}`, stop: async () => rmSync(dir, { recursive: true, force: true }) });

  const database = await openDatabase(dir);
  meter.postmasterPid = database.postmasterPid;
  // Clients the pool has just ended may still hear the server's own shutdown: only earlier failures matter.
  const db = createPool(database.url, (err) => stopping ?? say(`idle database client failed: ${err.message}`));
  stops.push({ what: 'the database pool', stop: () => db.end() });
  await migrate(db);
  await loadOrganisationFile(db, fromProject('examples/organisation.yaml'), 'system:bench');
  await loadShippedCalendars(db);
  say(`database ready (${database.where}), organisation and calendars loaded`);
  checkInterrupted();

  const temporalCli = temporalCliPath();
  const temporalDir = path.join(dir, 'temporal');
  const dev = await startDevServer({
    cliPath: temporalCli,
    dataDir: temporalDir,
    port: await findFreePort(),
    uiPort: await findFreePort(),
    namespace: NAMESPACE,
    onLog: process.env.BENCH_VERBOSE ? (line) => say(`temporal: ${line}`) : () => undefined,
  });
  stops.push({ what: 'the Temporal dev server', stop: dev.stop });
  meter.temporalPid = Number(readFileSync(path.join(temporalDir, 'temporal.pid'), 'utf8'));
  say(`Temporal dev server at ${dev.address} (SQLite in ${temporalDir})`);
  checkInterrupted();

  const connection = await Connection.connect({ address: dev.address });
  stops.push({ what: 'the client connection', stop: () => connection.close() });
  const client = new Client({ connection, namespace: NAMESPACE });

  // The worker in a process of its own, as `heli worker` runs it, with the bench's prebuilt bundle.
  const workerProcess = spawn(process.execPath, [path.join(__dirname, 'worker-process.js')], {
    env: {
      ...process.env,
      BENCH_DATABASE_URL: database.url,
      BENCH_TEMPORAL_ADDRESS: dev.address,
      BENCH_TASK_QUEUE: TASK_QUEUE,
      BENCH_WORKFLOW_BUNDLE: fromProject('dist/bench-workflow-bundle.js'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => workerProcess.once('exit', () => resolve()));
  stops.push({
    what: 'the worker',
    stop: async () => {
      workerProcess.kill('SIGTERM');
      await exited;
    },
  });
  await new Promise<void>((resolve, reject) => {
    workerProcess.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    workerProcess.once('exit', (code) => reject(new Error(`the worker process exited (${code}) before it was ready`)));
  });
  meter.workerPid = workerProcess.pid;
  say('worker running');
  return { db, databaseUrl: database.url, temporalAddress: dev.address, client, temporalCli, taskQueue: TASK_QUEUE };
}

// ---- a) bare workflows ----------------------------------------------------------------------------------------

async function benchBare(stack: Stack, n: number, concurrency: number, label: string) {
  const t0 = performance.now();
  const handles = await inParallel(n, concurrency, (i) =>
    stack.client.workflow.start('benchBareWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: `bench-${label}-${i}`,
      args: [],
    }),
  );
  const startedMs = performance.now() - t0;
  await inParallel(n, concurrency, (i) => handles[i]!.result());
  const wallMs = performance.now() - t0;
  return {
    workflows: n,
    wallSeconds: seconds(wallMs),
    startSeconds: seconds(startedMs),
    startsPerSecond: perSecond(n, startedMs),
    completedPerSecond: perSecond(n, wallMs),
  };
}

// ---- b) decomposition -----------------------------------------------------------------------------------------

interface RunStats {
  runId: string;
  historyLength: number;
  historySizeKB: number | null;
  childrenStarted: number;
  activities: number;
  seconds: number;
  /** Seconds from one batch's `loadPlanBatch` to the next one's (how long a batch of children took). */
  batchSeconds: { mean: number | null; max: number | null };
  endedBy: string;
}

function batchIntervals(events: HistoryEvent[]): RunStats['batchSeconds'] {
  const at = events
    .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'loadPlanBatch')
    .map((e) => tsToMs(e.eventTime));
  const gaps = at.slice(1).map((t, i) => t - at[i]!);
  if (gaps.length === 0) return { mean: null, max: null };
  return { mean: seconds(gaps.reduce((a, b) => a + b, 0) / gaps.length), max: seconds(Math.max(...gaps)) };
}

/** Follows the cycle's chain of runs from its first through each continue-as-new, with each run's history. */
async function cycleRuns(client: Client, workflowId: string, firstRunId: string): Promise<RunStats[]> {
  const runs: RunStats[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const handle: WorkflowHandle = client.workflow.getHandle(workflowId, runId);
    const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
    const events: HistoryEvent[] = history.events ?? [];
    const last: HistoryEvent | undefined = events[events.length - 1];
    const next: string | undefined =
      last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    runs.push({
      runId,
      historyLength: events.length,
      historySizeKB: description.historySize ? Math.round(description.historySize / 102.4) / 10 : null,
      childrenStarted: events.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes).length,
      activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
      seconds: seconds(tsToMs(last?.eventTime) - tsToMs(events[0]?.eventTime)),
      batchSeconds: batchIntervals(events),
      endedBy: next ? 'continue-as-new' : description.status.name,
    });
    if (process.env.BENCH_DUMP_HISTORY) {
      writeFileSync(fromProject(`bench/results/cycle-run-${runs.length}.json`), JSON.stringify(history, null, 1));
    }
    runId = next;
  }
  return runs;
}

async function describeStuck(client: Client, workflowId: string): Promise<string> {
  try {
    const d = await client.workflow.getHandle(workflowId).describe();
    const raw = d.raw;
    const activities = (raw.pendingActivities ?? []).map(
      (a) => `${a.activityType?.name} attempt ${a.attempt}: ${a.lastFailure?.message ?? 'no failure'}`,
    );
    return [
      `run ${d.runId}: ${d.status.name}, history ${d.historyLength} events`,
      `pending children: ${raw.pendingChildren?.length ?? 0}`,
      `pending activities: ${activities.length ? activities.join('; ') : 'none'}`,
      `pending workflow task: ${raw.pendingWorkflowTask ? `attempt ${raw.pendingWorkflowTask.attempt}` : 'none'}`,
    ].join('\n  ');
  } catch (err) {
    return `describe failed: ${(err as Error).message}`;
  }
}

async function benchDecompose(stack: Stack, n: number, year: number, timeoutMs: number, meter: Meter) {
  const { db, client } = stack;
  meter.enter('decomposition-setup');
  const policies = loadTaskPolicies(fromProject('config/task-policies.yaml'));
  const cycleId = `bench-${year}`;
  const workflowId = c.cycleWorkflowId(cycleId);
  const defaults = c.defaultCycleSettings(year);
  const settings: c.CycleSettings = {
    ...defaults,
    planDueDate: `${year}-12-31`,
    decomposeBatch: intEnv('BENCH_DECOMPOSE_BATCH', defaults.decomposeBatch),
    childrenPerRun: intEnv('BENCH_CHILDREN_PER_RUN', defaults.childrenPerRun),
  };
  const input: c.CycleInput = { cycleId, orgId: ORG_ID, year, settings, openedBy: OFFICE };

  // Open the cycle as the API does (api/use-cases/cycles.ts startCycle): answered once it is in the read model.
  let t = performance.now();
  const start = new WithStartWorkflowOperation('annualCycle', {
    taskQueue: TASK_QUEUE,
    workflowId,
    args: [input],
    workflowIdConflictPolicy: 'FAIL',
  });
  await client.workflow.executeUpdateWithStart(c.cycleRecorded, { startWorkflowOperation: start });
  const cycle: WorkflowHandle = await start.workflowHandle();
  const firstRunId = (await cycle.describe()).runId;
  const openSeconds = seconds(performance.now() - t);

  // The plan, validated, turned into task inputs and stored as the API's plan upload does.
  t = performance.now();
  const { rows: units } = await db.query<{ id: string; leaderId: string }>({
    text: `SELECT id, leader_id AS "leaderId" FROM units
           WHERE org_id = $1 AND active AND kind IN ('DEPARTMENT', 'TOWN') ORDER BY kind, id`,
    values: [ORG_ID],
  });
  const plan = generatePlan(year, n, units);
  const checked = n <= 2_000 ? validatePlan(plan, await planContext(db, ORG_ID, year, policies)) : plan;
  if (n > 2_000) say(`BENCH_TASKS=${n} exceeds a plan's 2,000 tasks: the plan is stored without validation`);
  const tasks = planTasks(cycleId, ORG_ID, checked, policies);
  const version = await storePlan(db, { cycleId, plan: checked, tasks, submittedBy: OFFICE.personId });
  await cycle.executeUpdate(c.planSubmitted, { args: [{ actor: OFFICE, version, taskCount: tasks.length }] });
  const planSeconds = seconds(performance.now() - t);
  say(`cycle ${cycleId} open; plan v${version} of ${tasks.length} tasks across ${units.length} units submitted`);
  checkInterrupted();

  meter.enter('decomposition');
  const t0 = performance.now();
  await cycle.executeUpdate(c.approvePlan, { args: [{ actor: GROUP, version, comment: '基准测试' }] });
  const approvedMs = performance.now() - t0;

  let recorded = 0;
  let status: c.CycleStatus | undefined;
  let firstTaskMs: number | undefined;
  let allStartedMs: number | undefined;
  let allRecordedMs: number | undefined;
  let runningMs: number | undefined;
  let lastQuery = 0;
  let lastReport = 0;
  while (allRecordedMs === undefined || runningMs === undefined) {
    checkInterrupted();
    const elapsed = performance.now() - t0;
    if (elapsed > timeoutMs) {
      throw new Error(
        `decomposition not done after ${seconds(timeoutMs)} s: ${recorded}/${n} tasks in the read model, ` +
          `cycle ${status?.phase ?? '?'} with ${status?.tasksStarted ?? '?'} started\n  ${await describeStuck(client, workflowId)}`,
      );
    }
    const { rows } = await db.query<{ n: number }>({
      text: 'SELECT count(*)::int AS n FROM tasks WHERE cycle_id = $1',
      values: [cycleId],
    });
    recorded = rows[0]!.n;
    if (recorded > 0) firstTaskMs ??= elapsed;
    if (recorded >= n) allRecordedMs ??= elapsed;
    // The query is answered by the worker: asked once a second, and at once when the read model is complete.
    if (elapsed - lastQuery >= 1_000 || (allRecordedMs !== undefined && runningMs === undefined)) {
      lastQuery = elapsed;
      status = await client.workflow.getHandle(workflowId).query(c.getCycleStatus);
      if (status.tasksStarted >= n) allStartedMs ??= elapsed;
      if (status.phase === 'RUNNING') runningMs ??= elapsed;
    }
    if (elapsed - lastReport >= 5_000) {
      lastReport = elapsed;
      say(
        `  ${seconds(elapsed).toFixed(1)} s: ${recorded}/${n} tasks recorded, ${status?.tasksStarted ?? 0} started, ` +
          `cycle ${status?.phase ?? '?'}, worker RSS ${mb(process.memoryUsage().rss)} MB`,
      );
    }
    await sleep(250);
  }
  const wallMs = Math.max(allRecordedMs, runningMs);
  meter.enter('after');

  const runs = await cycleRuns(client, workflowId, firstRunId);
  let listed = 0;
  for await (const _ of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) listed += 1;
  return {
    cycleId,
    tasks: n,
    units: units.length,
    settings: { decomposeBatch: settings.decomposeBatch, childrenPerRun: settings.childrenPerRun },
    openCycleSeconds: openSeconds,
    storeAndSubmitPlanSeconds: planSeconds,
    approveUpdateSeconds: seconds(approvedMs),
    firstTaskRecordedSeconds: firstTaskMs === undefined ? null : seconds(firstTaskMs),
    allChildrenStartedSeconds: allStartedMs === undefined ? null : seconds(allStartedMs),
    allTasksRecordedSeconds: seconds(allRecordedMs),
    phaseRunningSeconds: seconds(runningMs),
    wallSeconds: seconds(wallMs),
    tasksPerSecond: perSecond(n, wallMs),
    cycleRuns: runs.length,
    continueAsNew: runs.length - 1,
    runsListedByVisibility: listed,
    maxHistoryLength: Math.max(...runs.map((r) => r.historyLength)),
    maxHistorySizeKB: Math.max(...runs.map((r) => r.historySizeKB ?? 0)) || null,
    runs,
  };
}

// ---- c) (BENCH_DIRECT=1) the same tasks started by the client, without the cycle ----------------------------

/**
 * The plan's tasks (under another cycle id) started as workflows by the client, `concurrency` starts in flight, until
 * all are in the read model: the per-task work of (b) without the cycle starting them as children, one batch at a
 * time. The gap between (b) and (c) is what the cycle's orchestration costs.
 */
async function benchDirect(
  stack: Stack,
  n: number,
  year: number,
  concurrency: number,
  timeoutMs: number,
  cycleId = `bench-direct-${year}`,
) {
  const { db, client } = stack;
  const policies = loadTaskPolicies(fromProject('config/task-policies.yaml'));
  const { rows: units } = await db.query<{ id: string; leaderId: string }>({
    text: `SELECT id, leader_id AS "leaderId" FROM units
           WHERE org_id = $1 AND active AND kind IN ('DEPARTMENT', 'TOWN') ORDER BY kind, id`,
    values: [ORG_ID],
  });
  const tasks = planTasks(cycleId, ORG_ID, generatePlan(year, n, units), policies);
  const assignedAt = new Date().toISOString();
  const t0 = performance.now();
  await inParallel(n, concurrency, (i) => {
    const input: TaskInput = { ...tasks[i]!.input, assignedAt, createdBy: GROUP.personId, actor: GROUP };
    return client.workflow.start('supervisedTask', {
      taskQueue: TASK_QUEUE,
      workflowId: taskWorkflowId(input.taskId),
      args: [input],
    });
  });
  const startedMs = performance.now() - t0;
  for (;;) {
    checkInterrupted();
    const elapsed = performance.now() - t0;
    const { rows } = await db.query<{ n: number }>({
      text: 'SELECT count(*)::int AS n FROM tasks WHERE cycle_id = $1',
      values: [cycleId],
    });
    if (rows[0]!.n >= n) {
      return {
        tasks: n,
        wallSeconds: seconds(elapsed),
        startSeconds: seconds(startedMs),
        startsPerSecond: perSecond(n, startedMs),
        tasksPerSecond: perSecond(n, elapsed),
      };
    }
    if (elapsed > timeoutMs)
      throw new Error(`direct starts: ${rows[0]!.n}/${n} tasks recorded after ${seconds(elapsed)} s`);
    await sleep(250);
  }
}

// ---- the report -----------------------------------------------------------------------------------------------

/**
 * One figure of `bench/results/latest.json`: a ratio (or MB, ms, s) and its target, a ceiling unless `bound` is
 * 'min' (then the figure must reach it: `actions_throughput_ratio`, recorded as `"bound": "min"`).
 */
const figure = (name: string, value: number, target: number, bound: 'max' | 'min' = 'max') => {
  const rounded = Math.round(value * 100) / 100;
  return {
    name,
    value: rounded,
    target,
    met: bound === 'min' ? rounded >= target : rounded <= target,
    ...(bound === 'min' ? { bound } : {}),
  };
};

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows
    .map((r, k) => {
      const line = r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
      return k === 0 ? `${line}\n${'-'.repeat(line.length)}` : line;
    })
    .join('\n');
}

async function main(): Promise<void> {
  const n = intEnv('BENCH_TASKS', 2_000);
  const concurrency = intEnv('BENCH_CONCURRENCY', 50);
  const year = intEnv('BENCH_YEAR', new Date().getUTCFullYear(), 2000);
  const timeoutMs = intEnv('BENCH_TIMEOUT_SECONDS', 1_800) * 1_000;

  Runtime.install({
    logger: new DefaultLogger('WARN', (e) => say(`${e.level} ${e.message}`)),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
    // This script stops the worker itself, before the servers; the SDK must not act on Ctrl-C on its own.
    shutdownSignals: [],
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    say(`${signal}: stopping everything started`);
    void stopAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A call the SDK retries after its connection was closed (the time-skipping phases close theirs on failure) throws
  // from a timer: that one is not the run's failure.
  process.on('uncaughtException', (err) => {
    if (err.message !== 'Channel has been shut down') throw err;
    say('a gRPC retry on a closed connection was dropped');
  });

  mkdirSync(fromProject('bench/results'), { recursive: true });
  const meter = new Meter();
  meter.start();
  const began = new Date();
  const loadAtStart = Math.round(os.loadavg()[0]! * 100) / 100;
  const only = phasesChosen();
  const wanted = (phase: Phase) => only === undefined || only.has(phase);
  // The phases that act on the decomposed cycle need it: the decomposition runs for them too.
  const decompose = (['decomposition', 'actions', 'load', 'reads', 'open-tasks'] as const).some(wanted);
  if (only)
    say(
      `BENCH_ONLY: ${[...only].join(', ')}${decompose && !wanted('decomposition') ? ' (and the decomposition they act on)' : ''}`,
    );
  let restart: Awaited<ReturnType<typeof benchRestart>> | undefined;
  if (wanted('start') && intEnv('BENCH_START', 1, 0)) {
    say('0) `npm start` to a healthy /healthz: a fresh start, then a restart on the unchanged tree');
    restart = await benchRestart(say);
    checkInterrupted();
  }
  const stack = await startStack(meter);

  let bare: Awaited<ReturnType<typeof benchBare>> | undefined;
  if (wanted('bare') || decompose) {
    meter.enter('warm-up');
    await benchBare(stack, Math.min(20, n), concurrency, 'warm-up');
  }
  if (wanted('bare')) {
    meter.enter('bare');
    say(`a) ${n} bare workflows, ${concurrency} starts in flight`);
    bare = await benchBare(stack, n, concurrency, 'bare');
    say(`   done in ${bare.wallSeconds} s`);
    checkInterrupted();
  }

  let decomposition: Awaited<ReturnType<typeof benchDecompose>> | undefined;
  if (decompose) {
    say(`b) decomposing a plan of ${n} tasks`);
    decomposition = await benchDecompose(stack, n, year, timeoutMs, meter);
    say(`   done in ${decomposition.wallSeconds} s`);
  }
  let direct: Awaited<ReturnType<typeof benchDirect>> | undefined;
  if (process.env.BENCH_DIRECT && decomposition) {
    meter.enter('direct');
    say(`c) the same ${n} tasks started directly by the client, ${concurrency} starts in flight`);
    direct = await benchDirect(stack, n, year, concurrency, timeoutMs);
    say(`   done in ${direct.wallSeconds} s`);
  }
  let actions: Awaited<ReturnType<typeof benchActions>> | undefined;
  if (wanted('actions') && decomposition) {
    meter.enter('actions');
    const samples = intEnv('BENCH_ACTIONS', 300);
    say(`d) ${samples} progress reports through the API, each beside a bare Update`);
    actions = await benchActions(stack, samples, say);
    say(
      `   Heli p50 ${actions.heli.p50} ms p99 ${actions.heli.p99} ms; bare p50 ${actions.bare.p50} ms p99 ${actions.bare.p99} ms`,
    );
  }
  // The kernel's high-water mark of the worker process's resident memory over its phases (a–d).
  const workerPeak = meter.workerPid ? procRss(meter.workerPid, 'VmHWM') : undefined;
  checkInterrupted();

  // e) the action load, against the API in a process of its own (which the reads use too).
  let apiProcess: Awaited<ReturnType<typeof startApiProcess>> | undefined;
  if ((wanted('load') || wanted('reads')) && decomposition) {
    apiProcess = await startApiProcess({
      BENCH_DATABASE_URL: stack.databaseUrl,
      BENCH_TEMPORAL_ADDRESS: stack.temporalAddress,
      BENCH_TASK_QUEUE: stack.taskQueue,
    });
    stops.push({ what: 'the API process', stop: apiProcess.stop });
  }
  let load: Awaited<ReturnType<typeof benchLoad>> | undefined;
  if (wanted('load') && decomposition && apiProcess) {
    const callers = intEnv('BENCH_LOAD_CALLERS', 50);
    const loadSeconds = intEnv('BENCH_LOAD_SECONDS', 60);
    meter.enter('load');
    say(`e) ${callers} callers for ${loadSeconds} s: progress reports through the API process, then bare Updates`);
    load = await benchLoad(
      stack,
      apiProcess,
      { callers, durationMs: loadSeconds * 1_000, cycleId: decomposition.cycleId },
      say,
    );
    checkInterrupted();
  }

  // f) reading at scale.
  let reads: Awaited<ReturnType<typeof benchReads>> | undefined;
  if (wanted('reads') && decomposition && apiProcess) {
    meter.enter('reads');
    const readTotal = intEnv('BENCH_READ_TASKS', 20_000);
    say(`f) reading at scale: ${readTotal} tasks in the cycle, the task list, a unit's inbox and the cycle board`);
    reads = await benchReads(
      stack,
      apiProcess.port,
      { cycleId: decomposition.cycleId, total: readTotal, samples: intEnv('BENCH_READ_SAMPLES', 100), year },
      say,
    );
    say(`   p99 over HTTP ${reads.http.p99} ms, in the database ${reads.db.p99} ms`);
    checkInterrupted();
  }

  const policies = loadTaskPolicies(fromProject('config/task-policies.yaml'));
  const { rows: units } = await stack.db.query<{ id: string; leaderId: string }>({
    text: `SELECT id, leader_id AS "leaderId" FROM units
           WHERE org_id = $1 AND active AND kind IN ('DEPARTMENT', 'TOWN') ORDER BY kind, id`,
    values: [ORG_ID],
  });

  // g) the escalation burst, on the time-skipping server with a worker of its own.
  const burstTasks = intEnv('BENCH_BURST_TASKS', 2_000, 0);
  let burst: Awaited<ReturnType<typeof benchBurst>> | undefined;
  if (wanted('burst') && burstTasks > 0) {
    meter.enter('burst');
    say(
      `g) escalation burst: ${burstTasks} deadlines lapsing at one instant vs as many bare timers (time-skipping server)`,
    );
    burst = await benchBurst(
      {
        db: stack.db,
        databaseUrl: stack.databaseUrl,
        bundlePath: fromProject('dist/bench-workflow-bundle.js'),
        onStop: (what, stop) => stops.push({ what, stop }),
        say,
        checkInterrupted,
        inParallel,
        taskInputs: (count, cycleId, dueDate, assignedAt) =>
          planTasks(cycleId, ORG_ID, generatePlan(year, count, units), policies).map((t) => ({
            ...t.input,
            limit: { kind: 'DATE', date: dueDate },
            cycleId: null,
            goalId: null,
            assignedAt,
            createdBy: GROUP.personId,
            actor: GROUP,
          })),
      },
      burstTasks,
      concurrency,
      timeoutMs,
    );
    checkInterrupted();
  }

  // h) the worker with BENCH_OPEN_TASKS open tasks: the decomposed ones plus tasks started by the client.
  const openTarget = intEnv('BENCH_OPEN_TASKS', 10_000, 0);
  let open: { tasks: number; started: Awaited<ReturnType<typeof benchDirect>> | null; workerRssMB: number } | undefined;
  if (wanted('open-tasks') && decomposition && openTarget > 0) {
    meter.enter('open-tasks');
    const more = Math.max(0, openTarget - n);
    say(`h) ${more} more tasks started by the client, ${openTarget} open in all; the worker's memory`);
    const started =
      more > 0 ? await benchDirect(stack, more, year, concurrency, timeoutMs, `bench-open-${year}`) : null;
    await sleep(5_000);
    meter.sample();
    const { rows } = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks WHERE state IN ('ASSIGNED', 'SIGNED', 'IN_PROGRESS', 'SUBMITTED')
       AND cycle_id IN ($1, $2) AND id NOT LIKE 'bench-read-%'`,
      [decomposition.cycleId, `bench-open-${year}`],
    );
    open = { tasks: rows[0]!.n, started, workerRssMB: meter.phases['open-tasks']!.workerRssPeakMB };
    say(`   ${open.tasks} open tasks; worker RSS peak in this phase ${open.workerRssMB} MB`);
    checkInterrupted();
  }

  // i) a year in fast-forward, on the time-skipping server with a worker of its own: the next year's cycle. 22 tasks a
  // unit (484): the most the time-skipping server carries to the annual report. With more, the cycle continues as new
  // with children open, and the test server stops skipping time once such a child completes (README, item 8).
  const yearUnitTasks = intEnv('BENCH_YEAR_UNIT_TASKS', 22, 0);
  let fastForward: Awaited<ReturnType<typeof benchYear>> | undefined;
  let yearFailure: string | undefined;
  if (wanted('year') && yearUnitTasks > 0) {
    meter.enter('year');
    say(
      `i) a year in fast-forward: ${units.length} units × ${yearUnitTasks} tasks, plan to annual report (time-skipping server)`,
    );
    try {
      fastForward = await benchYear(
        {
          db: stack.db,
          databaseUrl: stack.databaseUrl,
          bundlePath: fromProject('dist/bench-workflow-bundle.js'),
          policies,
          onStop: (what, stop) => stops.push({ what, stop }),
          say,
          checkInterrupted,
          inParallel,
          plan: (planYear, count, firstDue, spanDays) => generatePlan(planYear, count, units, firstDue, spanDays),
        },
        {
          year: year + 1,
          perUnit: yearUnitTasks,
          concurrency: intEnv('BENCH_YEAR_CONCURRENCY', 20),
          timeoutMs,
          childrenPerRun: intEnv('BENCH_YEAR_CHILDREN_PER_RUN', 0, 0) || undefined,
        },
      );
    } catch (err) {
      // The other phases' figures still count: the year's failure is reported, without figures.
      checkInterrupted();
      yearFailure = (err as Error).message;
      say(`   the year failed: ${yearFailure}`);
    }
  }
  meter.stop();
  const temporalPeak = meter.temporalPid ? procRss(meter.temporalPid, 'VmHWM') : undefined;
  const { bare: bareUse, decomposition: decUse } = meter.phases;

  const ratio =
    bare && decomposition ? Math.round((decomposition.wallSeconds / bare.wallSeconds) * 100) / 100 : undefined;
  const result = {
    benchmark: 'decompose',
    at: began.toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryMB: Math.round(os.totalmem() / 1024 / 1024),
      node: process.version,
      temporalCli: stack.temporalCli,
      /** Other work on the machine skews the numbers: the 1-minute load average at the start and at the end. */
      loadAverage: { start: loadAtStart, end: Math.round(os.loadavg()[0]! * 100) / 100 },
    },
    options: { tasks: n, concurrency, year, ...(only ? { only: [...only] } : {}) },
    ...(bare ? { bare } : {}),
    ...(decomposition ? { decomposition } : {}),
    ...(direct ? { direct } : {}),
    ...(ratio === undefined ? {} : { ratio }),
    ...(actions ? { actions } : {}),
    ...(restart ? { start: restart } : {}),
    ...(load ? { load } : {}),
    ...(reads ? { reads } : {}),
    ...(burst ? { burst } : {}),
    ...(open ? { openTasks: open } : {}),
    ...(fastForward ? { year: fastForward } : {}),
    ...(yearFailure ? { year: { failed: yearFailure } } : {}),
    memory: {
      workerRssPeakMB: workerPeak === undefined ? null : mb(workerPeak),
      benchProcessRssPeakMB: Math.max(...Object.values(meter.phases).map((p) => p.benchRssPeakMB)),
      temporalServerRssPeakMB: temporalPeak === undefined ? null : mb(temporalPeak),
      byPhase: meter.phases,
    },
  };

  const cell = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '-' : v.toFixed(digits));
  const rows: string[][] = [
    ['', 'bare workflows', 'plan decomposition'],
    ['workflows', String(n), String(n)],
    ['wall time (s)', cell(bare?.wallSeconds), cell(decomposition?.wallSeconds)],
    ['completed per second', cell(bare?.completedPerSecond), cell(decomposition?.tasksPerSecond)],
    ['client starts per second', cell(bare?.startsPerSecond), '-'],
    [
      'cycle runs (continue-as-new)',
      '-',
      decomposition ? `${decomposition.cycleRuns} (${decomposition.continueAsNew})` : '-',
    ],
    ['max history of a cycle run (events)', '-', decomposition ? String(decomposition.maxHistoryLength) : '-'],
    ['worker process RSS peak (MB)', cell(bareUse?.workerRssPeakMB), cell(decUse?.workerRssPeakMB)],
    ['dev server RSS peak (MB)', cell(bareUse?.temporalRssPeakMB), cell(decUse?.temporalRssPeakMB)],
    ['bench process (client) RSS peak (MB)', cell(bareUse?.benchRssPeakMB), cell(decUse?.benchRssPeakMB)],
    ['CPU s: worker process', cell(bareUse?.cpuSeconds.worker), cell(decUse?.cpuSeconds.worker)],
    ['CPU s: dev server', cell(bareUse?.cpuSeconds.temporal), cell(decUse?.cpuSeconds.temporal)],
    ['CPU s: PostgreSQL', cell(bareUse?.cpuSeconds.postgres), cell(decUse?.cpuSeconds.postgres)],
  ];
  if (direct) {
    const use = meter.phases.direct;
    rows[0]!.push('tasks started by client');
    rows[1]!.push(String(n));
    rows[2]!.push(cell(direct.wallSeconds));
    rows[3]!.push(cell(direct.tasksPerSecond));
    rows[4]!.push(cell(direct.startsPerSecond));
    rows.slice(5, 7).forEach((r) => r.push('-'));
    rows[7]!.push(cell(use?.workerRssPeakMB));
    rows[8]!.push(cell(use?.temporalRssPeakMB));
    rows[9]!.push(cell(use?.benchRssPeakMB));
    rows[10]!.push(cell(use?.cpuSeconds.worker));
    rows[11]!.push(cell(use?.cpuSeconds.temporal));
    rows[12]!.push(cell(use?.cpuSeconds.postgres));
  }
  const workerRssMB =
    result.memory.workerRssPeakMB ?? Math.max(...Object.values(meter.phases).map((p) => p.workerRssPeakMB));
  const figures = [
    ...(actions
      ? [
          figure('action_p50_ratio', actions.heli.p50 / actions.bare.p50, 2),
          figure('action_p99_ratio', actions.heli.p99 / actions.bare.p99, 2.5),
        ]
      : []),
    ...(ratio === undefined ? [] : [figure('decomposition_ratio', ratio, 1.5)]),
    ...(decomposition ? [figure('worker_rss_mb', workerRssMB, 500)] : []),
    ...(load
      ? [
          figure('actions_throughput_ratio', load.heli.perSecond / load.bare.perSecond, 0.6, 'min'),
          figure('actions_p99_ratio_under_load', load.heli.p99 / load.bare.p99, 2.5),
          figure('api_rss_mb', load.apiRssPeakMB, 300),
        ]
      : []),
    ...(burst ? [figure('escalation_burst_ratio', burst.ratio, 1.5)] : []),
    ...(reads ? [figure('list_p99_db_ms', reads.db.p99, 20), figure('list_p99_http_ms', reads.http.p99, 50)] : []),
    ...(open ? [figure('worker_rss_10k_mb', open.workerRssMB, 500)] : []),
    ...(restart ? [figure('restart_to_healthy_s', restart.restart.seconds, 8)] : []),
    // Measurements without a ratio (issue 17): the year's wall time against a budget that leaves the whole run
    // under 15 minutes, and its largest history against Temporal's guideline of 10,000 events per run.
    ...(fastForward
      ? [
          figure('year_wall_s', fastForward.wallSeconds, YEAR_WALL_TARGET_S),
          figure('year_max_history_events', fastForward.maxHistoryEvents, 10_000),
        ]
      : []),
  ];
  const json = JSON.stringify({ figures, details: result }, null, 2);
  // A run of some phases leaves the full run's figures and chart alone: its own file, kept out of git.
  const out = fromProject(only ? `bench/results/only-${[...only].join('+')}.json` : 'bench/results/latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${json}\n`);
  const chart = only ? [] : writeChart(figures, began, path.dirname(out));
  process.stdout.write(
    `\n${table(rows)}\n\n${table([['figure', 'value', 'target', 'met'], ...figures.map((f) => [f.name, String(f.value), `${'bound' in f ? '≥' : '≤'} ${f.target}`, f.met ? 'yes' : 'NO'])])}\n\n${json}\n` +
      `\nwritten to ${[out, ...chart].map((f) => path.relative(process.cwd(), f)).join(', ')}\n`,
  );
}

void main()
  .then(
    () => 0,
    (err: unknown) => {
      if (!interrupted) say(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return 1;
    },
  )
  .then(async (code) => {
    await stopAll();
    process.exit(interrupted ? 130 : code);
  });
