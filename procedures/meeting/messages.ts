import { defineQuery, defineUpdate } from '../kernel/definitions';
import type { Actor, TaskInput } from '../task/messages';

/**
 * NOTICED: the notice is out and units answer; HELD: the meeting took place; MINUTED: its minutes are recorded;
 * CANCELLED: the office called off an ad-hoc meeting before it began (a regular one is held as the cycle schedules it).
 */
export type MeetingState = 'NOTICED' | 'HELD' | 'MINUTED' | 'CANCELLED';

/** A unit's attendance: its answer before the meeting, then PRESENT or ABSENT once the meeting begins. */
export type AttendanceStatus = 'INVITED' | 'CONFIRMED' | 'DECLINED' | 'ABSENT' | 'PRESENT';

export interface Attendance {
  unitId: string;
  unitName: string;
  /** A member person of the major-case coordination group (MAJOR_CASE meetings): the entry is theirs, not their unit's. */
  personId?: string;
  personName?: string;
  status: AttendanceStatus;
  answer: 'CONFIRMED' | 'DECLINED' | null;
  /** Who will attend for the unit (参会人员), as the unit gave it. */
  attendee: string | null;
  /** Why the unit declined (请假事由). */
  reason: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  /** When the unit was urged (催报) for its missing answer. */
  urgedAt: string | null;
}

/** A task of the status report (督办工作情况通报). */
export interface ReportTask {
  taskId: string;
  title: string;
  unitId: string;
  unitName: string;
  dueDate: string | null;
  rung: number;
}

/** The automatic status report on the agenda: the cycle's tasks as the read model shows them when the meeting begins. */
export interface StatusReport {
  asOf: string;
  since: string;
  /** Tasks of the cycle by state (cancelled ones included), and the open ones by traffic light. */
  byState: Record<string, number>;
  byLight: { GREEN: number; YELLOW: number; RED: number };
  total: number;
  /** Open tasks past their deadline, with the working days they are late. */
  overdue: (ReportTask & { lateWorkingDays: number })[];
  /** Units leading overdue tasks, most overdue first. */
  overdueUnits: { unitId: string; unitName: string; tasks: number }[];
  /** Escalation rungs (督办升级) reached since the previous meeting. */
  escalations: (ReportTask & { at: string })[];
}

export interface Agenda {
  /** The items, in order: the status report first, then the topics of the meeting (a MAJOR_CASE meeting: its topics). */
  items: string[];
  /** The status report; null on a major-case group meeting, whose confidential agenda is its own topics. */
  report: StatusReport | null;
}

export interface Resolution {
  seq: number;
  title: string;
  taskId: string;
}

/** Everything the workflow knows of a meeting: the query's answer and the read model's source. */
export interface MeetingStatus {
  meetingId: string;
  state: MeetingState;
  attendance: Attendance[];
  agenda: Agenda | null;
  heldAt: string | null;
  minutes: string | null;
  minutedBy: string | null;
  minutedAt: string | null;
  minutesDueAt: string | null;
  minutesReminded: boolean;
  resolutions: Resolution[];
  /** Who called the meeting off, when and why (absent in meetings recorded before it could be). */
  cancelled?: { by: string; at: string; reason: string } | null;
  /** Monotonic: the read model keeps the highest version it has seen. */
  version: number;
}

export interface ConfirmAttendanceInput {
  actor: Actor;
  attending: boolean;
  attendee?: string;
  reason?: string;
}

/** A member of the major-case coordination group answers for themself (`actor.personId`). */
export type ConfirmMemberAttendanceInput = ConfirmAttendanceInput;

export interface CancelMeetingInput {
  actor: Actor;
  /** Why the meeting is called off (取消理由); stated in the notice to every member unit. */
  reason: string;
}

/** A resolution as the office words it; the workflow gives it its task id, cycle, organisation and assignment time. */
export type MinutesResolution = Omit<TaskInput, 'taskId' | 'orgId' | 'cycleId' | 'assignedAt' | 'createdBy' | 'actor'>;

export interface RecordMinutesInput {
  actor: Actor;
  minutes: string;
  resolutions: MinutesResolution[];
}

export const getMeetingStatus = defineQuery<MeetingStatus>('getMeetingStatus');
/** Completes once the meeting is in the read model, so that the API answers once it can be read. */
export const meetingRecorded = defineUpdate<MeetingStatus>('meetingRecorded');
export const confirmAttendance = defineUpdate<MeetingStatus, [ConfirmAttendanceInput]>('confirmAttendance');
/** A member person of a MAJOR_CASE meeting (大要案协调小组) confirms or declines, for themself. */
export const confirmMemberAttendance = defineUpdate<MeetingStatus, [ConfirmMemberAttendanceInput]>(
  'confirmMemberAttendance',
);
export const recordMinutes = defineUpdate<MeetingStatus, [RecordMinutesInput]>('recordMinutes');
export const cancelMeeting = defineUpdate<MeetingStatus, [CancelMeetingInput]>('cancelMeeting');

/** The task a resolution becomes: `<meetingId>-<n>`, n from 1 in the order of the minutes. */
export const resolutionTaskId = (meetingId: string, seq: number): string => `${meetingId}-${seq}`;

/**
 * Working days after the meeting within which the office records its minutes, else it is reminded once: the default
 * of a meeting whose input does not say (`MeetingInput.minutesWorkingDays`, the office's procedure defaults).
 */
export const MINUTES_WORKING_DAYS = 5;
/** Where a regular meeting is held unless the office's procedure defaults say otherwise. */
export const REGULAR_MEETING_PLACE = '区纪委监委会议室';
