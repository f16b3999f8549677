import { taskWorkflowId, type TaskInput } from '../procedures/task/messages';
import { localDateOf } from '../procedures/task/rules';
import { quietTimeSkippingClient, startTimeSkippingServer } from '../worker/time-skipping-server';
import { spawnWorkerProcess, type TimeSkippingPhaseDeps } from './spawn-worker';

/**
 * The escalation burst (issue 17), on the time-skipping test server (the project's binary) with a worker process of
 * its own on the benchmark's database: N tasks whose time limit is the same day, so that every L1 rung (the deadline,
 * 24:00 local time) lapses at the same instant, and beside them N bare workflows each sleeping until one instant and
 * then running one activity. Server time is skipped to just past the instant; the clock runs from the skip until
 * every task's L1 is in the read model with its notice in the webhook outbox (the endpoints registered for the run
 * point nowhere: only the outbox rows count, not their delivery), or until every bare workflow has completed.
 *
 * Real timers would need a wait until local midnight; with skipped time the burst is the same work at once. Between
 * runs the server's clock is moved to local noon, so the tasks start with no reminder, yellow light or sign-for
 * limit before their deadline: the L1 rung is the only timer in the burst.
 */
export interface BurstDeps extends TimeSkippingPhaseDeps {
  /** N task inputs of the example organisation, all with the time limit `dueDate`, assigned at `assignedAt`. */
  taskInputs: (n: number, cycleId: string, dueDate: string, assignedAt: string) => TaskInput[];
}

const TASK_QUEUE = 'heli-bench-burst';
const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The start of a local (UTC+8) date. */
const localMidnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

export async function benchBurst(deps: BurstDeps, n: number, concurrency: number, timeoutMs: number) {
  const { say } = deps;
  // What this run started, stopped at its end (newest first), or with everything else on Ctrl-C.
  const mine: { what: string; stop: () => Promise<void> }[] = [];
  let stopped: Promise<void> | undefined;
  const stopMine = () =>
    (stopped ??= (async () => {
      for (const { what, stop } of mine.reverse()) {
        await stop().catch((err: unknown) => say(`stopping ${what}: ${(err as Error).message}`));
      }
    })());
  deps.onStop('the escalation burst', stopMine);
  try {
    return await burst(deps, n, concurrency, timeoutMs, (what, stop) => mine.push({ what, stop }));
  } finally {
    await stopMine();
  }
}

