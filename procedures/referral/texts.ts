import { deadlineText } from '../case/texts';
import { personRef, unitRef } from '../kernel/named-refs';
import type { Opinion, ReferralInput, SenderDecision } from './messages';

/*
 * The Chinese texts of a referral (移送), as the commission and the receiving unit would write them. Units and people
 * are named through references the recording activity resolves. Pure: the workflow passes in what it knows.
 */

const ref = (input: ReferralInput) => `（移送编号${input.referralId}）`;
const trimEnd = (s: string) => s.trim().replace(/[。；;，,.\s]+$/u, '');
const sender = (i: ReferralInput) => unitRef(i.senderUnitId);
const receiver = (i: ReferralInput) => unitRef(i.receiverUnitId);
/** What is referred: a matter (事项) to an enforcement unit, a clue (问题线索) to the commission. */
const what = (i: ReferralInput) => (i.direction === 'TO_ENFORCEMENT' ? '事项' : '问题线索');

export function sentTexts(input: ReferralInput, acceptanceDueAt: string) {
  const previous = input.previousId ? `（原移送${input.previousId}被退回后另行移送）` : '';
  return {
    message: `${sender(input)}向${receiver(input)}移送${what(input)}「${input.title}」${previous}，限${deadlineText(acceptanceDueAt)}前作出受理反馈`,
    title: `【移送】${input.title}`,
    body:
      `${sender(input)}向贵单位移送${what(input)}「${input.title}」${ref(input)}。涉及人员：${trimEnd(input.parties)}。` +
      `基本情况：${trimEnd(input.summary)}。请于${deadlineText(acceptanceDueAt)}前作出受理反馈，不属于本单位管辖的，请说明理由退回。`,
  };
}

export function acceptedTexts(input: ReferralInput, late: boolean, resultDueAt: string) {
  const lateText = late ? '（逾期反馈）' : '';
  return {
    message: `${receiver(input)}作出受理反馈${lateText}，处理结果反馈期限为${deadlineText(resultDueAt)}`,
    title: `【受理反馈】${input.title}`,
    body: `${receiver(input)}已受理移送${what(input)}「${input.title}」${lateText}${ref(input)}，处理结果应于${deadlineText(resultDueAt)}前反馈。`,
  };
}

export function resultTexts(input: ReferralInput, result: string, late: boolean) {
  const lateText = late ? '（逾期反馈）' : '';
  return {
    message: `${receiver(input)}反馈处理结果${lateText}：${trimEnd(result)}`,
    title: `【处理结果反馈】${input.title}`,
    body: `${receiver(input)}反馈移送${what(input)}「${input.title}」的处理结果${lateText}${ref(input)}：${trimEnd(result)}。`,
  };
}

export function returnedTexts(input: ReferralInput, reasons: string, late: boolean) {
  const lateText = late ? '（逾期反馈）' : '';
  return {
    message: `${receiver(input)}退回移送${lateText}，理由：${trimEnd(reasons)}`,
    title: `【退回】${input.title}`,
    body:
      `${receiver(input)}退回移送${what(input)}「${input.title}」${lateText}${ref(input)}，理由：${trimEnd(reasons)}。` +
      `请移送单位决定另行移送、自行处理或终结。`,
  };
}

const DECISION_TEXT: Record<SenderDecision, string> = {
  REFER_ON: '另行移送',
  HANDLE: '自行处理',
  CLOSE: '终结',
};

export function decidedTexts(
  input: ReferralInput,
  decision: SenderDecision,
  note: string,
  next?: { id: string; unitId: string },
) {
  const onward = next ? `，移送${unitRef(next.unitId)}（移送编号${next.id}）` : '';
  return {
    message: `移送单位决定${DECISION_TEXT[decision]}${onward}：${trimEnd(note)}`,
    title: `【退回处理】${input.title}`,
    body: `被退回的移送${what(input)}「${input.title}」${ref(input)}，移送单位决定${DECISION_TEXT[decision]}${onward}。${trimEnd(note)}。`,
  };
}

/** A rung of the ladder: `phase` is the feedback that is late. */
type Phase = 'ACCEPTANCE' | 'RESULT';
const PHASE_TEXT: Record<Phase, string> = { ACCEPTANCE: '受理反馈', RESULT: '处理结果反馈' };

export function overdueTexts(input: ReferralInput, phase: Phase, dueAt: string, escalateAfter: number) {
  const p = PHASE_TEXT[phase];
  return {
    message: `${p}期限（${deadlineText(dueAt)}）已到，${receiver(input)}未反馈，已向该单位主要负责人催办`,
    urge: {
      title: `【催办】请立即作出${p}`,
      body:
        `贵单位应于${deadlineText(dueAt)}前对移送${what(input)}「${input.title}」作出${p}${ref(input)}，至今未反馈。` +
        `请立即反馈；${escalateAfter}个工作日内仍未反馈的，将报告分管领导和大要案协调小组。`,
    },
    report: {
      title: `【逾期未反馈】${input.title}`,
      body: `${receiver(input)}未在${deadlineText(dueAt)}前作出${p}${ref(input)}，已催办。`,
    },
  };
}

export function escalatedTexts(input: ReferralInput, phase: Phase, escalateAfter: number) {
  const p = PHASE_TEXT[phase];
  return {
    message: `${p}期限届满${escalateAfter}个工作日，${receiver(input)}仍未反馈，已报分管领导和大要案协调小组`,
    title: `【督办】${receiver(input)}逾期未作${p}`,
    body:
      `${receiver(input)}在${p}期限届满${escalateAfter}个工作日后仍未对移送${what(input)}「${input.title}」作出反馈${ref(input)}，` +
      `现报分管领导和大要案协调小组协调督办。`,
  };
}

export function opinionTexts(input: ReferralInput, o: Opinion) {
  const findings = [
    o.facts ? `事实认定：${trimEnd(o.facts)}` : '',
    o.evidence ? `证据认定：${trimEnd(o.evidence)}` : '',
    o.nature ? `性质认定：${trimEnd(o.nature)}` : '',
  ].filter(Boolean);
  const task = o.taskId ? `，需落实事项已交办督办（任务编号${o.taskId}）` : '';
  return {
    message: `组织协调室记录第${o.seq}项协调意见${task}：${trimEnd(o.text)}`,
    title: `【协调意见】${input.title}`,
    body: `经协商，就移送${what(input)}「${input.title}」${ref(input)}形成协调意见：${findings.join('；')}。${trimEnd(o.text)}${task}。`,
  };
}

export const closedText = (by: string) => `${personRef(by)}办结移送，归档`;
export const recomputedText = (dueAt: string) => `工作日历更新，反馈期限调整为${deadlineText(dueAt)}`;

export const grantedText = (personIds: string[], reason: string) =>
  `组织协调室确定${personIds.map(personRef).join('、') || '（无新增人员）'}为知悉人员，事由：${trimEnd(reason)}`;

export const grantedNotice = (input: ReferralInput) => ({
  title: `【知悉】${input.title}`,
  body: `经组织协调室确定，您可查阅移送${what(input)}「${input.title}」${ref(input)}的办理情况。请严格遵守保密纪律，不得扩散。`,
});
