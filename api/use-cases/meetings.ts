import { findMeeting, listMeetings, readMeetingDetails, type MeetingRow } from '../../db/queries/meetings';
import { planCycleCalendar } from '../../activities/cycles';
import { readWorkingCalendar } from '../../db/queries/calendar';
import type { CycleRow } from '../../db/queries/cycles';
import {
  callMeeting,
  defaultCycleSettings,
  meetingWorkflowId,
  type CycleSettings,
  type MeetingKind,
} from '../../procedures/cycle/messages';
import { localDate } from '../../procedures/time/working-days';
import * as mm from '../../procedures/meeting/messages';
import { actorOf, updateOptions, auditRefusal, refusedUpdate, type Caller } from '../authorise';
import type { TaskAssignment } from '../../procedures/task/views';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';
import { FIELD } from '../field-texts';
import { decide, type Action } from '../policy';
import { findPerson } from '../../db/queries/organisation-read';
import { findReferral } from '../../db/queries/referral-read';
import { whenRecorded } from './act';
import {
  actionsFor,
  actOn,
  CYCLE,
  findVisible,
  MAJOR_CASE_MEETING,
  MEETING,
  meetingKindOf,
  visible,
} from './instances';
import { auditListedMajorCaseMeetings, convokeMajorCaseMeeting } from './major-case-meetings';
import { judgeMeetingTimes, type MeetingWarning } from './meeting-times';
import { checkAssignment, checkTimeLimit } from './tasks';
import { checkNewTaskMilestones } from './task-milestones';
import type { MilestonePlan } from '../../procedures/task/milestones';
import { taskPoliciesOf } from './task-policies';

export interface CallMeetingBody {
  title: string;
  at: string;
  confirmBy: string;
  place: string;
  topics: string[];
  /** AD_HOC (default): a joint meeting of the member units; MAJOR_CASE: the major-case coordination group's. */
  kind?: 'AD_HOC' | 'MAJOR_CASE';
  /** A MAJOR_CASE meeting convened on a referral (移送). */
  referralId?: string;
}

export interface ResolutionBody extends TaskAssignment {
  dueDate?: string;
  workingDays?: number;
  /** Milestones (序时进度) of the resolution's task, checked as in the create body. */
  milestones?: MilestonePlan[];
}

const summaryOf = ({ unitIds, unitLeaderIds: _scope, memberIds, ...m }: MeetingRow) => ({
  ...m,
  invitedUnits: unitIds.length,
  invitedMembers: memberIds?.length ?? 0,
});

/**
 * Judges the times of a call (meeting-times.ts) against the working-day calendar and the cycle's regular meetings:
 * 422 naming every field that cannot be right, else the warnings the answer and the timelines carry.
 */
async function checkMeetingTimes(
  deps: AppDeps,
  cycle: CycleRow,
  body: CallMeetingBody,
  others: FieldProblem[] = [],
): Promise<MeetingWarning[]> {
  const now = Date.now();
  const thisYear = Number(localDate(new Date(now)).slice(0, 4));
  const settings = { ...defaultCycleSettings(cycle.year), ...(cycle.settings as Partial<CycleSettings> | null) };
  const [cal, calendar] = await Promise.all([
    readWorkingCalendar(deps.db, cycle.orgId, Math.min(thisYear, cycle.year) - 1, cycle.year + 2),
    planCycleCalendar(deps.db, { orgId: cycle.orgId, year: cycle.year, settings }),
  ]);
  const { problems, warnings } = judgeMeetingTimes(body, {
    now,
    cal,
    year: cycle.year,
    regular: calendar.meetings,
    nearWorkingDays: settings.noticeWorkingDays,
  });
  if (problems.length > 0) {
    throw new AppError(
      'invalid-meeting-time',
      422,
      said(
        '会议时间须晚于现在，参会确认时限须晚于现在且不晚于会议时间',
        'The meeting and its confirmation deadline must be in the future, the deadline not after the meeting',
      ),
      [...problems, ...others],
    );
  }
  if (others.length > 0) throw new AppError('unknown-reference', 422, FIELD.noReferral, others);
  return warnings;
}

/**
 * The referral a major-case group meeting is convened on must be one of the organisation's (422 otherwise): from then
 * on the group's members may read it (db/queries/referral-read.ts).
 */
async function referralProblems(deps: AppDeps, cycle: CycleRow, referralId: string | undefined) {
  if (referralId === undefined) return [];
  const referral = await findReferral(deps.db, referralId);
  return referral?.orgId === cycle.orgId ? [] : [{ field: 'body.referralId', message: FIELD.noReferral }];
}

/**
 * The office calls an ad-hoc joint meeting of a cycle: the cycle's `callMeeting` Update starts the meeting's
 * workflow (which sends the notice); the answer waits until the meeting can be read back.
 */
