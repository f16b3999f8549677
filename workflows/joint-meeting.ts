import { allHandlersFinished, condition, patched, sleep } from '@temporalio/workflow';
import type { MeetingInput } from '../procedures/cycle/messages';
import { meetingProcedure, noticedStatus, type MeetingMachine } from '../procedures/meeting/machine';
import * as mm from '../procedures/meeting/messages';
import type { MeetingStatus } from '../procedures/meeting/messages';
import * as steps from '../procedures/meeting/steps';
import * as groupSteps from '../procedures/meeting/major-case-steps';
import { taskWorkflowId, type TaskInput } from '../procedures/task/messages';
import { registerActions } from './kernel/actions';
import { activities, serveStatus, startChildOnce, workflowClock } from './kernel/instance';
import { dueInstant, waitUntilOrChange } from './kernel/timers';

const acts = activities;

/**
 * Patch id (2026-12): the waits for the confirmation deadline and for the meeting end early when the office calls an
 * ad-hoc meeting off. Meetings that began their waits before it replay them as plain timers.
 */
export const MEETING_CANCELLABLE = 'meeting-cancellable';

/**
 * A joint meeting (联席会议), DOMAIN.md "The annual cycle" step 3: the machine `meetingProcedure` run durably,
 * started by the cycle for each regular meeting at its notice time and for each one the office calls. The notice
 * goes to every member unit; units confirm or decline until the meeting begins, and those that have not answered
 * by the confirmation deadline are urged (催报). When the meeting begins its agenda gets the status report from the
 * read model and absences are recorded. The office then records the minutes; every resolution becomes a supervised
 * task (MEETING_RESOLUTION), and the minutes go to the inboxes of the units present, the office and the leadership
 * group. Minutes still missing five working days (or the input's limit) after the meeting remind the office once.
 * Until an ad-hoc meeting begins the office may call it off (取消), with a reason every member unit is told; the
 * workflow then ends.
 *
 * A meeting of the major-case coordination group (kind MAJOR_CASE, 大要案协调小组, issue 18 part 4) runs the same course
 * with people for members: the group's members are noticed, confirm and are urged in person; its agenda is its own
 * topics (no status report); its minutes go to the members present and the office. Its resolutions become tasks like
 * any meeting's. Only that kind takes these paths, so histories of the other kinds replay unchanged.
 */
