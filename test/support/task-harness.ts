import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Activities } from '../../activities';
import type { TaskPolicies } from '../../config/task-policy';
import { supervisedTask } from '../../workflows';
import {
  getTaskStatus,
  taskWorkflowId,
  type Actor,
  type TaskInput,
  type TaskStatus,
} from '../../procedures/task/messages';
import type { TestDatabase } from './database';
import { createWorkflowHarness } from './workflow-harness';

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
  /** Terminates a task the test is done with, once none of its activities runs (WorkflowHarness.end). */
  end(handle: WorkflowHandle): Promise<void>;
  stop(): Promise<void>;
}

/** A task of the example organisation, ROUTINE, lead town-dongguan, 10 working days, unless overridden. */
export function taskInput(policies: TaskPolicies, assignedAt: string, overrides: Partial<TaskInput> = {}): TaskInput {
  return {
    taskId: `t-${randomBytes(5).toString('hex')}`,
    orgId: 'district',
    title: '开展作风建设专项检查',
    leadUnitId: PEOPLE.lead.unitId,
    coUnitIds: [],
    leaderId: PEOPLE.leader.personId,
    requirements: '按方案开展检查',
    standard: '形成检查报告',
    limit: { kind: 'WORKING_DAYS', days: 10 },
    policy: policies.get('ROUTINE')!,
    assignedAt,
    cycleId: null,
    createdBy: PEOPLE.office.personId,
    actor: actor('office'),
    ...overrides,
  };
}

/**
 * The supervised task on the time-skipping server with its real activities: the read model, calendar and
 * notifications in a fresh PostgreSQL database holding the example organisation and the shipped calendars.
 * `wrap` lets a test put faults around the activities.
 */
export async function createTaskHarness(wrap: (a: Activities) => Activities = (a) => a): Promise<TaskHarness> {
  const h = await createWorkflowHarness({ name: 'tasks', activities: wrap });
  const { env, db, now, end } = h;

  return {
    env,
    db,
    now,
    end,
    async start(overrides = {}) {
      const input = taskInput(h.policies, new Date(await now()).toISOString(), overrides);
      const handle = await env.client.workflow.start(supervisedTask, {
        taskQueue: h.taskQueue,
        workflowId: taskWorkflowId(input.taskId),
        args: [input],
      });
      await h.queryUntil(handle, getTaskStatus, (s) => s.version > 0);
      return handle;
    },
    async skipTo(instant, handle, done = () => true) {
      await h.skipPast(instant);
      return h.queryUntil(handle, getTaskStatus, done);
    },
    async timeline(taskId) {
      const { rows } = await db.pool.query(
        'SELECT kind, step, message FROM task_timeline WHERE task_id = $1 ORDER BY id',
        [taskId],
      );
      return rows;
    },
    stop: () => h.stop(),
  };
}

/** The office moves a task to town-xicheng, the leader unchanged (改派): the reassignment the tests take. */
export const reassignToXicheng = () => ({
  actor: actor('office'),
  leadUnitId: 'town-xicheng',
  coUnitIds: [] as string[],
  leaderId: 'p-wang-hongmei',
  reason: '职责调整',
});
