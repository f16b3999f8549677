import type { UpdateDefinition } from '@temporalio/client';
import { findCycle } from '../../db/queries/cycles';
import { findMeeting, listMeetings, readMeetingDetails, type MeetingRow } from '../../db/queries/meetings';
import { callMeeting, meetingWorkflowId } from '../../procedures/cycle/messages';
import * as mm from '../../procedures/meeting/messages';
import type { Actor } from '../../procedures/task/messages';
import type { TaskAssignment } from '../../procedures/task/views';
import {
  actorOf,
  updateOptions,
  auditRefusal,
  authorise,
  authoriseFunction,
  refusedUpdate,
  type Caller,
} from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, type FieldProblem } from '../errors';
import type { Action } from '../policy';
import { act } from './act';
import { checkAssignment } from './tasks';

/** How long a call waits for its meeting to reach the read model before answering anyway. */
const RECORD_WAIT_MS = 10_000;

export interface CallMeetingBody {
  title: string;
  at: string;
  confirmBy: string;
  place: string;
  topics: string[];
}

export interface ResolutionBody extends TaskAssignment {
  dueDate?: string;
  workingDays?: number;
}

const summaryOf = ({ unitIds, unitLeaderIds: _scope, ...m }: MeetingRow) => ({ ...m, invitedUnits: unitIds.length });

/** Dates of a call that can never work: 422 naming the field (the workflow checks them again against its clock). */
function checkMeetingTimes(body: CallMeetingBody, now: number): void {
  const problems: FieldProblem[] = [];
  const at = Date.parse(body.at);
  const confirmBy = Date.parse(body.confirmBy);
  if (!(at > now)) problems.push({ field: 'body.at', message: 'must be in the future' });
  if (!(confirmBy > now)) problems.push({ field: 'body.confirmBy', message: 'must be in the future' });
  else if (confirmBy > at) problems.push({ field: 'body.confirmBy', message: 'must not be after the meeting' });
  if (problems.length > 0) {
    throw new AppError(
      'invalid-meeting-time',
      422,
      '会议时间须晚于现在，参会确认时限须晚于现在且不晚于会议时间',
      problems,
    );
  }
}

/**
 * The office calls an ad-hoc joint meeting of a cycle: the cycle's `callMeeting` Update starts the meeting's
 * workflow (which sends the notice); the answer waits until the meeting can be read back.
 */
export async function callAdHocMeeting(deps: AppDeps, caller: Caller, cycleId: string, body: CallMeetingBody) {
  const action: Action = 'meeting.call';
  await authoriseFunction(deps, caller, action, { type: 'cycle', id: cycleId });
  const cycle = await findCycle(deps.db, cycleId);
  if (!cycle || cycle.orgId !== caller.identity.orgId) {
    await auditRefusal(deps, caller, action, { type: 'cycle', id: cycleId }, 'no such cycle');
    throw AppError.notFound('年度周期不存在');
  }
  checkMeetingTimes(body, Date.now());
  let meetingId: string;
  try {
    const status = await deps.temporal.workflow
      .getHandle(cycle.workflowId)
      .executeUpdate(callMeeting, updateOptions(caller, [{ ...body, actor: actorOf(caller) }]));
    meetingId = status.meetingId;
  } catch (err) {
    return refusedUpdate(deps, caller, action, { type: 'cycle', id: cycleId }, err, '年度周期已结束，不能再召集会议');
  }
  const workflowId = meetingWorkflowId(meetingId);
  // Answer once the meeting can be read back; if the read model lags, the meeting still exists and will appear.
  await Promise.race([
    deps.temporal.workflow.getHandle(workflowId).executeUpdate(mm.meetingRecorded),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), RECORD_WAIT_MS).unref()),
  ]).catch(() => undefined);
  return { id: meetingId, workflowId, cycleId, title: body.title, at: body.at, confirmBy: body.confirmBy };
}

/** A meeting the caller may see: 404 when it does not exist or does not invite the caller's unit (or leader). */
async function visibleMeeting(deps: AppDeps, caller: Caller, meetingId: string, action: Action): Promise<MeetingRow> {
  const meeting = await findMeeting(deps.db, meetingId);
  if (!meeting) {
    await auditRefusal(deps, caller, action, { type: 'meeting', id: meetingId }, 'no such meeting');
    throw AppError.notFound('会议不存在');
  }
  await authorise(deps, caller, action, { ...meeting, type: 'meeting' }, { type: 'meeting', id: meetingId });
  return meeting;
}

