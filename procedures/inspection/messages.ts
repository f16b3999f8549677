import { defineQuery, defineUpdate } from '../kernel/definitions';
import type { AttachedFile } from '../kernel/files';
import type { Actor, TaskPolicy } from '../task/messages';
import type { InspectedUnitView } from './views';

/** An inspection round (检查督办) as the cycle (regular rounds) or the API (ad-hoc rounds) starts it. */
export interface InspectionInput {
  /** `<cycleId>-i1`… for the regular rounds of the cycle's calendar, `<cycleId>-x1`… for ad-hoc ones. */
  roundId: string;
  cycleId: string;
  orgId: string;
  key: string;
  kind: 'REGULAR' | 'AD_HOC';
  title: string;
  /** The units inspected (检查对象). */
  unitIds: string[];
  /** The checklist (检查内容), one item a line of the notice. */
  checklist: string[];
  /** YYYY-MM-DD: self-check reports (自查报告) are due by 24:00 Asia/Shanghai that day. */
  selfCheckDueDate: string;
  /** YYYY-MM-DD: inspectors record findings until 24:00 that day, unless the office closes them earlier. */
  findingsDueDate: string;
  calledBy: Actor | null;
  /** Set by the API for an ad-hoc round: a hash of its Idempotency-Key, so that a retried create finds its round. */
  requestHash?: string;
  /** Members of the supervision network invited at the definition (监督员列席检查); absent on older rounds. */
  observerIds?: string[];
  /**
   * A self-check still missing this many working days after its deadline goes to the unit's leader: the office's
   * procedure defaults in force when the round started (issue 22); absent in rounds started before, which keep
   * `ESCALATE_AFTER_WORKING_DAYS`.
   */
  escalateAfterWorkingDays?: number;
}

export const inspectionWorkflowId = (roundId: string): string => `inspection:${roundId}`;

/**
 * SELF_CHECK: the notice is out and units file their self-checks; INSPECTING: the self-check deadline has passed
 * and inspectors record findings; RECTIFYING: findings are closed and their rectifications (整改) run; CLOSED: every
 * rectification is accepted, cancelled or escalated to the top rung, and the round report is out.
 */
export type InspectionState = 'SELF_CHECK' | 'INSPECTING' | 'RECTIFYING' | 'CLOSED';

export type { SelfCheckStatus } from './views';

export type Severity = 'MINOR' | 'MAJOR' | 'SERIOUS';
export const SEVERITY_LABEL: Record<Severity, string> = { MINOR: '一般', MAJOR: '较重', SERIOUS: '严重' };

export interface InspectedUnit extends InspectedUnitView {
  leaderId: string | null;
  filedBy: string | null;
}

export interface Finding {
  unitId: string;
  seq: number;
  severity: Severity;
  description: string;
  requirement: string;
  /** The rectification task (整改) it became. */
  taskId: string;
  recordedBy: string;
  recordedAt: string;
}

/** A member of the supervision network invited into the round (issue 19 part 5). */
export interface InspectionObserver {
  personId: string;
  invitedBy: string | null;
  invitedAt: string;
}

/** An observation (观察意见) a member adds about one unit of the round. */
export interface Observation {
  seq: number;
  unitId: string;
  personId: string;
  text: string;
  at: string;
}

/** Everything the workflow knows of a round: the query's answer and the read model's source. */
export interface InspectionStatus {
  roundId: string;
  state: InspectionState;
  units: InspectedUnit[];
  findings: Finding[];
  selfCheckDueAt: string | null;
  remindAt: string | null;
  escalateAt: string | null;
  findingsDueAt: string | null;
  findingsClosedAt: string | null;
  closedAt: string | null;
  /** Members invited and their observations; absent from snapshots of rounds recorded before members took part. */
  observers?: InspectionObserver[];
  observations?: Observation[];
  /** Monotonic: the read model keeps the highest version it has seen. */
  version: number;
}

/** A rectification task as the round report counts it. */
export interface ReportRectification {
  taskId: string;
  unitId: string;
  unitName: string;
  severity: Severity;
  title: string;
  state: string;
  rung: number;
  dueDate: string | null;
  lateWorkingDays: number;
}

