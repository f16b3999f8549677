import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { TaskEventKind } from '../procedures/task/messages';
import { cycleWorkflowId, taskEscalated } from '../procedures/cycle/messages';
import * as m from '../procedures/task/messages';
import type { Actor, TaskInput, TaskStatus } from '../procedures/task/messages';
import {
  RATING_LABEL,
  isOpen,
  lightAt,
  localDateOf,
  pendingEvents,
  reject,
  requireLeadUnit,
  requireState,
  requireText,
  type Schedule,
  type TimerEvent,
} from '../procedures/task/rules';

/** Patch id (2026-11): the L1 urging is copied to the responsible leader. Next: `deprecatePatch`, then removal. */
const L1_COPIES_LEADER = 'l1-copies-leader';

const LIGHT_LABEL = { GREEN: '绿灯', YELLOW: '黄灯', RED: '红灯', NONE: '无' } as const;

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// Webhook delivery retries with backoff for about a day; a receiver that stays down does not hold up the task.
const webhooks = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '2 hours', maximumAttempts: 16 },
});

/** What survives continue-as-new besides the input. */
export interface CarriedState {
  status: TaskStatus;
  fired: string[];
  step: number;
  signAnchor: string;
  progressAnchor: string | null;
  progressMissing: boolean;
  dueOverride: string | null;
}

/**
 * A supervised task (督办任务), DOMAIN.md "The supervised task": assigned with its four-in-place and the
 * policy of its type, then signed for, reported on, submitted and reviewed through Updates, while timers
 * on the working-day calendar send reminders, keep the traffic light current and climb the escalation
 * ladder (L1 urging the unit head, L2 the responsible leader, L3 the leadership group with an
 * accountability referral) until the unit submits.
 */
