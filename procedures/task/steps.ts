import { rolledUpLight } from './cascade';
import type { Step } from '../kernel/machine';
import { personRef, unitRef } from '../kernel/named-refs';
import { withFilesOn } from '../kernel/files';
import type * as m from './messages';
import type { TaskEventKind } from './messages';
import type { TaskMachine } from './machine';
import { activePause, lightAt, pendingPause, pendingRefusal, RATING_LABEL } from './rules';
import { pauseLimitsOf } from './machine';

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
  if (!t.schedule) return;
  const own = lightAt(now, t.status, t.schedule, t.progressMissing);
  // Cascade (三级联动): open sub-tasks darken the parent at most to yellow; a task never split has none.
  t.status.light = t.status.subtasks?.length ? rolledUpLight(own, t.status.subtasks) : own;
}

type Effect<I> = (t: TaskMachine, input: I, ctx: StepContext) => TaskStep[];

/** The files given with an action (佐证材料) go with its first step (procedures/kernel/files.ts). */
export function withFiles(steps: TaskStep[], files: readonly m.AttachedFile[] | undefined): TaskStep[] {
  const [first, ...rest] = steps;
  return first ? [withFilesOn(first, files), ...rest] : steps;
}

/** An action that takes files: its effect, with the files on its first step. */
const takingFiles =
  <I extends m.ActionInput>(effect: Effect<I>): Effect<I> =>
  (t, input, ctx) =>
    withFiles(effect(t, input, ctx), input.attachments);

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
export function submissionSteps(t: TaskMachine, input: m.SubmitInput, late: number): TaskStep[] {
  return withFiles(submissionStep(t, input, late), input.attachments);
}

