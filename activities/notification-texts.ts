/**
 * The Chinese texts of task notifications (DOMAIN.md "The supervised task"), one pure function per kind.
 * Pure on purpose (no I/O, no clock, no imports): the same input always gives the same text, so they are
 * as safe in a workflow as in an activity.
 */

export interface NotificationText {
  title: string;
  body: string;
}

/** Every task text knows the task and its time limit (工作时限), a local date 'YYYY-MM-DD'. */
export interface TaskRef {
  taskTitle: string;
  dueDate: string;
  /** The limit, or the reminders and rungs counted from it, fall in a year without its official calendar. */
  provisional?: boolean;
}

/** '2026-03-05' → '2026年3月5日'; anything else is shown as given. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** The time limit as a reader sees it: a provisional one says so wherever it is stated. */
export const due = (i: TaskRef, date = i.dueDate) => `${formatDate(date)}${i.provisional ? '（暂定）' : ''}`;
/** Said once, where a task is assigned: why a limit is provisional and what will happen to it. */
export const PROVISIONAL_NOTE =
  '所涉年度的官方工作日历尚未发布，工作时限及提醒、督办时间暂按周一至周五计算，日历发布后将自动核定并另行通知。';

const quote = (title: string) => `「${title}」`;
export const sentence = (text: string) => (/[。！？]$/.test(text) ? text : `${text}。`);
export const list = (items: string[]) => items.join('、');

/** 交办: to the lead unit (牵头) or a co-organising unit (协办). */
export function taskAssignedText(
  i: TaskRef & {
    role?: 'LEAD' | 'CO';
    leadUnitName?: string;
    coUnitNames?: string[];
    requirements?: string;
    standard?: string;
    signForWorkingDays?: number;
  },
): NotificationText {
  const t = quote(i.taskTitle);
  const assignment =
    i.role === 'CO'
      ? `现将${t}交由${i.leadUnitName ?? '牵头单位'}牵头办理，你单位为协办单位，请积极配合，并及时向牵头单位报送承办情况。`
      : `现将${t}交由你单位牵头办理${i.coUnitNames?.length ? `，协办单位：${list(i.coUnitNames)}` : ''}。`;
  const parts = [
    assignment,
    i.requirements ? `任务要求：${sentence(i.requirements)}` : '',
    i.standard ? `落实标准：${sentence(i.standard)}` : '',
    `工作时限：${due(i)}。`,
    i.provisional ? PROVISIONAL_NOTE : '',
    `请于${i.signForWorkingDays ?? 1}个工作日内签收，按要求抓好落实并定期反馈工作进展。`,
  ];
  return { title: `【交办】${i.taskTitle}`, body: parts.join('') };
}

/** 签收超时: the unit has not signed for the task within the limit. */
export function signForOverdueText(i: TaskRef & { assignedDate: string }): NotificationText {
  return {
    title: `【签收超时】${i.taskTitle}`,
    body:
      `${quote(i.taskTitle)}已于${formatDate(i.assignedDate)}交办，你单位至今未签收，已超过签收时限。` +
      `请立即签收并组织办理，工作时限为${due(i)}。`,
  };
}

/** 到期提醒: N working days before the time limit. */
export function reminderBeforeDeadlineText(i: TaskRef & { workingDaysLeft: number }): NotificationText {
  return {
    title: `【到期提醒】${i.taskTitle}距工作时限还有${i.workingDaysLeft}个工作日`,
    body:
      `${quote(i.taskTitle)}的工作时限为${due(i)}，距工作时限还有${i.workingDaysLeft}个工作日。` +
      '请抓紧推进落实，按时报结；确需延期的，请在工作时限届满前提出延期申请。',
  };
}

/** 进展反馈: a progress report is missing. */
export function progressReportMissingText(i: TaskRef & { reportDueDate: string }): NotificationText {
  return {
    title: `【进展反馈提醒】${i.taskTitle}`,
    body:
      `按照督办要求，你单位应于${formatDate(i.reportDueDate)}前反馈${quote(i.taskTitle)}的工作进展，目前尚未收到。` +
      `该任务已亮黄灯，请尽快报送进展情况。工作时限为${due(i)}。`,
  };
}

