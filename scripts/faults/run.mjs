#!/usr/bin/env node
// `npm run test:faults`: the scenario of scenario.mjs once undisturbed (the reference), then again while the
// worker is SIGKILLed at random moments (some while its activities run), the Temporal dev server and PostgreSQL
// are each down twice for 30 s, the API is killed and started again and the e-mail channel (a real SMTP server)
// refuses every message for a minute. Every answer meanwhile must be the expected one or 503 problem+json, within
// the request deadline; afterwards every workflow, task, meeting, timeline entry, notification, delivery and audit
// row must be what the reference run left, none twice, and every e-mail must have arrived.
// FAULTS_SEED=<n> repeats a run's fault schedule; FAULTS_TIMEOUT_SECONDS (900) bounds the whole run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, createStats } from './client.mjs';
import { differences, duplicates, rowCounts, snapshot } from './compare.mjs';
import { assignerFor, connect, issueTokens, releaseStack, runStoppingStacks, settle, settleLike } from './harness.mjs';
import { checkMailbox, drainDeliveries, startMailbox } from './mailbox.mjs';
import { runScenario, TASKS } from './scenario.mjs';
import { DEADLINE_SECONDS, sleep, startStack } from './stack.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const logDir = path.join(root, 'data', 'faults');
const seed = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const timeoutSeconds = Number(process.env.FAULTS_TIMEOUT_SECONDS ?? 900);
const OUTAGE_MS = 30_000;
const WORKER_KILLS = 12;
const KILLS_TIMED_ON_ACTIONS = 5;
/** The e-mail channel's outage: its SMTP server answers 421 to every connection this long. */
const CHANNEL_OUTAGE_MS = 60_000;
/** How much longer the channel stays down when nothing reached it during the outage (see channelOutage). */
const CHANNEL_HOLD_MS = 180_000;
/** How long the deliveries may take to drain once the workflows settled: a retry's backoff, a killed worker's activity. */
const DRAIN_MS = 420_000;

const startedAt = Date.now();
const elapsed = () => ((Date.now() - startedAt) / 1000).toFixed(1);
const log = (line) => console.log(`[${elapsed().padStart(6)} s] ${line}`);

/** mulberry32: a small seeded generator, so that a seed repeats a run's fault schedule. */
function rng(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(seed);
const between = (lo, hi) => lo + random() * (hi - lo);
const shuffle = (list) =>
  list
    .map((v) => [random(), v])
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v);

const counts = {
  workerKills: 0,
  killsDuringActivity: 0,
  temporalRestarts: 0,
  postgresRestarts: 0,
  apiRestarts: 0,
  outageSeconds: { temporal: 0, postgres: 0, api: 0, email: 0 },
  unexpectedExits: [],
};
const stacks = new Set();

function onExit(name, { code, signal, expected }) {
  if (!expected) {
    counts.unexpectedExits.push(`${name} exited by itself (code ${code}, signal ${signal}) at ${elapsed()} s`);
    log(`${name} exited by itself (code ${code}, signal ${signal}); its supervisor starts it again`);
  }
}

const workflowOf = (apiPath) => {
  const m = /^\/v1\/(tasks|meetings)\/([^/]+)\//.exec(apiPath);
  return m ? `${m[1] === 'tasks' ? 'task' : 'meeting'}:${m[2]}` : undefined;
};

/** The reference: the scenario undisturbed, on a stack of its own. */
async function referenceRun() {
  const stats = createStats();
  const mailbox = await startMailbox('reference');
  const stack = await startStack({ label: 'reference', logDir, onExit, env: mailbox.env }).catch(async (err) => {
    await mailbox.close();
    throw err;
  });
  stacks.add(stack);
  const conn = await connect(stack);
  try {
    log(`reference stack up at ${stack.apiUrl}`);
    const tokens = await issueTokens(conn.db);
    const client = createClient({
      apiUrl: stack.apiUrl,
      stats,
      faults: { apiDown: () => false },
      deadlineSeconds: DEADLINE_SECONDS,
    });
    const started = await runScenario({
      client,
      stats,
      tokens,
      assignEarlier: assignerFor(conn),
      pace: 0,
      meetingInMs: { confirmBy: 25_000, at: 35_000 },
      log: (line) => log(`reference ${line}`),
    });
    await settle(conn, 'reference', undefined, log);
    const drained = await drainDeliveries(conn.db, DRAIN_MS);
    const mail = await checkMailbox(conn.db, mailbox.box);
    const snap = await snapshot(conn.db, conn.temporal);
    log(`reference: ${JSON.stringify(rowCounts(snap))}, ${snap.workflows.length} workflows`);
    return { snap, stats, started, drained, mail };
  } finally {
    await releaseStack(conn, stack, stacks);
    await mailbox.close();
  }
}