function submissionStep(t: TaskMachine, { actor, summary }: m.SubmitInput, late: number): TaskStep[] {
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

/** The office itself sets a later time limit: the timers move exactly as after an approved extension. */
const extendTask: Effect<m.ExtendTaskInput> = (t, { actor, newDueDate, reason }) => {
  const previousDueDate = t.status.dueDate ?? null;
  t.status.dueDate = newDueDate;
  t.dueOverride = newDueDate;
  t.replan = true;
  return [
    {
      kind: 'EXTENDED',
      message: `组织协调室决定延期，工作时限由${previousDueDate ?? ''}调整为${newDueDate}，理由：${reason}`,
      actor,
      action: 'task.extend',
      payload: { newDueDate, reason, previousDueDate },
      details: { newDueDate, previousDueDate, reason },
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

/** 挂账事由: the category of a pause as the timeline and the bulletin name it. */
export const PAUSE_CATEGORY_LABEL = {
  HIGHER_AUTHORITY: '等待上级机关意见',
  COURT: '等待司法程序',
  BUDGET: '等待预算资金',
  OTHER: '其他客观原因',
} as const;

const requestPause =
  (seq: number): Effect<m.RequestPauseInput> =>
  (t, { actor, category, reason }, { now }) => {
    t.status.pauses = [
      ...t.status.pauses,
      { seq, category, reason, requestedBy: actor.personId, requestedAt: iso(now) },
    ];
    return [
      {
        kind: 'PAUSE_REQUESTED',
        message: `牵头单位申请中止计时（挂账），事由：${PAUSE_CATEGORY_LABEL[category]}，理由：${reason}`,
        actor,
        action: 'task.requestPause',
        payload: { category, reason },
        details: { category: PAUSE_CATEGORY_LABEL[category], reason },
      },
    ];
  };

/**
 * The office's decision on the pending pause. Approved: `until` is the end of the limit on the working-day calendar
 * (an activity computed it), and the clock stands still from now: no reminder, no light change, no rung.
 */
export function pauseDecisionSteps(
  t: TaskMachine,
  { actor, approve, comment, limitWorkingDays }: m.DecidePauseInput,
  now: number,
  until?: string,
): TaskStep[] {
  const request = pendingPause(t.status)!;
  const note = comment ? `，意见：${comment}` : '';
  const limit = limitWorkingDays ?? pauseLimitsOf(t).defaultWorkingDays;
  const decided = { decidedBy: actor.personId, decidedAt: iso(now), ...(comment ? { comment } : {}) };
  const replace = (p: m.PauseRecord) => (t.status.pauses = t.status.pauses.map((x) => (x.seq === p.seq ? p : x)));
  if (!approve) {
    replace({ ...request, ...decided, decision: 'DENIED' });
    return [
      {
        kind: 'PAUSE_DENIED',
        message: `不同意中止计时，仍按工作时限${t.status.dueDate ?? ''}办理${note}`,
        actor,
        action: 'task.decidePause',
        payload: { approve, comment },
        details: { dueDate: t.status.dueDate, comment },
      },
    ];
  }
  replace({ ...request, ...decided, decision: 'APPROVED', limitWorkingDays: limit, until });
  refreshLight(t, now);
  return [
    {
      kind: 'PAUSE_APPROVED',
      message: `同意中止计时（${PAUSE_CATEGORY_LABEL[request.category]}），期限${limit}个工作日，至迟于${until ? localDay(until) : ''}恢复计时${note}`,
      actor,
      action: 'task.decidePause',
      payload: { approve, comment, limitWorkingDays: limit, until },
      details: { limitWorkingDays: limit, until },
    },
  ];
}

/** The last local day of a period that ends at 24:00 (Asia/Shanghai). */
const localDay = (endIso: string) => new Date(Date.parse(endIso) - 1 + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The clock runs again (on the office's or the unit's word: `actor`; at the limit: none). The calendar activity
 * counted the paused working days and moved the deadline by as many; every timer still ahead moves with it (the
 * workflow plans them again before this step is recorded). Paused time is not lateness.
 */
export function resumeSteps(
  t: TaskMachine,
  actor: m.Actor | undefined,
  now: number,
  moved: { pausedWorkingDays: number; dueDate: string },
  comment?: string,
): TaskStep[] {
  const pause = activePause(t.status)!;
  const previousDueDate = t.status.dueDate;
  t.status.pauses = t.status.pauses.map((p) =>
    p.seq === pause.seq
      ? { ...p, resumedAt: iso(now), resumedBy: actor?.personId ?? null, pausedWorkingDays: moved.pausedWorkingDays }
      : p,
  );
  t.status.pausedWorkingDays += moved.pausedWorkingDays;
  t.status.dueDate = moved.dueDate;
  t.dueOverride = moved.dueDate;
  // The progress cadence counts again from the resumption.
  t.progressAnchor = iso(now);
  t.progressMissing = false;
  t.replan = true;
  const who = actor
    ? actor.roles.includes('OFFICE')
      ? '组织协调室决定恢复计时'
      : '牵头单位恢复计时'
    : '中止计时期满，自动恢复计时';
  const note = comment ? `，意见：${comment}` : '';
  return [
    {
      kind: 'RESUMED',
      message:
        `${who}，本次中止计时${moved.pausedWorkingDays}个工作日（${PAUSE_CATEGORY_LABEL[pause.category]}：${pause.reason}），` +
        `工作时限由${previousDueDate ?? ''}顺延至${moved.dueDate}${note}`,
      actor,
      action: actor ? 'task.resume' : undefined,
      payload: actor ? { comment } : undefined,
      details: { pausedWorkingDays: moved.pausedWorkingDays, previousDueDate, newDueDate: moved.dueDate },
    },
  ];
}

const refuseTask: Effect<m.RefuseTaskInput> = (t, { actor, proposedUnitId, reason }, { now }) => {
  t.status.refusals = [
    ...t.status.refusals,
    { unitId: actor.unitId, proposedUnitId, reason, refusedBy: actor.personId, refusedAt: iso(now) },
  ];
  return [
    {
      kind: 'REFUSED',
      message:
        `${unitRef(actor.unitId)}申请退单，认为应由${unitRef(proposedUnitId)}牵头办理，理由：${reason}` +
        '；待组织协调室裁定，签收时限暂停计算',
      actor,
      action: 'task.refuse',
      payload: { proposedUnitId, reason },
      details: { proposedUnitId, reason },
    },
  ];
};

/**
 * The office's ruling on the pending refusal. INSIST: the task stands with its lead unit, whose sign-for limit counts
 * afresh from the ruling (it stood still while the refusal waited). REASSIGN: the existing reassignment (改派) moves
 * the task, with its history, to the unit the refusal named unless the office names another.
 */
const arbitrateRefusal: Effect<m.ArbitrateRefusalInput> = (t, input, ctx) => {
  const { actor, ruling, reason } = input;
  const refusal = pendingRefusal(t.status)!;
  t.status.refusals = t.status.refusals.map((r) =>
    r === refusal ? { ...r, ruling, ruledBy: actor.personId, ruledAt: iso(ctx.now), rulingReason: reason } : r,
  );
  if (ruling === 'INSIST') {
    t.signAnchor = iso(ctx.now);
    t.replan = true;
    return [
      {
        kind: 'REFUSAL_INSISTED',
        message: `组织协调室裁定退单不成立，维持由${unitRef(t.status.leadUnitId)}牵头办理，签收时限自裁定起重新计算，理由：${reason}`,
        actor,
        action: 'task.arbitrateRefusal',
        payload: { ruling, reason, refusingUnitId: refusal.unitId },
        details: { reason },
      },
    ];
  }
  const leadUnitId = input.leadUnitId ?? refusal.proposedUnitId;
  const coUnitIds = (input.coUnitIds ?? t.status.coUnitIds).filter((u) => u !== leadUnitId);
  const leaderId = input.leaderId ?? t.status.leaderId;
  return [
    {
      kind: 'REFUSAL_REASSIGNED',
      message: `组织协调室裁定退单成立，改由${unitRef(leadUnitId)}牵头办理，理由：${reason}`,
      actor,
      action: 'task.arbitrateRefusal',
      payload: { ruling, reason, refusingUnitId: refusal.unitId, leadUnitId },
      details: { reason },
    },
    ...reassignTask(t, { actor, leadUnitId, coUnitIds, leaderId, reason: `退单裁定：${reason}` }, ctx),
  ];
};

/** A unit names its handler (承办人): recorded with the one it replaces; the new handler is told. */
const nameHandler: Effect<m.NameHandlerInput> = (t, { actor, handlerId }) => {
  const previous = t.status.handlers?.[actor.unitId];
  t.status.handlers = { ...(t.status.handlers ?? {}), [actor.unitId]: handlerId };
  const was = previous ? `（原承办人：${personRef(previous)}）` : '';
  return [
    {
      kind: 'HANDLER_NAMED',
      message: `${unitRef(actor.unitId)}指定${personRef(handlerId)}为承办人${was}`,
      actor,
      action: 'task.nameHandler',
      payload: { unitId: actor.unitId, handlerId, previous: previous ?? null },
      details: { unitId: actor.unitId, handlerId },
    },
  ];
};

/** The office urges by hand (督办/催办): counted with the ladder's urgings; the lead unit (and the leader) told. */
const urgeTask: Effect<m.UrgeInput> = (t, { actor, text, toLeader }) => {
  t.status.urgings += 1;
  const copy = toLeader ? `，抄送${personRef(t.status.leaderId)}` : '';
  return [
    {
      kind: 'URGED',
      message: `督办${unitRef(t.status.leadUnitId)}${copy}：${text}`,
      actor,
      action: 'task.urge',
      payload: { text, toLeader: toLeader ?? false },
      details: { text, toLeader: toLeader ?? false, urgedBy: actor.personId },
    },
  ];
};

/** The office lets the lead unit submit while its villages' sub-tasks are open (三级联动). */
const overrideSubtasks: Effect<m.OverrideSubtasksInput> = (t, { actor, reason }) => {
  t.status.subtasksOverridden = true;
  return [
    {
      kind: 'SUBTASK_OVERRIDE',
      message: `组织协调室准许牵头单位在村（社区）子任务未全部办结时报结，理由：${reason}`,
      actor,
      action: 'task.overrideSubtasks',
      payload: { reason },
    },
  ];
};

/**
 * 挂牌督办 marked or lifted (摘牌): a period of named supervision opens or closes now; the rungs falling due within it
 * go one level higher (`ladderOf`), those already reached stay as they were.
 */
const superviseTask: Effect<m.SuperviseInput> = (t, { actor, named, reason }, { now }) => {
  const at = iso(now);
  const periods = [...(t.status.supervision?.periods ?? [])];
  if (named) periods.push({ since: at });
  else periods[periods.length - 1] = { ...periods[periods.length - 1]!, until: at };
  t.status.supervision = { named, by: actor.personId, reason, periods };
  return [
    {
      kind: named ? 'SUPERVISION_NAMED' : 'SUPERVISION_LIFTED',
      message: named
        ? `列为挂牌督办事项，此后逾期各级督办均提高一级，理由：${reason}`
        : `解除挂牌督办（摘牌），理由：${reason}`,
      actor,
      action: 'task.supervise',
      payload: { named, reason },
      details: { named, reason },
    },
  ];
};

const commentOnTask: Effect<m.CommentInput> = (_t, { actor, text }) => [
  { kind: 'COMMENT', message: text, actor, action: 'task.comment', payload: { text } },
];

/** The office lets the lead unit submit without the evidence its type requires (免予提交佐证材料). */
const waiveEvidence: Effect<m.WaiveEvidenceInput> = (t, { actor, reason }, { now }) => {
  t.status.evidenceWaived = { by: actor.personId, at: iso(now), reason };
  return [
    {
      kind: 'EVIDENCE_WAIVED',
      message: `组织协调室准许牵头单位报结时免予提交佐证材料，理由：${reason}`,
      actor,
      action: 'task.waiveEvidence',
      payload: { reason },
      details: { reason },
    },
  ];
};

/** The effect of each action of `taskProcedure`; `nextStep` numbers an extension request. */
export const taskEffects = (nextStep: number) => ({
  signFor,
  reportProgress: takingFiles(reportProgress),
  coUnitReport: takingFiles(coUnitReport),
  overrideCoUnitGate,
  submitTask,
  acceptTask,
  returnTask,
  requestExtension: takingFiles(requestExtension(nextStep)),
  decideExtension,
  cancelTask,
  reassignTask,
  commentOnTask: takingFiles(commentOnTask),
  requestPause: takingFiles(requestPause(nextStep)),
  refuseTask,
  arbitrateRefusal,
  nameHandler,
  urgeTask,
  extendTask,
  superviseTask,
  overrideSubtasks,
  waiveEvidence,
});