export async function jointMeeting(input: MeetingInput): Promise<MeetingStatus> {
  const { workflowId, now, nowIso } = workflowClock();

  // The attendance is filled from the organisation before the notice goes out (handlers are set before the first await).
  const meeting: MeetingMachine = {
    status: noticedStatus(input.meetingId),
    recorded: false,
    meeting: { kind: input.kind, at: input.at },
  };
  const { status } = meeting;
  const majorCase = input.kind === 'MAJOR_CASE';
  let step = 0;
  let distributed = false;

  async function record({ kind, message, actor, action, payload, notice, at }: steps.MeetingStep): Promise<void> {
    status.version += 1;
    const stepId = `${++step}-${kind.toLowerCase()}`;
    await acts.recordMeetingEvent({
      workflowId,
      meeting: input,
      status: { ...status, attendance: status.attendance.map((a) => ({ ...a })), resolutions: [...status.resolutions] },
      entry: { step: stepId, kind, message, at: at ?? nowIso(), actor },
      audit: action ? { action, payload: payload ?? {} } : undefined,
      notice: notice
        ? { kind: `MEETING_${kind}`, title: notice.title, body: notice.body ?? message, recipients: notice.recipients }
        : undefined,
    });
  }

  /** The resolutions' tasks: the meeting follows them until each is closed (议定事项落实到位). */
  const resolutionTasks: Promise<unknown>[] = [];

  /** Starts a resolution's task once; a child already started (a retried start after a crash) counts as started. */
  async function startTask(task: TaskInput): Promise<void> {
    // Ending the meeting's workflow early (terminated by an operator) must not end its tasks.
    const child = await startChildOnce('supervisedTask', taskWorkflowId(task.taskId), task);
    if (child) resolutionTasks.push(child.ended);
  }

  // ---- queries and updates --------------------------------------------------------------------------
  serveStatus(
    mm.getMeetingStatus,
    mm.meetingRecorded,
    () => status,
    () => meeting.recorded,
  );
  registerActions(meetingProcedure, {
    state: () => meeting,
    now,
    async run(action, actionInput) {
      if (action === 'cancelMeeting') {
        await record(steps.cancelledStep(meeting, input, actionInput as mm.CancelMeetingInput, now()));
        return status;
      }
      if (action === 'confirmMemberAttendance') {
        await record(
          groupSteps.memberConfirmStep(meeting, actionInput as mm.ConfirmMemberAttendanceInput, {
            now: now(),
            confirmBy: input.confirmBy,
          }),
        );
        return status;
      }
      if (action === 'confirmAttendance') {
        await record(
          steps.confirmStep(meeting, actionInput as mm.ConfirmAttendanceInput, {
            now: now(),
            confirmBy: input.confirmBy,
          }),
        );
        return status;
      }
      const minutes = actionInput as mm.RecordMinutesInput;
      const { step: minuted, tasks } = steps.minutesEffect(meeting, minutes, { now: now(), meeting: input });
      await record(minuted);
      await Promise.all(tasks.map(startTask));
      await record(
        majorCase
          ? groupSteps.majorCaseDistributedStep(meeting, input, minutes.minutes)
          : steps.distributedStep(meeting, input, minutes.minutes),
      );
      distributed = true;
      return status;
    },
  });

  // ---- the meeting's course ---------------------------------------------------------------------------
  const invited = { status: 'INVITED', answer: null, attendee: null, reason: null } as const;
  const unanswered = { ...invited, answeredBy: null, answeredAt: null, urgedAt: null };
  if (majorCase) {
    const members = await acts.listMajorCaseMembers({ orgId: input.orgId });
    status.attendance = members.map((p) => ({ ...p, ...unanswered }));
    await record(groupSteps.memberNoticedStep(input, status));
  } else {
    const members = await acts.listMeetingMembers({ orgId: input.orgId });
    status.attendance = members.map((u) => ({ unitId: u.unitId, unitName: u.unitName, ...unanswered }));
    await record(steps.noticedStep(input, status));
  }
  meeting.recorded = true;

  /** Waits until `instant`; false when the office called the meeting off meanwhile. */
  const cancellable = patched(MEETING_CANCELLABLE);
  const cancelled = () => status.state === 'CANCELLED';
  async function waitUntil(instant: string): Promise<boolean> {
    if (cancellable) return (await waitUntilOrChange(Date.parse(instant), now(), cancelled)) && !cancelled();
    await sleep(Math.max(0, Date.parse(instant) - now()));
    return !cancelled();
  }
  async function ended(): Promise<MeetingStatus> {
    await condition(allHandlersFinished);
    return status;
  }

  // Confirmation deadline: urge (催报) the units that have not answered, by notice to their heads.
  if (!(await waitUntil(input.confirmBy))) return ended();
  const urgedAt = dueInstant(input.confirmBy, now());
  const urged = majorCase
    ? groupSteps.memberUrgedStep(meeting, input, urgedAt)
    : steps.urgedStep(meeting, input, urgedAt);
  if (urged) await record(urged);

  // The meeting begins: its status report goes on the agenda, and who is there is recorded.
  if (!(await waitUntil(input.at))) return ended();
  // The major-case group's agenda is its own (confidential) topics: no status report of the cycle is built for it.
  const report = majorCase
    ? null
    : await acts.buildMeetingReport({
        orgId: input.orgId,
        cycleId: input.cycleId,
        since: input.since,
        asOf: input.at,
      });
  const minutesDueAt = await acts.meetingMinutesDueAt({
    orgId: input.orgId,
    at: input.at,
    workingDays: input.minutesWorkingDays ?? mm.MINUTES_WORKING_DAYS,
  });
  await record(
    report
      ? steps.heldStep(meeting, input, report, minutesDueAt)
      : groupSteps.majorCaseHeldStep(meeting, input, minutesDueAt),
  );

  // Minutes: recorded through the Update; missing after the limit (five working days unless the office set another),
  // the office is reminded once.
  const minuted = await condition(() => status.state === 'MINUTED', Math.max(0, Date.parse(minutesDueAt) - now()));
  if (!minuted) await record(steps.minutesOverdueStep(meeting, input, dueInstant(minutesDueAt, now())));
  await condition(() => distributed);
  if (resolutionTasks.length > 0) {
    // The meeting stays open until every resolution's task is closed, then records that its resolutions are done.
    await Promise.all(resolutionTasks);
    await record({ kind: 'RESOLUTIONS_CLOSED', message: `会议议定事项${resolutionTasks.length}项均已办结或撤销` });
  }
  await condition(allHandlersFinished);
  return status;
}
