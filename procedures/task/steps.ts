import type { Step } from '../kernel/machine';
import { personRef, unitRef } from '../kernel/named-refs';
import type * as m from './messages';
import type { TaskEventKind } from './messages';
import type { TaskMachine } from './machine';
import { lightAt, RATING_LABEL } from './rules';

/**
 * What each accepted action of the supervised task changes and records, DOMAIN.md "The supervised task". Pure:
 * each function updates the machine it is given (the workflow's own copy) and returns the steps to record.
 */

export type TaskStep = Step<TaskEventKind> & { rung?: 1 | 2 | 3 };

/** The workflow's time, and what an activity measured before the step (the lateness of a submission). */
export interface StepContext {
  now: number;
  late?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The traffic light for the instant, once the timers are planned. */
export function refreshLight(t: TaskMachine, now: number): void {
  if (t.schedule) t.status.light = lightAt(now, t.status, t.schedule, t.progressMissing);
}

type Effect<I> = (t: TaskMachine, input: I, ctx: StepContext) => TaskStep[];

const signFor: Effect<m.SignForInput> = (t, { actor }, { now }) => {
  t.status.state = 'SIGNED';
  t.status.signedAt = iso(now);
  refreshLight(t, now);
  t.replan = true;
  return [{ kind: 'SIGNED', message: '牵头单位已签收', actor, action: 'task.signFor' }];
};

const reportProgress: Effect<m.ReportProgressInput> = (t, { actor, text, percent }, { now }) => {
  t.status.state = 'IN_PROGRESS';
  t.status.lastProgressAt = iso(now);
  t.progressAnchor = t.status.lastProgressAt;
  t.progressMissing = false;
  refreshLight(t, now);
  t.replan = true;
  const pct = percent === undefined ? '' : `（完成约${percent}%）`;
  return [
    {
      kind: 'PROGRESS',
      message: `进展反馈${pct}：${text}`,
      actor,
      action: 'task.reportProgress',
      payload: { text, percent },
    },
  ];
};

const coUnitReport: Effect<m.CoUnitReportInput> = (t, { actor, text }, { now }) => {
  t.status.coUnitReports[actor.unitId] = iso(now);
  return [
    {
      kind: 'CO_UNIT_REPORT',
      message: `协办单位反馈：${text}`,
      actor,
      action: 'task.coUnitReport',
      payload: { unitId: actor.unitId, text },
    },
  ];
};

const overrideCoUnitGate: Effect<m.OverrideCoUnitsInput> = (t, { actor, reason }) => {
  t.status.coUnitGateOverridden = true;
  return [
    {
      kind: 'CO_UNIT_OVERRIDE',
      message: `组织协调室准许牵头单位在协办单位未全部反馈时报结，理由：${reason}`,
      actor,
      action: 'task.overrideCoUnitGate',
      payload: { reason },
    },
  ];
};

/** The submission's first half, before its lateness is measured: from here on a second submission is refused. */
export function beginSubmission(t: TaskMachine, now: number): void {
  t.status.state = 'SUBMITTED';
  t.status.submittedAt = iso(now);
  t.status.pendingExtension = null;
}

/** The submission's step, once the calendar has measured how late it came. */
export function submissionSteps(t: TaskMachine, { actor, summary }: m.SubmitInput, late: number): TaskStep[] {
  t.status.lateWorkingDays = Math.max(t.status.lateWorkingDays, late);
  const lateText = late > 0 ? `，逾期${late}个工作日` : '';
  return [
    {
      kind: 'SUBMITTED',
      message: `牵头单位报结${lateText}：${summary}`,
      actor,
      action: 'task.submit',
      payload: { summary },
      details: { late },
    },
  ];
}

const submitTask: Effect<m.SubmitInput> = (t, input, { now, late = 0 }) => {
  beginSubmission(t, now);
  return submissionSteps(t, input, late);
};

const acceptTask: Effect<m.AcceptInput> = (t, { actor, rating, comment }, { now }) => {
  t.status.state = 'ACCEPTED';
  t.status.acceptedAt = iso(now);
  t.status.rating = rating;
  t.status.light = 'NONE';
  const note = comment ? `，意见：${comment}` : '';
  return [
    {
      kind: 'ACCEPTED',
      message: `复核通过，予以办结，质量评价：${RATING_LABEL[rating]}${note}`,
      actor,
      action: 'task.accept',
      payload: { rating, comment },
      details: { rating: RATING_LABEL[rating] },
    },
  ];
};

const returnTask: Effect<m.ReturnInput> = (t, { actor, reasons, newDueDate }) => {
  t.status.state = 'IN_PROGRESS';
  t.status.returns += 1;
  t.status.submittedAt = null;
  if (newDueDate) {
    t.status.dueDate = newDueDate;
    t.dueOverride = newDueDate;
    t.status.rung = 0;
  }
  t.replan = true;
  const due = newDueDate ? `，新的工作时限为${newDueDate}` : '';
  return [
    {
      kind: 'RETURNED',
      message: `复核未通过，退回重办，理由：${reasons}${due}`,
      actor,
      action: 'task.return',
      payload: { reasons, newDueDate },
      details: { reasons, newDueDate: newDueDate ?? t.status.dueDate },
    },
  ];
};

/** `seq` is the step the request is recorded as: the workflow's next step number. */
const requestExtension =
  (seq: number): Effect<m.RequestExtensionInput> =>
  (t, { actor, reason, proposedDate, progress }, { now }) => {
    t.status.pendingExtension = {
      seq,
      requestedBy: actor.personId,
      reason,
      proposedDate,
      progress,
      requestedAt: iso(now),
    };
    return [
      {
        kind: 'EXTENSION_REQUESTED',
        message: `申请延期至${proposedDate}，理由：${reason}；目前进展：${progress}`,
        actor,
        action: 'task.requestExtension',
        payload: { reason, proposedDate, progress },
        details: { proposedDate, reason },
      },
    ];
  };

const decideExtension: Effect<m.DecideExtensionInput> = (t, { actor, approve, comment }) => {
  const request = t.status.pendingExtension!;
  t.status.pendingExtension = null;
  const note = comment ? `，意见：${comment}` : '';
  if (!approve) {
    t.status.extensionsDenied += 1;
    return [
      {
        kind: 'EXTENSION_DENIED',
        message: `不同意延期，仍按原工作时限${t.status.dueDate ?? ''}办理${note}`,
        actor,
        action: 'task.decideExtension',
        payload: { approve, comment },
        details: { dueDate: t.status.dueDate },
      },
    ];
  }
  t.status.extensionsApproved += 1;
  t.status.dueDate = request.proposedDate;
  t.dueOverride = request.proposedDate;
  t.replan = true;
  return [
    {
      kind: 'EXTENSION_APPROVED',
      message: `同意延期，工作时限调整为${request.proposedDate}${note}`,
      actor,
      action: 'task.decideExtension',
      payload: { approve, comment, proposedDate: request.proposedDate },
      details: { newDueDate: request.proposedDate },
    },
  ];
};

const cancelTask: Effect<m.CancelTaskInput> = (t, { actor, reason }) => {
  t.status.state = 'CANCELLED';
  t.status.light = 'NONE';
  return [
    {
      kind: 'CANCELLED',
      message: `任务已撤销，理由：${reason}`,
      actor,
      action: 'task.cancel',
      payload: { reason },
      // The units' notice states the reason (it read 「撤销理由：。」 without it).
      details: { reason },
    },
  ];
};

const reassignTask: Effect<m.ReassignInput> = (t, { actor, leadUnitId, coUnitIds, leaderId, reason }, { now }) => {
  const previous = t.status.leadUnitId;
  const previousLeader = t.status.leaderId;
  t.status.leadUnitId = leadUnitId;
  t.status.coUnitIds = coUnitIds;
  t.status.leaderId = leaderId;
  t.status.coUnitReports = Object.fromEntries(
    Object.entries(t.status.coUnitReports).filter(([u]) => coUnitIds.includes(u)),
  );
  t.status.state = 'ASSIGNED';
  t.status.signedAt = null;
  t.status.pendingExtension = null;
  t.signAnchor = iso(now);
  t.replan = true;
  return [
    {
      kind: 'REASSIGNED',
      // Units and the leader by name (named-refs: the recording activity writes the names).
      message:
        `任务改派，牵头单位由${unitRef(previous)}改为${unitRef(leadUnitId)}` +
        (coUnitIds.length > 0 ? `，协办单位：${coUnitIds.map(unitRef).join('、')}` : '') +
        (leaderId !== previousLeader ? `，分管领导改为${personRef(leaderId)}` : '') +
        `，理由：${reason}`,
      actor,
      action: 'task.reassign',
      payload: { leadUnitId, coUnitIds, leaderId, reason, previousLeadUnitId: previous },
      details: { previousLeadUnitId: previous, reason },
    },
  ];
};

const commentOnTask: Effect<m.CommentInput> = (_t, { actor, text }) => [
  { kind: 'COMMENT', message: text, actor, action: 'task.comment', payload: { text } },
];

/** The effect of each action of `taskProcedure`; `nextStep` numbers an extension request. */
export const taskEffects = (nextStep: number) => ({
  signFor,
  reportProgress,
  coUnitReport,
  overrideCoUnitGate,
  submitTask,
  acceptTask,
  returnTask,
  requestExtension: requestExtension(nextStep),
  decideExtension,
  cancelTask,
  reassignTask,
  commentOnTask,
});
