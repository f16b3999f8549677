// What the fault run and the multi-process run share: connections to a stack's PostgreSQL and Temporal, the tokens
// the scenario acts with, the assigner of late tasks, and the wait until a run has settled.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rowCounts, snapshot, taskStates } from './compare.mjs';
import { OFFICE } from './scenario.mjs';
import { sleep } from './stack.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { Client, Connection } = require('@temporalio/client');
const { Pool } = require('pg');
const { issueToken } = require('../../dist/db/queries/tokens.js');
const { createTask } = require('../../dist/api/use-cases/tasks.js');
const { createTaskBody } = require('../../dist/api/schemas.js');
const { tokenResolver } = require('../../dist/api/identity.js');
const { loadTaskPolicies } = require('../../dist/config/task-policy.js');

export async function connect(stack) {
  const db = new Pool({ connectionString: stack.databaseUrl, max: 2, connectionTimeoutMillis: 5_000 });
  db.on('error', () => undefined);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const temporal = new Client({ connection, namespace: 'default' });
  return { db, temporal, close: async () => (await db.end(), await connection.close()) };
}

/**
 * Assigns a task `daysAgo` days ago, as the office did then (the API refuses a limit already past): through the same
 * use case the API runs, with the same Idempotency-Key, so a retry after a fault joins the task already started and
 * both runs name it alike. Tries again while a fault lasts.
 */
export function assignerFor(conn) {
  const taskPolicies = loadTaskPolicies(path.join(root, 'config', 'task-policies.yaml'));
  return async (body, daysAgo, key) => {
    const deadline = Date.now() + 180_000;
    for (;;) {
      try {
        const identity = await tokenResolver(conn.db).resolve((await issueToken(conn.db, OFFICE)).token);
        const deps = { db: conn.db, temporal: conn.temporal, taskQueue: 'heli', taskPolicies };
        const at = new Date(Date.now() - daysAgo * 86_400_000);
        const caller = { identity, requestId: `faults-${key}` };
        return (await createTask(deps, caller, createTaskBody.parse(body), key, at)).id;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await sleep(2_000);
      }
    }
  };
}

/** The office's token and one for the head of every unit, issued before any fault (tokens are rows). */
export async function issueTokens(db) {
  const office = (await issueToken(db, OFFICE)).token;
  const heads = (await db.query('SELECT id, head_id FROM units WHERE head_id IS NOT NULL')).rows;
  const units = new Map();
  for (const { id, head_id: head } of heads) units.set(id, (await issueToken(db, head)).token);
  return {
    office,
    unit: async (unitId) => {
      const token = units.get(unitId);
      if (!token) throw new Error(`no head for unit ${unitId}`);
      return token;
    },
  };
}
/** Waits until every workflow is idle (no pending activity) and the read model stops changing. */
export async function settle({ db, temporal }, label, done = async () => true, log = console.log) {
  const until = Date.now() + 300_000;
  let last;
  let stable = 0;
  while (Date.now() < until) {
    try {
      let pending = 0;
      for await (const wf of temporal.workflow.list({ query: 'ExecutionStatus = "Running"' })) {
        // A notice delivery retrying through the channel's outage backs off for minutes: drained apart
        // (drainDeliveries), as the procedures' workflows settle.
        if (wf.type === 'noticeDelivery' || wf.type === 'noticeDigest') continue;
        const described = await temporal.workflow.getHandle(wf.workflowId).describe();
        pending += described.raw.pendingActivities?.length ?? 0;
      }
      const now = JSON.stringify(rowCounts(await snapshot(db, temporal)));
      stable = pending === 0 && now === last && (await done()) ? stable + 1 : 0;
      last = now;
      if (stable >= 2) return true;
    } catch (err) {
      stable = 0;
      log(`${label}: settling: ${err.message}`);
    }
    await sleep(3_000);
  }
  log(`${label}: did not settle within 300 s`);
  return false;
}

/** Closes a run's connections and stops its stack, which then leaves `stacks` (those stopped whatever happens). */
export async function releaseStack(conn, stack, stacks) {
  await conn.close().catch(() => undefined);
  await stack.stop();
  stacks.delete(stack);
}

/** `settle`, and until the tasks' states, rungs and cycles are those of the undisturbed run's `reference` snapshot. */
export async function settleLike(conn, label, reference, log = console.log) {
  const wanted = JSON.stringify(reference.tables.tasks);
  return settle(conn, label, async () => JSON.stringify(await taskStates(conn.db)) === wanted, log);
}

/**
 * Runs a fault script's `main` (answering its exit status) with every stack in `stacks` stopped whatever happens: after
 * it, on SIGINT or SIGTERM (exit 130), and when the run outlasts `timeoutSeconds` (exit 1). `failed(reason, err)` prints
 * the script's failure lines for a timeout (no err) or an error `main` threw.
 */
export async function runStoppingStacks({ name, stacks, timeoutSeconds, log, failed, main }) {
  const cleanUp = async () => {
    for (const stack of stacks) await stack.stop().catch((err) => console.error(`${name}: cleanup: ${err.message}`));
    stacks.clear();
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      log(`${name}: ${signal}, stopping`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  const overall = setTimeout(() => {
    failed(`not done within ${timeoutSeconds} s`);
    void cleanUp().finally(() => process.exit(1));
  }, timeoutSeconds * 1000);
  overall.unref();
  try {
    return await main();
  } catch (err) {
    failed(String(err.stack ?? err), err);
    return 1;
  } finally {
    await cleanUp();
  }
}
