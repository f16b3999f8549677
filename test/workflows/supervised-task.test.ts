import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { cancelTask, getTaskStatus, taskWorkflowId, type TaskInput } from '../../workflows/messages';
import { supervisedTask } from '../../workflows';
import { createTimeSkippingEnv } from '../support/temporal';

/** In-memory stand-ins for the read-model activities: they record what the workflow asked for. */
function recordingActivities() {
  const calls: { name: string; args: unknown }[] = [];
  const record = (name: string) => async (args: unknown) => {
    calls.push({ name, args });
  };
  const activities: Activities = {
    resolveDeadline: async ({ dueDate }) => ({ dueAt: new Date(`${dueDate}T16:00:00Z`).toISOString() }),
    recordTaskAssigned: record('recordTaskAssigned'),
    recordTaskOverdue: record('recordTaskOverdue'),
    recordTaskCancelled: record('recordTaskCancelled'),
  };
  return { activities, calls };
}

const office = { personId: 'p-office', roles: ['OFFICE'], credentialId: 'tok_1', requestId: 'req-1' };

function taskIn30Days(env: TestWorkflowEnvironment, taskId: string): Promise<TaskInput> {
  return env.currentTimeMs().then((now) => ({
    taskId,
    orgId: 'district',
    title: '开展廉政风险排查',
    leadUnitId: 'town-a',
    coUnitIds: [],
    leaderId: 'p-leader',
    requirements: '全面排查',
    standard: '形成台账',
    dueDate: new Date(now + 30 * 86_400_000).toISOString().slice(0, 10),
    createdBy: 'p-office',
    actor: office,
  }));
}

describe('supervised task workflow', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  async function withWorker<T>(activities: Activities, run: () => Promise<T>): Promise<T> {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'test-supervised-task',
      workflowsPath: require.resolve('../../workflows'),
      activities,
    });
    return worker.runUntil(run());
  }

  it('turns red when its deadline 30 days away lapses, without waiting 30 days', async () => {
    const { activities, calls } = recordingActivities();
    const input = await taskIn30Days(env, 'wf-overdue');
    const startedAt = Date.now();

    const result = await withWorker(activities, () =>
      env.client.workflow.execute(supervisedTask, {
        taskQueue: 'test-supervised-task',
        workflowId: taskWorkflowId(input.taskId),
        args: [input],
      }),
    );

    expect(result).toMatchObject({ state: 'OVERDUE', light: 'RED' });
    expect(calls.map((c) => c.name)).toEqual(['recordTaskAssigned', 'recordTaskOverdue']);
    expect(Date.now() - startedAt).toBeLessThan(20_000);
  });

  it('stops watching the deadline when the office cancels the task', async () => {
    const { activities, calls } = recordingActivities();
    const input = await taskIn30Days(env, 'wf-cancel');

    const result = await withWorker(activities, async () => {
      const handle = await env.client.workflow.start(supervisedTask, {
        taskQueue: 'test-supervised-task',
        workflowId: taskWorkflowId(input.taskId),
        args: [input],
      });
      const status = await handle.executeUpdate(cancelTask, { args: [{ actor: office, reason: '任务重复' }] });
      expect(status.state).toBe('CANCELLED');
      return handle.result();
    });

    expect(result.state).toBe('CANCELLED');
    expect(calls.map((c) => c.name)).toEqual(['recordTaskAssigned', 'recordTaskCancelled']);
    expect(calls[1]?.args).toMatchObject({ reason: '任务重复', actor: office });
  });

  it('rejects a cancellation without a reason and keeps the task running', async () => {
    const { activities } = recordingActivities();
    const input = await taskIn30Days(env, 'wf-no-reason');

    await withWorker(activities, async () => {
      const handle = await env.client.workflow.start(supervisedTask, {
        taskQueue: 'test-supervised-task',
        workflowId: taskWorkflowId(input.taskId),
        args: [input],
      });
      const refused = handle.executeUpdate(cancelTask, { args: [{ actor: office, reason: '  ' }] });
      await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(refused).rejects.toMatchObject({ cause: { message: '撤销须说明理由' } });
      expect(await handle.query(getTaskStatus)).toMatchObject({ state: 'ASSIGNED', light: 'GREEN' });
      await handle.terminate('test done');
    });
  });
});
