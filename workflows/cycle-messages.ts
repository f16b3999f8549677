import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, TaskInput } from './messages';

/** Where an annual cycle (年度周期) stands: the plan is drafted and approved, then the year runs, then it closes. */
export type CyclePhase = 'PLANNING' | 'RUNNING' | 'CLOSED';

/** A task of the plan as the cycle starts it; its assignment time is the moment of decomposition. */
export type TaskBlueprint = Omit<TaskInput, 'assignedAt'>;

export interface CycleInput {
  cycleId: string;
  orgId: string;
  year: number;
  /** The leadership group should approve the plan by the end of this local date (DOMAIN.md step 1). */
  approvalDueDate: string;
  actor: Actor;
  /** Tasks started between continue-as-new; lowered by tests to force it. */
  startsPerRun?: number;
}

export interface CycleStatus {
  cycleId: string;
  year: number;
  phase: CyclePhase;
  /** The latest revision the office submitted, and the one the group approved. */
  planRevision: number;
  approvedRevision: number | null;
  approvedAt: string | null;
  approvedBy: string | null;
  approvalOverdue: boolean;
  tasksPlanned: number;
  tasksStarted: number;
  tasksAdded: number;
  version: number;
}

export interface SubmitPlanInput {
  actor: Actor;
  revision: number;
  taskCount: number;
}

export const getCycleStatus = defineQuery<CycleStatus>('getCycleStatus');
export const cycleRecorded = defineUpdate<CycleStatus>('cycleRecorded');
export const submitPlan = defineUpdate<CycleStatus, [SubmitPlanInput]>('submitPlan');
export const approvePlan = defineUpdate<CycleStatus, [{ actor: Actor }]>('approvePlan');
export const addCycleTask = defineUpdate<CycleStatus, [{ actor: Actor; task: TaskBlueprint }]>('addCycleTask');
export const closeCycle = defineUpdate<CycleStatus, [{ actor: Actor; reason: string }]>('closeCycle');

export const cycleWorkflowId = (orgId: string, year: number): string => `cycle:${orgId}:${year}`;
