import { patched } from '@temporalio/workflow';
import { INSPECTION_DEFAULTS_IN_FORCE } from '../../procedures/cycle/messages';
import { inspectionWorkflowId, type InspectionInput } from '../../procedures/inspection/messages';
import { REGULAR_CHECKLIST, type CycleEvent } from '../../procedures/cycle/dated-events';
import type { CycleChildren } from './children';
import { acts, type CycleRun } from './run';
import { startChildOnce } from '../kernel/instance';
import { REGULAR_MEETING_PLACE } from '../../procedures/meeting/messages';

/**
 * A dated event of the cycle's year at its instant (DOMAIN.md "The annual cycle" steps 1, 3–5): the unapproved
 * plan's alert to the office head, a regular meeting's notice, a regular inspection round, a periodic bulletin, the
 * cut-off that begins the year end.
 */
export async function fireDatedEvent(run: CycleRun, children: CycleChildren, e: CycleEvent): Promise<void> {
  const { input, status } = run;
  switch (e.kind) {
    case 'PLAN_DUE':
      if (status.phase !== 'PLANNING') return;
      status.planDueAlerted = true;
      await run.record({
        kind: 'PLAN_OVERDUE',
        message: `${input.year}年度工作计划超过审定时限（${status.planDueDate}）仍未审定，已提请组织协调室主任督办`,
        notice: { title: `【督办】${input.year}年度工作计划逾期未审定`, audience: ['OFFICE_HEAD'] },
      });
      return;
    case 'MEETING': {
      const m = e.meeting;
      const meetingId = await children.startMeeting({
        key: m.key,
        kind: 'REGULAR',
        title: m.title,
        at: m.at,
        confirmBy: m.confirmBy,
        place: REGULAR_MEETING_PLACE,
        topics: [],
        calledBy: null,
      });
      await run.record({
        kind: 'MEETING_NOTICE',
        message: `按年度安排发出「${m.title}」会议通知，会议编号${meetingId}`,
      });
      return;
    }
    case 'INSPECTION': {
      if (status.phase !== 'RUNNING') return;
      const r = e.round;
      const roundId = `${input.cycleId}-${r.key}`;
      const { unitIds } = await acts.inspectionScope({ orgId: input.orgId });
      // The office's procedure defaults in force as the round starts (issue 22): its checklist and escalation offset.
      // Cycles replaying a round started before this change start it as they did.
      const defaults = patched(INSPECTION_DEFAULTS_IN_FORCE)
        ? (await acts.procedureDefaultsInForce({ orgId: input.orgId })).inspection
        : undefined;
      const round: InspectionInput = {
        roundId,
        cycleId: input.cycleId,
        orgId: input.orgId,
        key: r.key,
        kind: 'REGULAR',
        title: r.title,
        unitIds,
        checklist: defaults ? [...defaults.checklist] : [...REGULAR_CHECKLIST],
        selfCheckDueDate: r.selfCheckDueDate,
        findingsDueDate: r.findingsDueDate,
        calledBy: null,
        ...(defaults ? { escalateAfterWorkingDays: defaults.escalateAfterWorkingDays } : {}),
      };
      await startChildOnce('inspectionRound', inspectionWorkflowId(roundId), round);
      status.inspections.push(r.key);
      await run.record({
        kind: 'INSPECTION_STARTED',
        message: `按年度安排启动「${r.title}」，检查单位${unitIds.length}个，编号${roundId}`,
      });
      return;
    }
    case 'CUT_OFF':
      if (status.phase === 'RUNNING') status.phase = 'YEAR_END';
      return;
    case 'BULLETIN': {
      const p = e.period;
      const published = await acts.publishCycleBulletin({
        workflowId: run.workflowId,
        step: `bulletin-${p.key}`,
        cycleId: input.cycleId,
        orgId: input.orgId,
        key: p.key,
        from: p.from,
        to: p.to,
        asOf: run.nowIso(),
      });
      status.bulletins.push(p.key);
      await run.record({
        kind: 'BULLETIN_PUBLISHED',
        message: `发布${p.title}情况通报（${published.bulletinId}）：逾期未办结${published.openOverdue}项，点名单位${published.namedAtL3}个`,
      });
      return;
    }
  }
}