/** Injects the faults on the seeded schedule, probing the API while a dependency is down. */
function injectFaults(stack, conn, client, tokens, state, mailbox) {
  const outages = shuffle(['temporal-kill', 'temporal-term', 'postgres-quit', 'postgres-fast', 'api']);
  let probing = 0;

  const probeLoop = async () => {
    while (!state.over) {
      if (probing > 0) {
        await Promise.all([
          client.probe(tokens.office, 'GET', '/healthz', [200]),
          client.probe(tokens.office, 'GET', '/v1/tasks?limit=3', [200]),
          client.probe(tokens.office, 'GET', '/v1/inbox', [200]),
          state.meetingId ? client.probe(tokens.office, 'GET', `/v1/meetings/${state.meetingId}`, [200]) : undefined,
        ]);
      }
      await sleep(2_000);
    }
  };

  const outageLoop = async () => {
    // The outages begin once the meeting is answered (worker kills do not wait): an answer held up past the
    // confirmation deadline would change the outcome for a reason of timing, not of failure handling.
    for (const until = Date.now() + 120_000; !state.answered && Date.now() < until;) await sleep(500);
    await sleep(between(2_000, 6_000));
    for (const kind of outages) {
      const downAt = Date.now();
      probing += 1;
      state.outage = kind;
      if (kind === 'api') {
        log('fault: API SIGKILL');
        state.apiDown = true;
        stack.api.kill();
        await stack.api.waitGone();
        await sleep(between(1_000, 3_000));
        stack.api.start();
        while (
          !(await fetch(`${stack.apiUrl}/healthz`).then(
            () => true,
            () => false,
          ))
        )
          await sleep(250);
        state.apiDown = false;
        counts.apiRestarts += 1;
        counts.outageSeconds.api += (Date.now() - downAt) / 1000;
        log(`fault: API answers again after ${((Date.now() - downAt) / 1000).toFixed(1)} s`);
      } else if (kind.startsWith('temporal')) {
        log(`fault: Temporal down (${kind === 'temporal-kill' ? 'SIGKILL' : 'SIGTERM'}) for 30 s`);
        await stack.stopTemporal(kind === 'temporal-kill');
        await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
        await stack.startTemporal();
        counts.temporalRestarts += 1;
        counts.outageSeconds.temporal += (Date.now() - downAt) / 1000;
        log(`fault: Temporal back after ${((Date.now() - downAt) / 1000).toFixed(1)} s`);
      } else {
        log(`fault: PostgreSQL down (${kind === 'postgres-quit' ? 'immediate' : 'fast'} shutdown) for 30 s`);
        await stack.stopPostgres(kind === 'postgres-quit');
        await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
        await stack.startPostgres();
        counts.postgresRestarts += 1;
        counts.outageSeconds.postgres += (Date.now() - downAt) / 1000;
        log(`fault: PostgreSQL back after ${((Date.now() - downAt) / 1000).toFixed(1)} s`);
      }
      probing -= 1;
      state.outage = undefined;
      await sleep(between(4_000, 10_000));
    }
  };

  /**
   * STARTED by the worker now running: an attempt whose worker was killed stays STARTED on the server until its
   * start-to-close timeout, so started before this worker process, it runs nowhere.
   */
  const startedByLiveWorker = (a) => {
    const started = a.lastStartedTime
      ? Number(a.lastStartedTime.seconds) * 1000 + (a.lastStartedTime.nanos ?? 0) / 1e6
      : 0;
    return (
      a.state === 2 &&
      started >= stack.worker.startedAt &&
      String(a.lastWorkerIdentity ?? '').startsWith(`${stack.worker.child?.pid}@`)
    );
  };

  /** Activities a worker is running now (STARTED), of `workflowIds` or of every running workflow. */
  const startedActivities = async (workflowIds) => {
    try {
      const ids = workflowIds ?? [];
      if (!workflowIds) {
        for await (const wf of conn.temporal.workflow.list({ query: 'ExecutionStatus = "Running"' }))
          ids.push(wf.workflowId);
      }
      const described = await Promise.all(ids.map((id) => conn.temporal.workflow.getHandle(id).describe()));
      return described.flatMap((d) =>
        (d.raw.pendingActivities ?? []).filter(startedByLiveWorker).map(() => d.workflowId),
      );
    } catch {
      return []; // Temporal is down: nothing is known to run
    }
  };

  const killLoop = async () => {
    const timed = new Set(shuffle([...Array(WORKER_KILLS).keys()]).slice(0, KILLS_TIMED_ON_ACTIONS));
    for (let i = 0; i < WORKER_KILLS; i++) {
      await sleep(between(3_000, 9_000));
      if (!stack.worker.running) {
        i -= 1;
        continue;
      }
      let running = [];
      if (timed.has(i)) {
        // Nothing runs while a dependency is down: an action in flight then is only waiting.
        for (const until = Date.now() + 45_000; state.outage && Date.now() < until;) await sleep(500);
        // While an action's request is in flight its Update runs and awaits its activities (timeline,
        // notifications, audit): watch that workflow and kill the moment one of them is started; if none is
        // seen within 2 s, watch the next action (three at most), then kill anyway.
        for (let tries = 0; tries < 3 && running.length === 0 && !state.outage; tries++) {
          const workflowId = await state.nextAction(10_000);
          const until = Date.now() + 2_000;
          while (workflowId && running.length === 0 && Date.now() < until)
            running = await startedActivities([workflowId]);
        }
      } else {
        running = await startedActivities();
      }
      if (!stack.worker.running) {
        i -= 1;
        continue;
      }
      stack.worker.kill();
      counts.workerKills += 1;
      if (running.length > 0) counts.killsDuringActivity += 1;
      const during =
        running.length > 0
          ? ` while ${running.length} activit${running.length === 1 ? 'y' : 'ies'} ran (${[...new Set(running)].join(', ')})`
          : '';
      log(`fault: worker SIGKILL #${counts.workerKills}${timed.has(i) ? ' (timed on an action)' : ''}${during}`);
      await stack.worker.waitGone();
      await sleep(between(500, 3_000));
      stack.worker.start();
    }
  };

  /**
   * The e-mail channel down for a minute while the scenario's notices flow, beside the other faults. A minute
   * can fall where no notice is due (the deliveries may also be held up by the other outages), so the channel
   * stays down past the minute until it has refused at least one connection, for at most CHANNEL_HOLD_MS more:
   * an outage nobody noticed tests nothing.
   */
  const channelOutage = async () => {
    await sleep(between(20_000, 60_000));
    log(`fault: e-mail channel down (SMTP 421) for ${CHANNEL_OUTAGE_MS / 1000} s`);
    const downAt = Date.now();
    mailbox.down(true);
    await sleep(CHANNEL_OUTAGE_MS);
    if (mailbox.box.refused === 0) log('fault: e-mail channel held down until a delivery is refused');
    for (const until = Date.now() + CHANNEL_HOLD_MS; mailbox.box.refused === 0 && Date.now() < until;) {
      await sleep(500);
    }
    mailbox.down(false);
    counts.outageSeconds.email += (Date.now() - downAt) / 1000;
    log(`fault: e-mail channel back (${mailbox.box.refused} connections refused meanwhile)`);
  };

  return { probeLoop: probeLoop(), outages: outageLoop(), kills: killLoop(), channel: channelOutage() };
}

