#!/usr/bin/env node
// `npm run test:multi`: two `heli api` and two `heli worker` processes against one Temporal dev server and one
// PostgreSQL, driven by the scenario of scripts/faults/scenario.mjs through both APIs in turn; mid-run one API is
// SIGKILLed with an action on a task unanswered and, at once, the worker holding that task's workflow; both are
// started again 20 s later, as a supervisor would. Callers retry a refused, cut-off or 503 request on
// the other API with the same Idempotency-Key. Beside it the same scenario runs on a stack of one API and one
// worker (the reference); afterwards every workflow, task, meeting, timeline entry, notification, webhook event
// and audit row must be what the reference left, none twice, and both workers must have done work. Every unit of
// the scenario has a webhook to a receiver here: the two workers' outbox dispatchers must deliver each event, once.
// Prints `multi: ok (...)` or `multi: FAILED` and what differs; progress and every process's log are in
// data/multi/ (MULTI_VERBOSE=1 prints the progress too). MULTI_TIMEOUT_SECONDS (420) bounds the whole run.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, createStats } from './faults/client.mjs';
import { differences, duplicates, rowCounts, snapshot } from './faults/compare.mjs';
import {
  assignerFor,
  connect,
  issueTokens,
  releaseStack,
  runStoppingStacks,
  settle,
  settleLike,
} from './faults/harness.mjs';
import { runScenario, TASKS } from './faults/scenario.mjs';
import { apiAnswers, DEADLINE_SECONDS, sleep, startStack } from './faults/stack.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const logDir = path.join(root, 'data', 'multi');
const progressFile = path.join(logDir, 'multi.log');
const timeoutSeconds = Number(process.env.MULTI_TIMEOUT_SECONDS ?? 420);
const verbose = process.env.MULTI_VERBOSE === '1';
/** How long the killed API and worker stay down. */
const DOWN_MS = 20_000;
/** Both runs alike: the meeting's confirmation deadline and start, from the scenario's start. */
const MEETING = { confirmBy: 40_000, at: 50_000 };
/** Between the multi run's requests: the scenario lasts long enough for the kills to land mid-run. */
const PACE_MS = 300;

/** Webhooks may reach the receiver on loopback (WEBHOOK_ALLOWED_RANGES). */
const STACK_ENV = { WEBHOOK_ALLOWED_RANGES: '127.0.0.0/8' };

const startedAt = Date.now();
const elapsed = () => ((Date.now() - startedAt) / 1000).toFixed(1);
mkdirSync(logDir, { recursive: true });
writeFileSync(progressFile, '');
const log = (line) => {
  const text = `[${elapsed().padStart(6)} s] ${line}`;
  appendFileSync(progressFile, `${text}\n`);
  if (verbose) console.log(text);
};

const unexpectedExits = [];
const stacks = new Set();
function onExit(id, { code, signal, expected }) {
  if (expected) return;
  unexpectedExits.push(`${id} exited by itself (code ${code}, signal ${signal}) at ${elapsed()} s`);
  log(`${id} exited by itself (code ${code}, signal ${signal}); its supervisor starts it again`);
}

