import { randomBytes } from 'node:crypto';
import type { Client, WorkflowHandle, WorkflowStartOptions } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition, Workflow } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities, type Activities } from '../../activities';
import { startWebhookDispatcher } from '../../worker/webhook-dispatcher';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies, type TaskPolicies } from '../../config/task-policy';
import { loadShippedCalendars } from '../../db/queries/calendar';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { createTestDatabase, type TestDatabase } from './database';
import { eventually } from './http';
import { createTimeSkippingEnv, quietTimeSkippingClient } from './temporal';

export interface WorkflowHarnessOptions {
  /** Prefix of the task queue (each harness has its own queue). */
  name: string;
  /** The workflow code the worker runs (default: the current `workflows/`). */
  workflowsPath?: string;
  /** Replaces or wraps activities (faults, what the configuration files would say). */
  activities?: (a: Activities) => Activities;
  /**
   * Workflows the worker keeps cached; 0 when a test replaces the worker, so that no workflow task waits on the
   * sticky queue of a worker that is gone (the time-skipping server does not hand those back in time).
   */
  maxCachedWorkflows?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  /**
   * Talk to the server through a connection that pings every 10 minutes (`quietTimeSkippingClient`), and poll
   * queries with a gRPC deadline: for tests that skip months and continue workflows as new.
   */
  quiet?: boolean;
}

/** What every workflow test harness has: the server, the database, the worker, time, polling, clean-up. */
export interface WorkflowHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  client: Client;
  taskQueue: string;
  policies: TaskPolicies;
  now(): Promise<number>;
  /** Skips workflow time to `marginMs` after `instant` (nothing when it has passed). */
  skipPast(instant: string | number, marginMs?: number): Promise<void>;
  /**
   * Terminates a workflow a test is done with, once none of its activities is pending: an activity running when its
   * workflow is terminated keeps the time-skipping server from skipping until the activity times out, so the next
   * test's skip took 60 s of real time.
   */
  end(handle: WorkflowHandle): Promise<void>;
  /** Polls `query` on `handle` until its answer satisfies `done`. */
  queryUntil<S>(
    handle: WorkflowHandle,
    query: QueryDefinition<S, []>,
    done?: (s: S) => boolean,
    timeoutMs?: number,
  ): Promise<S>;
  /** Skips workflow time to `marginMs` after `instant`, then polls `query` on `handle` until its answer satisfies `done`. */
  skipUntil<S>(
    instant: string | number,
    handle: WorkflowHandle,
    query: QueryDefinition<S, []>,
    done?: (s: S) => boolean,
    marginMs?: number,
  ): Promise<S>;
  /**
   * Starts `workflow` on the harness's task queue with `input`, and returns once its first step (notice, read-model
   * rows) is recorded (its `recorded` update), as the API waits for it.
   */
  startRecorded<W extends Workflow>(
    workflow: W,
    workflowId: string,
    input: Parameters<W>[0],
    recorded: UpdateDefinition<unknown, []>,
  ): Promise<WorkflowHandle<W>>;
  /** The rows of a timeline table (`<kind>_timeline`) for one id, oldest first: `columns`, then `at` in ISO form. */
  timeline<R>(table: string, idColumn: string, id: string, columns: string): Promise<R[]>;
  /** The audit log's rows of one object (`inspection`, `meeting`, ...), oldest first: action and request id. */
  audit(objectType: string, objectId: string): Promise<{ action: string; request_id: string }[]>;
  /** The people notified of a step `kind` by the workflow `workflowId`, sorted (each once when `distinct`). */
  notified(workflowId: string, kind: string, distinct?: boolean): Promise<string[]>;
  /** A cycle row of its own, in a year far from any real one (one cycle per organisation and year). */
  newCycle(): Promise<string>;
  /** Stops the worker and starts one running the workflow code at `workflowsPath` on the same task queue. */
  deploy(workflowsPath: string): Promise<void>;
  stop(): Promise<void>;
}

/** An ad-hoc meeting's or round's key (`prefix` and random hex) of `cycleId`, and its id `<cycleId>-<key>`. */
export function adHocOf(cycleId: string, prefix: string) {
  const key = `${prefix}${randomBytes(3).toString('hex')}`;
  return { id: `${cycleId}-${key}`, orgId: 'district', key, kind: 'AD_HOC' as const };
}

/** What each workflow's harness passes on from the workflow harness as it is. */
export type HarnessBasics = Pick<WorkflowHarness, 'env' | 'db' | 'now' | 'audit' | 'end' | 'stop'>;

/**
 * A workflow on the time-skipping server with its real activities (read model, calendar, notifications, the
 * children it starts) on a fresh PostgreSQL database holding the example organisation and the shipped calendars.
 * Each workflow's harness adds how it starts and reads its workflow.
 */
