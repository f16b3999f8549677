import { personRef, unitRef } from '../kernel/named-refs';
import { deadlineText } from '../case/texts';
import type { SwapRequest, WindowStatus } from './messages';

/*
 * The Chinese texts of a rotation plan (轮训, 以案代训), as the office would write them. Pure: units and people are
 * written as references, named by the recording activity.
 */

/** 2027-03-01 → 2027年3月1日 */
export const dateText = (d: string): string => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};
const span = (w: { start: string; end: string }) => `${dateText(w.start)}至${dateText(w.end)}`;
const who = (w: { personId: string; unitId: string }) => `${unitRef(w.unitId)}${personRef(w.personId)}同志`;

export function createdTexts(year: number, count: number, dueAt: string) {
  return {
    message: `组织协调室制定${year}年度轮训计划，共${count}个轮训时段，请选派单位于${deadlineText(dueAt)}前确认或申请调换`,
  };
}

export function windowNotice(year: number, w: WindowStatus, dueAt: string) {
  return {
    title: `【轮训安排】${year}年度轮训（以案代训）时段确认`,
    body:
      `根据${year}年度轮训计划，${who(w)}于${span(w)}到组织协调室参加轮训（以案代训）。` +
      `请于${deadlineText(dueAt)}前确认；确有困难的，可在期限内提出调换时段或人选并说明理由。`,
  };
}

export function confirmedTexts(w: WindowStatus, late: boolean) {
  return {
    message: `${unitRef(w.unitId)}确认${personRef(w.personId)}同志${span(w)}的轮训时段${late ? '（逾期确认）' : ''}`,
    title: `【轮训确认】${unitRef(w.unitId)}已确认轮训时段`,
    body: `${who(w)}${span(w)}的轮训时段已确认${late ? '（逾期确认）' : ''}。`,
  };
}

export function swapRequestedTexts(w: WindowStatus, s: SwapRequest) {
  const proposal = `${personRef(s.personId)}同志${span(s)}`;
  return {
    message: `${unitRef(w.unitId)}申请将${personRef(w.personId)}同志${span(w)}的轮训时段调换为${proposal}，理由：${s.reason}`,
    title: `【调换申请】${unitRef(w.unitId)}申请调换轮训时段`,
    body: `${unitRef(w.unitId)}申请将${personRef(w.personId)}同志${span(w)}的轮训时段调换为${proposal}，理由：${s.reason}。请组织协调室决定。`,
  };
}

export function swapDecidedTexts(
  w: WindowStatus,
  s: SwapRequest,
  before: { personId: string; start: string; end: string },
) {
  if (s.decision === 'APPROVED') {
    return {
      message: `组织协调室同意调换：轮训时段改为${who(w)}${span(w)}${s.note ? `（${s.note}）` : ''}`,
      title: '【调换同意】轮训时段已调换',
      body: `贵单位关于调换轮训时段的申请，组织协调室已同意：由${who(w)}于${span(w)}参加轮训。`,
    };
  }
  return {
    message: `组织协调室不同意调换，维持${personRef(before.personId)}同志${span(before)}的原定时段，理由：${s.note}`,
    title: '【调换不同意】请确认原定轮训时段',
    body:
      `贵单位关于调换轮训时段的申请，组织协调室不同意，理由：${s.note}。` +
      `维持${who(w)}${span(w)}的原定时段，请予确认。`,
  };
}

export function lapsedText(w: WindowStatus) {
  return `轮训时段开始时调换申请尚未决定，维持${personRef(w.personId)}同志${span(w)}的原定时段`;
}

export function overdueTexts(w: WindowStatus, dueAt: string, escalateAfter: number) {
  return {
    message: `确认期限（${deadlineText(dueAt)}）已到，${unitRef(w.unitId)}未确认${personRef(w.personId)}同志的轮训时段，已催办单位负责人`,
    title: '【催办】请立即确认轮训时段',
    body:
      `贵单位应于${deadlineText(dueAt)}前确认${who(w)}${span(w)}的轮训时段，至今未确认。请立即确认；` +
      `${escalateAfter}个工作日内仍未确认的，将报告分管领导。`,
  };
}

export function escalatedTexts(w: WindowStatus, escalateAfter: number) {
  return {
    message: `确认期限届满${escalateAfter}个工作日后，${unitRef(w.unitId)}仍未确认轮训时段，已报告分管领导`,
    title: `【逾期未确认】${unitRef(w.unitId)}轮训时段`,
    body: `${unitRef(w.unitId)}在确认期限届满${escalateAfter}个工作日后仍未确认${who(w)}${span(w)}的轮训时段，请督促落实。`,
  };
}

export function startedTexts(w: WindowStatus) {
  return {
    message: `${who(w)}到组织协调室报到，开始轮训（至${dateText(w.end)}）`,
    title: '【轮训开始】轮训（以案代训）开始',
    body: `${who(w)}自${dateText(w.start)}起在组织协调室参加轮训（以案代训），至${dateText(w.end)}结束。`,
  };
}

export function finishedTexts(w: WindowStatus) {
  return {
    message: `${who(w)}轮训期满（${span(w)}），返回原单位`,
    title: '【轮训结束】轮训期满',
    body: `${who(w)}${span(w)}的轮训（以案代训）已期满结束，返回原单位工作。`,
  };
}

export function endedEarlyTexts(w: WindowStatus, absent: boolean, reason: string) {
  const what = absent ? '未到岗参加轮训' : '提前结束轮训';
  return {
    message: `组织协调室登记${who(w)}${what}，原因：${reason}`,
    title: `【轮训${absent ? '未到岗' : '提前结束'}】${span(w)}轮训时段`,
    body: `组织协调室登记${who(w)}${what}（原定${span(w)}），原因：${reason}。`,
  };
}

export function recomputedTexts(dueAt: string) {
  return {
    message: `工作日历更新，轮训时段确认期限调整为${deadlineText(dueAt)}，催办和报告分管领导时间已重新计算`,
    title: '【期限调整】轮训时段确认期限',
    body: `因工作日历调整，轮训时段的确认期限调整为${deadlineText(dueAt)}，请按期确认或申请调换。`,
  };
}

export const closedText = (year: number) => `${year}年度轮训计划的各轮训时段均已结束，计划办结`;