export async function callAdHocMeeting(
  deps: AppDeps,
  caller: Caller,
  cycleId: string,
  { kind, referralId, ...body }: CallMeetingBody,
  idempotencyKey?: string,
) {
  const action: Action = 'meeting.call';
  const cycle = await visible(deps, caller, CYCLE, cycleId, action);
  let warnings: MeetingWarning[];
  try {
    const others = kind === 'MAJOR_CASE' ? await referralProblems(deps, cycle, referralId) : [];
    warnings = await checkMeetingTimes(deps, cycle, body, others);
  } catch (err) {
    if (err instanceof AppError) await auditRefusal(deps, caller, action, { type: 'cycle', id: cycleId }, err.message);
    throw err;
  }
  const noted = warnings.map((w) => w.message);
  const times = { at: new Date(body.at).toISOString(), confirmBy: new Date(body.confirmBy).toISOString() };
  if (kind === 'MAJOR_CASE') {
    const call = { ...body, ...times, warnings: noted, ...(referralId ? { referralId } : {}) };
    const called = await convokeMajorCaseMeeting(deps, caller, cycle, call, idempotencyKey);
    return { ...called, title: body.title, ...times, warnings };
  }
  let meetingId: string;
  try {
    const status = await deps.temporal.workflow
      .getHandle(cycle.workflowId)
      .executeUpdate(
        callMeeting,
        updateOptions(caller, [
          { ...body, ...times, actor: actorOf(caller), ...(noted.length ? { warnings: noted } : {}) },
        ]),
      );
    meetingId = status.meetingId;
  } catch (err) {
    return refusedUpdate(
      deps,
      caller,
      action,
      { type: 'cycle', id: cycleId },
      err,
      said('年度周期已结束，不能再召集会议', 'The annual cycle has ended; no more meetings'),
    );
  }
  const workflowId = meetingWorkflowId(meetingId);
  // Answer once the meeting can be read back; if the read model lags, the meeting still exists and will appear.
  await whenRecorded(deps.temporal.workflow.getHandle(workflowId).executeUpdate(mm.meetingRecorded)).catch(
    () => undefined,
  );
  return { id: meetingId, workflowId, cycleId, kind: 'AD_HOC' as const, title: body.title, ...times, warnings };
}

/** The meetings the caller may see: all of the organisation's for the office and the group, else those inviting them. */
export async function findMeetings(
  deps: AppDeps,
  caller: Caller,
  filter: { cycleId?: string; kind?: MeetingKind },
  page: { limit: number; offset: number },
) {
  const viewer = { personId: caller.identity.personId, office: caller.identity.roles.includes('OFFICE') };
  // A member of the major-case group whose roles list no meetings (an ENFORCEMENT member) lists the group's only.
  const org = { type: 'organisation' as const, orgId: caller.identity.orgId };
  const groupOnly =
    decide(caller.identity, 'meeting.read', org) === 'FORBIDDEN' &&
    !!(await findPerson(deps.db, caller.identity.personId))?.majorCaseGroup;
  const found = await findVisible(
    deps,
    caller,
    groupOnly ? MAJOR_CASE_MEETING : MEETING,
    page,
    (scope) => listMeetings(deps.db, scope, filter, page, viewer),
    summaryOf,
  );
  await auditListedMajorCaseMeetings(deps, caller, found.items);
  return found;
}

/**
 * A meeting with its attendance, agenda (status report), minutes, resolutions and timeline. A major-case group
 * meeting's read is audited, seen or refused (`majorCaseMeeting.read`).
 */
export async function getMeeting(deps: AppDeps, caller: Caller, meetingId: string) {
  const kind = meetingKindOf(await findMeeting(deps.db, meetingId));
  const meeting = await visible(deps, caller, kind, meetingId, kind.confidential ? kind.list : 'meeting.read');
  const details = await readMeetingDetails(deps.db, meetingId, meeting.kind);
  return { ...summaryOf(meeting), actions: actionsFor(caller, kind, meeting), ...details };
}

/** A member unit confirms it attends (with who), or declines with a reason, for its own unit. */
export async function confirmMeetingAttendance(
  deps: AppDeps,
  caller: Caller,
  meetingId: string,
  body: { attending: boolean; attendee?: string; reason?: string },
) {
  const row = await findMeeting(deps.db, meetingId);
  if (row?.kind === 'MAJOR_CASE') return confirmMemberAttendance(deps, caller, meetingId, body);
  const meeting = await visible(deps, caller, MEETING, meetingId, 'meeting.confirm');
  if (!body.attending && !body.reason) {
    await auditRefusal(deps, caller, 'meeting.confirm', { type: 'meeting', id: meetingId }, 'reason missing');
    throw new AppError('reason-required', 422, said('请假须说明事由', 'Not attending needs a reason'), [
      { field: 'body.reason', message: said('不参会时必填', 'required when not attending') },
    ]);
  }
  const status = await actOn(deps, caller, MEETING, meeting, 'meeting.confirm', mm.confirmAttendance, body);
  const own = status.attendance.find((a) => a.unitId === caller.identity.unitId);
  return { meetingId, state: status.state, attendance: own! };
}

