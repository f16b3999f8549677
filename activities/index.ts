import type { Pool } from 'pg';
import type { CancelTaskInput, TaskInput } from '../workflows/messages';
import { insertAssignedTask, updateTaskState } from '../db/queries/tasks';
import { endOfLocalDay } from './deadlines';

export interface ActivityDeps {
  db: Pool;
}

/**
 * Builds the activities from their dependencies: the worker passes real ones, tests real or fake ones.
 * Every write is keyed by workflow id + step, so a retried or replayed activity never writes twice.
 */
export function createActivities({ db }: ActivityDeps) {
  return {
    async resolveDeadline({ dueDate }: { dueDate: string }): Promise<{ dueAt: string }> {
      return { dueAt: endOfLocalDay(dueDate).toISOString() };
    },

    async recordTaskAssigned({ workflowId, task, dueAt }: { workflowId: string; task: TaskInput; dueAt: string }) {
      await insertAssignedTask(
        db,
        { ...task, id: task.taskId, workflowId, dueAt },
        {
          workflowId,
          taskId: task.taskId,
          step: 'assigned',
          kind: 'ASSIGNED',
          message: `交办任务「${task.title}」，工作时限 ${task.dueDate}`,
          actor: task.actor,
          audit: { action: 'task.create', orgId: task.orgId, payload: { ...task, actor: undefined } },
        },
      );
    },

    async recordTaskOverdue({ workflowId, taskId, dueDate }: { workflowId: string; taskId: string; dueDate: string }) {
      await updateTaskState(db, 'OVERDUE', 'RED', {
        workflowId,
        taskId,
        step: 'overdue',
        kind: 'OVERDUE',
        message: `已超过工作时限（${dueDate}）仍未报结，亮红灯`,
      });
    },

    async recordTaskCancelled({
      workflowId,
      taskId,
      orgId,
      actor,
      reason,
    }: CancelTaskInput & { workflowId: string; taskId: string; orgId: string }) {
      await updateTaskState(db, 'CANCELLED', 'NONE', {
        workflowId,
        taskId,
        step: 'cancelled',
        kind: 'CANCELLED',
        message: `任务已撤销，理由：${reason}`,
        actor,
        audit: { action: 'task.cancel', orgId, payload: { reason } },
      });
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