/** 序时进度提醒: a milestone's day ended unreported. A reminder, not an urging: no rung is climbed. */
export function milestoneMissedText(i: TaskRef & { milestoneDate: string; expected: string }): NotificationText {
  return {
    title: `【序时进度提醒】${i.taskTitle}`,
    body:
      `${quote(i.taskTitle)}的序时进度节点（${formatDate(i.milestoneDate)}${i.expected ? `：${i.expected}` : ''}）已到期，` +
      `目前尚未收到你单位的完成情况，该任务已亮黄灯。请抓紧推进，并在进展反馈中注明该节点的完成情况。工作时限为${due(i)}。`,
  };
}

/** L1 逾期催办: to the unit head, at the time limit. */
export function overdueL1Text(i: TaskRef & { unitName?: string }): NotificationText {
  return {
    title: `【逾期催办】${i.taskTitle}`,
    body:
      `${i.unitName ?? '你单位'}牵头承办的${quote(i.taskTitle)}工作时限为${due(i)}，` +
      '至今未报结，已逾期，亮红灯。现予催办，请单位主要负责人督促落实，尽快办结报结，并说明逾期原因。' +
      '逾期仍未报结的，将按规定升级督办。',
  };
}

/**
 * The rung's facts for L2 and L3: how late the task is (0: the deadline has just passed) and, when a 批示件 or named
 * supervision raised the rung above its place in the schedule, why (「挂牌督办事项」).
 */
type RungInput = TaskRef & { unitName: string; overdueWorkingDays: number; leaderName?: string; raisedAs?: string };

/** 「现已逾期3个工作日」, or 「现已超过工作时限」 at the deadline itself. */
const lapseOf = (i: RungInput) =>
  i.overdueWorkingDays > 0 ? `现已逾期${i.overdueWorkingDays}个工作日` : '现已超过工作时限';
/** 「该任务为挂牌督办事项，按规定提级督办。」 */
const raisedOf = (i: RungInput) => (i.raisedAs ? `该任务为${i.raisedAs}，按规定提级督办。` : '');
const lateTitle = (i: RungInput) =>
  i.overdueWorkingDays > 0 ? `逾期${i.overdueWorkingDays}个工作日` : '已超过工作时限';

/** L2 升级督办: to the responsible leader (分管领导). */
export function escalationL2Text(i: RungInput): NotificationText {
  return {
    title: `【升级督办】${i.unitName}承办任务${lateTitle(i)}`,
    body:
      `${i.leaderName ? `${i.leaderName}同志：` : ''}由您分管的${i.unitName}牵头承办的${quote(i.taskTitle)}，` +
      `工作时限为${due(i)}，${lapseOf(i)}，${i.raisedAs ? '仍未报结' : '经催办仍未报结'}。` +
      `${raisedOf(i)}按照督办升级规定，现报请您督促该单位限期办结。`,
  };
}

/** L3 升级督办: to the leadership group (领导小组), named in the next bulletin, with an accountability referral. */
export function escalationL3Text(i: RungInput): NotificationText {
  const urged = i.raisedAs
    ? ''
    : `经催办${i.leaderName ? `并报请分管领导${i.leaderName}督促` : '并报请分管领导督促'}后`;
  return {
    title: `【升级督办·报领导小组】${i.unitName}承办任务${lateTitle(i)}`,
    body:
      `${i.unitName}牵头承办的${quote(i.taskTitle)}，工作时限为${due(i)}，` +
      `${lapseOf(i)}，${urged}仍未报结。${raisedOf(i)}` +
      '按照督办升级规定，现报领导小组，该单位将在下期情况通报中予以通报，并移送责任追究（问责移送）。',
  };
}

/** 挂牌督办: the office named the task for supervision; to the lead unit and the responsible leader. */
export function supervisionNamedText(i: TaskRef & { unitName: string; reason: string }): NotificationText {
  return {
    title: `【挂牌督办】${i.taskTitle}`,
    body:
      `经组织协调室研究，${i.unitName}牵头承办的${quote(i.taskTitle)}列为挂牌督办事项` +
      `（${i.reason.replace(/[。]$/, '')}）。请单位主要负责人亲自研究部署，确保在工作时限${due(i)}前办结报结；` +
      '逾期未报结的，各级督办均提高一级。',
  };
}

