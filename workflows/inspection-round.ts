import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Recipient } from '../procedures/kernel/recipients';
import * as im from '../procedures/inspection/messages';
import type {
  InspectedUnit,
  InspectionInput,
  InspectionReport,
  InspectionStatus,
} from '../procedures/inspection/messages';
import { calendarChanged, taskWorkflowId, type Actor, type TaskInput } from '../procedures/task/messages';
import { reject, requireText } from '../procedures/task/rules';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** 2027-03-19 → 3月19日 */
const dateText = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
/** {SERIOUS: 1, MAJOR: 0, MINOR: 2} → 严重1个、一般2个 */
const severityText = (counts: Record<im.Severity, number>) =>
  (['SERIOUS', 'MAJOR', 'MINOR'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${im.SEVERITY_LABEL[s]}${counts[s]}个`)
    .join('、');
const countSeverities = (findings: { severity: im.Severity }[]) => {
  const counts: Record<im.Severity, number> = { SERIOUS: 0, MAJOR: 0, MINOR: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
};

function reportText(r: InspectionReport): string {
  const sc = r.selfChecks;
  const rc = r.rectifications;
  const lines = [
    `检查单位${r.units}个。自查报告：按时报送${sc.onTime}个，逾期补报${sc.late}个${sc.lateUnits.length ? `（${sc.lateUnits.join('、')}）` : ''}，未报送${sc.missing}个${sc.missingUnits.length ? `（${sc.missingUnits.join('、')}）` : ''}。`,
    `发现问题${r.findings.total}个${r.findings.total ? `（${severityText(r.findings.bySeverity)}）` : ''}。`,
    ...r.findings.byUnit.map((u) => `  ${u.unitName}：${u.total}个`),
    `整改任务${rc.total}项：按期办结${rc.acceptedOnTime}项，逾期办结${rc.acceptedLate}项，升级督办（三级）${rc.escalated}项，撤销${rc.cancelled}项。`,
    ...rc.escalatedTasks.map((t) => `  升级督办：${t.unitName}「${t.title}」（任务编号${t.taskId}）`),
  ];
  return lines.join('\n');
}

/**
 * An inspection round (检查督办), DOMAIN.md "The annual cycle" step 4, started by the cycle for each regular round and
 * by the API for the rounds the office defines. The notice with the checklist goes to every unit in scope; units file
 * self-check reports (自查报告), are reminded the working day before the deadline, urged (催办) at it and, still
 * missing two working days later, reported to their responsible leader. Inspectors (the office) record each unit's
 * findings once, until they close the findings or their due date passes; every finding becomes a rectification task
 * (整改, RECTIFICATION) of the unit. The round closes when every rectification is accepted, cancelled or escalated to
 * the top rung, and its report goes to the office and the leadership group. The workflow itself ends only after every
 * rectification task has ended.
 */
export async function inspectionRound(input: InspectionInput): Promise<InspectionStatus> {
  const { workflowId } = workflowInfo();
  const now = () => Date.now(); // Temporal's deterministic workflow time
  const nowIso = () => new Date(now()).toISOString();
  const startedMs = now();

  const status: InspectionStatus = {
    roundId: input.roundId,
    state: 'SELF_CHECK',
    units: [], // filled from the organisation before the notice (handlers must be set before the first await)
    findings: [],
    selfCheckDueAt: null,
    remindAt: null,
    escalateAt: null,
    findingsDueAt: null,
    findingsClosedAt: null,
    closedAt: null,
    version: 0,
  };
  let step = 0;
  let recorded = false;
  /** Each rectification task with its policy's L3 offset, to know when it may reach the top rung. */
  const rectifications: { taskId: string; l3AfterWorkingDays: number }[] = [];
  const children: Promise<void>[] = [];
  let childrenEnded = 0;

  async function record(
    kind: string,
    message: string,
    opts: {
      actor?: Actor | null;
      action?: string;
      payload?: unknown;
      unitId?: string;
      scope?: 'ALL' | 'UNIT' | 'OFFICE';
      notice?: { title: string; body: string; recipients: Recipient[] };
      at?: string;
      report?: InspectionReport;
    } = {},
  ): Promise<void> {
    status.version += 1;
    const stepId = `${++step}-${kind.toLowerCase()}`;
    await acts.recordInspectionEvent({
      workflowId,
      round: input,
      status: { ...status, units: status.units.map((u) => ({ ...u })), findings: [...status.findings] },
      entry: {
        step: stepId,
        kind,
        message,
        at: opts.at ?? nowIso(),
        actor: opts.actor,
        unitId: opts.unitId ?? null,
        scope: opts.scope ?? (opts.unitId ? 'UNIT' : 'ALL'),
      },
      audit: opts.action ? { action: opts.action, payload: opts.payload ?? {} } : undefined,
      report: opts.report,
      notice: opts.notice ? { kind: `INSPECTION_${kind}`, ...opts.notice } : undefined,
    });
  }

  /** A timer's instant, as its step is recorded: the timer fires a few ms after it; much later means a late start. */
  const dueInstant = (iso: string) => (now() - Date.parse(iso) < 60_000 ? iso : nowIso());
  const sleepUntil = (iso: string) => sleep(Math.max(0, Date.parse(iso) - now()));
  const unitOf = (unitId: string) => status.units.find((u) => u.unitId === unitId);
  const pending = () => status.units.filter((u) => u.selfCheck === 'PENDING');
  const ref = `（检查编号${input.roundId}）`;

  async function startRectification(task: TaskInput): Promise<void> {
    try {
      const child = await startChild('supervisedTask', {
        workflowId: taskWorkflowId(task.taskId),
        args: [task],
        // Ending the round's workflow early (terminated by an operator) must not end its rectifications.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      children.push(
        child
          .result()
          .catch(() => undefined)
          .then(() => {
            childrenEnded += 1;
          }),
      );
    } catch (err) {
      // Started before a crash: the read model still tells the round where it stands.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  async function closeFindingsNow(actor: Actor | null, at: string): Promise<void> {
    status.findingsClosedAt = at;
    if (status.state !== 'CLOSED') status.state = 'RECTIFYING';
    const missing = status.units.filter((u) => !u.findingsRecordedAt).length;
    const how = actor ? '组织协调室结束问题录入' : '问题录入时限已到，录入结束';
    await record(
      'FINDINGS_CLOSED',
      `${how}：共发现问题${status.findings.length}个，交办整改任务${status.findings.length}项` +
        (missing > 0 ? `；${missing}个单位未录入检查结果` : ''),
      { actor, action: actor ? 'inspection.closeFindings' : undefined, scope: 'OFFICE', at },
    );
  }

  // ---- queries and updates --------------------------------------------------------------------------
  setHandler(im.getInspectionStatus, () => status);
  // A year's official calendar table was loaded (or changed): the reminder and the escalation are worked out again.
  let calendarVersion = 0;
  setHandler(calendarChanged, () => {
    calendarVersion += 1;
  });
  setHandler(im.inspectionRecorded, async () => {
    await condition(() => recorded);
    return status;
  });

  setHandler(
    im.fileSelfCheck,
    async ({ actor, report }) => {
      const unit = unitOf(actor.unitId)!;
      const late = now() >= Date.parse(status.selfCheckDueAt!);
      const replaced = unit.selfCheck === 'FILED';
      unit.selfCheck = late ? 'LATE' : 'FILED';
      unit.report = report.trim();
      unit.filedBy = actor.personId;
      unit.filedAt = nowIso();
      const note = late ? '（逾期补报）' : replaced ? '（重新报送，以此为准）' : '';
      await record('SELF_CHECK_FILED', `${unit.unitName}报送自查报告${note}`, {
        actor,
        action: 'inspection.selfCheck',
        payload: { unitId: unit.unitId, late },
        unitId: unit.unitId,
      });
      return status;
    },
    {
      validator: ({ actor, report }) => {
        if (!recorded) reject('检查通知正在发出，请稍后再报送');
        if (!actor.roles.includes('UNIT')) reject('自查报告由被检查单位报送');
        const unit = unitOf(actor.unitId);
        if (!unit) reject('本单位不在本轮检查范围内，无需报送自查报告');
        if (status.state === 'CLOSED') reject('本轮检查已结束，不再受理自查报告');
        if (now() >= Date.parse(status.selfCheckDueAt!)) {
          if (unit.selfCheck === 'FILED') reject('自查报告已按时报送，报送截止后不能修改');
          if (unit.selfCheck === 'LATE') reject('自查报告已补报，不能重复报送');
        }
        requireText(report, '自查报告');
      },
    },
  );

  setHandler(
    im.recordFindings,
    async ({ actor, unitId, findings, leaderId, policy }) => {
      const unit = unitOf(unitId)!;
      const at = nowIso();
      unit.findingsRecordedAt = at;
      const tasks: TaskInput[] = findings.map((f, i) => ({
        taskId: im.rectificationTaskId(input.roundId, unitId, i + 1),
        orgId: input.orgId,
        title: `【整改】${unit.unitName}：${clip(f.description.trim(), 60)}`,
        leadUnitId: unitId,
        coUnitIds: [],
        leaderId,
        requirements: `${f.requirement.trim()}\n（${input.title}发现问题，${im.SEVERITY_LABEL[f.severity]}：${f.description.trim()}）`,
        standard: '问题整改到位，整改情况报告及佐证材料经组织协调室复核销号',
        limit: f.dueDate ? { kind: 'DATE', date: f.dueDate } : { kind: 'WORKING_DAYS', days: f.workingDays ?? 1 },
        policy,
        assignedAt: at,
        cycleId: input.cycleId,
        createdBy: actor.personId,
        actor,
      }));
      findings.forEach((f, i) => {
        status.findings.push({
          unitId,
          seq: i + 1,
          severity: f.severity,
          description: f.description.trim(),
          requirement: f.requirement.trim(),
          taskId: tasks[i]!.taskId,
          recordedBy: actor.personId,
          recordedAt: at,
        });
      });
      for (const t of tasks) {
        rectifications.push({ taskId: t.taskId, l3AfterWorkingDays: policy.escalation.l3AfterWorkingDays });
      }
      const list = findings
        .map(
          (f, i) =>
            `${i + 1}. [${im.SEVERITY_LABEL[f.severity]}] ${f.description.trim()}（整改任务${tasks[i]!.taskId}）`,
        )
        .join('\n');
      const message =
        findings.length === 0
          ? `录入${unit.unitName}检查结果：未发现问题`
          : `录入${unit.unitName}检查发现问题${findings.length}个（${severityText(countSeverities(findings))}），逐项交办整改`;
      await record('FINDINGS_RECORDED', message, {
        actor,
        action: 'inspection.findings',
        payload: { unitId, findings, leaderId },
        unitId,
        notice: {
          title: `【检查反馈】${input.title}`,
          body:
            findings.length === 0
              ? `${input.title}对贵单位的检查未发现问题${ref}。`
              : `${input.title}对贵单位检查发现问题${findings.length}个，已逐项作为整改任务交办，请按整改要求和时限落实：\n${list}`,
          recipients: [{ kind: 'UNIT', unitId }],
        },
      });
      await Promise.all(tasks.map(startRectification));
      return status;
    },
    {
      validator: ({ actor, unitId, findings, leaderId }) => {
        if (!recorded) reject('检查通知正在发出，请稍后再录入');
        if (!actor.roles.includes('OFFICE')) reject('检查发现问题由组织协调室录入');
        if (status.findingsClosedAt) reject('本轮检查的问题录入已经结束，不能再录入');
        const unit = unitOf(unitId);
        if (!unit) reject('该单位不在本轮检查范围内');
        if (unit.findingsRecordedAt) reject(`${unit.unitName}的检查结果已录入，不能重复录入`);
        if (findings.length > im.MAX_FINDINGS_PER_UNIT)
          reject(`一个单位一次录入的问题不超过${im.MAX_FINDINGS_PER_UNIT}个`);
        requireText(leaderId, '分管领导');
        for (const f of findings) {
          if (!(f.severity in im.SEVERITY_LABEL)) reject('问题严重程度须为一般、较重或严重');
          requireText(f.description, '问题描述');
          requireText(f.requirement, '整改要求');
          if ((f.dueDate === undefined) === (f.workingDays === undefined))
            reject('整改时限须为日期或工作日数，二者选一');
        }
      },
    },
  );

  setHandler(
    im.closeFindings,
    async ({ actor }) => {
      await closeFindingsNow(actor, nowIso());
      return status;
    },
    {
      validator: ({ actor }) => {
        if (!recorded) reject('检查通知正在发出，请稍后再办理');
        if (!actor.roles.includes('OFFICE')) reject('问题录入由组织协调室结束');
        if (status.findingsClosedAt) reject('本轮检查的问题录入已经结束');
      },
    },
  );

  // ---- the round's course -----------------------------------------------------------------------------
  const units = await acts.listInspectionUnits({ orgId: input.orgId, unitIds: input.unitIds });
  const planTimers = () =>
    acts.planInspectionTimers({
      selfCheckDueDate: input.selfCheckDueDate,
      findingsDueDate: input.findingsDueDate,
      escalateAfterWorkingDays: im.ESCALATE_AFTER_WORKING_DAYS,
    });
  let timers = await planTimers();
  status.units = units.map((u): InspectedUnit => ({
    ...u,
    selfCheck: 'PENDING',
    report: null,
    filedBy: null,
    filedAt: null,
    urgedAt: null,
    escalatedAt: null,
    findingsRecordedAt: null,
  }));
  Object.assign(status, {
    selfCheckDueAt: timers.selfCheckDueAt,
    remindAt: timers.remindAt,
    escalateAt: timers.escalateAt,
    findingsDueAt: timers.findingsDueAt,
  });
  const due = `${dateText(input.selfCheckDueDate)}24:00`;
  const checklist = input.checklist.map((c, i) => `${i + 1}. ${c}`).join('\n');
  await record('NOTICED', `发出「${input.title}」检查通知，检查单位${units.length}个，自查报告于${due}前报送`, {
    actor: input.calledBy,
    // A round the office defines is audited as its act; the cycle's regular rounds are the system's.
    action: input.calledBy ? 'inspection.create' : undefined,
    payload: { ...input, calledBy: undefined },
    notice: {
      title: `【检查通知】${input.title}`,
      body:
        `根据工作安排，开展${input.title}。请贵单位对照以下检查内容认真开展自查，于${due}前报送自查报告${ref}：\n` +
        checklist,
      recipients: status.units.map((u): Recipient => ({ kind: 'UNIT', unitId: u.unitId })),
    },
  });
  recorded = true;
  // Rounds noticed before this change keep the timers they were noticed with.
  const followsCalendar = patched('inspection-follows-calendar');
  /** The calendar version the timers were last worked out on: a change signalled since is not missed. */
  let plannedWith = 0;

  /** The timers again, on the calendar as it is now; a moved reminder or escalation is recorded for the office. */
  async function replan(): Promise<void> {
    const next = await planTimers();
    if (next.remindAt === timers.remindAt && next.escalateAt === timers.escalateAt) return;
    timers = next;
    Object.assign(status, { remindAt: timers.remindAt, escalateAt: timers.escalateAt });
    await record(
      'CALENDAR_CHANGED',
      `工作日历更新，自查报告提醒和报分管领导督办时间已重新计算：逾期未报的，` +
        `${dateText(timers.escalateAt.slice(0, 10))}24时后报分管领导督办`,
      { scope: 'OFFICE' },
    );
  }

  /** Sleeps until the timer `which` fires; when the calendar changes meanwhile, until its new instant. */
  async function waitFor(which: 'remindAt' | 'escalateAt' | 'selfCheckDueAt'): Promise<void> {
    if (!followsCalendar) return sleepUntil(timers[which]);
    for (;;) {
      const ms = Date.parse(timers[which]) - now();
      if (ms <= 0) return;
      if (!(await condition(() => calendarVersion !== plannedWith, ms))) return;
      plannedWith = calendarVersion;
      await replan();
    }
  }

  /** Self-check stage: reminder (提醒), urging at the deadline (催办), escalation to the leader (报分管领导). */
  async function selfCheckStage(): Promise<void> {
    if (Date.parse(timers.remindAt) > startedMs) {
      await waitFor('remindAt');
      for (const u of pending()) {
        await record('REMINDED', `提醒${u.unitName}：自查报告将于${due}截止`, {
          unitId: u.unitId,
          at: dueInstant(timers.remindAt),
          notice: {
            title: `【提醒】${input.title}自查报告`,
            body: `贵单位的${input.title}自查报告将于${due}截止，请按时报送${ref}。`,
            recipients: [{ kind: 'UNIT', unitId: u.unitId }],
          },
        });
      }
    }
    await waitFor('selfCheckDueAt');
    const at = dueInstant(timers.selfCheckDueAt);
    if (status.state === 'SELF_CHECK') status.state = 'INSPECTING';
    const missing = pending();
    await record(
      'SELF_CHECK_DUE',
      `自查报告报送截止：按时报送${status.units.length - missing.length}个，未报送${missing.length}个` +
        (missing.length > 0 ? `（${missing.map((u) => u.unitName).join('、')}），已催办` : ''),
      { scope: 'OFFICE', at },
    );
    for (const u of missing) {
      u.urgedAt = at;
      await record('URGED', `${u.unitName}未按时报送自查报告，已向单位主要负责人催办`, {
        unitId: u.unitId,
        at,
        notice: {
          title: `【催办】${input.title}自查报告`,
          body: `贵单位未在${due}前报送${input.title}自查报告，请立即补报${ref}。`,
          recipients: [{ kind: 'UNIT_HEAD', unitId: u.unitId }],
        },
      });
    }
    await waitFor('escalateAt');
    for (const u of pending()) {
      u.escalatedAt = dueInstant(timers.escalateAt);
      await record(
        'ESCALATED',
        `${u.unitName}自查报告逾期${im.ESCALATE_AFTER_WORKING_DAYS}个工作日仍未报送，已报分管领导督办`,
        {
          unitId: u.unitId,
          at: u.escalatedAt,
          notice: {
            title: `【督办】${u.unitName}未报送${input.title}自查报告`,
            body: `${u.unitName}的${input.title}自查报告应于${due}前报送，催办后逾期${im.ESCALATE_AFTER_WORKING_DAYS}个工作日仍未报送，请督促落实${ref}。`,
            recipients: [{ kind: 'UNIT_LEADER', unitId: u.unitId }],
          },
        },
      );
    }
  }

  /** Findings stage: open until the office closes it, or until the findings due date ends. */
  async function findingsStage(): Promise<void> {
    const closed = await condition(
      () => status.findingsClosedAt !== null,
      Math.max(0, Date.parse(timers.findingsDueAt) - now()),
    );
    if (!closed) await closeFindingsNow(null, dueInstant(timers.findingsDueAt));
  }

  await Promise.all([selfCheckStage(), findingsStage()]);
  // Both stages are over at the later of their ends; the round closes then at the earliest.
  const stagesEnd = Math.max(Date.parse(timers.escalateAt), Date.parse(status.findingsClosedAt!));

  // Rectification stage: until every rectification is accepted, cancelled or at L3 in the read model.
  let settledAt = stagesEnd;
  while (rectifications.length > 0) {
    const check = await acts.checkRectifications({ tasks: [...rectifications], now: nowIso() });
    if (check.settled) {
      settledAt = Math.max(stagesEnd, Date.parse(check.settledAt!));
      break;
    }
    const seen = childrenEnded;
    await condition(() => childrenEnded !== seen, Math.max(1_000, Date.parse(check.nextCheckAt) - now()));
  }
  status.state = 'CLOSED';
  status.closedAt = new Date(settledAt).toISOString();
  const report = await acts.buildInspectionReport({ roundId: input.roundId, asOf: status.closedAt });
  await record('CLOSED', `本轮检查结束：整改任务均已办结、撤销或升级督办，检查情况报告已报组织协调室和领导小组`, {
    at: status.closedAt,
    report,
    notice: {
      title: `【检查情况报告】${input.title}`,
      body: `${input.title}检查情况报告${ref}：\n${reportText(report)}`,
      recipients: [
        { kind: 'OFFICE', orgId: input.orgId },
        { kind: 'GROUP', orgId: input.orgId },
      ],
    },
  });

  // The workflow ends only after its rectification tasks have (a child must not outlive its parent's history).
  await Promise.all(children);
  if (children.length > 0) await record('TASKS_ENDED', `本轮整改任务${children.length}项均已结束`, { scope: 'OFFICE' });
  await condition(allHandlersFinished);
  return status;
}