/** The round report (检查情况报告), from the read model: sent to the office and the leadership group at the close. */
export interface InspectionReport {
  roundId: string;
  title: string;
  asOf: string;
  units: number;
  selfChecks: { onTime: number; late: number; missing: number; lateUnits: string[]; missingUnits: string[] };
  findings: {
    total: number;
    bySeverity: Record<Severity, number>;
    byUnit: ({ unitId: string; unitName: string; total: number } & Record<Severity, number>)[];
  };
  /** ACCEPTED on time or late, escalated to the top rung (L3) while open, cancelled, or still open. */
  rectifications: {
    total: number;
    acceptedOnTime: number;
    acceptedLate: number;
    escalated: number;
    cancelled: number;
    open: number;
    escalatedTasks: ReportRectification[];
  };
}

/** Whether every rectification of a round is settled (accepted, cancelled or at L3), and when to look again. */
export interface RectificationCheck {
  settled: boolean;
  /** The instant the last of them settled (from the read model), when all are. */
  settledAt: string | null;
  /** When one still open may next settle: its L3 instant (plus a margin), at most a day ahead. */
  nextCheckAt: string;
}

export interface FileSelfCheckInput {
  actor: Actor;
  report: string;
  /** Files given with the self-check (自查佐证材料): the unit's own uploads to its part of the round, checked by the API. */
  attachments?: AttachedFile[];
}

/** A finding as the office words it: a time limit of exactly one of a date and a number of working days. */
export interface FindingInput {
  severity: Severity;
  description: string;
  requirement: string;
  dueDate?: string;
  workingDays?: number;
}

export interface RecordFindingsInput {
  actor: Actor;
  unitId: string;
  findings: FindingInput[];
  /** The unit's responsible leader (units.leader_id), who leads its rectifications; resolved by the API. */
  leaderId: string;
  /** The RECTIFICATION policy of config/task-policies.yaml, passed by the API. */
  policy: TaskPolicy;
  /** Files given with the findings (photos of the problems): the office's own uploads to the unit's part of the round. */
  attachments?: AttachedFile[];
}

export interface InviteObserversInput {
  actor: Actor;
  /** Active members of the supervision network, checked by the API. */
  personIds: string[];
}

export interface ObserveInput {
  actor: Actor;
  /** One of the round's units. */
  unitId: string;
  text: string;
}

export const getInspectionStatus = defineQuery<InspectionStatus>('getInspectionStatus');
/** Completes once the round is in the read model, so that the API answers once it can be read. */
export const inspectionRecorded = defineUpdate<InspectionStatus>('inspectionRecorded');
export const fileSelfCheck = defineUpdate<InspectionStatus, [FileSelfCheckInput]>('fileSelfCheck');
export const recordFindings = defineUpdate<InspectionStatus, [RecordFindingsInput]>('recordFindings');
export const closeFindings = defineUpdate<InspectionStatus, [{ actor: Actor }]>('closeFindings');
export const inviteObservers = defineUpdate<InspectionStatus, [InviteObserversInput]>('inviteObservers');
export const observe = defineUpdate<InspectionStatus, [ObserveInput]>('observe');

/** Findings the office may record for one unit in one call: each becomes a child workflow of the round. */
export const MAX_FINDINGS_PER_UNIT = 30;
/** Working days after the self-check deadline at which a still-missing self-check goes to the unit's leader (default). */
export const ESCALATE_AFTER_WORKING_DAYS = 2;
/** A round's escalation offset: its input's, else the default. */
export const escalateAfterOf = (input: InspectionInput): number =>
  input.escalateAfterWorkingDays ?? ESCALATE_AFTER_WORKING_DAYS;

/** 32-bit FNV-1a, as 8 hex digits: deterministic in workflow code, enough to keep long ids apart. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The rectification task of a finding: `<roundId>-<unitId>-<n>`, or with the unit hashed past 64 characters. */
export function rectificationTaskId(roundId: string, unitId: string, seq: number): string {
  const plain = `${roundId}-${unitId}-${seq}`;
  return plain.length <= 64 ? plain : `${roundId.slice(0, 40)}-${shortHash(`${roundId}/${unitId}`)}-${seq}`;
}