/** The same scenario with the faults, on a fresh stack; compared with the reference. */
async function faultRun(reference) {
  const stats = createStats();
  const mailbox = await startMailbox('faults');
  const stack = await startStack({ label: 'faults', logDir, onExit, env: mailbox.env }).catch(async (err) => {
    await mailbox.close();
    throw err;
  });
  stacks.add(stack);
  const conn = await connect(stack);
  try {
    log(`fault stack up at ${stack.apiUrl}`);
    const tokens = await issueTokens(conn.db);
    const waiters = [];
    const state = {
      over: false,
      apiDown: false,
      outage: undefined,
      answered: false,
      meetingId: undefined,
      nextAction: (ms) =>
        new Promise((resolve) => {
          waiters.push(resolve);
          setTimeout(() => resolve(undefined), ms);
        }),
    };
    const client = createClient({
      apiUrl: stack.apiUrl,
      stats,
      faults: { apiDown: () => state.apiDown },
      deadlineSeconds: DEADLINE_SECONDS,
    });
    const faults = injectFaults(stack, conn, client, tokens, state, mailbox);
    const started = await runScenario({
      client,
      stats,
      tokens,
      assignEarlier: assignerFor(conn),
      pace: 1_500,
      meetingInMs: { confirmBy: 210_000, at: 225_000 },
      log,
      onSend: (apiPath) => {
        const wf = workflowOf(apiPath);
        if (wf) for (const w of waiters.splice(0)) w(wf);
      },
      onAnswered: () => (state.answered = true),
      onAction: (apiPath) => {
        if (apiPath.startsWith('/v1/meetings/')) state.meetingId = apiPath.split('/')[3];
      },
    });
    await Promise.all([faults.outages, faults.kills, faults.channel]);
    state.over = true;
    await faults.probeLoop;
    log('faults done; waiting for the workflows to settle');
    const settled = await settleLike(conn, 'faults', (await reference).snap, log);
    log('waiting for the notice deliveries to drain');
    const drained = await drainDeliveries(conn.db, DRAIN_MS);
    const mail = await checkMailbox(conn.db, mailbox.box);
    const snap = await snapshot(conn.db, conn.temporal);
    return { snap, stats, started, settled, drained, mail, refused: mailbox.box.refused };
  } finally {
    await releaseStack(conn, stack, stacks);
    await mailbox.close();
  }
}