/** 摘牌: named supervision lifted; to the lead unit. */
export function supervisionLiftedText(i: TaskRef & { reason: string }): NotificationText {
  return {
    title: `【解除挂牌督办】${i.taskTitle}`,
    body:
      `经组织协调室研究，${quote(i.taskTitle)}解除挂牌督办（${i.reason.replace(/[。]$/, '')}），` +
      `此后按常规督办程序办理，工作时限仍为${due(i)}。`,
  };
}

/** 免予提交佐证材料: the office let the lead unit submit without the evidence the task's type asks for. */
export function evidenceWaivedText(i: TaskRef & { reason: string }): NotificationText {
  return {
    title: `【免予提交佐证材料】${i.taskTitle}`,
    body:
      `经组织协调室研究，${quote(i.taskTitle)}报结时可免予提交佐证材料（${i.reason.replace(/[。]$/, '')}），` +
      `请在工作时限${due(i)}前如实报结。`,
  };
}

/** 报结: a unit submitted its result; to the office for review (复核). */
export function submittedText(i: TaskRef & { unitName: string; submittedDate: string }): NotificationText {
  return {
    title: `【报结】${i.unitName}报结${quote(i.taskTitle)}`,
    body:
      `${i.unitName}已于${formatDate(i.submittedDate)}报结${quote(i.taskTitle)}（工作时限：${due(i)}）。` +
      '请对照落实标准及时复核，作出办结或退回决定。',
  };
}

/** 办结: the office accepted the result, with a quality rating (e.g. 优秀、良好、合格). */
export function acceptedText(i: TaskRef & { rating: string; comment?: string }): NotificationText {
  return {
    title: `【办结】${i.taskTitle}`,
    body:
      `你单位报结的${quote(i.taskTitle)}经复核，符合落实标准，予以办结，质量评定为“${i.rating}”。` +
      (i.comment ? `复核意见：${sentence(i.comment)}` : ''),
  };
}

/** Reasons as a notice states them: one as a sentence, several numbered. */
export const reasonsOf = (reasons: string[]) =>
  reasons.length === 1
    ? sentence(reasons[0] ?? '')
    : reasons.map((r, n) => `${n + 1}. ${r.replace(/[。；;]$/, '')}`).join('；') + '。';

/** 退回: the office returned the result for rework, with its reasons and the new time limit. */
export function returnedText(i: TaskRef & { reasons: string[]; newDueDate: string }): NotificationText {
  const reasons = reasonsOf(i.reasons);
  return {
    title: `【退回】${i.taskTitle}`,
    body:
      `你单位报结的${quote(i.taskTitle)}经复核未达到落实标准，现予退回。退回理由：${reasons}` +
      `请按要求整改后重新报结，工作时限为${due(i, i.newDueDate)}。`,
  };
}

/** 申请延期: a unit asks for more time; to the office. */
export function extensionRequestedText(
  i: TaskRef & { unitName: string; proposedDate: string; reason: string; progress?: string },
): NotificationText {
  return {
    title: `【延期申请】${i.unitName}申请延期办理${quote(i.taskTitle)}`,
    body:
      `${i.unitName}申请将${quote(i.taskTitle)}的工作时限由${due(i)}延至${formatDate(i.proposedDate)}。` +
      `申请理由：${sentence(i.reason)}` +
      (i.progress ? `目前进展：${sentence(i.progress)}` : '') +
      '请在原工作时限届满前审核决定。',
  };
}

/** 延期获批: every timer moves to the new time limit. */
export function extensionApprovedText(i: TaskRef & { newDueDate: string }): NotificationText {
  return {
    title: `【延期已批准】${i.taskTitle}`,
    body:
      `你单位关于${quote(i.taskTitle)}的延期申请已批准，工作时限由${formatDate(i.dueDate)}调整为` +
      `${due(i, i.newDueDate)}，提醒和督办时间相应顺延。请按新的工作时限抓好落实。`,
  };
}