/** The meetings the caller may see: all of the organisation's for the office and the group, else those inviting them. */
export async function findMeetings(
  deps: AppDeps,
  caller: Caller,
  filter: { cycleId?: string },
  page: { limit: number; offset: number },
) {
  await authoriseFunction(deps, caller, 'meeting.read', { type: 'meeting' });
  const { identity } = caller;
  const scope = {
    orgId: identity.orgId,
    wholeOrg: identity.roles.includes('OFFICE') || identity.roles.includes('GROUP'),
    unitId: identity.roles.includes('UNIT') ? identity.unitId : undefined,
    leaderId: identity.roles.includes('LEADER') ? identity.personId : undefined,
  };
  const { items, total } = await listMeetings(deps.db, scope, filter, page);
  return { items: items.map(summaryOf), total, ...page };
}

/** A meeting with its attendance, agenda (status report), minutes, resolutions and timeline. */
export async function getMeeting(deps: AppDeps, caller: Caller, meetingId: string) {
  await authoriseFunction(deps, caller, 'meeting.read', { type: 'meeting', id: meetingId });
  const meeting = await visibleMeeting(deps, caller, meetingId, 'meeting.read');
  return { ...summaryOf(meeting), ...(await readMeetingDetails(deps.db, meetingId)) };
}

/** Sends one action to the meeting's workflow (act: 409 with the workflow's reason when refused). */
const actOnMeeting = <A extends { actor: Actor }>(
  deps: AppDeps,
  caller: Caller,
  meeting: MeetingRow,
  action: Action,
  update: UpdateDefinition<mm.MeetingStatus, [A]>,
  args: Omit<A, 'actor'>,
) =>
  act(
    deps,
    caller,
    { type: 'meeting', id: meeting.id, workflowId: meeting.workflowId, ended: '会议流程已结束，不能再办理' },
    action,
    update,
    args,
  );

/** A member unit confirms it attends (with who), or declines with a reason, for its own unit. */
export async function confirmMeetingAttendance(
  deps: AppDeps,
  caller: Caller,
  meetingId: string,
  body: { attending: boolean; attendee?: string; reason?: string },
) {
  await authoriseFunction(deps, caller, 'meeting.confirm', { type: 'meeting', id: meetingId });
  const meeting = await visibleMeeting(deps, caller, meetingId, 'meeting.confirm');
  if (!body.attending && !body.reason) {
    await auditRefusal(deps, caller, 'meeting.confirm', { type: 'meeting', id: meetingId }, 'reason missing');
    throw new AppError('reason-required', 422, '请假须说明事由', [
      { field: 'body.reason', message: 'required when not attending' },
    ]);
  }
  const status = await actOnMeeting(deps, caller, meeting, 'meeting.confirm', mm.confirmAttendance, body);
  const own = status.attendance.find((a) => a.unitId === caller.identity.unitId);
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
  await authoriseFunction(deps, caller, action, { type: 'meeting', id: meetingId });
  const meeting = await visibleMeeting(deps, caller, meetingId, action);
  const policy = deps.taskPolicies.get('MEETING_RESOLUTION');
  if (!policy) throw new AppError('no-task-type', 500, '未配置“联席会议议定事项”任务类型（MEETING_RESOLUTION）');
  const resolutions: mm.MinutesResolution[] = [];
  try {
    for (const [i, r] of body.resolutions.entries()) {
      if ((r.dueDate === undefined) === (r.workingDays === undefined)) {
        throw new AppError('invalid-time-limit', 422, '议定事项的落实时限须为日期或工作日数，二者选一', [
          { field: `body.resolutions[${i}].dueDate`, message: 'give exactly one of dueDate and workingDays' },
        ]);
      }
      await checkAssignment(deps, caller.identity.orgId, r, `body.resolutions[${i}]`);
      resolutions.push({
        title: r.title,
        leadUnitId: r.leadUnitId,
        coUnitIds: r.coUnitIds,
        leaderId: r.leaderId,
        requirements: r.requirements,
        standard: r.standard,
        limit: r.dueDate ? { kind: 'DATE', date: r.dueDate } : { kind: 'WORKING_DAYS', days: r.workingDays ?? 1 },
        policy,
      });
    }
  } catch (err) {
    if (err instanceof AppError)
      await auditRefusal(deps, caller, action, { type: 'meeting', id: meetingId }, err.message);
    throw err;
  }
  const status = await actOnMeeting(deps, caller, meeting, action, mm.recordMinutes, {
    minutes: body.minutes,
    resolutions,
  });
  return { meetingId, state: status.state, resolutions: status.resolutions };
}