/** A webhook receiver for both runs: `/hook/<run>`, each delivery's event id and when it came. */
async function startReceiver() {
  const deliveries = new Map();
  const server = http.createServer((req, res) => {
    const run = req.url.split('/')[2];
    const id = req.headers['x-heli-event-id'];
    req.resume();
    req.on('end', () => {
      if (!deliveries.has(run)) deliveries.set(run, []);
      deliveries.get(run).push({ id, at: Date.now() });
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    urlFor: (run) => `http://127.0.0.1:${server.address().port}/hook/${run}`,
    of: (run) => deliveries.get(run) ?? [],
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Gives every unit of the scenario a webhook to the receiver (as the office, through the API). */
async function setWebhooks(client, tokens, url) {
  for (const unitId of new Set(TASKS.map((t) => t.unit))) {
    await client.call(tokens.office, 'PUT', `/v1/units/${unitId}/webhook`, { url });
  }
}

/** Waits until the outbox is delivered (no event left undelivered and not given up); answers its event ids. */
async function outboxDelivered(db, label) {
  for (const until = Date.now() + 120_000; Date.now() < until; await sleep(1_000)) {
    const { rows } = await db
      .query(
        `SELECT count(*) FILTER (WHERE delivered_at IS NULL AND gave_up_at IS NULL)::int AS pending FROM webhook_events`,
      )
      .catch(() => ({ rows: [{ pending: -1 }] }));
    if (rows[0].pending === 0) break;
  }
  const { rows } = await db.query(`SELECT id, (delivered_at IS NOT NULL) AS delivered FROM webhook_events`);
  log(`${label}: ${rows.filter((r) => r.delivered).length} of ${rows.length} webhook events delivered`);
  return rows;
}

/** What the receiver got against the outbox: events never received or not marked delivered, and repeats. */
function deliveryProblems(events, received, allowRepeat = () => false) {
  const problems = [];
  const got = new Map();
  for (const d of received) got.set(d.id, [...(got.get(d.id) ?? []), d.at]);
  for (const e of events) {
    if (!got.has(e.id)) problems.push(`webhook event ${e.id} never received`);
    else if (!e.delivered) problems.push(`webhook event ${e.id} received but not marked delivered`);
  }
  const ids = new Set(events.map((e) => e.id));
  let repeats = 0;
  for (const [id, times] of got) {
    if (!ids.has(id)) problems.push(`webhook event ${id} received but not in the outbox`);
    if (times.length > 1) {
      repeats += times.length - 1;
      if (!allowRepeat(times[0])) problems.push(`webhook event ${id} received ${times.length} times`);
    }
  }
  return { problems, repeats };
}

/** Worker identities (`<pid>@<host>`) that completed workflow tasks or started activities, with their counts. */
async function workDoneBy(temporal) {
  const by = new Map();
  for await (const wf of temporal.workflow.list()) {
    const history = await temporal.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    for (const e of history.events ?? []) {
      const identity =
        e.workflowTaskCompletedEventAttributes?.identity ?? e.activityTaskStartedEventAttributes?.identity;
      if (identity) by.set(identity, (by.get(identity) ?? 0) + 1);
    }
  }
  return by;
}

/** The reference: the scenario on one API and one worker, undisturbed. */
async function referenceRun(receiver) {
  const stats = createStats();
  const stack = await startStack({ label: 'single', logDir, onExit, env: STACK_ENV });
  stacks.add(stack);
  const conn = await connect(stack);
  try {
    log(`reference stack (1 API, 1 worker) up at ${stack.apiUrl}`);
    const tokens = await issueTokens(conn.db);
    const client = createClient({
      apiUrl: stack.apiUrl,
      stats,
      faults: { apiDown: () => false },
      deadlineSeconds: DEADLINE_SECONDS,
    });
    await setWebhooks(client, tokens, receiver.urlFor('single'));
    await runScenario({
      client,
      stats,
      tokens,
      assignEarlier: assignerFor(conn),
      pace: 0,
      meetingInMs: MEETING,
      log: (line) => log(`reference ${line}`),
    });
    await settle(conn, 'reference', undefined, log);
    const events = await outboxDelivered(conn.db, 'reference');
    const snap = await snapshot(conn.db, conn.temporal);
    log(`reference: ${JSON.stringify(rowCounts(snap))}, ${snap.workflows.length} workflows`);
    return { snap, stats, events };
  } finally {
    await releaseStack(conn, stack, stacks);
  }
}

/** The scenario on two APIs and two workers, one of each SIGKILLed mid-run. */
async function multiRun(reference, receiver) {
  const stats = createStats();
  const stack = await startStack({ label: 'multi', logDir, onExit, apis: 2, workers: 2, env: STACK_ENV });
  stacks.add(stack);
  const conn = await connect(stack);
  const [survivorUrl, victimUrl] = stack.apiUrls;
  const victimApi = stack.apis[1];
  const workerPids = new Map(stack.workers.map((w) => [w.child.pid, `${w.id} (start 1)`]));
  const kill = {
    key: undefined,
    request: undefined,
    cutOff: undefined,
    worker: undefined,
    apiDownS: 0,
    workerAt: 0,
    done: false,
  };
  try {
    log(`multi stack (2 APIs at ${stack.apiUrls.join(', ')}, 2 workers) up`);
    const tokens = await issueTokens(conn.db);
    const down = new Set();
    let answered = false;
    let onVictimAction;
    const outstanding = new Set();
    const client = createClient({
      apiUrls: stack.apiUrls,
      stats,
      faults: { apiDown: (url) => down.has(url) },
      deadlineSeconds: DEADLINE_SECONDS,
      onSend: (url, method, apiPath, key) => {
        if (url !== victimUrl || !key) return;
        outstanding.add(key);
        const task = /^\/v1\/tasks\/([^/]+)\//.exec(apiPath);
        if (method === 'POST' && task && onVictimAction)
          onVictimAction({ apiPath, key, workflowId: `task:${task[1]}` });
      },
      onAnswer: (url, method, apiPath, key, answer) => {
        if (url !== victimUrl || !key) return;
        outstanding.delete(key);
        if (key === kill.key && answer.status === 0) kill.cutOff = answer.error;
      },
    });

    /** The worker that took the last workflow task of `workflowId` (it holds the workflow in its cache). */
    const workerOf = async (workflowId) => {
      const history = await conn.temporal.workflow.getHandle(workflowId).fetchHistory();
      const started = (history.events ?? []).filter((e) => e.workflowTaskStartedEventAttributes?.identity).at(-1);
      const pid = Number(started?.workflowTaskStartedEventAttributes.identity.split('@')[0]);
      return stack.workers.find((w) => w.child?.pid === pid);
    };

    const kills = (async () => {
      // Once the meeting is answered (an answer held up past its deadline would change the outcome by timing).
      for (const until = Date.now() + 120_000; !answered && Date.now() < until;) await sleep(250);
      await sleep(2_000);
      // The API while it answers an action on a task (the request still unanswered 25 ms after it went out), and at
      // once the worker that holds the task's workflow, which runs the action's Update. Twelve actions at most.
      let victimWorker;
      for (let tries = 0; tries < 12 && !kill.key; tries++) {
        const sent = await new Promise((resolve) => {
          onVictimAction = resolve;
          setTimeout(() => resolve(undefined), 10_000);
        });
        onVictimAction = undefined;
        if (!sent) continue;
        const [worker] = await Promise.all([workerOf(sent.workflowId).catch(() => undefined), sleep(25)]);
        if (worker && outstanding.has(sent.key)) {
          [kill.key, kill.request, victimWorker] = [sent.key, sent.apiPath, worker];
        }
      }
      // The worker first: the Update of the chosen action waits for it while it is gone (until Temporal hands the
      // workflow to the other worker), so the action is still unanswered when the API dies a moment later. Killing
      // the API first raced its answer: an answer already on the wire reached the client after the SIGKILL.
      victimWorker ??= stack.workers[0];
      kill.worker = victimWorker.id;
      kill.workerAt = Date.now();
      victimWorker.kill();
      log(`kill: ${victimWorker.id} SIGKILL${kill.request ? ` (it holds ${kill.request.split('/')[3]})` : ''}`);
      await sleep(300);
      // Answered all the same (its Update had finished): the next action sent to that API and unanswered 300 ms on.
      for (let tries = 0; tries < 12 && kill.key && !outstanding.has(kill.key); tries++) {
        const sent = await new Promise((resolve) => {
          onVictimAction = resolve;
          setTimeout(() => resolve(undefined), 10_000);
        });
        onVictimAction = undefined;
        if (!sent) continue;
        await sleep(300);
        if (outstanding.has(sent.key)) [kill.key, kill.request] = [sent.key, sent.apiPath];
      }
      const downAt = Date.now();
      down.add(victimUrl);
      victimApi.kill();
      log(`kill: ${victimApi.id} SIGKILL${kill.request ? ` with POST ${kill.request} unanswered` : ''}`);
      await Promise.all([victimApi.waitGone(), victimWorker.waitGone()]);
      await sleep(DOWN_MS);
      victimApi.start();
      victimWorker.start();
      workerPids.set(victimWorker.child.pid, `${victimWorker.id} (start 2)`);
      while (!(await apiAnswers(victimUrl))) await sleep(250);
      down.delete(victimUrl);
      kill.apiDownS = (Date.now() - downAt) / 1000;
      kill.done = true;
      log(
        `kill: ${victimApi.id} and ${victimWorker.id} started again; the API answers after ${kill.apiDownS.toFixed(1)} s`,
      );
    })();

    await setWebhooks(client, tokens, receiver.urlFor('multi'));
    const started = await runScenario({
      client,
      stats,
      tokens,
      assignEarlier: assignerFor(conn),
      pace: PACE_MS,
      meetingInMs: MEETING,
      log,
      onAnswered: () => (answered = true),
    });
    await kills;
    log('scenario done; waiting for the workflows to settle');
    const settled = await settleLike(conn, 'multi', (await reference).snap, log);
    const events = await outboxDelivered(conn.db, 'multi');
    const snap = await snapshot(conn.db, conn.temporal);
    const work = await workDoneBy(conn.temporal);
    const byWorker = new Map();
    for (const [identity, n] of work) {
      const name = workerPids.get(Number(identity.split('@')[0])) ?? `unknown ${identity}`;
      byWorker.set(name, (byWorker.get(name) ?? 0) + n);
    }
    return { snap, stats, started, settled, kill, byWorker, survivorUrl, victimUrl, events };
  } finally {
    await releaseStack(conn, stack, stacks);
  }
}

async function main() {
  log(`multi: logs in ${path.relative(root, logDir)}/`);
  const receiver = await startReceiver();
  const referenceDone = referenceRun(receiver);
  referenceDone.catch(() => undefined);
  const [run, reference] = await Promise.all([multiRun(referenceDone, receiver), referenceDone]).finally(() =>
    receiver.close(),
  );
  const failures = [];
  const check = (name, ok, detail = []) => {
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
    if (!ok) failures.push([name, ...detail.slice(0, 30).map((d) => `  ${d}`)].join('\n'));
  };
  check('reference run: every request answered as expected', reference.stats.violations.length === 0, [
    ...reference.stats.violations,
  ]);
  check('multi run: every answer expected or 503 problem+json, none hung, no 500', run.stats.violations.length === 0, [
    ...run.stats.violations,
  ]);
  check('multi run: the workflows settled', run.settled);
  const { diffs, compared } = differences(reference.snap, run.snap);
  check(
    'outcome equals the one-process run (workflows, tasks, meetings, timelines, notices, outbox, audit)',
    diffs.length === 0,
    diffs,
  );
  const dupes = [...duplicates(reference.snap).map((d) => `reference ${d}`), ...duplicates(run.snap)];
  check('no notice, timeline entry, outbox event or audit row twice', dupes.length === 0, dupes);
  const viaApi = new Set([...run.started.taskIds, ...run.started.resolutionTaskIds].filter(Boolean)).size;
  check(
    `tasks started (${viaApi}) = Temporal visibility (${run.snap.visibleTasks}) = read model (${run.snap.tables.tasks.length})`,
    viaApi === run.snap.visibleTasks && viaApi === run.snap.tables.tasks.length && viaApi === TASKS.length + 2,
  );
  const answeredBy = (url) => run.stats.byApi[url] ?? 0;
  check(
    `both APIs answered (${answeredBy(run.survivorUrl)} and ${answeredBy(run.victimUrl)} requests)`,
    answeredBy(run.survivorUrl) > 0 && answeredBy(run.victimUrl) > 0,
  );
  check('one API and one worker were SIGKILLed mid-run and started again', run.kill.done);
  check(
    `the API was killed with an action unanswered (${run.kill.request}: ${run.kill.cutOff}), answered by the survivor`,
    !!run.kill.cutOff,
  );
  const rotated = run.stats.rotatedOnto[run.survivorUrl] ?? 0;
  check(`requests the killed API refused or cut off were answered by the survivor (${rotated})`, rotated > 0);
  const [first, second] = ['worker (start 1)', 'worker-2 (start 1)'].map((w) => run.byWorker.get(w) ?? 0);
  check(
    `both workers did work (${first} and ${second} workflow tasks and activities)`,
    first > 0 && second > 0 && ![...run.byWorker.keys()].some((k) => k.startsWith('unknown')),
    [...run.byWorker].map(([k, n]) => `${k}: ${n}`),
  );
  // At least once: an event a killed worker had sent but not yet marked is sent again when its lease runs out.
  const refDelivery = deliveryProblems(reference.events, receiver.of('single'));
  const delivery = deliveryProblems(
    run.events,
    receiver.of('multi'),
    (firstAt) => firstAt <= run.kill.workerAt && firstAt > run.kill.workerAt - 5_000,
  );
  check(
    `every webhook event delivered once by the two workers' dispatchers (${run.events.length}; reference ${reference.events.length})`,
    run.events.length > 0 &&
      run.events.length === reference.events.length &&
      refDelivery.problems.length === 0 &&
      delivery.problems.length === 0,
    [...refDelivery.problems.map((p) => `reference: ${p}`), ...delivery.problems],
  );
  check('no process exited by itself', unexpectedExits.length === 0, unexpectedExits);

  const s = run.stats;
  const summary =
    `2 APIs + 2 workers, ${Object.values(s.byApi).join('+')} requests answered, ` +
    `api-2 and ${run.kill.worker} SIGKILLed mid-run (API down ${run.kill.apiDownS.toFixed(0)} s, ` +
    `connections failed ${JSON.stringify(s.networkErrorsBy)}, ${rotated} requests retried onto the survivor, ` +
    `${run.kill.request ? `${run.kill.request} cut off and retried` : 'no action cut off'}), ` +
    `work by worker ${first}, worker-2 ${second}, ${run.kill.worker} restarted ${run.byWorker.get(`${run.kill.worker} (start 2)`) ?? 0}; ` +
    `${run.events.length} webhook events delivered${delivery.repeats ? ` (${delivery.repeats} again after the kill)` : ''}; ` +
    `${compared} rows and ${run.snap.workflows.length} workflows equal the one-process run; ${elapsed()} s`;
  log(summary);
  if (failures.length === 0) {
    console.log(`multi: ok (${summary})`);
    return 0;
  }
  console.log(
    `multi: FAILED (${failures.length} checks; ${summary}; progress in ${path.relative(root, progressFile)})`,
  );
  for (const f of failures) console.log(f);
  return 1;
}

process.exit(
  await runStoppingStacks({
    name: 'multi',
    stacks,
    timeoutSeconds,
    log,
    failed: (reason, err) =>
      console.log(
        err
          ? `multi: FAILED (${reason})`
          : `multi: FAILED (${reason}; progress in ${path.relative(root, progressFile)})`,
      ),
    main,
  }),
);
