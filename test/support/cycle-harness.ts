import { randomBytes } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '../../activities';
import type { AppDeps } from '../../api/deps';
import type { Caller } from '../../api/authorise';
import type { Identity, Role } from '../../api/identity';
import { startCycle, submitPlan, type CycleSettingsInput } from '../../api/use-cases/cycles';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { loadShippedCalendars } from '../../db/queries/calendar';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import * as c from '../../workflows/cycle-messages';
import type { Actor } from '../../workflows/messages';
import { createTestDatabase, type TestDatabase } from './database';
import { eventually } from './http';
import { createTimeSkippingEnv, quietTimeSkippingClient } from './temporal';

/** People of the example organisation, as the cycle tests act. */
export const CYCLE_PEOPLE = {
  office: { personId: 'p-huang-min', unitId: 'office', roles: ['OFFICE'] },
  group: { personId: 'p-li-jianguo', unitId: 'group', roles: ['LEADER', 'GROUP'] },
} as const satisfies Record<string, { personId: string; unitId: string; roles: Role[] }>;

let requests = 0;

/** A caller of the API use-cases, with a fresh request id (the audit log and `created` key on it). */
export function callerAs(person: { personId: string; unitId: string; roles: readonly string[] }): Caller {
  const identity: Identity = {
    personId: person.personId,
    orgId: 'district',
    unitId: person.unitId,
    roles: [...person.roles] as Role[],
    credentialId: `tok-${person.personId}`,
  };
  return { identity, requestId: `req-${process.pid}-${++requests}` };
}

export const actorAs = (person: { personId: string; unitId: string; roles: readonly string[] }): Actor => {
  const { identity, requestId } = callerAs(person);
  return { ...identity, requestId };
};

export interface CycleHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  client: Client;
  deps: AppDeps;
  /** Opens a cycle of the example organisation through the API's use-case, as the office. */
  open(year: number, settings?: Partial<c.CycleSettings>): Promise<WorkflowHandle>;
  /** Submits a plan (YAML text or a value) through the API's use-case, as the office. */
  submit(cycleId: string, plan: unknown): ReturnType<typeof submitPlan>;
  approve(handle: WorkflowHandle, version: number): Promise<c.CycleStatus>;
  /** Skips workflow time to just after `instant`. */
  skipTo(instant: string | number): Promise<void>;
  /** Waits until the cycle's state satisfies `done`. */
  until(handle: WorkflowHandle, done: (s: c.CycleStatus) => boolean, timeoutMs?: number): Promise<c.CycleStatus>;
  cycleTimeline(cycleId: string): Promise<{ kind: string; message: string; at: string }[]>;
  now(): Promise<number>;
  /**
   * Stops the worker and starts one running the workflow code at `workflowsPath` on the same task queue: a deploy
   * of changed workflow code under running workflows.
   */
  deploy(workflowsPath: string): Promise<void>;
  stop(): Promise<void>;
}

export interface CycleHarnessOptions {
  /** The workflow code the first worker runs (default: the current `workflows/`). */
  workflowsPath?: string;
  /**
   * Workflows the worker keeps cached; 0 when a test replaces the worker, so that no workflow task waits on the
   * sticky queue of a worker that is gone (the time-skipping server does not hand those back in time).
   */
  maxCachedWorkflows?: number;
  /** Activities replaced for the test (e.g. what the configuration files would say). */
  activities?: Partial<ReturnType<typeof createActivities>>;
}

/**
 * The annual cycle on the time-skipping server with its real activities and the API's own use-cases (open, plan
 * submission), on a fresh database holding the example organisation and the shipped calendars.
 */
export async function createCycleHarness(options: CycleHarnessOptions = {}): Promise<CycleHarness> {
  const env = await createTimeSkippingEnv();
  const db = await createTestDatabase();
  await loadOrganisationFile(db.pool, fromProject('examples/organisation.yaml'));
  await loadShippedCalendars(db.pool);
  const taskPolicies = loadTaskPolicies(fromProject('config/task-policies.yaml'));
  const taskQueue = `cycles-${randomBytes(4).toString('hex')}`;
  const fakeFetch = (async () => new Response('ok')) as typeof fetch;
  const startWorker = async (workflowsPath: string) => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath,
      activities: { ...createActivities({ db: db.pool, fetch: fakeFetch }), ...options.activities },
      maxConcurrentWorkflowTaskExecutions: 50,
      ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
    });
    return { worker, running: worker.run() };
  };
  let current = await startWorker(options.workflowsPath ?? require.resolve('../../workflows'));
  const quiet = await quietTimeSkippingClient(env);
  const deps = {
    db: db.pool,
    temporal: quiet.client,
    taskQueue,
    taskPolicies,
    log: pino({ level: 'silent' }),
  } as unknown as AppDeps;
  const now = quiet.now;

  return {
    env,
    db,
    client: quiet.client,
    deps,
    now,
    async open(year, settings) {
      const { status } = await startCycle(deps, {
        orgId: 'district',
        year,
        settings: settings as CycleSettingsInput,
        openedBy: actorAs(CYCLE_PEOPLE.office),
      });
      return quiet.client.workflow.getHandle(c.cycleWorkflowId(status.cycleId));
    },
    submit: (cycleId, plan) => submitPlan(deps, callerAs(CYCLE_PEOPLE.office), cycleId, plan),
    approve: (handle, version) =>
      handle.executeUpdate(c.approvePlan, { args: [{ actor: actorAs(CYCLE_PEOPLE.group), version }] }),
    async skipTo(instant) {
      const ms = (typeof instant === 'number' ? instant : Date.parse(instant)) - (await now());
      if (ms > 0) await quiet.sleep(ms + 1_000);
    },
    until: (handle, done, timeoutMs = 30_000) =>
      eventually(async () => {
        const s = await quiet.withDeadline(5_000, () => handle.query(c.getCycleStatus)).catch(() => undefined);
        return s && done(s) ? s : undefined;
      }, timeoutMs),
    async cycleTimeline(cycleId) {
      const { rows } = await db.pool.query(
        `SELECT kind, message, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM cycle_timeline WHERE cycle_id = $1 ORDER BY id`,
        [cycleId],
      );
      return rows;
    },
    async deploy(workflowsPath) {
      current.worker.shutdown();
      await current.running;
      current = await startWorker(workflowsPath);
    },
    async stop() {
      current.worker.shutdown();
      await current.running;
      await quiet.close();
      await env.teardown();
      await db.drop();
    },
  };
}