/** 决定延期: the office itself set a later time limit (issue 20 item 7). */
export function officeExtendedText(i: TaskRef & { newDueDate: string; reason: string }): NotificationText {
  return {
    title: `【工作时限已延期】${i.taskTitle}`,
    body:
      `经组织协调室研究，${quote(i.taskTitle)}的工作时限由${formatDate(i.dueDate)}调整为${due(i, i.newDueDate)}` +
      `${i.reason ? `，理由：${i.reason.replace(/[。]$/, '')}` : ''}，提醒和督办时间相应顺延。请按新的工作时限抓好落实。`,
  };
}

/** 延期未获批: lateness still counts from the original time limit. */
export function extensionDeniedText(i: TaskRef & { reason?: string }): NotificationText {
  return {
    title: `【延期未批准】${i.taskTitle}`,
    body:
      `你单位关于${quote(i.taskTitle)}的延期申请未予批准${i.reason ? `，理由：${i.reason.replace(/[。]$/, '')}` : ''}。` +
      `工作时限仍为${due(i)}，逾期的自原工作时限起计算，请抓紧办理。`,
  };
}

/** 撤销: the office withdrew the task. */
export function cancelledText(i: TaskRef & { reason: string }): NotificationText {
  return {
    title: `【撤销】${i.taskTitle}`,
    body: `${quote(i.taskTitle)}已由组织协调室撤销，撤销理由：${sentence(i.reason)}相关单位无需继续办理。`,
  };
}

/** 改派: the office moved the task from one lead unit to another. */
export function reassignedText(
  i: TaskRef & { fromUnitName: string; toUnitName: string; reason?: string },
): NotificationText {
  return {
    title: `【改派】${i.taskTitle}`,
    body:
      `${quote(i.taskTitle)}经组织协调室改派，由${i.fromUnitName}改由${i.toUnitName}牵头办理` +
      `${i.reason ? `，改派理由：${i.reason.replace(/[。]$/, '')}` : ''}。工作时限为${due(i)}。` +
      `${i.fromUnitName}不再承办此项任务；请${i.toUnitName}及时签收办理。`,
  };
}

/**
 * 工作时限调整: the working-day calendar changed (e.g. the year's holiday table arrived) and the deadline moved, or a
 * provisional deadline was confirmed on the official table (the same date, now settled).
 */
export function calendarChangedText(i: TaskRef & { newDueDate: string; year?: number }): NotificationText {
  const basis = i.year ? `根据国务院公布的${i.year}年节假日安排，` : '根据节假日安排的调整，';
  const outcome =
    i.dueDate === i.newDueDate
      ? `${quote(i.taskTitle)}的工作时限经核定为${due(i, i.newDueDate)}，保持不变，提醒和督办时间按正式日历确定。`
      : `${quote(i.taskTitle)}的工作时限由${formatDate(i.dueDate)}调整为${due(i, i.newDueDate)}，提醒和督办时间相应调整。`;
  return {
    title: `【工作时限${i.dueDate === i.newDueDate ? '核定' : '调整'}】${i.taskTitle}`,
    body: `${basis}按工作日计算的工作时限已重新核定：${outcome}`,
  };
}

/** 意见: someone commented on the task. */
export function commentText(i: TaskRef & { authorName: string; comment: string }): NotificationText {
  return {
    title: `【意见】${i.authorName}对${quote(i.taskTitle)}提出意见`,
    body: `${i.authorName}对${quote(i.taskTitle)}提出意见：${sentence(i.comment)}请认真研究落实。`,
  };
}

