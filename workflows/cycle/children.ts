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
    const meeting: MeetingInput = { ...m, meetingId, cycleId: input.cycleId, orgId: input.orgId, since: lastMeetingAt };
    await startChildOnce('jointMeeting', c.meetingWorkflowId(meetingId), meeting);
    if (Date.parse(m.at) > Date.parse(lastMeetingAt)) lastMeetingAt = m.at;
    status.meetings.push(m.key);
    return meetingId;
  }

  /** Opens an accountability case (责任追究) as a child; the year end waits for it to be decided. */
  async function openCase(request: CaseRequest): Promise<void> {
    const policy = await acts.cycleCasePolicy();
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
