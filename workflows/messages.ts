import { defineQuery, defineUpdate } from '@temporalio/workflow';

/** States of a supervised task (DOMAIN.md "The supervised task"); more arrive with the full task lifecycle. */
export type TaskState = 'ASSIGNED' | 'OVERDUE' | 'CANCELLED';
export type TrafficLight = 'GREEN' | 'YELLOW' | 'RED' | 'NONE';

/** Who asked for an action, carried into the workflow so its activity can audit it completely. */
export interface Actor {
  personId: string;
  roles: string[];
  /** The token (or identity-provider credential) the request carried. */
  credentialId: string;
  requestId: string;
}

/** The four-in-place (四到位) of a task, as it is started. */
export interface TaskInput {
  taskId: string;
  orgId: string;
  title: string;
  leadUnitId: string;
  coUnitIds: string[];
  leaderId: string;
  requirements: string;
  standard: string;
  /** The time limit (工作时限) as a local date, ending 24:00 Asia/Shanghai. */
  dueDate: string;
  createdBy: string;
  /** The office member who assigned it; `createdBy` is their person id. */
  actor: Actor;
}

export interface TaskStatus {
  taskId: string;
  state: TaskState;
  light: TrafficLight;
  dueAt: string | undefined;
}

export interface CancelTaskInput {
  actor: Actor;
  reason: string;
}

export const getTaskStatus = defineQuery<TaskStatus>('getTaskStatus');
/**
 * Completes once the task is in the read model. Sent with the start (update-with-start), it lets the API
 * answer 201 only when the task can already be read back.
 */
export const taskRecorded = defineUpdate<TaskStatus>('taskRecorded');
/** The office withdraws a task (撤销). Rejected once the task is closed. */
export const cancelTask = defineUpdate<TaskStatus, [CancelTaskInput]>('cancelTask');

/** Deterministic workflow id of a task: one workflow per task, whoever starts it and however often. */
export const taskWorkflowId = (taskId: string): string => `task:${taskId}`;
