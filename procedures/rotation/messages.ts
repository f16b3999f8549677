import { defineQuery, defineUpdate } from '../kernel/definitions';
import type { Recipient } from '../kernel/recipients';
import type { Actor } from '../task/messages';

/** The rotation policy (config/collaboration.yaml, section `rotation`). */
export interface RotationPolicy {
  minMonths: number;
  maxMonths: number;
  confirmWorkingDays: number;
  escalateAfterWorkingDays: number;
}

/** One window of the plan as the office makes it: who, from which unit, from which day to which (local dates). */
export interface WindowPlan {
  windowId: string;
  personId: string;
  unitId: string;
  /** First and last day at the case office (YYYY-MM-DD, Asia/Shanghai). */
  start: string;
  end: string;
}

export interface RotationInput {
  planId: string;
  orgId: string;
  year: number;
  windows: WindowPlan[];
  /** The units confirm by 24:00 of this date, or of the N-th working day after the plan is made. */
  confirmBy: { date: string } | { workingDays: number };
  policy: RotationPolicy;
  createdBy: Actor;
}

/**
 * PENDING: waiting for the unit's confirmation; SWAP_REQUESTED: the unit asked to swap, the office decides;
 * CONFIRMED: agreed; STARTED: the trainee is at the case office; FINISHED: served to the end; ENDED_EARLY: the office
 * ended it before its end; ABSENT: the office recorded that the trainee did not come (before its start).
 */
export type WindowState =
  'PENDING' | 'SWAP_REQUESTED' | 'CONFIRMED' | 'STARTED' | 'FINISHED' | 'ENDED_EARLY' | 'ABSENT';
export const WINDOW_STATES: readonly WindowState[] = [
  'PENDING',
  'SWAP_REQUESTED',
  'CONFIRMED',
  'STARTED',
  'FINISHED',
  'ENDED_EARLY',
  'ABSENT',
];
export const WINDOW_OVER: readonly WindowState[] = ['FINISHED', 'ENDED_EARLY', 'ABSENT'];

/** A unit's request to swap a window (调换): another window and/or another person, with its reason, and its fate. */
export interface SwapRequest {
  personId: string;
  start: string;
  end: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  /** APPROVED: the window is now the proposal; DENIED: the original stands; LAPSED: undecided at the window's start. */
  decision: 'APPROVED' | 'DENIED' | 'LAPSED' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

export interface WindowStatus extends WindowPlan {
  state: WindowState;
  /** The window as the office first planned it. */
  original: { personId: string; start: string; end: string };
  /** 24:00 of the confirmation's last day (the plan's). */
  dueAt: string | null;
  /** The unit's first answer (a confirmation or a swap request); late when after dueAt. */
  answeredAt: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  /** Confirmed after dueAt (or never answered by it). */
  confirmedLate: boolean;
  swaps: SwapRequest[];
  /** The missed confirmation's rungs: L1 (unit head urged) and L2 (the unit's responsible leader told). */
  overdueAt: string | null;
  escalatedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
}

export interface RotationStatus {
  planId: string;
  /** OPEN while a window is not over; CLOSED when all are. */
  state: 'OPEN' | 'CLOSED';
  createdAt: string | null;
  dueAt: string | null;
  escalateAt: string | null;
  windows: WindowStatus[];
  closedAt: string | null;
  version: number;
}

export interface ConfirmWindowInput {
  actor: Actor;
  windowId: string;
}

export interface RequestSwapInput {
  actor: Actor;
  windowId: string;
  /** The proposed person (of the same unit) and window; each defaults to the window's own. */
  personId?: string;
  start?: string;
  end?: string;
  reason: string;
}

export interface DecideSwapInput {
  actor: Actor;
  windowId: string;
  approve: boolean;
  note?: string;
}

export interface EndWindowInput {
  actor: Actor;
  windowId: string;
  reason: string;
}

export const getRotationStatus = defineQuery<RotationStatus>('getRotationStatus');
export const rotationRecorded = defineUpdate<RotationStatus>('rotationRecorded');
export const confirmWindow = defineUpdate<RotationStatus, [ConfirmWindowInput]>('confirmWindow');
export const requestSwap = defineUpdate<RotationStatus, [RequestSwapInput]>('requestSwap');
export const decideSwap = defineUpdate<RotationStatus, [DecideSwapInput]>('decideSwap');
export const endWindow = defineUpdate<RotationStatus, [EndWindowInput]>('endWindow');

/** A plan's id: one per organisation and year. */
export const rotationPlanId = (orgId: string, year: number): string => `${orgId}-${year}`;
/** Deterministic workflow id of a plan. */
export const rotationWorkflowId = (orgId: string, year: number): string => `rotation:${orgId}:${year}`;

export interface RotationNotice {
  kind: string;
  title: string;
  body: string;
  recipients: Recipient[];
}