export async function supervisedTask(input: TaskInput, carried?: CarriedState): Promise<TaskStatus> {
  const { workflowId } = workflowInfo();
  const now = () => Date.now(); // Temporal's deterministic workflow time
  const nowIso = () => new Date(now()).toISOString();

  const status: TaskStatus = carried?.status ?? {
    taskId: input.taskId,
    state: 'ASSIGNED',
    light: 'GREEN',
    leadUnitId: input.leadUnitId,
    coUnitIds: input.coUnitIds,
    leaderId: input.leaderId,
    dueDate: undefined,
    originalDueDate: undefined,
    dueAt: undefined,
    provisional: false,
    rung: 0,
    signedAt: null,
    lastProgressAt: null,
    submittedAt: null,
    acceptedAt: null,
    rating: null,
    lateWorkingDays: 0,
    coUnitReports: {},
    coUnitGateOverridden: false,
    pendingExtension: null,
    extensionsApproved: 0,
    extensionsDenied: 0,
    returns: 0,
    urgings: 0,
    version: 0,
  };
  const fired = new Set(carried?.fired ?? []);
  let step = carried?.step ?? 0;
  let signAnchor = carried?.signAnchor ?? input.assignedAt;
  let progressAnchor = carried?.progressAnchor ?? null;
  let progressMissing = carried?.progressMissing ?? false;
  // A deadline set by a decision (approved extension, return) rather than computed from the time limit.
  let dueOverride = carried?.dueOverride ?? null;
  let recorded = carried !== undefined;
  let replanNeeded = false;
  let changes = 0;
  let schedule: Schedule | undefined;
  const deliveries: Promise<unknown>[] = [];

  /** Writes the snapshot, a timeline entry (and audit row) and sends the notifications of one step. */
  async function record(
    kind: TaskEventKind,
    message: string,
    opts: {
      actor?: Actor;
      action?: string;
      payload?: unknown;
      details?: Record<string, unknown>;
      rung?: 1 | 2 | 3;
    } = {},
  ): Promise<void> {
    status.version += 1;
    changes += 1;
    const stepId = `${++step}-${kind.toLowerCase()}`;
    const snapshot = { ...status, coUnitIds: [...status.coUnitIds], coUnitReports: { ...status.coUnitReports } };
    const taskView = {
      taskId: input.taskId,
      orgId: input.orgId,
      title: input.title,
      leadUnitId: status.leadUnitId,
      coUnitIds: [...status.coUnitIds],
      leaderId: status.leaderId,
    };
    await acts.recordTaskEvent({
      workflowId,
      task: input,
      status: snapshot,
      entry: { step: stepId, kind, message, actor: opts.actor, at: nowIso() },
      audit: opts.action ? { action: opts.action, payload: opts.payload ?? {} } : undefined,
      referral: opts.rung === 3 ? { rung: 3 } : undefined,
    });
    const { webhookEventIds } = await acts.notifyTaskEvent({
      workflowId,
      step: stepId,
      kind,
      task: taskView,
      status: snapshot,
      policy: input.policy,
      details: opts.details ?? {},
      actorId: opts.actor?.personId,
    });
    for (const eventId of webhookEventIds) deliveries.push(webhooks.deliverWebhook({ eventId }).catch(() => undefined));
  }

  async function plan(): Promise<void> {
    schedule = await acts.planTaskTimers({
      orgId: input.orgId,
      limit: input.limit,
      assignedAt: input.assignedAt,
      dueDate: dueOverride,
      signAnchor,
      progressAnchor: input.policy.progressEveryWorkingDays ? (progressAnchor ?? status.signedAt) : null,
      policy: input.policy,
    });
    status.dueDate = schedule.dueDate;
    status.originalDueDate ??= schedule.dueDate;
    status.dueAt = schedule.dueAt;
    status.provisional = schedule.provisional;
    // Reminders whose moment has already passed (a short limit, a late start) are not sent late.
    for (const r of schedule.reminders) {
      if (Date.parse(r.at) <= now()) fired.add(`remind-${r.daysBefore}@${schedule.dueDate}`);
    }
    if (Date.parse(schedule.yellowAt) <= now()) fired.add(`yellow@${schedule.dueDate}`);
  }

  function refreshLight(): void {
    if (schedule) status.light = lightAt(now(), status, schedule, progressMissing);
  }

  // ---- queries and updates --------------------------------------------------------------------------
  setHandler(m.getTaskStatus, () => status);
  setHandler(m.taskRecorded, async () => {
    await condition(() => recorded);
    return status;
  });

  setHandler(
    m.signFor,
    async ({ actor }) => {
      status.state = 'SIGNED';
      status.signedAt = nowIso();
      refreshLight();
      replanNeeded = true;
      await record('SIGNED', '牵头单位已签收', { actor, action: 'task.signFor' });
      return status;
    },
    {
      validator: ({ actor }) => {
        requireState(status, ['ASSIGNED'], '签收');
        requireLeadUnit(status, actor, '签收');
      },
    },
  );

  setHandler(
    m.reportProgress,
    async ({ actor, text, percent }) => {
      status.state = 'IN_PROGRESS';
      status.lastProgressAt = nowIso();
      progressAnchor = status.lastProgressAt;
      progressMissing = false;
      refreshLight();
      replanNeeded = true;
      const pct = percent === undefined ? '' : `（完成约${percent}%）`;
      await record('PROGRESS', `进展反馈${pct}：${text}`, {
        actor,
        action: 'task.reportProgress',
        payload: { text, percent },
      });
      return status;
    },
    {
      validator: ({ actor, text, percent }) => {
        requireState(status, ['SIGNED', 'IN_PROGRESS'], '反馈进展');
        requireLeadUnit(status, actor, '反馈进展');
        requireText(text, '进展情况');
        if (percent !== undefined && (percent < 0 || percent > 100)) reject('完成比例应在0到100之间');
      },
    },
  );

  setHandler(
    m.coUnitReport,
    async ({ actor, text }) => {
      status.coUnitReports[actor.unitId] = nowIso();
      await record('CO_UNIT_REPORT', `协办单位反馈：${text}`, {
        actor,
        action: 'task.coUnitReport',
        payload: { unitId: actor.unitId, text },
      });
      return status;
    },
    {
      validator: ({ actor, text }) => {
        requireState(status, ['ASSIGNED', 'SIGNED', 'IN_PROGRESS'], '反馈协办情况');
        if (!status.coUnitIds.includes(actor.unitId)) reject('只有协办单位可以反馈协办情况');
        requireText(text, '协办情况');
      },
    },
  );

  setHandler(
    m.overrideCoUnitGate,
    async ({ actor, reason }) => {
      status.coUnitGateOverridden = true;
      await record('CO_UNIT_OVERRIDE', `组织协调室准许牵头单位在协办单位未全部反馈时报结，理由：${reason}`, {
        actor,
        action: 'task.overrideCoUnitGate',
        payload: { reason },
      });
      return status;
    },
    {
      validator: ({ reason }) => {
        requireState(status, ['ASSIGNED', 'SIGNED', 'IN_PROGRESS'], '准许报结');
        requireText(reason, '理由');
        if (status.coUnitGateOverridden) reject('已准许报结，无需重复操作');
      },
    },
  );

  setHandler(
    m.submitTask,
    async ({ actor, summary }) => {
      status.state = 'SUBMITTED';
      status.submittedAt = nowIso();
      status.pendingExtension = null;
      const late = await acts.measureLateness({
        orgId: input.orgId,
        dueDate: status.dueDate ?? '',
        at: status.submittedAt,
      });
      status.lateWorkingDays = Math.max(status.lateWorkingDays, late);
      const lateText = late > 0 ? `，逾期${late}个工作日` : '';
      await record('SUBMITTED', `牵头单位报结${lateText}：${summary}`, {
        actor,
        action: 'task.submit',
        payload: { summary },
        details: { late },
      });
      return status;
    },
    {
      validator: ({ actor, summary }) => {
        requireState(status, ['SIGNED', 'IN_PROGRESS'], '报结');
        requireLeadUnit(status, actor, '报结');
        requireText(summary, '办理结果');
        const missing = status.coUnitIds.filter((u) => !status.coUnitReports[u]);
        if (missing.length > 0 && !status.coUnitGateOverridden) {
          reject(`协办单位尚未反馈（${missing.join('、')}），牵头单位暂不能报结`);
        }
      },
    },
  );

  setHandler(
    m.acceptTask,
    async ({ actor, rating, comment }) => {
      status.state = 'ACCEPTED';
      status.acceptedAt = nowIso();
      status.rating = rating;
      status.light = 'NONE';
      const note = comment ? `，意见：${comment}` : '';
      await record('ACCEPTED', `复核通过，予以办结，质量评价：${RATING_LABEL[rating]}${note}`, {
        actor,
        action: 'task.accept',
        payload: { rating, comment },
        details: { rating: RATING_LABEL[rating] },
      });
      return status;
    },
    { validator: (_accept) => requireState(status, ['SUBMITTED'], '复核办结') },
  );

  setHandler(
    m.returnTask,
    async ({ actor, reasons, newDueDate }) => {
      status.state = 'IN_PROGRESS';
      status.returns += 1;
      status.submittedAt = null;
      if (newDueDate) {
        status.dueDate = newDueDate;
        dueOverride = newDueDate;
        status.rung = 0;
      }
      replanNeeded = true;
      const due = newDueDate ? `，新的工作时限为${newDueDate}` : '';
      await record('RETURNED', `复核未通过，退回重办，理由：${reasons}${due}`, {
        actor,
        action: 'task.return',
        payload: { reasons, newDueDate },
        details: { reasons, newDueDate: newDueDate ?? status.dueDate },
      });
      return status;
    },
    {
      validator: ({ reasons, newDueDate }) => {
        requireState(status, ['SUBMITTED'], '退回');
        requireText(reasons, '退回理由');
        if (newDueDate && newDueDate < localDateOf(now())) reject('新的工作时限不能早于今天');
        if (!newDueDate && status.dueAt && now() >= Date.parse(status.dueAt)) {
          reject('原工作时限已过，退回时须明确新的工作时限');
        }
      },
    },
  );

  setHandler(
    m.requestExtension,
    async ({ actor, reason, proposedDate, progress }) => {
      status.pendingExtension = {
        seq: step + 1,
        requestedBy: actor.personId,
        reason,
        proposedDate,
        progress,
        requestedAt: nowIso(),
      };
      await record('EXTENSION_REQUESTED', `申请延期至${proposedDate}，理由：${reason}；目前进展：${progress}`, {
        actor,
        action: 'task.requestExtension',
        payload: { reason, proposedDate, progress },
        details: { proposedDate, reason },
      });
      return status;
    },
    {
      validator: ({ actor, reason, proposedDate, progress }) => {
        requireState(status, ['SIGNED', 'IN_PROGRESS'], '申请延期');
        requireLeadUnit(status, actor, '申请延期');
        requireText(reason, '延期理由');
        requireText(progress, '目前进展');
        if (status.pendingExtension) reject('已有延期申请待审批');
        if (status.dueAt && now() >= Date.parse(status.dueAt)) reject('已超过工作时限，不能再申请延期');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(proposedDate) || proposedDate <= (status.dueDate ?? '')) {
          reject('申请的新时限须晚于现有工作时限');
        }
      },
    },
  );

  setHandler(
    m.decideExtension,
    async ({ actor, approve, comment }) => {
      const request = status.pendingExtension!;
      status.pendingExtension = null;
      const note = comment ? `，意见：${comment}` : '';
      if (approve) {
        status.extensionsApproved += 1;
        status.dueDate = request.proposedDate;
        dueOverride = request.proposedDate;
        replanNeeded = true;
        await record('EXTENSION_APPROVED', `同意延期，工作时限调整为${request.proposedDate}${note}`, {
          actor,
          action: 'task.decideExtension',
          payload: { approve, comment, proposedDate: request.proposedDate },
          details: { newDueDate: request.proposedDate },
        });
      } else {
        status.extensionsDenied += 1;
        await record('EXTENSION_DENIED', `不同意延期，仍按原工作时限${status.dueDate ?? ''}办理${note}`, {
          actor,
          action: 'task.decideExtension',
          payload: { approve, comment },
          details: { dueDate: status.dueDate },
        });
      }
      return status;
    },
    {
      validator: ({ actor }) => {
        if (!status.pendingExtension) reject('没有待审批的延期申请');
        const byLeader = input.policy.extensionDecidedBy === 'LEADER';
        if (byLeader ? actor.personId !== status.leaderId : !actor.roles.includes('OFFICE')) {
          reject(byLeader ? '此类任务的延期由分管领导审批' : '延期申请由组织协调室审批');
        }
      },
    },
  );

  setHandler(
    m.cancelTask,
    async ({ actor, reason }) => {
      status.state = 'CANCELLED';
      status.light = 'NONE';
      await record('CANCELLED', `任务已撤销，理由：${reason}`, { actor, action: 'task.cancel', payload: { reason } });
      return status;
    },
    {
      validator: ({ reason }) => {
        if (!isOpen(status.state)) reject(`任务${status.state === 'ACCEPTED' ? '已办结' : '已撤销'}，不能撤销`);
        requireText(reason, '撤销理由');
      },
    },
  );

  setHandler(
    m.reassignTask,
    async ({ actor, leadUnitId, coUnitIds, leaderId, reason }) => {
      const previous = status.leadUnitId;
      status.leadUnitId = leadUnitId;
      status.coUnitIds = coUnitIds;
      status.leaderId = leaderId;
      status.coUnitReports = Object.fromEntries(
        Object.entries(status.coUnitReports).filter(([u]) => coUnitIds.includes(u)),
      );
      status.state = 'ASSIGNED';
      status.signedAt = null;
      status.pendingExtension = null;
      signAnchor = nowIso();
      replanNeeded = true;
      await record('REASSIGNED', `任务改派，牵头单位由${previous}改为${leadUnitId}，理由：${reason}`, {
        actor,
        action: 'task.reassign',
        payload: { leadUnitId, coUnitIds, leaderId, reason, previousLeadUnitId: previous },
        details: { previousLeadUnitId: previous, reason },
      });
      return status;
    },
    {
      validator: ({ leadUnitId, coUnitIds, reason }) => {
        requireState(status, ['ASSIGNED', 'SIGNED', 'IN_PROGRESS'], '改派');
        requireText(reason, '改派理由');
        if (coUnitIds.includes(leadUnitId)) reject('牵头单位不能同时是协办单位');
      },
    },
  );

  setHandler(
    m.commentOnTask,
    async ({ actor, text }) => {
      await record('COMMENT', text, { actor, action: 'task.comment', payload: { text } });
      return status;
    },
    {
      validator: ({ text }) => {
        if (!isOpen(status.state)) reject('任务已关闭，不能再添加意见');
        requireText(text, '意见');
      },
    },
  );

  setHandler(m.calendarChanged, () => {
    replanNeeded = true;
  });

  // ---- timers ------------------------------------------------------------------------------------------
  async function fire(event: TimerEvent): Promise<void> {
    fired.add(event.key);
    const due = status.dueDate ?? '';
    switch (event.kind) {
      case 'SIGN_FOR_LIMIT':
        status.urgings += 1;
        await record('SIGN_FOR_OVERDUE', `超过签收时限仍未签收，已催办牵头单位`, { details: { dueDate: due } });
        return;
      case 'REMINDER':
        await record('REMINDER', `提醒：距工作时限（${due}）还有${event.daysBefore}个工作日`, {
          details: { daysBefore: event.daysBefore, dueDate: due },
        });
        return;
      case 'YELLOW':
        refreshLight();
        await record('LIGHT_YELLOW', `临近工作时限（${due}），亮黄灯`, { details: { dueDate: due } });
        return;
      case 'PROGRESS_DUE':
        progressMissing = true;
        progressAnchor = new Date(event.at).toISOString();
        refreshLight();
        replanNeeded = true;
        await record('PROGRESS_MISSING', '未按要求报送进展情况，请及时反馈', { details: { dueDate: due } });
        return;
      case 'RUNG': {
        status.rung = event.rung;
        refreshLight();
        if (event.rung === 1) status.urgings += 1;
        const text = {
          1: `已超过工作时限（${due}）仍未报结，亮红灯，向牵头单位主要负责人发出逾期催办（一级督办）`,
          2: `逾期${input.policy.escalation.l2AfterWorkingDays}个工作日仍未报结，提请分管领导督办（二级督办）`,
          3: `逾期${input.policy.escalation.l3AfterWorkingDays}个工作日仍未报结，报领导小组并在通报中点名，移送责任追究（三级督办）`,
        }[event.rung];
        await record(`ESCALATION_L${event.rung}`, text, { rung: event.rung, details: { dueDate: due } });
        // Tasks that reach L1 after this change copy the urging to their responsible leader; tasks whose L1 was
        // recorded before it replay without the copy (README "Changing workflow code under running cycles").
        if (event.rung === 1 && patched(L1_COPIES_LEADER)) {
          await record('L1_LEADER_COPY', '逾期催办同时抄送分管领导', { details: { dueDate: due } });
        }
        if (event.rung === 3 && input.cycleId) {
          // The cycle opens the accountability case (责任追究); a cycle already closed takes none.
          await getExternalWorkflowHandle(cycleWorkflowId(input.cycleId))
            .signal(taskEscalated, {
              taskId: input.taskId,
              unitId: status.leadUnitId,
              leaderId: status.leaderId,
              dueDate: due,
            })
            .catch(() => undefined);
        }
        return;
      }
    }
  }

  // ---- the task's life -----------------------------------------------------------------------------------
  if (!carried) {
    await plan();
    refreshLight();
    const limit = input.limit.kind === 'DATE' ? input.limit.date : `${input.limit.days}个工作日`;
    await record('ASSIGNED', `交办任务「${input.title}」，工作时限：${limit}（${status.dueDate}）`, {
      actor: input.actor,
      action: 'task.create',
      payload: { ...input, actor: undefined },
      details: { dueDate: status.dueDate },
    });
    recorded = true;
  } else {
    await plan();
  }

  while (isOpen(status.state)) {
    if (replanNeeded) {
      replanNeeded = false;
      const before = { dueDate: status.dueDate, provisional: status.provisional, light: status.light };
      await plan();
      refreshLight();
      if (before.dueDate !== status.dueDate || before.provisional !== status.provisional) {
        // Only a new calendar table moves a computed deadline: decisions set theirs before replanning.
        const settled = status.provisional ? '（所涉年度官方工作日历尚未发布，暂定）' : '';
        await record(
          'CALENDAR_CHANGED',
          `工作日历更新，工作时限为${status.dueDate}${settled}，各项提醒和督办时间已重新计算`,
          {
            details: { dueDate: status.dueDate, previousDueDate: before.dueDate },
          },
        );
      } else if (before.light !== status.light) {
        await record('LIGHT_CHANGED', `指示灯变为${LIGHT_LABEL[status.light]}`);
      }
      continue;
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await Promise.allSettled(deliveries);
      return continueAsNew<typeof supervisedTask>(input, {
        status,
        fired: [...fired],
        step,
        signAnchor,
        progressAnchor,
        progressMissing,
        dueOverride,
      });
    }
    const next = schedule ? pendingEvents(status, schedule, fired)[0] : undefined;
    const seen = changes;
    const woke = next
      ? await condition(() => changes !== seen || replanNeeded, Math.max(0, next.at - now()))
      : (await condition(() => changes !== seen || replanNeeded), true);
    if (!woke && next) await fire(next);
  }

  await condition(allHandlersFinished);
  await Promise.allSettled(deliveries);
  return status;
}