/** A member of the major-case coordination group confirms they attend, or declines with a reason, for themself. */
async function confirmMemberAttendance(
  deps: AppDeps,
  caller: Caller,
  meetingId: string,
  body: { attending: boolean; attendee?: string; reason?: string },
) {
  const action: Action = 'majorCaseMeeting.confirm';
  const meeting = await visible(deps, caller, MAJOR_CASE_MEETING, meetingId, action);
  if (!body.attending && !body.reason) {
    await auditRefusal(deps, caller, action, { type: 'meeting', id: meetingId }, 'reason missing');
    throw new AppError('reason-required', 422, said('请假须说明事由', 'Not attending needs a reason'), [
      { field: 'body.reason', message: said('不参会时必填', 'required when not attending') },
    ]);
  }
  const status = await actOn(deps, caller, MAJOR_CASE_MEETING, meeting, action, mm.confirmMemberAttendance, body);
  const own = status.attendance.find((a) => a.personId === caller.identity.personId);
  return { meetingId, state: status.state, attendance: own! };
}

/**
 * The office records the minutes of a held meeting; each resolution becomes a supervised task of type
 * MEETING_RESOLUTION, with the four-in-place checked like a task's (422 naming the resolution's field).
 */
export async function recordMeetingMinutes(
  deps: AppDeps,
  caller: Caller,
  meetingId: string,
  body: { minutes: string; resolutions: ResolutionBody[] },
) {
  const action: Action = 'meeting.minutes';
  const meeting = await visible(deps, caller, MEETING, meetingId, action);
  const policy = (await taskPoliciesOf(deps, meeting.orgId)).get('MEETING_RESOLUTION');
  if (!policy)
    throw new AppError(
      'no-task-type',
      500,
      said(
        '未配置“联席会议议定事项”任务类型（MEETING_RESOLUTION）',
        'The task type for meeting resolutions (MEETING_RESOLUTION) is not configured',
      ),
    );
  const resolutions: mm.MinutesResolution[] = [];
  try {
    for (const [i, r] of body.resolutions.entries()) {
      if ((r.dueDate === undefined) === (r.workingDays === undefined)) {
        throw new AppError(
          'invalid-time-limit',
          422,
          said(
            '议定事项的落实时限须为日期或工作日数，二者选一',
            'The time limit of a resolution is a date or a number of working days: give exactly one',
          ),
          [{ field: `body.resolutions[${i}].dueDate`, message: FIELD.oneTimeLimit }],
        );
      }
      const now = new Date();
      checkTimeLimit(r, now, `body.resolutions[${i}]`);
      await checkAssignment(deps, caller.identity.orgId, r, `body.resolutions[${i}]`);
      await checkNewTaskMilestones(deps, caller.identity.orgId, r, now, `body.resolutions[${i}]`);
      resolutions.push({
        title: r.title,
        leadUnitId: r.leadUnitId,
        coUnitIds: r.coUnitIds,
        leaderId: r.leaderId,
        requirements: r.requirements,
        standard: r.standard,
        limit: r.dueDate ? { kind: 'DATE', date: r.dueDate } : { kind: 'WORKING_DAYS', days: r.workingDays ?? 1 },
        policy,
        ...(r.milestones?.length ? { milestones: r.milestones } : {}),
      });
    }
  } catch (err) {
    if (err instanceof AppError)
      await auditRefusal(deps, caller, action, { type: 'meeting', id: meetingId }, err.message);
    throw err;
  }
  const status = await actOn(deps, caller, MEETING, meeting, action, mm.recordMinutes, {
    minutes: body.minutes,
    resolutions,
  });
  return { meetingId, state: status.state, resolutions: status.resolutions };
}

/**
 * The office calls off an ad-hoc meeting before it begins, with a reason every member unit is told (a regular meeting is
 * held as the cycle schedules it: the machine refuses, 409). A cancelled meeting offers nothing more; a second
 * cancellation answers 409.
 */
export async function cancelAdHocMeeting(deps: AppDeps, caller: Caller, meetingId: string, body: { reason: string }) {
  const meeting = await visible(deps, caller, MEETING, meetingId, 'meeting.cancel');
  const status = await actOn(deps, caller, MEETING, meeting, 'meeting.cancel', mm.cancelMeeting, body);
  return { meetingId, state: status.state, cancelled: status.cancelled ?? null };
}