async function main() {
  log(`faults: seed ${seed} (FAULTS_SEED=${seed} repeats this schedule); logs in ${path.relative(root, logDir)}/`);
  // The reference runs beside the fault run, on its own stack: nothing is injected there, and the fault run
  // needs it only to know when it has settled and to compare.
  const referenceDone = referenceRun();
  referenceDone.catch(() => undefined);
  const [run, reference] = await Promise.all([faultRun(referenceDone), referenceDone]);
  const checks = [];
  const check = (name, ok, detail = '') => checks.push({ name, ok, detail });

  check(
    'reference run: every request answered as expected',
    reference.stats.violations.length === 0,
    reference.stats.violations.join('\n    '),
  );
  check(
    'fault run: every answer expected or 503 problem+json, none hung, no 500',
    run.stats.violations.length === 0,
    run.stats.violations.slice(0, 30).join('\n    '),
  );
  check('fault run: the workflows settled', run.settled);
  const { diffs, compared } = differences(reference.snap, run.snap);
  check(
    'outcome equals the reference (workflows, tasks, meetings, timelines, notifications, deliveries, audit)',
    diffs.length === 0,
    diffs.slice(0, 30).join('\n    '),
  );
  const dupes = [...duplicates(reference.snap).map((d) => `reference ${d}`), ...duplicates(run.snap)];
  check(
    'no notification, delivery, timeline entry or audit row twice',
    dupes.length === 0,
    dupes.slice(0, 30).join('\n    '),
  );
  for (const [name, r] of [
    ['reference', reference],
    ['fault run', run],
  ]) {
    check(
      `${name}: every e-mail delivery sent and received, none lost (${r.mail.sent} of ${r.mail.deliveries} sent, ${r.mail.received} received)`,
      r.drained && r.mail.deliveries > 0 && r.mail.problems.length === 0,
      r.drained ? r.mail.problems.slice(0, 30).join('\n    ') : 'deliveries still pending',
    );
  }
  check(`the e-mail outage refused messages (${run.refused} connections answered 421)`, run.refused > 0);
  const viaApi = new Set([...run.started.taskIds, ...run.started.resolutionTaskIds].filter(Boolean)).size;
  const readModel = run.snap.tables.tasks.length;
  check(
    `tasks started through the API (${viaApi}) = Temporal visibility (${run.snap.visibleTasks}) = read model (${readModel})`,
    viaApi === run.snap.visibleTasks && viaApi === readModel && viaApi === TASKS.length + 2,
  );
  // The late tasks' ladders ran under the faults: each climbed to L3 (once), in both runs alike.
  const rungs = (snap) =>
    snap.tables.taskTimeline.filter((r) => ['ESCALATION_L1', 'ESCALATION_L2', 'ESCALATION_L3'].includes(r.kind)).length;
  const late = TASKS.filter((t) => t.dueDaysAgo).length;
  check(
    `the ${late} late tasks climbed L1–L3 (${rungs(run.snap)} rungs; reference ${rungs(reference.snap)})`,
    rungs(run.snap) === 3 * late && rungs(reference.snap) === 3 * late,
  );
  check(`at least 10 worker SIGKILLs (${counts.workerKills})`, counts.workerKills >= 10);
  check(`at least one kill while an activity ran (${counts.killsDuringActivity})`, counts.killsDuringActivity >= 1);
  check(
    `Temporal restarted twice (${counts.temporalRestarts}), PostgreSQL twice (${counts.postgresRestarts}), the API once (${counts.apiRestarts})`,
    counts.temporalRestarts === 2 && counts.postgresRestarts === 2 && counts.apiRestarts === 1,
  );
  check(`503s seen during the outages (${run.stats.unavailable})`, run.stats.unavailable > 0);

  const s = run.stats;
  console.log('\nfaults: summary');
  console.log(`  seed                 ${seed}`);
  console.log(
    `  worker kills         ${counts.workerKills} (${counts.killsDuringActivity} while an activity was running)`,
  );
  console.log(
    `  restarts             Temporal ${counts.temporalRestarts}, PostgreSQL ${counts.postgresRestarts}, API ${counts.apiRestarts}`,
  );
  console.log(
    `  outage seconds       Temporal ${counts.outageSeconds.temporal.toFixed(0)}, PostgreSQL ${counts.outageSeconds.postgres.toFixed(0)}, API ${counts.outageSeconds.api.toFixed(0)}, e-mail ${counts.outageSeconds.email.toFixed(0)}`,
  );
  console.log(
    `  e-mail               ${run.mail.sent} deliveries sent, ${run.refused} refused during the outage, ${run.mail.twice} received twice (the same delivery id: a send whose record a fault cut off; the receiver drops it)`,
  );
  console.log(
    `  requests             ${s.requests} in the fault run (${s.probes} probes), ${reference.stats.requests} in the reference run`,
  );
  console.log(
    `  by status            ${JSON.stringify(s.byStatus)}; slowest answer ${s.maxLatencyMs} ms (deadline ${DEADLINE_SECONDS} s)`,
  );
  console.log(
    `  503s                 ${s.unavailable} ${JSON.stringify(s.unavailableBy)}; transient 409s retried ${s.transient409}; refused connections (API down) ${s.networkErrors}`,
  );
  console.log(
    `  rows compared        ${compared} (${JSON.stringify(rowCounts(run.snap))}, ${run.snap.workflows.length} workflows)`,
  );
  if (counts.unexpectedExits.length) console.log(`  exits by themselves  ${counts.unexpectedExits.join('; ')}`);
  console.log(`  duration             ${elapsed()} s`);
  for (const c of checks)
    console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${!c.ok && c.detail ? `\n    ${c.detail}` : ''}`);
  const passed = checks.filter((c) => c.ok).length;
  console.log(`faults: ${passed} passed, ${checks.length - passed} failed`);
  return checks.length === passed ? 0 : 1;
}

process.exit(
  await runStoppingStacks({
    name: 'faults',
    stacks,
    timeoutSeconds,
    log,
    failed: (reason, err) => {
      if (err) console.error(`faults: ${reason}`);
      else log(`faults: ${reason}, stopping`);
      console.log('faults: 0 passed, 1 failed');
    },
    main,
  }),
);
