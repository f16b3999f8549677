import { defineQuery, defineUpdate } from '../kernel/definitions';
import type { AttachedFile } from '../kernel/files';
import type { Recipient } from '../kernel/recipients';
import type { Actor } from '../task/messages';

/**
 * Why a case is opened (DOMAIN.md "The annual cycle" step 7): the top rung (L3) of a task's escalation ladder, an
 * assessment score below the configured threshold, or the office's own finding.
 */
export type CaseSource =
  | { kind: 'L3'; taskId: string; dueDate: string }
  | { kind: 'ASSESSMENT'; assessmentId: string; score: number; threshold: number }
  | { kind: 'OFFICE'; reason: string };

/** A measure the office may decide (处理措施), e.g. `{ code: 'TALK', name: '约谈' }`. */
export interface CaseMeasure {
  code: string;
  name: string;
}

/** The accountability policy (config/accountability.yaml); offsets in working days. */
export interface CasePolicy {
  /** The written statement (说明情况) is due by the end of this working day after the case is opened. */
  statementWorkingDays: number;
  /** Still no statement this many working days after its deadline: the case goes to the leadership group. */
  escalateAfterWorkingDays: number;
  measures: CaseMeasure[];
}

export interface CaseInput {
  caseId: string;
  orgId: string;
  cycleId: string | null;
  unitId: string;
  /** The responsible leader (分管领导) the case names; null: the unit's own responsible leader. */
  leaderId: string | null;
  source: CaseSource;
  policy: CasePolicy;
  /** The office member who opened it; null when the procedure opened it (L3, assessment). */
  openedBy: Actor | null;
}

/**
 * OPEN: waiting for the statement; STATEMENT_OVERDUE: its deadline passed without it; STATEMENT_RECEIVED: the unit
 * has explained; DECIDED: the office decided, notices going out; CLOSED: decided, notified and on record.
 */
export type CaseState = 'OPEN' | 'STATEMENT_OVERDUE' | 'STATEMENT_RECEIVED' | 'DECIDED' | 'CLOSED';

/** Everything the workflow knows of a case: the query's answer and the read model's source. */
export interface CaseStatus {
  caseId: string;
  state: CaseState;
  unitName: string | null;
  openedAt: string | null;
  /** 24:00 of the last day for the statement, and when a missing statement goes to the leadership group. */
  statementDueAt: string | null;
  escalateAt: string | null;
  statement: string | null;
  statementBy: string | null;
  statementAt: string | null;
  statementLate: boolean;
  /** When the missing statement was urged (催办, first rung) and reported to the leadership group (second rung). */
  overdueAt: string | null;
  escalatedAt: string | null;
  measure: string | null;
  measureName: string | null;
  basis: string | null;
  /** People the decision names besides the unit and its leader; they are notified too. */
  persons: string[];
  decidedBy: string | null;
  decidedAt: string | null;
  /** The office decided without a statement, after its deadline. */
  decidedWithoutStatement: boolean;
  closedAt: string | null;
  /** Monotonic: the read model keeps the highest version it has seen. */
  version: number;
}

export interface SubmitStatementInput {
  actor: Actor;
  text: string;
  /** Files given with the statement (说明材料): the unit's own uploads to the case, checked by the API. */
  attachments?: AttachedFile[];
}

export interface DecideCaseInput {
  actor: Actor;
  /** A code of `policy.measures`. */
  measure: string;
  /** The decision's basis (处理依据): facts and the rule applied. */
  basis: string;
  persons?: string[];
}

export const getCaseStatus = defineQuery<CaseStatus>('getCaseStatus');
/** Completes once the case is in the read model: sent with the start, the API answers once the case can be read. */
export const caseRecorded = defineUpdate<CaseStatus>('caseRecorded');
export const submitStatement = defineUpdate<CaseStatus, [SubmitStatementInput]>('submitStatement');
export const decideCase = defineUpdate<CaseStatus, [DecideCaseInput]>('decide');

/** Deterministic workflow id of a case. */
export const caseWorkflowId = (caseId: string): string => `case:${caseId}`;
/** One case per task's L3 rung, however often the cycle asks for it. */
export const caseIdForTask = (taskId: string): string => `l3-${taskId}`;

/** A notice of one case step, to the people it concerns. */
export interface CaseNotice {
  kind: string;
  title: string;
  body: string;
  recipients: Recipient[];
}
