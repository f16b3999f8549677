import { deadlineText } from '../case/texts';
import { unitRef } from '../kernel/named-refs';
import type { SubmissionInput, SubmissionKind } from './messages';

/*
 * The Chinese texts of a submission (反映). Confidential: no text a unit or a webhook could receive names the member;
 * the office reads who submitted in the submission itself. The member's notices carry the office's words only.
 */

export const KIND_TEXT: Record<SubmissionKind, string> = {
  OBSERVATION: '意见建议',
  PROBLEM: '问题反映',
  CLUE: '问题线索',
};

const trimEnd = (s: string) => s.trim().replace(/[。；;，,.\s]+$/u, '');
const ref = (i: SubmissionInput) => `（反映编号${i.submissionId}）`;
const about = (i: SubmissionInput) => (i.subjectUnitId ? `涉及${unitRef(i.subjectUnitId)}的` : '');
const what = (i: SubmissionInput) => `${about(i)}${KIND_TEXT[i.kind]}`;

export function submittedTexts(i: SubmissionInput, triageDueAt: string) {
  return {
    message: `监督网络成员提交${what(i)}，应于${deadlineText(triageDueAt)}前分办`,
    office: {
      title: `【监督网络反映】新的${KIND_TEXT[i.kind]}`,
      body: `收到监督网络成员${what(i)}${ref(i)}，请于${deadlineText(triageDueAt)}前分办（答复、交办、移送、合并或办结）。`,
    },
    member: {
      title: `【反映已收到】${KIND_TEXT[i.kind]}`,
      body: `您提交的${KIND_TEXT[i.kind]}${ref(i)}已收到，组织协调室将于${deadlineText(triageDueAt)}前分办，办理情况将向您反馈。`,
    },
  };
}

export const remindTexts = (i: SubmissionInput, dueAt: string) => ({
  message: `分办期限（${deadlineText(dueAt)}）将至，已提醒组织协调室`,
  title: `【提醒】反映待分办`,
  body: `监督网络成员的${what(i)}${ref(i)}应于${deadlineText(dueAt)}前分办，尚未分办，请及时办理。`,
});

export const triageOverdueTexts = (i: SubmissionInput, dueAt: string) => ({
  message: `分办期限（${deadlineText(dueAt)}）已到，尚未分办，已催办组织协调室`,
  title: `【催办】反映逾期未分办`,
  body: `监督网络成员的${what(i)}${ref(i)}应于${deadlineText(dueAt)}前分办，至今未分办，请立即办理。`,
});

export const triageEscalatedTexts = (i: SubmissionInput, dueAt: string, after: number) => ({
  message: `分办期限届满${after}个工作日仍未分办，已报组织协调室主要负责人`,
  title: `【督办】反映逾期未分办`,
  body: `监督网络成员的${what(i)}${ref(i)}应于${deadlineText(dueAt)}前分办，届满${after}个工作日仍未分办，请督促办理。`,
});

export const answerOverdueTexts = (i: SubmissionInput, dueAt: string) => ({
  message: `反馈期限（${deadlineText(dueAt)}）已到，尚未答复反映人，已报组织协调室及其主要负责人`,
  title: `【催办】反映逾期未反馈`,
  body: `监督网络成员的${what(i)}${ref(i)}应于${deadlineText(dueAt)}前向反映人反馈办理情况，至今未反馈，请立即答复。`,
});

export const answeredTexts = (i: SubmissionInput, answer: string) => ({
  message: `组织协调室答复反映人：${trimEnd(answer)}`,
  title: `【反映答复】您的${KIND_TEXT[i.kind]}`,
  body: `您提交的${KIND_TEXT[i.kind]}${ref(i)}，组织协调室答复如下：${trimEnd(answer)}。欢迎您对答复作出评价。`,
});

export const taskedTexts = (i: SubmissionInput, taskId: string, answerDueAt: string) => ({
  message: `组织协调室交办${unitRef(i.subjectUnitId ?? '')}办理（任务编号${taskId}），应于${deadlineText(answerDueAt)}前答复反映人`,
  title: `【反映办理】您的${KIND_TEXT[i.kind]}已交办`,
  body: `您提交的${KIND_TEXT[i.kind]}${ref(i)}已交有关单位办理，组织协调室将于${deadlineText(answerDueAt)}前向您反馈办理情况。`,
});

export const referredTexts = (i: SubmissionInput, referralId: string, answerDueAt: string) => ({
  message: `组织协调室将问题线索移送办理（移送编号${referralId}），应于${deadlineText(answerDueAt)}前答复反映人`,
  title: `【反映办理】您的${KIND_TEXT[i.kind]}已移送`,
  body: `您提交的${KIND_TEXT[i.kind]}${ref(i)}已按规定移送有关机关办理，组织协调室将于${deadlineText(answerDueAt)}前向您反馈办理情况。`,
});

export const mergedTexts = (i: SubmissionInput, intoId: string) => ({
  message: `组织协调室将本反映与此前同类反映（反映编号${intoId}）合并办理`,
  title: `【反映办理】您的${KIND_TEXT[i.kind]}已合并办理`,
  body: `您提交的${KIND_TEXT[i.kind]}${ref(i)}与此前收到的同类反映反映的是同一事项，已合并办理，办理结果将一并向您反馈。`,
});

export const mergedInTexts = (i: SubmissionInput, otherId: string) => ({
  message: `后收到的同类反映（反映编号${otherId}）并入本反映办理`,
  title: `【反映办理】同类反映已合并办理`,
  body: `您提交的${KIND_TEXT[i.kind]}${ref(i)}，组织协调室又收到反映同一事项的反映，已合并办理，办理结果将一并向您反馈。`,
});

export const closedTexts = (i: SubmissionInput, reason: string) => ({
  message: `组织协调室办结反映：${trimEnd(reason)}`,
  title: `【反映办结】您的${KIND_TEXT[i.kind]}`,
  body: `您提交的${KIND_TEXT[i.kind]}${ref(i)}已办结：${trimEnd(reason)}。`,
});

export const taskDoneTexts = (i: SubmissionInput) => ({
  message: '交办任务已办结验收，已告知反映人',
  title: `【反映办理】您反映的问题已整改办结`,
  body: `您提交的${KIND_TEXT[i.kind]}${ref(i)}交办的事项已办结并通过验收。感谢您对正风肃纪工作的支持。`,
});

export const ratedText = (rating: number, comment: string | null) =>
  `反映人对答复作出评价：${rating}分${comment ? `，${trimEnd(comment)}` : ''}`;

export const recomputedText = (dueAt: string) => `工作日历更新，期限调整为${deadlineText(dueAt)}`;
