import { defineQuery, defineSignal, defineUpdate } from '../kernel/definitions';
import type { Recipient } from '../kernel/recipients';
import type { ReferralInput } from '../referral/messages';
import type { Actor, TaskInput } from '../task/messages';

/**
 * Submissions (反映), issue 19 parts 2–4: a member of the supervision network (监督网络) sends the office an
 * observation, a problem or a clue; the office triages it within a deadline (reply, a supervised task for the unit, a
 * referral of a clue, a merge with an earlier one, or a close with a reason) and the member hears back by a deadline.
 * Confidential: only the office knows who submitted; a task or referral made from one carries nothing of them.
 */

/** OBSERVATION 意见建议, PROBLEM 问题反映, CLUE 问题线索. */
export type SubmissionKind = 'OBSERVATION' | 'PROBLEM' | 'CLUE';

/** The policy of config/network.yaml `submissions`; offsets in working days. */
export interface SubmissionPolicy {
  triageWorkingDays: number;
  answerWorkingDays: number;
  remindBeforeWorkingDays: number;
  headAfterWorkingDays: number;
}

export interface SubmissionInput {
  submissionId: string;
  orgId: string;
  kind: SubmissionKind;
  /** The responsible unit it concerns; none for a general observation. */
  subjectUnitId: string | null;
  what: string;
  where: string;
  /** The day it happened (YYYY-MM-DD), not in the future. */
  happenedOn: string;
  policy: SubmissionPolicy;
  submittedBy: Actor;
}

/**
 * SUBMITTED: waiting for triage; TASKED / REFERRED: turned into a task or a referral, waiting for the office's answer;
 * ANSWERED: the member has heard back (and may rate it); MERGED: follows an earlier submission's outcome; CLOSED.
 */
export type SubmissionState = 'SUBMITTED' | 'TASKED' | 'REFERRED' | 'ANSWERED' | 'MERGED' | 'CLOSED';
export type TriageAction = 'REPLY' | 'TASK' | 'REFER' | 'MERGE' | 'CLOSE';

export interface SubmissionStatus {
  submissionId: string;
  state: SubmissionState;
  submittedAt: string | null;
  triageDueAt: string | null;
  triageRemindAt: string | null;
  triageHeadAt: string | null;
  triageRemindedAt: string | null;
  triageOverdueAt: string | null;
  triageEscalatedAt: string | null;
  triagedAt: string | null;
  triagedBy: string | null;
  triageAction: TriageAction | null;
  triageLate: boolean;
  taskId: string | null;
  referralId: string | null;
  mergedInto: string | null;
  /** Later submissions merged into this one: they follow its outcome. */
  mergedIds: string[];
  closeReason: string | null;
  answerDueAt: string | null;
  answerHeadAt: string | null;
  answerOverdueAt: string | null;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  answerLate: boolean;
  taskDoneAt: string | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  version: number;
}

export interface ReplyInput {
  actor: Actor;
  /** The answer to the member (反馈), in the office's words, without confidential details. */
  answer: string;
}
/** The task as the API built it through the task-creation path: an opaque id, the office as its author. */
export interface ToTaskInput {
  actor: Actor;
  task: TaskInput;
}
export interface ReferInput {
  actor: Actor;
  referral: ReferralInput;
}
export interface MergeInput {
  actor: Actor;
  /** The earlier, not closed submission of the organisation it joins. */
  intoId: string;
  note?: string;
}
export interface CloseInput {
  actor: Actor;
  reason: string;
}
export interface AnswerInput {
  actor: Actor;
  answer: string;
}
export interface RateInput {
  actor: Actor;
  rating: number;
  comment?: string;
}

/** A later submission joins this one (sent by the merged one's workflow). */
export interface MergedIn {
  submissionId: string;
  submitterId: string;
}
/** The outcome a merged submission follows (sent by the one it joined). */
export interface Outcome {
  kind: 'ANSWER' | 'TASK_DONE';
  text: string;
}

export const getSubmissionStatus = defineQuery<SubmissionStatus>('getSubmissionStatus');
export const submissionRecorded = defineUpdate<SubmissionStatus>('submissionRecorded');
export const replySubmission = defineUpdate<SubmissionStatus, [ReplyInput]>('replySubmission');
export const taskSubmission = defineUpdate<SubmissionStatus, [ToTaskInput]>('taskSubmission');
export const referSubmission = defineUpdate<SubmissionStatus, [ReferInput]>('referSubmission');
export const mergeSubmission = defineUpdate<SubmissionStatus, [MergeInput]>('mergeSubmission');
export const closeSubmission = defineUpdate<SubmissionStatus, [CloseInput]>('closeSubmission');
export const answerSubmission = defineUpdate<SubmissionStatus, [AnswerInput]>('answerSubmission');
export const rateSubmission = defineUpdate<SubmissionStatus, [RateInput]>('rateSubmission');
export const mergedIn = defineSignal<[MergedIn]>('submissionMergedIn');
export const followOutcome = defineSignal<[Outcome]>('submissionOutcome');

/** Deterministic workflow id of a submission. */
export const submissionWorkflowId = (submissionId: string): string => `submission:${submissionId}`;

export interface SubmissionNotice {
  kind: string;
  title: string;
  body: string;
  recipients: Recipient[];
}
