import type { Recipient } from '../kernel/recipients';
import type { InspectionMachine, InspectionStep } from './machine';
import * as im from './messages';
import type { InspectedUnit, InspectionReport } from './messages';
import { dateText, reportText } from './texts';

export type { InspectionStep };

/**
 * What the inspection round records on its timers (DOMAIN.md "The annual cycle" step 4): the notice, the reminder
 * the working day before the self-check deadline, the urging at it, the escalation to the unit's leader, the close
 * with its report. Pure: each function updates the machine it is given and returns the steps to record.
 */

const ref = (m: InspectionMachine) => `（检查编号${m.input.roundId}）`;
/** The self-check deadline as notices write it: 3月19日24:00. */
export const selfCheckDue = (m: InspectionMachine) => `${dateText(m.input.selfCheckDueDate)}24:00`;
const pending = (m: InspectionMachine) => m.status.units.filter((u) => u.selfCheck === 'PENDING');

export function noticedStep(m: InspectionMachine): InspectionStep {
  const { input, status } = m;
  const checklist = input.checklist.map((c, i) => `${i + 1}. ${c}`).join('\n');
  return {
    kind: 'NOTICED',
    message: `发出「${input.title}」检查通知，检查单位${status.units.length}个，自查报告于${selfCheckDue(m)}前报送`,
    actor: input.calledBy ?? undefined,
    // A round the office defines is audited as its act; the cycle's regular rounds are the system's.
    action: input.calledBy ? 'inspection.create' : undefined,
    payload: { ...input, calledBy: undefined },
    notice: {
      title: `【检查通知】${input.title}`,
      body:
        `根据工作安排，开展${input.title}。请贵单位对照以下检查内容认真开展自查，于${selfCheckDue(m)}前报送自查报告${ref(m)}：\n` +
        checklist,
      recipients: status.units.map((u): Recipient => ({ kind: 'UNIT', unitId: u.unitId })),
    },
  };
}

/** The working day before the deadline: each unit still pending is reminded. */
export const remindedSteps = (m: InspectionMachine, at: string): InspectionStep[] =>
  pending(m).map((u) => ({
    kind: 'REMINDED',
    message: `提醒${u.unitName}：自查报告将于${selfCheckDue(m)}截止`,
    unitId: u.unitId,
    at,
    notice: {
      title: `【提醒】${m.input.title}自查报告`,
      body: `贵单位的${m.input.title}自查报告将于${selfCheckDue(m)}截止，请按时报送${ref(m)}。`,
      recipients: [{ kind: 'UNIT', unitId: u.unitId }],
    },
  }));

/** The deadline: the office is told who filed, and each unit still missing is urged through its head. */
export function selfCheckDueSteps(m: InspectionMachine, at: string): InspectionStep[] {
  const { status, input } = m;
  if (status.state === 'SELF_CHECK') status.state = 'INSPECTING';
  const missing = pending(m);
  const due: InspectionStep = {
    kind: 'SELF_CHECK_DUE',
    message:
      `自查报告报送截止：按时报送${status.units.length - missing.length}个，未报送${missing.length}个` +
      (missing.length > 0 ? `（${missing.map((u) => u.unitName).join('、')}），已催办` : ''),
    scope: 'OFFICE',
    at,
  };
  const urged = missing.map((u: InspectedUnit): InspectionStep => {
    u.urgedAt = at;
    return {
      kind: 'URGED',
      message: `${u.unitName}未按时报送自查报告，已向单位主要负责人催办`,
      unitId: u.unitId,
      at,
      notice: {
        title: `【催办】${input.title}自查报告`,
        body: `贵单位未在${selfCheckDue(m)}前报送${input.title}自查报告，请立即补报${ref(m)}。`,
        recipients: [{ kind: 'UNIT_HEAD', unitId: u.unitId }],
      },
    };
  });
  return [due, ...urged];
}

/** Still missing after the escalation offset: each unit's responsible leader is asked to see to it. */
export const escalatedSteps = (m: InspectionMachine, at: string): InspectionStep[] =>
  pending(m).map((u) => {
    u.escalatedAt = at;
    const days = im.escalateAfterOf(m.input);
    return {
      kind: 'ESCALATED',
      message: `${u.unitName}自查报告逾期${days}个工作日仍未报送，已报分管领导督办`,
      unitId: u.unitId,
      at,
      notice: {
        title: `【督办】${u.unitName}未报送${m.input.title}自查报告`,
        body: `${u.unitName}的${m.input.title}自查报告应于${selfCheckDue(m)}前报送，催办后逾期${days}个工作日仍未报送，请督促落实${ref(m)}。`,
        recipients: [{ kind: 'UNIT_LEADER', unitId: u.unitId }],
      },
    };
  });

/** A new calendar table moved the reminder or the escalation. */
export const calendarChangedStep = (escalateAt: string): InspectionStep => ({
  kind: 'CALENDAR_CHANGED',
  message:
    `工作日历更新，自查报告提醒和报分管领导督办时间已重新计算：逾期未报的，` +
    `${dateText(escalateAt.slice(0, 10))}24时后报分管领导督办`,
  scope: 'OFFICE',
});

/** Every rectification settled: the round closes and its report goes to the office and the leadership group. */
export function closedStep(m: InspectionMachine, closedAt: string, report: InspectionReport): InspectionStep {
  m.status.state = 'CLOSED';
  m.status.closedAt = closedAt;
  return {
    kind: 'CLOSED',
    message: `本轮检查结束：整改任务均已办结、撤销或升级督办，检查情况报告已报组织协调室和领导小组`,
    at: closedAt,
    report,
    notice: {
      title: `【检查情况报告】${m.input.title}`,
      body: `${m.input.title}检查情况报告${ref(m)}：\n${reportText(report)}`,
      recipients: [
        { kind: 'OFFICE', orgId: m.input.orgId },
        { kind: 'GROUP', orgId: m.input.orgId },
      ],
    },
  };
}
