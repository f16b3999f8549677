import { patched } from '@temporalio/workflow';
import { caseWorkflowId, type CaseInput } from '../../procedures/case/messages';
import * as c from '../../procedures/cycle/messages';
import type { MeetingInput } from '../../procedures/cycle/messages';
import { acts, type CaseRequest, type CycleRun } from './run';
import { startChildOnce } from '../kernel/instance';
import { unitRef } from '../../procedures/kernel/named-refs';

/** The children the cycle starts: tasks, meetings, inspection rounds and accountability cases. */
export function cycleChildren(run: CycleRun, carried: { lastMeetingAt: string }) {
  const { input, status } = run;
  let { lastMeetingAt } = carried;
  /** The cases this run started: the year end waits for them to be decided. */
  const caseResults: Promise<unknown>[] = [];

  async function startMeeting(m: Omit<MeetingInput, 'cycleId' | 'orgId' | 'meetingId' | 'since'>): Promise<string> {
    const meetingId = `${input.cycleId}-${m.key}`;
    // A meeting takes the office's procedure defaults in force as it starts (issue 22): its minutes limit, and a
    // regular one its place. Cycles replaying a meeting started before this change start it as they did.
    const defaults = patched(c.MEETING_DEFAULTS_IN_FORCE)
      ? (await acts.procedureDefaultsInForce({ orgId: input.orgId })).meeting
      : undefined;
    const meeting: MeetingInput = {
      ...m,
      ...(defaults && m.kind === 'REGULAR' ? { place: defaults.place } : {}),
      meetingId,
      cycleId: input.cycleId,
      orgId: input.orgId,
      since: lastMeetingAt,
      ...(defaults ? { minutesWorkingDays: defaults.minutesWorkingDays } : {}),
    };
    await startChildOnce('jointMeeting', c.meetingWorkflowId(meetingId), meeting);
    if (Date.parse(m.at) > Date.parse(lastMeetingAt)) lastMeetingAt = m.at;
    status.meetings.push(m.key);
    return meetingId;
  }

  /** Opens an accountability case (责任追究) as a child; the year end waits for it to be decided. */
  async function openCase(request: CaseRequest): Promise<void> {
    const policy = await acts.cycleCasePolicy({ orgId: input.orgId });
    const caseInput: CaseInput = {
      caseId: request.caseId,
      orgId: input.orgId,
      cycleId: input.cycleId,
      unitId: request.unitId,
      leaderId: request.leaderId,
      source: request.source,
      policy,
      openedBy: null,
    };
    const child = await startChildOnce('accountabilityCase', caseWorkflowId(request.caseId), caseInput);
    if (child) caseResults.push(child.ended);
    status.cases.push(request.caseId);
    const why =
      request.source.kind === 'L3'
        ? `任务（编号${request.source.taskId}）逾期进入三级督办`
        : request.source.kind === 'ASSESSMENT'
          ? `年度考核得分${request.source.score}分，低于${request.source.threshold}分`
          : request.source.reason;
    await run.record({
      kind: 'CASE_OPENED',
      message: `${why}，对${unitRef(request.unitId)}启动责任追究程序（案件编号${request.caseId}）`,
    });
  }

  return { startMeeting, openCase, caseResults, lastMeetingAt: () => lastMeetingAt };
}

export type CycleChildren = ReturnType<typeof cycleChildren>;
