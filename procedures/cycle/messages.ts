import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '../kernel/definitions';
import type { Actor } from '../task/messages';

/**
 * Phases of an annual cycle (DOMAIN.md "The annual cycle"): the plan is drafted and revised (PLANNING) until
 * the leadership group approves it, its tasks are started (DECOMPOSING), then the year is supervised
 * (RUNNING: meetings, inspections, bulletins, tasks added as it goes); at the cut-off the year-end steps run
 * (YEAR_END: assessment, accountability, the annual report) and the cycle closes (CLOSED).
 */
export type CyclePhase = 'PLANNING' | 'DECOMPOSING' | 'RUNNING' | 'YEAR_END' | 'CLOSED';

/** The cycle's calendar and limits; defaults are filled in by the API (api/use-cases/cycles.ts). */
export interface CycleSettings {
  /** The plan must be approved by the end of this day, else the office head is alerted. */
  planDueDate: string;
  /** Months (1–12) of the regular joint meetings (default quarterly: 3, 6, 9, 12). */
  meetingMonths: number[];
  /** Day of the month of a regular meeting; moved to the next working day when that is a day off. */
  meetingDay: number;
  /** Local time of a regular meeting, HH:MM. */
  meetingTime: string;
  /** The notice goes out this many working days before a regular meeting. */
  noticeWorkingDays: number;
  /** Attendance must be confirmed by the end of the working day this many working days before the meeting. */
  confirmWorkingDays: number;
  /** Bulletin cadence: monthly (default), quarterly, or none (bulletins on demand only). */
  bulletinCadence: 'MONTHLY' | 'QUARTERLY' | 'NONE';
  /** Months of the regular inspection rounds (检查督办; default twice a year: May and October), from their first working day. */
  inspectionMonths: number[];
  /** Self-check reports are due this many working days after a round starts; findings this many after it. */
  selfCheckWorkingDays: number;
  findingsWorkingDays: number;
  /** The assessment takes the figures as of the end of this day (default <year>-12-31). */
  cutOffDate: string;
  /** The scoring model (config/scoring-models.yaml) the cycle is assessed with, fixed when it opens. */
  scoringModel: { id: string; version: number };
  /** The office reviews (and adjusts) the computed scores for this many working days before they are published. */
  assessmentReviewWorkingDays: number;
  /** A published score below this opens an accountability case for the unit. */
  assessmentThreshold: number;
  /** The cycle waits at most this many working days after publishing for open accountability cases to be decided. */
  caseWaitWorkingDays: number;
  /** Children started at once during decomposition. */
  decomposeBatch: number;
  /** Children started by one run of the workflow before it continues as new. */
  childrenPerRun: number;
}

export interface CycleInput {
  cycleId: string;
  orgId: string;
  year: number;
  settings: CycleSettings;
  /** Who opened it: an office member, or null when the yearly schedule did. */
  openedBy: Actor | null;
}

/** What the workflow computed on the working-day calendar for the year (activities/cycle-calendar.ts). */
export interface CycleCalendar {
  planDueAt: string;
  meetings: RegularMeeting[];
  bulletins: BulletinPeriodDue[];
  /** Absent in calendars computed before inspection rounds and the year end were part of the cycle. */
  inspections?: RegularInspection[];
  cutOffAt?: string;
}

export interface RegularInspection {
  key: string;
  title: string;
  at: string;
  selfCheckDueDate: string;
  findingsDueDate: string;
}

export interface RegularMeeting {
  key: string;
  title: string;
  at: string;
  noticeAt: string;
  confirmBy: string;
}

export interface BulletinPeriodDue {
  key: string;
  title: string;
  from: string;
  to: string;
  /** When it is published: 09:00 on the first working day after the period. */
  at: string;
}