async function burst(
  deps: BurstDeps,
  n: number,
  concurrency: number,
  timeoutMs: number,
  onStop: (what: string, stop: () => Promise<void>) => void,
) {
  const { db, say } = deps;
  const env = await startTimeSkippingServer();
  onStop('the time-skipping server', () => env.teardown());
  // A connection that pings rarely: the Java test server answers frequent pings with GOAWAY.
  const quiet = await quietTimeSkippingClient(env.address);
  onStop('the time-skipping client', quiet.close);
  const { client } = quiet;
  const serverNow = quiet.now;
  const skip = (ms: number) => quiet.sleep(Math.max(1, ms));
  /** Moves server time to the next local noon at least a minute ahead; returns that day. */
  const toNoon = async () => {
    const now = await serverNow();
    let day = localDateOf(now);
    if (localMidnight(day) + DAY / 2 < now + 60_000) day = localDateOf(now + DAY);
    await skip(localMidnight(day) + DAY / 2 - now);
    return day;
  };

  const worker = await spawnWorkerProcess({
    databaseUrl: deps.databaseUrl,
    address: env.address,
    taskQueue: TASK_QUEUE,
    bundlePath: deps.bundlePath,
    label: 'the burst worker',
  });
  onStop('the burst worker', worker.stop);

  // Every department and town gets a webhook endpoint for the run, so that each L1 notice goes into the outbox.
  const sink = 'http://127.0.0.1:9/heli-bench-burst';
  await db.query(
    `INSERT INTO webhook_endpoints (unit_id, url, secret, created_by)
     SELECT id, $1, 'bench-burst-secret-0123456789abcdef', 'system:bench' FROM units
     WHERE org_id = 'district' AND active ON CONFLICT (unit_id) DO NOTHING`,
    [sink],
  );
  onStop('the burst webhook endpoints', async () => {
    await db.query(
      `UPDATE webhook_events SET gave_up_at = now() WHERE delivered_at IS NULL AND gave_up_at IS NULL
                    AND unit_id IN (SELECT unit_id FROM webhook_endpoints WHERE url = $1)`,
      [sink],
    );
    await db.query('DELETE FROM webhook_endpoints WHERE url = $1', [sink]);
  });

  /** Waits until each workflow has no workflow task pending: started and asleep on its timer. */
  const settled = async (ids: string[], minEvents: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      deps.checkInterrupted();
      const busy = await deps.inParallel(ids.length, concurrency, async (i) => {
        const d = await client.workflow.getHandle(ids[i]!).describe();
        return d.raw.pendingWorkflowTask || (d.historyLength ?? 0) < minEvents || d.raw.pendingActivities?.length
          ? 1
          : 0;
      });
      const left = busy.reduce((a: number, b: number) => a + b, 0);
      if (left === 0) return;
      if (Date.now() > deadline) throw new Error(`${left} of ${ids.length} workflows still busy before the burst`);
      await sleep(500);
    }
  };

  // a) bare timers.
  let day = await toNoon();
  let at = localMidnight(day) + DAY;
  const tag = Date.now().toString(36);
  const bareIds = Array.from({ length: n }, (_, i) => `bench-timer-${tag}-${i}`);
  await deps.inParallel(n, concurrency, (i) =>
    client.workflow.start('benchTimerWorkflow', { taskQueue: TASK_QUEUE, workflowId: bareIds[i]!, args: [at] }),
  );
  await settled(bareIds, 5);
  say(`   ${n} bare timers armed for ${new Date(at).toISOString()}; skipping to it`);
  let t0 = performance.now();
  let skipping = skip(at + 1_000 - (await serverNow()));
  await deps.inParallel(n, 200, (i) => client.workflow.getHandle(bareIds[i]!).result());
  const bareMs = performance.now() - t0;
  await skipping;
  say(`   bare: every timer fired its activity in ${Math.round(bareMs) / 1000} s`);

  // b) Heli's tasks, their deadline that day.
  day = await toNoon();
  at = localMidnight(day) + DAY;
  const assignedAt = new Date(await serverNow()).toISOString();
  const inputs = deps.taskInputs(n, `bench-burst-${tag}`, day, assignedAt);
  const ids = inputs.map((input) => input.taskId);
  const workflowIds: string[] = [];
  await deps.inParallel(n, concurrency, async (i) => {
    const h = await client.workflow.start('supervisedTask', {
      taskQueue: TASK_QUEUE,
      workflowId: taskWorkflowId(inputs[i]!.taskId),
      args: [inputs[i]!],
    });
    workflowIds[i] = h.workflowId;
  });
  const count = async () => {
    const { rows } = await db.query<{ recorded: number; l1: number; outbox: number; notices: number }>(
      `SELECT count(*)::int AS recorded, (count(*) FILTER (WHERE rung >= 1))::int AS l1,
         (SELECT count(DISTINCT workflow_id) FROM webhook_events e
          WHERE e.workflow_id = ANY ($2::text[]) AND e.kind LIKE 'ESCALATION_L1%')::int AS outbox,
         (SELECT count(DISTINCT workflow_id) FROM notifications x
          WHERE x.workflow_id = ANY ($2::text[]) AND x.kind LIKE 'ESCALATION_L1%')::int AS notices
       FROM tasks WHERE id = ANY ($1::text[])`,
      [ids, workflowIds],
    );
    return rows[0]!;
  };
  for (let started = Date.now(); (await count()).recorded < n; await sleep(250)) {
    deps.checkInterrupted();
    if (Date.now() - started > timeoutMs) throw new Error(`burst tasks: ${(await count()).recorded}/${n} recorded`);
  }
  await settled(workflowIds, 5);
  say(`   ${n} tasks due ${day} recorded and asleep; skipping to their deadline ${new Date(at).toISOString()}`);
  t0 = performance.now();
  skipping = skip(at + 1_000 - (await serverNow()));
  let last = await count();
  while (last.l1 < n || last.outbox < n || last.notices < n) {
    deps.checkInterrupted();
    if (performance.now() - t0 > timeoutMs) throw new Error(`burst: ${JSON.stringify(last)} of ${n} after the skip`);
    await sleep(100);
    last = await count();
  }
  const heliMs = performance.now() - t0;
  await skipping;
  say(`   Heli: every L1 in the read model and its notice in the outbox in ${Math.round(heliMs) / 1000} s`);
  return {
    server: 'time-skipping test server',
    tasks: n,
    bareSeconds: Math.round(bareMs) / 1000,
    heliSeconds: Math.round(heliMs) / 1000,
    ratio: Math.round((heliMs / bareMs) * 100) / 100,
    workerPid: worker.pid,
  };
}
