import { ApplicationFailure, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  cancelTask,
  getTaskStatus,
  taskRecorded,
  type CancelTaskInput,
  type TaskInput,
  type TaskStatus,
} from './messages';

const { resolveDeadline, recordTaskAssigned, recordTaskOverdue, recordTaskCancelled } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * A supervised task (督办任务): assigned with its four-in-place, watched until its deadline, marked
 * overdue (red) when the deadline lapses unless the office cancelled it first. Signing, reporting,
 * submission, review, reminders and the escalation ladder build on this in the task lifecycle.
 */
export async function supervisedTask(input: TaskInput): Promise<TaskStatus> {
  const workflowId = workflowInfo().workflowId;
  const status: TaskStatus = { taskId: input.taskId, state: 'ASSIGNED', light: 'GREEN', dueAt: undefined };
  let cancellation: CancelTaskInput | undefined;
  let recorded = false;

  setHandler(getTaskStatus, () => status);
  setHandler(taskRecorded, async () => {
    await condition(() => recorded);
    return status;
  });
  setHandler(
    cancelTask,
    (cancel) => {
      cancellation = cancel;
      status.state = 'CANCELLED';
      status.light = 'NONE';
      return status;
    },
    {
      validator: (cancel) => {
        if (status.state !== 'ASSIGNED') {
          throw ApplicationFailure.create({
            type: 'InvalidState',
            message: `任务已${stateLabel(status.state)}，不能撤销`,
          });
        }
        if (!cancel.reason.trim()) throw ApplicationFailure.create({ type: 'InvalidInput', message: '撤销须说明理由' });
      },
    },
  );

  // The deadline comes from an activity: the calendar is data, never read by workflow code.
  const deadline = await resolveDeadline({ dueDate: input.dueDate });
  status.dueAt = deadline.dueAt;
  await recordTaskAssigned({ workflowId, task: input, dueAt: deadline.dueAt });
  recorded = true;

  // Date.now() here is Temporal's deterministic workflow time, not the machine clock.
  const remaining = Math.max(0, Date.parse(deadline.dueAt) - Date.now());
  const cancelled = await condition(() => cancellation !== undefined, remaining);
  if (cancelled && cancellation) {
    await recordTaskCancelled({ workflowId, taskId: input.taskId, orgId: input.orgId, ...cancellation });
    return status;
  }
  status.state = 'OVERDUE';
  status.light = 'RED';
  await recordTaskOverdue({ workflowId, taskId: input.taskId, dueDate: input.dueDate });
  return status;
}

function stateLabel(state: TaskStatus['state']): string {
  return { ASSIGNED: '交办', OVERDUE: '逾期', CANCELLED: '撤销' }[state];
}
