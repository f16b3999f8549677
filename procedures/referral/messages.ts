import { defineQuery, defineUpdate } from '../kernel/definitions';
import type { Recipient } from '../kernel/recipients';
import type { Actor, TaskInput } from '../task/messages';

/**
 * Referrals (移送), DOMAIN.md "Case collaboration" and issue 18 part 3: the commission's office refers a matter to an
 * enforcement or audit unit (公检法、审计), or such a unit refers a clue concerning Party members or officials to the
 * commission. Heli coordinates the procedure only: title, parties, summary, dates, feedback and opinions, never the
 * case file.
 */

/** TO_ENFORCEMENT: the office refers to an ENFORCEMENT unit; TO_COMMISSION: an ENFORCEMENT unit refers to the office. */
export type ReferralDirection = 'TO_ENFORCEMENT' | 'TO_COMMISSION';

/** The referral policy (config/collaboration.yaml `referrals`); offsets in working days. */
export interface ReferralPolicy {
  /** Acceptance feedback (受理反馈) is due by 24:00 of this working day after the referral. */
  acceptWorkingDays: number;
  /** Result feedback (处理结果反馈) is due by 24:00 of this working day after acceptance. */
  resultWorkingDays: number;
  /** A missing feedback this many working days after its deadline goes to the leader and the major-case group. */
  escalateAfterWorkingDays: number;
}

/** A date that matters to the matter (案发、立案、羁押…), as the sender labels it. */
export interface ReferralDate {
  label: string;
  date: string;
}

export interface ReferralInput {
  referralId: string;
  orgId: string;
  direction: ReferralDirection;
  /** The office's unit (TO_ENFORCEMENT) or the enforcement unit (TO_COMMISSION) that refers. */
  senderUnitId: string;
  receiverUnitId: string;
  title: string;
  /** Who the matter concerns (当事人), as text. */
  parties: string;
  summary: string;
  dates: ReferralDate[];
  policy: ReferralPolicy;
  sentBy: Actor;
  /** The returned referral this one refers on (退回后另行移送), or null. */
  previousId: string | null;
}

/**
 * SENT: waiting for acceptance feedback; ACCEPTED: accepted, waiting for the result; ANSWERED: the result is in;
 * RETURNED: the receiver returned it (退回), waiting for the sender's decision; then one of the ends: REFERRED_ON (a new
 * referral to another unit carries it on), HANDLED (the sender handles it itself), CLOSED.
 */
export type ReferralState = 'SENT' | 'ACCEPTED' | 'ANSWERED' | 'RETURNED' | 'REFERRED_ON' | 'HANDLED' | 'CLOSED';

export const ENDED_STATES: readonly ReferralState[] = ['REFERRED_ON', 'HANDLED', 'CLOSED'];

/** After a return: refer to another unit (a new, linked referral), handle it itself, or close it. */
export type SenderDecision = 'REFER_ON' | 'HANDLE' | 'CLOSE';

/** A coordination opinion (协调意见): findings of fact, evidence and nature agreed between the parties. */
export interface Opinion {
  seq: number;
  facts: string;
  evidence: string;
  nature: string;
  text: string;
  /** The supervised task it became, when it asks for action. */
  taskId: string | null;
  by: string;
  at: string;
}

/** Everything the workflow knows of a referral: the query's answer and the read model's source. */
export interface ReferralStatus {
  referralId: string;
  state: ReferralState;
  senderName: string | null;
  receiverName: string | null;
  sentAt: string | null;
  acceptanceDueAt: string | null;
  acceptanceEscalateAt: string | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  acceptanceNote: string | null;
  /** Acceptance (or return) feedback given after its deadline, or never given before it. */
  acceptanceLate: boolean;
  acceptanceUrgedAt: string | null;
  acceptanceEscalatedAt: string | null;
  resultDueAt: string | null;
  resultEscalateAt: string | null;
  resultAt: string | null;
  resultBy: string | null;
  result: string | null;
  resultLate: boolean;
  resultUrgedAt: string | null;
  resultEscalatedAt: string | null;
  returnedAt: string | null;
  returnedBy: string | null;
  returnReasons: string | null;
  decision: SenderDecision | null;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The referral that carries it on (REFER_ON). */
  nextReferralId: string | null;
  opinions: Opinion[];
  /** People the office named as needing to know (besides the parties and the major-case group). */
  accessIds: string[];
  closedAt: string | null;
  /** Monotonic: the read model keeps the highest version it has seen. */
  version: number;
}

export interface AcceptInput {
  actor: Actor;
  note?: string;
}
export interface ResultInput {
  actor: Actor;
  /** The result of handling (处理结果): e.g. 立案侦查、提起公诉、判决、不予立案 and why. */
  result: string;
}
export interface ReturnInput {
  actor: Actor;
  /** Why it is returned (退回理由), e.g. not the receiver's jurisdiction. */
  reasons: string;
}
export interface DecideInput {
  actor: Actor;
  decision: SenderDecision;
  note: string;
  /** REFER_ON: the unit it now goes to (an ENFORCEMENT unit of the organisation, other than the one that returned it). */
  unitId?: string;
}
/** What an opinion's task is, as the office words it (the workflow gives it id, organisation and assignment time). */
export type OpinionTask = Omit<TaskInput, 'taskId' | 'orgId' | 'cycleId' | 'assignedAt' | 'createdBy' | 'actor'>;
export interface OpinionInput {
  actor: Actor;
  facts: string;
  evidence: string;
  nature: string;
  text: string;
  task?: OpinionTask;
}
export interface GrantInput {
  actor: Actor;
  personIds: string[];
  reason: string;
}
export interface CloseInput {
  actor: Actor;
  note?: string;
}

export const getReferralStatus = defineQuery<ReferralStatus>('getReferralStatus');
/** Completes once the referral is in the read model: the API answers once it can be read. */
export const referralRecorded = defineUpdate<ReferralStatus>('referralRecorded');
export const acceptReferral = defineUpdate<ReferralStatus, [AcceptInput]>('acceptReferral');
export const giveResult = defineUpdate<ReferralStatus, [ResultInput]>('giveResult');
export const returnReferral = defineUpdate<ReferralStatus, [ReturnInput]>('returnReferral');
export const decideReturned = defineUpdate<ReferralStatus, [DecideInput]>('decideReturned');
export const recordOpinion = defineUpdate<ReferralStatus, [OpinionInput]>('recordOpinion');
export const grantAccess = defineUpdate<ReferralStatus, [GrantInput]>('grantAccess');
export const closeReferral = defineUpdate<ReferralStatus, [CloseInput]>('closeReferral');

/** Deterministic workflow id of a referral. */
export const referralWorkflowId = (referralId: string): string => `referral:${referralId}`;
/** The referral a returned one is carried on by: `<id>-n`, one per decision (there is one). */
export const nextReferralId = (referralId: string): string => `${referralId}-1`;
/** The task an opinion becomes: `<referralId>-o<n>`. */
export const opinionTaskId = (referralId: string, seq: number): string => `${referralId}-o${seq}`;

/** A notice of one referral step, to the people it concerns. */
export interface ReferralNotice {
  kind: string;
  title: string;
  body: string;
  recipients: Recipient[];
}
