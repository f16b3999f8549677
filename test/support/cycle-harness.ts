import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { AppDeps } from '../../api/deps';
import type { Caller } from '../../api/authorise';
import type { Identity, Role } from '../../api/identity';
import { submitPlan } from '../../api/use-cases/cycle-plan';
import { startCycle, type CycleSettingsInput } from '../../api/use-cases/cycles';
import { actOnTask } from '../../api/use-cases/tasks';
import * as c from '../../procedures/cycle/messages';
import type { Actor } from '../../procedures/task/messages';
import type { TestDatabase } from './database';
import { createWorkflowHarness, type WorkflowHarnessOptions } from './workflow-harness';

/** People of the example organisation, as the cycle tests act. */
export const CYCLE_PEOPLE = {
  office: { personId: 'p-huang-min', unitId: 'office', roles: ['OFFICE'] },
  group: { personId: 'p-li-jianguo', unitId: 'group', roles: ['LEADER', 'GROUP'] },
} as const satisfies Record<string, { personId: string; unitId: string; roles: Role[] }>;

/** The departments and towns of the example organisation (examples/organisation.yaml), in its order. */
export const EXAMPLE_DEPARTMENTS = [
  'dept-organisation',
  'dept-publicity',
  'dept-health',
  'dept-trade-union',
  'dept-womens-federation',
  'dept-public-security',
  'dept-finance',
  'dept-human-resources',
  'dept-housing',
  'dept-education',
];
export const EXAMPLE_TOWNS = [
  'town-dongguan',
  'town-xicheng',
  'town-nanhu',
  'town-beishan',
  'town-xinhua',
  'town-zhongxin',
  'town-qingshi',
  'town-liuhe',
  'town-baiyang',
  'town-hongyan',
  'town-sancha',
  'town-qingshui',
];

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

/** A task action through the API's use-case, after the task's id: its name, its update and its arguments. */
export type TaskAction<A extends { actor: Actor }> = [
  action: Parameters<typeof actOnTask>[3]['action'],
  update: Parameters<typeof actOnTask<A>>[3]['update'],
  args: Omit<A, 'actor'>,
];

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
  /** Acts on the task `taskId` through the API's use-case, as `caller`. */
  act<A extends { actor: Actor }>(
    caller: Caller,
    taskId: string,
    ...action: TaskAction<A>
  ): ReturnType<typeof actOnTask<A>>;
  /** A caller as the head of the unit `unitId` of the example organisation, in the UNIT role. */
  unitCaller(unitId: string): Caller;
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

export type CycleHarnessOptions = Pick<WorkflowHarnessOptions, 'workflowsPath' | 'maxCachedWorkflows' | 'activities'>;

/**
 * The annual cycle on the time-skipping server with its real activities and the API's own use-cases (open, plan
 * submission), on a fresh database holding the example organisation and the shipped calendars.
 */
export async function createCycleHarness(options: CycleHarnessOptions = {}): Promise<CycleHarness> {
  const h = await createWorkflowHarness({
    name: 'cycles',
    quiet: true,
    maxConcurrentWorkflowTaskExecutions: 50,
    ...options,
  });
  const { env, db, client, now } = h;
  const deps = {
    db: db.pool,
    temporal: client,
    taskQueue: h.taskQueue,
    taskPolicies: h.policies,
    log: pino({ level: 'silent' }),
  } as unknown as AppDeps;
  const { rows } = await db.pool.query<{ id: string; head_id: string }>('SELECT id, head_id FROM units');
  const heads = new Map(rows.map((r) => [r.id, r.head_id]));

  return {
    env,
    db,
    client,
    deps,
    now,
    async open(year, settings) {
      const { status } = await startCycle(deps, {
        orgId: 'district',
        year,
        settings: settings as CycleSettingsInput,
        openedBy: actorAs(CYCLE_PEOPLE.office),
      });
      return client.workflow.getHandle(c.cycleWorkflowId(status.cycleId));
    },
    submit: (cycleId, plan) => submitPlan(deps, callerAs(CYCLE_PEOPLE.office), cycleId, plan),
    approve: (handle, version) =>
      handle.executeUpdate(c.approvePlan, { args: [{ actor: actorAs(CYCLE_PEOPLE.group), version }] }),
    act: (caller, taskId, action, update, args) => actOnTask(deps, caller, taskId, { action, update }, args),
    unitCaller: (unitId) => callerAs({ personId: heads.get(unitId)!, unitId, roles: ['UNIT'] }),
    skipTo: (instant) => h.skipPast(instant),
    until: (handle, done, timeoutMs = 30_000) => h.queryUntil(handle, c.getCycleStatus, done, timeoutMs),
    cycleTimeline: (cycleId) => h.timeline('cycle_timeline', 'cycle_id', cycleId, 'kind, message'),
    deploy: (workflowsPath) => h.deploy(workflowsPath),
    stop: () => h.stop(),
  };
}
