import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities, type Activities } from '../../activities';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { loadShippedCalendars } from '../../db/queries/calendar';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { supervisedTask } from '../../workflows';
import { getTaskStatus, taskWorkflowId, type Actor, type TaskInput, type TaskStatus } from '../../workflows/messages';
import { createTestDatabase, type TestDatabase } from './database';
import { eventually } from './http';
import { createTimeSkippingEnv } from './temporal';

export const PEOPLE = {
  office: { personId: 'p-huang-min', unitId: 'office', roles: ['OFFICE'] },
  lead: { personId: 'p-xie-hua', unitId: 'town-dongguan', roles: ['UNIT'] },
  co: { personId: 'p-lin-feng', unitId: 'dept-finance', roles: ['UNIT'] },
  other: { personId: 'p-han-bing', unitId: 'town-xicheng', roles: ['UNIT'] },
  leader: { personId: 'p-wang-hongmei', unitId: 'group', roles: ['LEADER', 'GROUP'] },
} as const;

export const actor = (who: keyof typeof PEOPLE): Actor => ({
  ...PEOPLE[who],
  roles: [...PEOPLE[who].roles],
  credentialId: `tok_${who}`,
  requestId: `req-${who}`,
});

export interface TaskHarness {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  /** Starts a task assigned now (workflow time) with a ROUTINE policy, unless overridden. */
  start(overrides?: Partial<TaskInput>): Promise<WorkflowHandle<typeof supervisedTask>>;
  /** Skips workflow time to just after `instant`, then waits until `done` holds for the task's state. */
  skipTo(instant: string, handle: WorkflowHandle, done?: (s: TaskStatus) => boolean): Promise<TaskStatus>;
  timeline(taskId: string): Promise<{ kind: string; step: string; message: string }[]>;
  now(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The supervised task on the time-skipping server with its real activities: the read model, calendar and
 * notifications in a fresh PostgreSQL database holding the example organisation and the shipped calendars.
 * `wrap` lets a test put faults around the activities.
 */
export async function createTaskHarness(wrap: (a: Activities) => Activities = (a) => a): Promise<TaskHarness> {
  const env = await createTimeSkippingEnv();
  const db = await createTestDatabase();
  await loadOrganisationFile(db.pool, fromProject('examples/organisation.yaml'));
  await loadShippedCalendars(db.pool);
  const policies = loadTaskPolicies(fromProject('config/task-policies.yaml'));
  const taskQueue = `tasks-${randomBytes(4).toString('hex')}`;
  const fakeFetch = (async () => new Response('ok')) as typeof fetch;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: wrap(createActivities({ db: db.pool, fetch: fakeFetch })),
  });
  const running = worker.run();
  const now = () => env.currentTimeMs();

  return {
    env,
    db,
    now,
    async start(overrides = {}) {
      const taskId = `t-${randomBytes(5).toString('hex')}`;
      const input: TaskInput = {
        taskId,
        orgId: 'district',
        title: '开展作风建设专项检查',
        leadUnitId: PEOPLE.lead.unitId,
        coUnitIds: [],
        leaderId: PEOPLE.leader.personId,
        requirements: '按方案开展检查',
        standard: '形成检查报告',
        limit: { kind: 'WORKING_DAYS', days: 10 },
        policy: policies.get('ROUTINE')!,
        assignedAt: new Date(await now()).toISOString(),
        cycleId: null,
        createdBy: PEOPLE.office.personId,
        actor: actor('office'),
        ...overrides,
      };
      const handle = await env.client.workflow.start(supervisedTask, {
        taskQueue,
        workflowId: taskWorkflowId(taskId),
        args: [input],
      });
      await eventually(async () => ((await handle.query(getTaskStatus)).version > 0 ? true : undefined));
      return handle;
    },
    async skipTo(instant, handle, done = () => true) {
      const ms = Date.parse(instant) - (await now());
      if (ms > 0) await env.sleep(ms + 1_000);
      return eventually(async () => {
        const s = await handle.query(getTaskStatus);
        return done(s) ? s : undefined;
      });
    },
    async timeline(taskId) {
      const { rows } = await db.pool.query(
        'SELECT kind, step, message FROM task_timeline WHERE task_id = $1 ORDER BY id',
        [taskId],
      );
      return rows;
    },
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await db.drop();
    },
  };
}