/** Everything the workflow knows of a cycle: the query's answer and the read model's source. */
export interface CycleStatus {
  cycleId: string;
  orgId: string;
  year: number;
  phase: CyclePhase;
  /** The newest plan submitted, and the one approved (whose tasks were started). */
  planVersion: number | null;
  approvedVersion: number | null;
  planDueDate: string;
  planDueAlerted: boolean;
  tasksPlanned: number;
  tasksStarted: number;
  /** Keys of the meetings called so far (regular `q1`…, ad hoc `m1`…). */
  meetings: string[];
  /** Keys of the bulletin periods published (`2027-01`…). */
  bulletins: string[];
  /** Keys of the inspection rounds started (`i1`…). */
  inspections: string[];
  /** Accountability cases the cycle opened (from L3 rungs and low scores). */
  cases: string[];
  assessmentId: string | null;
  assessmentPublished: boolean;
  annualReportId: string | null;
  openedAt: string;
  openedRequestId: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface PlanSubmittedInput {
  actor: Actor;
  /** The plan version the API stored (cycle_plans). */
  version: number;
  taskCount: number;
}
export interface ApprovePlanInput {
  actor: Actor;
  /** The version the approver read: approving a plan that was revised meanwhile is refused. */
  version: number;
  comment?: string;
}
export interface CallMeetingInput {
  actor: Actor;
  title: string;
  at: string;
  confirmBy: string;
  place: string;
  topics: string[];
  /** What is unusual about the call, as the API warned the office (a day off, an odd hour…); noted in the timelines. */
  warnings?: string[];
}
export interface CloseCycleInput {
  actor: Actor;
  reason: string;
}

/** A joint meeting (联席会议) as the cycle starts it. */
export interface MeetingInput {
  meetingId: string;
  cycleId: string;
  orgId: string;
  key: string;
  /**
   * MAJOR_CASE: a meeting of the major-case coordination group (大要案协调小组, issue 18 part 4), convened by the office
   * outside the cycle's schedule; its members are people (people.major_case_group), its agenda and minutes confidential.
   */
  kind: MeetingKind;
  title: string;
  at: string;
  confirmBy: string;
  place: string;
  topics: string[];
  /** The status report covers what happened since this instant (the previous meeting, or the cycle's opening). */
  since: string;
  calledBy: Actor | null;
  /** An ad-hoc call's warnings (CallMeetingInput), noted with the notice in the meeting's timeline. */
  warnings?: string[];
  /** A MAJOR_CASE meeting convened on a referral (移送): its id, as the office gave it. */
  referralId?: string;
  /**
   * The minutes are due this many working days after the meeting: the office's procedure defaults in force when the
   * meeting started (issue 22); absent in meetings started before, which keep `MINUTES_WORKING_DAYS`.
   */
  minutesWorkingDays?: number;
}

export type MeetingKind = 'REGULAR' | 'AD_HOC' | 'MAJOR_CASE';

export const getCycleStatus = defineQuery<CycleStatus>('getCycleStatus');
/** The year's dated events as the cycle computed them: regular meetings and bulletin periods. */
export const getCycleCalendar = defineQuery<CycleCalendar | null>('getCycleCalendar');
/** Completes once the cycle is in the read model; sent with the start so that the API answers once it can be read. */
export const cycleRecorded = defineUpdate<CycleStatus>('cycleRecorded');
export const planSubmitted = defineUpdate<CycleStatus, [PlanSubmittedInput]>('planSubmitted');
export const approvePlan = defineUpdate<CycleStatus, [ApprovePlanInput]>('approvePlan');
export const callMeeting = defineUpdate<CycleStatus & { meetingId: string }, [CallMeetingInput]>('callMeeting');
export const closeCycle = defineUpdate<CycleStatus, [CloseCycleInput]>('closeCycle');

/** A task of the cycle reached L3 (三级督办): the cycle opens its accountability case. */
export const taskEscalated =
  defineSignal<[{ taskId: string; unitId: string; leaderId: string; dueDate: string; caseId?: string }]>(
    'taskEscalated',
  );
/** The office published the cycle's assessment (考核评价) through the API. */
export const assessmentPublished = defineSignal<[{ assessmentId: string }]>('assessmentPublished');

/**
 * The office published a scoring model and applied it to running cycles too (issue 22): the cycle is assessed with
 * `model` from now on, its timeline says so, and a DRAFT assessment is scored again with it. A published assessment
 * is never touched (the API does not send this to such a cycle, and the cycle ignores it if it comes).
 */
export interface ScoringModelChange {
  /** The organisation's version of its scoring model, as a cycle names it (`{ id: 'org', version }`). */
  model: { id: string; version: number };
  /** The model's name, for the timeline. */
  name: string;
  reason: string;
  by: Actor;
  /** The changes from the model the cycle had, each in a sentence (the diff's). */
  changes: string[];
}
export const scoringModelChanged = defineSignal<[ScoringModelChange]>('scoringModelChanged');

/** Any of the cycle's human actions, sent by the API as an Update. */
export type CycleUpdate<A> = UpdateDefinition<CycleStatus, [A]>;

/**
 * The patches under which the cycle reads the office's procedure defaults in force (issue 22) as it starts a meeting
 * or a regular inspection round, and under which the schedule opens a cycle on the rules in force.
 */
export const MEETING_DEFAULTS_IN_FORCE = 'meeting-defaults-in-force';
export const INSPECTION_DEFAULTS_IN_FORCE = 'inspection-defaults-in-force';
export const SCHEDULE_SETTINGS_IN_FORCE = 'schedule-settings-in-force';

/** One cycle per organisation and year: `<org>-<year>`, workflow `cycle:<org>-<year>`. */
export const cycleIdOf = (orgId: string, year: number): string => `${orgId}-${year}`;
export const cycleWorkflowId = (cycleId: string): string => `cycle:${cycleId}`;
export const meetingWorkflowId = (meetingId: string): string => `meeting:${meetingId}`;

/** The settings a cycle gets unless the office (or the schedule) says otherwise. */
export const defaultCycleSettings = (year: number): CycleSettings => ({
  planDueDate: `${year}-01-31`,
  meetingMonths: [3, 6, 9, 12],
  meetingDay: 20,
  meetingTime: '09:30',
  noticeWorkingDays: 5,
  confirmWorkingDays: 2,
  bulletinCadence: 'MONTHLY',
  inspectionMonths: [5, 10],
  selfCheckWorkingDays: 10,
  findingsWorkingDays: 20,
  cutOffDate: `${year}-12-31`,
  scoringModel: { id: 'standard', version: 1 },
  assessmentReviewWorkingDays: 10,
  assessmentThreshold: 60,
  caseWaitWorkingDays: 20,
  decomposeBatch: 50,
  childrenPerRun: 500,
});

/** Who a cycle notice goes to. */
export type CycleAudience = 'OFFICE' | 'OFFICE_HEAD' | 'GROUP';

/** What the yearly schedule passes (api/use-cases/cycle-schedule.ts): whose cycle, which year, what to change. */
export interface CycleOpeningInput {
  orgId: string;
  /**
   * The year opened is the schedule's local (Asia/Shanghai) year plus this: 1 for a schedule in late December that
   * opens next year's cycle, 0 for one in early January that opens the current year's.
   */
  yearOffset: 0 | 1;
  /** Settings that differ from `defaultCycleSettings`; dates are given without the year. */
  overrides?: { planDueMonthDay?: string };
}