export async function createWorkflowHarness(options: WorkflowHarnessOptions): Promise<WorkflowHarness> {
  const env = await createTimeSkippingEnv();
  const db = await createTestDatabase();
  await loadOrganisationFile(db.pool, fromProject('examples/organisation.yaml'));
  await loadShippedCalendars(db.pool);
  const policies = loadTaskPolicies(fromProject('config/task-policies.yaml'));
  const taskQueue = `${options.name}-${randomBytes(4).toString('hex')}`;
  const fakeFetch = (async () => new Response('ok')) as typeof fetch;
  const wrap = options.activities ?? ((a: Activities) => a);

  const startWorker = async (workflowsPath: string) => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath,
      activities: wrap(createActivities({ db: db.pool, fetch: fakeFetch })),
      ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
      ...(options.maxConcurrentWorkflowTaskExecutions === undefined
        ? {}
        : { maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTaskExecutions }),
    });
    return { worker, running: worker.run() };
  };
  let current = await startWorker(options.workflowsPath ?? require.resolve('../../workflows'));
  const dispatcher = startWebhookDispatcher({ db: db.pool, fetch: fakeFetch, pollMs: 100 });

  const quiet = options.quiet ? await quietTimeSkippingClient(env) : undefined;
  const client = quiet?.client ?? env.client;
  const now = quiet?.now ?? (() => env.currentTimeMs());
  const sleep = quiet?.sleep ?? ((ms: number) => env.sleep(ms));
  const ask = <S>(handle: WorkflowHandle, query: QueryDefinition<S, []>): Promise<S | undefined> =>
    quiet ? quiet.withDeadline(5_000, () => handle.query(query)).catch(() => undefined) : handle.query(query);
  let cycles = 0;
  const queryUntil = <S>(
    handle: WorkflowHandle,
    query: QueryDefinition<S, []>,
    done: (s: S) => boolean = () => true,
    timeoutMs?: number,
  ) =>
    eventually(async () => {
      const s = await ask(handle, query);
      return s !== undefined && done(s) ? s : undefined;
    }, timeoutMs);
  const skipPast = async (instant: string | number, marginMs = 1_000) => {
    const ms = (typeof instant === 'number' ? instant : Date.parse(instant)) - (await now());
    if (ms > 0) await sleep(ms + marginMs);
  };

  return {
    env,
    db,
    client,
    taskQueue,
    policies,
    now,
    skipPast,
    queryUntil,
    async end(handle) {
      // Idle twice in a row, 200 ms apart: no activity pending and no workflow task that could still schedule one (a
      // replan after the last Update schedules planTaskTimers in the workflow task that follows it).
      const idle = async () => {
        const { raw } = await handle.describe();
        return !raw.pendingActivities?.length && !raw.pendingWorkflowTask;
      };
      await eventually(async () => {
        if (!(await idle())) return undefined;
        await new Promise((r) => setTimeout(r, 200));
        return (await idle()) ? true : undefined;
      });
      await handle.terminate('done');
    },
    async skipUntil(instant, handle, query, done, marginMs) {
      await skipPast(instant, marginMs);
      return queryUntil(handle, query, done);
    },
    async startRecorded<W extends Workflow>(
      workflow: W,
      workflowId: string,
      input: Parameters<W>[0],
      recorded: UpdateDefinition<unknown, []>,
    ) {
      // The workflow takes its one input; Temporal's options type cannot tell that of a generic `W`.
      const options = { taskQueue, workflowId, args: [input] } as unknown as WorkflowStartOptions<W>;
      const handle = await client.workflow.start(workflow, options);
      await handle.executeUpdate(recorded);
      return handle;
    },
    async timeline(table, idColumn, id, columns) {
      const { rows } = await db.pool.query(
        `SELECT ${columns}, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM ${table} WHERE ${idColumn} = $1 ORDER BY id`,
        [id],
      );
      return rows;
    },
    async audit(objectType, objectId) {
      const { rows } = await db.pool.query<{ action: string; request_id: string }>(
        `SELECT action, request_id FROM audit_log WHERE object_type = $1 AND object_id = $2 ORDER BY id`,
        [objectType, objectId],
      );
      return rows;
    },
    async notified(workflowId, kind, distinct = false) {
      const { rows } = await db.pool.query<{ person_id: string }>(
        `SELECT ${distinct ? 'DISTINCT ' : ''}person_id FROM notifications WHERE workflow_id = $1 AND kind = $2 ORDER BY person_id`,
        [workflowId, kind],
      );
      return rows.map((r) => r.person_id);
    },
    async newCycle() {
      const year = 2900 + ++cycles;
      const id = `district-${year}`;
      await db.pool.query(
        `INSERT INTO cycles (id, workflow_id, org_id, year, phase, settings, opened_at, version)
         VALUES ($1, $2, 'district', $3, 'RUNNING', '{}', now(), 1)`,
        [id, `cycle:${id}`, year],
      );
      return id;
    },
    async deploy(workflowsPath) {
      current.worker.shutdown();
      await current.running;
      current = await startWorker(workflowsPath);
    },
    async stop() {
      await dispatcher.stop();
      current.worker.shutdown();
      await current.running;
      await quiet?.close();
      await env.teardown();
      await db.drop();
    },
  };
}
