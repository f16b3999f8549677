import { defineQuery, defineUpdate } from '../kernel/definitions';
import type { Recipient } from '../kernel/recipients';
import type { Actor } from '../task/messages';

/**
 * The conduct appraisal (行风评议), DOMAIN.md "The supervision network" and issue 19 part 5: the office invites members
 * of the supervision network to rate the units of a cycle's year within a period; each member fills one form with a
 * rating per unit (满意/基本满意/不满意, the three grades of the 民主评议 questionnaires), may change it until the
 * period ends, and at the end the ratings are aggregated per unit. The aggregate feeds the assessment
 * (conductAppraisal); no one but the rater ever reads a rater's form.
 */

/** 满意 / 基本满意 / 不满意. */
export type Rating = 'SATISFIED' | 'BASIC' | 'UNSATISFIED';
export const RATINGS: readonly Rating[] = ['SATISFIED', 'BASIC', 'UNSATISFIED'];
export const RATING_LABEL: Record<Rating, string> = { SATISFIED: '满意', BASIC: '基本满意', UNSATISFIED: '不满意' };
/** Points of each grade in the satisfaction score (综合满意度 = Σ points ÷ raters): 满意 100, 基本满意 60, 不满意 0. */
export const RATING_POINTS: Record<Rating, number> = { SATISFIED: 100, BASIC: 60, UNSATISFIED: 0 };

export interface AppraisalInput {
  appraisalId: string;
  orgId: string;
  cycleId: string;
  year: number;
  title: string;
  /** The units appraised (评议对象). */
  unitIds: string[];
  /** The members invited (评议人), active members of the supervision network when invited. */
  memberIds: string[];
  /** The period ends at 24:00 of this working day after the opening (the organisation's calendar). */
  workingDays: number;
  openedBy: Actor;
}

export const appraisalWorkflowId = (appraisalId: string): string => `appraisal:${appraisalId}`;

/** OPEN: members fill their forms; CLOSED: the period ended and the ratings are aggregated. */
export type AppraisalState = 'OPEN' | 'CLOSED';

export interface AppraisedUnit {
  unitId: string;
  unitName: string;
}

/** An invited member's progress: how many units rated, when every one was. Never what they rated. */
export interface AppraisalMember {
  personId: string;
  invitedAt: string;
  rated: number;
  finishedAt: string | null;
}

/** One rater's rating of one unit. */
export interface UnitRating {
  personId: string;
  unitId: string;
  rating: Rating;
  comment: string | null;
  ratedAt: string;
}

/** The aggregate of one unit, fixed at the close: the counts and the satisfaction score (null: nobody rated it). */
export interface UnitResult {
  unitId: string;
  unitName: string;
  raters: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  score: number | null;
}

export interface AppraisalStatus {
  appraisalId: string;
  state: AppraisalState;
  units: AppraisedUnit[];
  members: AppraisalMember[];
  ratings: UnitRating[];
  openedAt: string | null;
  dueAt: string | null;
  remindAt: string | null;
  closedAt: string | null;
  results: UnitResult[];
  version: number;
}

export interface RateInput {
  actor: Actor;
  /** One or more units of the appraisal; a unit rated before is rated anew (the last rating counts). */
  ratings: { unitId: string; rating: Rating; comment?: string }[];
}

export interface InviteInput {
  actor: Actor;
  /** Active members of the supervision network, checked by the API. */
  memberIds: string[];
}

export const getAppraisalStatus = defineQuery<AppraisalStatus>('getAppraisalStatus');
/** Completes once the appraisal is in the read model: the API answers once it can be read. */
export const appraisalRecorded = defineUpdate<AppraisalStatus>('appraisalRecorded');
export const rateUnits = defineUpdate<AppraisalStatus, [RateInput]>('rateUnits');
export const inviteRaters = defineUpdate<AppraisalStatus, [InviteInput]>('inviteRaters');
export const closeAppraisal = defineUpdate<AppraisalStatus, [{ actor: Actor }]>('closeAppraisal');

/** A notice of one appraisal step. */
export interface AppraisalNotice {
  kind: string;
  title: string;
  body: string;
  recipients: Recipient[];
}

/** Working days of the period: at least one, at most a quarter's worth. */
export const MAX_PERIOD_WORKING_DAYS = 60;