/** Every text function by the notification kind it writes. */
export const NOTIFICATION_TEXTS = {
  TASK_ASSIGNED: taskAssignedText,
  SIGN_FOR_OVERDUE: signForOverdueText,
  REMINDER_BEFORE_DEADLINE: reminderBeforeDeadlineText,
  PROGRESS_REPORT_MISSING: progressReportMissingText,
  OVERDUE_L1: overdueL1Text,
  ESCALATION_L2: escalationL2Text,
  ESCALATION_L3: escalationL3Text,
  SUBMITTED: submittedText,
  ACCEPTED: acceptedText,
  RETURNED: returnedText,
  EXTENSION_REQUESTED: extensionRequestedText,
  EXTENSION_APPROVED: extensionApprovedText,
  EXTENSION_DENIED: extensionDeniedText,
  CANCELLED: cancelledText,
  REASSIGNED: reassignedText,
  CALENDAR_CHANGED: calendarChangedText,
  COMMENT: commentText,
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_TEXTS;

/** 中止计时申请: the lead unit asks the office to stop the clock (挂账). */
export function pauseRequestedText(
  i: TaskRef & { unitName: string; category: string; reason: string },
): NotificationText {
  return {
    title: `【中止计时申请】${i.taskTitle}`,
    body:
      `${i.unitName}申请对${quote(i.taskTitle)}中止计时，事由：${i.category}，理由：${i.reason.replace(/[。]$/, '')}。` +
      `请组织协调室审批。`,
  };
}

/** 中止计时审批: the office approved the pause with a limit, or refused it. */
export function pauseDecidedText(
  i: TaskRef & { approved: boolean; limitWorkingDays?: number; comment?: string },
): NotificationText {
  const note = i.comment ? `，意见：${i.comment.replace(/[。]$/, '')}` : '';
  return i.approved
    ? {
        title: `【同意中止计时】${i.taskTitle}`,
        body:
          `你单位关于${quote(i.taskTitle)}的中止计时申请已获同意，期限${i.limitWorkingDays ?? ''}个工作日${note}。` +
          `中止计时期间不提醒、不督办；情况消除后请及时恢复计时，期满自动恢复，工作时限相应顺延。`,
      }
    : {
        title: `【不同意中止计时】${i.taskTitle}`,
        body: `你单位关于${quote(i.taskTitle)}的中止计时申请未予同意${note}。工作时限仍为${due(i)}，请抓紧办理。`,
      };
}

/** 恢复计时: the clock runs again; the deadline moved by the paused working days. */
export function resumedText(i: TaskRef & { pausedWorkingDays: number }): NotificationText {
  return {
    title: `【恢复计时】${i.taskTitle}`,
    body:
      `${quote(i.taskTitle)}已恢复计时，中止计时${i.pausedWorkingDays}个工作日不计入办理时限，` +
      `工作时限顺延至${due(i)}。`,
  };
}

/** 退单: the lead unit refused the task; the office arbitrates. */
export function refusedText(
  i: TaskRef & { unitName: string; proposedUnitName: string; reason: string },
): NotificationText {
  return {
    title: `【退单待裁定】${i.taskTitle}`,
    body:
      `${i.unitName}对${quote(i.taskTitle)}申请退单，认为应由${i.proposedUnitName}牵头办理，` +
      `理由：${i.reason.replace(/[。]$/, '')}。请组织协调室裁定；裁定前签收时限暂停计算。`,
  };
}

/** 退单裁定（维持）: the task stands with its lead unit. */
/** 督办: the office urges a task by hand, to the lead unit (and the responsible leader when copied). */
export function urgedText(i: TaskRef & { unitName: string; text: string }): NotificationText {
  return {
    title: `【督办】${i.taskTitle}`,
    body: `请${i.unitName}抓紧办理${quote(i.taskTitle)}（工作时限：${due(i)}）。督办意见：${i.text}`,
  };
}

/** 承办人: to the person a unit named to handle the task. */
export function handlerNamedText(i: TaskRef & { unitName: string }): NotificationText {
  return {
    title: `【承办】${i.taskTitle}`,
    body:
      `${i.unitName}已指定你为${quote(i.taskTitle)}的承办人，工作时限：${due(i)}。` +
      `此后该任务的提醒和催办将同时发送给你，请按要求抓好落实并及时反馈工作进展。`,
  };
}

export function refusalInsistedText(i: TaskRef & { reason: string }): NotificationText {
  return {
    title: `【退单未获同意】${i.taskTitle}`,
    body:
      `组织协调室裁定${quote(i.taskTitle)}仍由你单位牵头办理，理由：${i.reason.replace(/[。]$/, '')}。` +
      `签收时限自裁定起重新计算，请及时签收。`,
  };
}
