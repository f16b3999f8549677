import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CycleAudience } from '../procedures/cycle/messages';
import * as c from '../procedures/cycle/messages';
import type { CycleCalendar, CycleInput, CycleStatus, MeetingInput } from '../procedures/cycle/messages';
import { caseIdForTask, caseWorkflowId, type CaseInput, type CaseSource } from '../procedures/case/messages';
import { inspectionWorkflowId, type InspectionInput } from '../procedures/inspection/messages';
import { calendarChanged, taskWorkflowId, type Actor, type TaskInput } from '../procedures/task/messages';
import { reject, requireText } from '../procedures/task/rules';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** What a regular inspection round checks (检查内容), in the order the notice lists it. */
const REGULAR_CHECKLIST = [
  '党风廉政建设主体责任落实情况',
  '年度督办任务推进和办结情况',
  '联席会议议定事项落实情况',
  '上次检查发现问题整改情况',
];

const PHASE_LABEL: Record<c.CyclePhase, string> = {
  PLANNING: '计划编制中',
  DECOMPOSING: '任务分解中',
  RUNNING: '推进落实中',
  YEAR_END: '年终考核中',
  CLOSED: '已结束',
};

/** What survives continue-as-new besides the input. */
export interface CycleCarried {
  status: CycleStatus;
  step: number;
  calendar: CycleCalendar;
  /** Keys of the dated events already fired or skipped: `plan-due`, `meeting:r1`, `bulletin:2027-01`. */
  done: string[];
  approver: Actor | null;
  adHocMeetings: number;
  lastMeetingAt: string;
  /** L3 referrals not yet turned into cases (signals received just before continuing as new). */
  pendingCases?: CaseRequest[];
}

interface CaseRequest {
  unitId: string;
  leaderId: string | null;
  source: CaseSource;
  caseId: string;
}

type CycleEvent =
  | { kind: 'PLAN_DUE'; key: string; at: number }
  | { kind: 'INSPECTION'; key: string; at: number; round: c.RegularInspection }
  | { kind: 'CUT_OFF'; key: string; at: number }
  | { kind: 'MEETING'; key: string; at: number; meeting: c.RegularMeeting }
  | { kind: 'BULLETIN'; key: string; at: number; period: c.BulletinPeriodDue };

function dueEvents(calendar: CycleCalendar): CycleEvent[] {
  return [
    { kind: 'PLAN_DUE' as const, key: 'plan-due', at: Date.parse(calendar.planDueAt) },
    ...calendar.meetings.map((meeting) => ({
      kind: 'MEETING' as const,
      key: `meeting:${meeting.key}`,
      at: Date.parse(meeting.noticeAt),
      meeting,
    })),
    ...calendar.bulletins.map((period) => ({
      kind: 'BULLETIN' as const,
      key: `bulletin:${period.key}`,
      at: Date.parse(period.at),
      period,
    })),
    ...(calendar.inspections ?? []).map((round) => ({
      kind: 'INSPECTION' as const,
      key: `inspection:${round.key}`,
      at: Date.parse(round.at),
      round,
    })),
    ...(calendar.cutOffAt ? [{ kind: 'CUT_OFF' as const, key: 'cut-off', at: Date.parse(calendar.cutOffAt) }] : []),
  ].sort((a, b) => a.at - b.at);
}

const requireRole = (actor: Actor, role: string, message: string) => {
  if (!actor.roles.includes(role)) reject(message);
};

/**
 * The annual cycle (年度周期), DOMAIN.md "The annual cycle" steps 1–3, 5 and 8: one per organisation and year. The
 * office submits the plan (and revises it) until the leadership group approves it; an unapproved plan by its due
 * date alerts the office head. On approval every task of the plan becomes a supervised-task child, in bounded
 * batches, continuing as new so that a plan of thousands of tasks stays within history limits. All year the
 * cycle sends the regular joint meetings' notices (each meeting a child workflow), publishes the periodic
 * bulletins, and takes ad-hoc meetings, until the office closes it.
 */
export async function annualCycle(input: CycleInput, carried?: CycleCarried): Promise<CycleStatus> {
  const { workflowId } = workflowInfo();
  const input_ = input;
  const now = () => Date.now(); // Temporal's deterministic workflow time
  const nowIso = () => new Date(now()).toISOString();

  const status: CycleStatus = carried?.status ?? {
    cycleId: input.cycleId,
    orgId: input.orgId,
    year: input.year,
    phase: 'PLANNING',
    planVersion: null,
    approvedVersion: null,
    planDueDate: input.settings.planDueDate,
    planDueAlerted: false,
    tasksPlanned: 0,
    tasksStarted: 0,
    meetings: [],
    bulletins: [],
    inspections: [],
    cases: [],
    assessmentId: null,
    assessmentPublished: false,
    annualReportId: null,
    openedAt: nowIso(),
    openedRequestId: input.openedBy?.requestId ?? null,
    approvedBy: null,
    approvedAt: null,
    closedAt: null,
    version: 0,
  };
  let step = carried?.step ?? 0;
  let calendar = carried?.calendar;
  const done = new Set(carried?.done ?? []);
  let approver = carried?.approver ?? null;
  let adHocMeetings = carried?.adHocMeetings ?? 0;
  let lastMeetingAt = carried?.lastMeetingAt ?? status.openedAt;
  const pendingCases: CaseRequest[] = [...(carried?.pendingCases ?? [])];
  /** The cases this run started: the year end waits for them to be decided. */
  const caseResults: Promise<unknown>[] = [];
  let recorded = carried !== undefined;
  let replanNeeded = false;
  let yearEndRunning: Promise<void> | undefined;
  let changes = 0;

  async function record(
    kind: string,
    message: string,
    opts: {
      actor?: Actor | null;
      action?: string;
      payload?: unknown;
      notice?: { title: string; body?: string; audience: CycleAudience[] };
    } = {},
  ): Promise<void> {
    status.version += 1;
    changes += 1;
    const stepId = `${++step}-${kind.toLowerCase()}`;
    await acts.recordCycleEvent({
      workflowId,
      cycle: input,
      status: { ...status, meetings: [...status.meetings], bulletins: [...status.bulletins] },
      entry: { step: stepId, kind, message, at: nowIso(), actor: opts.actor },
      audit: opts.action ? { action: opts.action, payload: opts.payload ?? {} } : undefined,
      notice: opts.notice
        ? {
            kind: `CYCLE_${kind}`,
            title: opts.notice.title,
            body: opts.notice.body ?? message,
            audience: opts.notice.audience,
          }
        : undefined,
    });
  }

  /** Starts a child once; a child already started (a retried start after a crash) counts as started. */
  async function startOnce(type: string, workflowId: string, args: unknown[]): Promise<void> {
    try {
      await startChild(type, {
        workflowId,
        args,
        // Children live their own year: the cycle continuing as new or closing must not end them.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  async function startMeeting(m: Omit<MeetingInput, 'cycleId' | 'orgId' | 'meetingId' | 'since'>): Promise<string> {
    const meetingId = `${input.cycleId}-${m.key}`;
    const meeting: MeetingInput = { ...m, meetingId, cycleId: input.cycleId, orgId: input.orgId, since: lastMeetingAt };
    await startOnce('jointMeeting', c.meetingWorkflowId(meetingId), [meeting]);
    if (Date.parse(m.at) > Date.parse(lastMeetingAt)) lastMeetingAt = m.at;
    status.meetings.push(m.key);
    return meetingId;
  }

  /** Opens an accountability case (责任追究) as a child; the year end waits for it to be decided. */
  async function openCase(request: CaseRequest): Promise<void> {
    const policy = await acts.cycleCasePolicy();
    const input: CaseInput = {
      caseId: request.caseId,
      orgId: input_.orgId,
      cycleId: input_.cycleId,
      unitId: request.unitId,
      leaderId: request.leaderId,
      source: request.source,
      policy,
      openedBy: null,
    };
    try {
      const child = await startChild('accountabilityCase', {
        workflowId: caseWorkflowId(request.caseId),
        args: [input],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      caseResults.push(child.result().catch(() => undefined));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    status.cases.push(request.caseId);
    const why =
      request.source.kind === 'L3'
        ? `任务${request.source.taskId}逾期进入三级督办`
        : request.source.kind === 'ASSESSMENT'
          ? `年度考核得分${request.source.score}分，低于${request.source.threshold}分`
          : request.source.reason;
    await record('CASE_OPENED', `${why}，对${request.unitId}启动责任追究程序（案件编号${request.caseId}）`);
  }

  /** Marks dated events already past as done: a cycle opened in March sends no January bulletin late. */
  function skipPast(cal: CycleCalendar): void {
    for (const e of dueEvents(cal)) if (e.at <= now()) done.add(e.key);
  }

  // ---- queries and updates --------------------------------------------------------------------------
  setHandler(c.getCycleStatus, () => status);
  setHandler(c.getCycleCalendar, () => calendar ?? null);
  setHandler(c.cycleRecorded, async () => {
    await condition(() => recorded);
    return status;
  });

  setHandler(
    c.planSubmitted,
    async ({ actor, version, taskCount }) => {
      const revised = status.planVersion !== null;
      status.planVersion = version;
      status.tasksPlanned = taskCount;
      const what = revised ? '修订' : '提交';
      await record(
        'PLAN_SUBMITTED',
        `组织协调室${what}${input.year}年度工作计划（第${version}版，任务${taskCount}项），待领导小组审定`,
        {
          actor,
          action: 'cycle.submitPlan',
          payload: { version, taskCount },
          notice: { title: `【待审定】${input.year}年度工作计划（第${version}版）`, audience: ['GROUP'] },
        },
      );
      return status;
    },
    {
      validator: ({ actor, version }) => {
        requireRole(actor, 'OFFICE', '年度工作计划由组织协调室提交');
        if (status.phase !== 'PLANNING') reject(`年度工作计划已经审定（${PHASE_LABEL[status.phase]}），不能再修改`);
        if (version <= (status.planVersion ?? 0)) reject(`已有更新的计划版本（第${status.planVersion}版）`);
      },
    },
  );

  setHandler(
    c.approvePlan,
    async ({ actor, version, comment }) => {
      status.phase = 'DECOMPOSING';
      status.approvedVersion = version;
      status.approvedBy = actor.personId;
      status.approvedAt = nowIso();
      approver = actor;
      const note = comment ? `，意见：${comment}` : '';
      await record(
        'PLAN_APPROVED',
        `领导小组审定通过${input.year}年度工作计划（第${version}版）${note}，开始分解交办任务`,
        {
          actor,
          action: 'cycle.approvePlan',
          payload: { version, comment },
          notice: { title: `${input.year}年度工作计划已审定`, audience: ['OFFICE'] },
        },
      );
      return status;
    },
    {
      validator: ({ actor, version }) => {
        requireRole(actor, 'GROUP', '年度工作计划由领导小组审定');
        if (status.phase !== 'PLANNING') reject(`年度工作计划已经审定（${PHASE_LABEL[status.phase]}）`);
        if (status.planVersion === null) reject('组织协调室尚未提交年度工作计划');
        if (version !== status.planVersion) {
          reject(`审定的不是最新版本：最新为第${status.planVersion}版，请查看后再审定`);
        }
      },
    },
  );

  setHandler(
    c.callMeeting,
    async ({ actor, title, at, confirmBy, place, topics }) => {
      adHocMeetings += 1;
      const meetingId = await startMeeting({
        key: `a${adHocMeetings}`,
        kind: 'AD_HOC',
        title,
        at,
        confirmBy,
        place,
        topics,
        calledBy: actor,
      });
      await record('MEETING_CALLED', `组织协调室召集临时联席会议「${title}」，会议编号${meetingId}`, {
        actor,
        action: 'meeting.call',
        payload: { meetingId, title, at, confirmBy, place, topics },
      });
      return { ...status, meetingId };
    },
    {
      validator: ({ actor, title, at, confirmBy, place }) => {
        requireRole(actor, 'OFFICE', '联席会议由组织协调室召集');
        if (status.phase === 'CLOSED') reject('年度周期已结束，不能再召集会议');
        requireText(title, '会议名称');
        requireText(place, '会议地点');
        if (!(Date.parse(at) > now())) reject('会议时间须晚于现在');
        if (!(Date.parse(confirmBy) > now() && Date.parse(confirmBy) <= Date.parse(at))) {
          reject('参会确认时限须晚于现在、不晚于会议时间');
        }
      },
    },
  );

  setHandler(
    c.closeCycle,
    async ({ actor, reason }) => {
      status.phase = 'CLOSED';
      status.closedAt = nowIso();
      await record('CLOSED', `${input.year}年度周期结束：${reason}`, {
        actor,
        action: 'cycle.close',
        payload: { reason },
        notice: { title: `${input.year}年度周期已结束`, audience: ['OFFICE', 'GROUP'] },
      });
      return status;
    },
    {
      validator: ({ actor, reason }) => {
        requireRole(actor, 'OFFICE', '年度周期由组织协调室结束');
        if (status.phase === 'CLOSED') reject('年度周期已经结束');
        if (status.phase === 'DECOMPOSING') reject('年度计划任务正在分解交办，完成后才能结束');
        requireText(reason, '结束理由');
      },
    },
  );

  setHandler(calendarChanged, () => {
    replanNeeded = true;
  });

  setHandler(c.taskEscalated, ({ taskId, unitId, leaderId, dueDate }) => {
    const caseId = caseIdForTask(taskId);
    if (status.cases.includes(caseId) || pendingCases.some((p) => p.caseId === caseId)) return;
    pendingCases.push({ caseId, unitId, leaderId, source: { kind: 'L3', taskId, dueDate } });
  });

  setHandler(c.assessmentPublished, ({ assessmentId }) => {
    if (assessmentId === status.assessmentId) status.assessmentPublished = true;
  });

  // ---- dated events ---------------------------------------------------------------------------------
  async function fire(e: CycleEvent): Promise<void> {
    done.add(e.key);
    switch (e.kind) {
      case 'PLAN_DUE':
        if (status.phase !== 'PLANNING') return;
        status.planDueAlerted = true;
        await record(
          'PLAN_OVERDUE',
          `${input.year}年度工作计划超过审定时限（${status.planDueDate}）仍未审定，已提请组织协调室主任督办`,
          { notice: { title: `【督办】${input.year}年度工作计划逾期未审定`, audience: ['OFFICE_HEAD'] } },
        );
        return;
      case 'MEETING': {
        const m = e.meeting;
        const meetingId = await startMeeting({
          key: m.key,
          kind: 'REGULAR',
          title: m.title,
          at: m.at,
          confirmBy: m.confirmBy,
          place: '区纪委监委会议室',
          topics: [],
          calledBy: null,
        });
        await record('MEETING_NOTICE', `按年度安排发出「${m.title}」会议通知，会议编号${meetingId}`);
        return;
      }
      case 'INSPECTION': {
        if (status.phase !== 'RUNNING') return;
        const r = e.round;
        const roundId = `${input.cycleId}-${r.key}`;
        const { unitIds } = await acts.inspectionScope({ orgId: input.orgId });
        const round: InspectionInput = {
          roundId,
          cycleId: input.cycleId,
          orgId: input.orgId,
          key: r.key,
          kind: 'REGULAR',
          title: r.title,
          unitIds,
          checklist: [...REGULAR_CHECKLIST],
          selfCheckDueDate: r.selfCheckDueDate,
          findingsDueDate: r.findingsDueDate,
          calledBy: null,
        };
        await startOnce('inspectionRound', inspectionWorkflowId(roundId), [round]);
        status.inspections.push(r.key);
        await record('INSPECTION_STARTED', `按年度安排启动「${r.title}」，检查单位${unitIds.length}个，编号${roundId}`);
        return;
      }
      case 'CUT_OFF':
        if (status.phase === 'RUNNING') status.phase = 'YEAR_END';
        return;
      case 'BULLETIN': {
        const p = e.period;
        const published = await acts.publishCycleBulletin({
          workflowId,
          step: `bulletin-${p.key}`,
          cycleId: input.cycleId,
          orgId: input.orgId,
          key: p.key,
          from: p.from,
          to: p.to,
          asOf: nowIso(),
        });
        status.bulletins.push(p.key);
        await record(
          'BULLETIN_PUBLISHED',
          `发布${p.title}情况通报（${published.bulletinId}）：逾期未办结${published.openOverdue}项，点名单位${published.namedAtL3}个`,
        );
        return;
      }
    }
  }

  function carry(): CycleCarried {
    return {
      status,
      step,
      calendar: calendar!,
      done: [...done],
      approver,
      adHocMeetings,
      lastMeetingAt,
      pendingCases: [...pendingCases],
    };
  }

  /**
   * The year end (DOMAIN.md steps 6–8): the assessment as of the cut-off, reviewed by the office and published (by
   * the office, or by the cycle when the review time is over), cases for scores below the threshold, a wait for
   * the year's cases to be decided (at most the configured working days), the annual report, and the close.
   */
  async function yearEnd(): Promise<void> {
    const s = input.settings;
    const cutOff = calendar?.cutOffAt ?? nowIso();
    const assessed = await acts.runAssessment({
      cycleId: input.cycleId,
      orgId: input.orgId,
      modelId: s.scoringModel.id,
      modelVersion: s.scoringModel.version,
      cutOff,
      workflowId,
      step: 'assessment',
      computedBy: null,
    });
    status.assessmentId = assessed.assessmentId;
    status.assessmentPublished = assessed.state === 'PUBLISHED';
    const deadlines = await acts.yearEndDeadlines({
      from: s.cutOffDate,
      reviewWorkingDays: s.assessmentReviewWorkingDays,
      caseWaitWorkingDays: s.caseWaitWorkingDays,
    });
    await record(
      'ASSESSED',
      `截至${s.cutOffDate}完成年度考核评价计分（评分模型${s.scoringModel.id}第${s.scoringModel.version}版），请组织协调室于${deadlines.reviewBy.slice(0, 10)}前复核发布`,
      { notice: { title: `【待复核】${input.year}年度考核评价结果`, audience: ['OFFICE'] } },
    );
    const published = await condition(
      () => status.assessmentPublished,
      Math.max(0, Date.parse(deadlines.reviewByAt) - now()),
    );
    if (!published) {
      await acts.publishAssessment({
        cycleId: input.cycleId,
        orgId: input.orgId,
        workflowId,
        step: 'assessment-publish',
      });
      status.assessmentPublished = true;
      await record('ASSESSMENT_PUBLISHED', `复核期满，年度考核评价结果已发布`);
    } else {
      await record('ASSESSMENT_PUBLISHED', `组织协调室已发布年度考核评价结果`);
    }
    const low = await acts.scoresBelow({ assessmentId: status.assessmentId!, threshold: s.assessmentThreshold });
    for (const u of low) {
      await openCase({
        caseId: `score-${input.cycleId}-${u.unitId}`,
        unitId: u.unitId,
        leaderId: null,
        source: {
          kind: 'ASSESSMENT',
          assessmentId: status.assessmentId!,
          score: u.score,
          threshold: s.assessmentThreshold,
        },
      });
    }
    while (pendingCases.length > 0) await openCase(pendingCases.shift()!);
    const decided = await Promise.race([
      Promise.all(caseResults).then(() => true),
      sleepUntil(deadlines.caseWaitUntilAt).then(() => false),
    ]);
    const open = await acts.openCycleCases({ cycleId: input.cycleId });
    await record(
      'CASES_SETTLED',
      decided && open === 0
        ? `本年度责任追究案件${status.cases.length}件均已作出处理决定`
        : `等待期满，尚有${open}件责任追究案件未作出处理决定，年度通报注明`,
    );
    const report = await acts.publishAnnualReport({
      workflowId,
      step: 'annual-report',
      cycleId: input.cycleId,
      orgId: input.orgId,
      year: input.year,
      asOf: nowIso(),
      assessmentId: status.assessmentId!,
      openCases: open,
    });
    status.annualReportId = report.bulletinId;
    await record('ANNUAL_REPORT', `发布${input.year}年度通报（${report.bulletinId}），报领导小组并通报各单位`);
    status.phase = 'CLOSED';
    status.closedAt = nowIso();
    await record('CLOSED', `${input.year}年度周期结束`, {
      notice: { title: `${input.year}年度周期已结束`, audience: ['OFFICE', 'GROUP'] },
    });
  }

  const sleepUntil = (iso: string) => sleep(Math.max(0, Date.parse(iso) - now()));

  async function continueFresh(): Promise<never> {
    await condition(allHandlersFinished);
    return continueAsNew<typeof annualCycle>(input, carry());
  }

  /** Starts the approved plan's tasks a batch at a time, continuing as new every `childrenPerRun` children. */
  async function decompose(): Promise<void> {
    const { decomposeBatch, childrenPerRun } = input.settings;
    let startedThisRun = 0;
    while (status.tasksStarted < status.tasksPlanned) {
      if (startedThisRun >= childrenPerRun || workflowInfo().continueAsNewSuggested) {
        await record('DECOMPOSING', `任务分解交办进行中：已交办${status.tasksStarted}项，共${status.tasksPlanned}项`);
        await continueFresh();
      }
      const batch: TaskInput[] = await acts.loadPlanBatch({
        cycleId: input.cycleId,
        version: status.approvedVersion!,
        offset: status.tasksStarted,
        limit: Math.min(decomposeBatch, childrenPerRun - startedThisRun),
        assignedAt: status.approvedAt!,
        actor: approver!,
      });
      if (batch.length === 0) break;
      await Promise.all(batch.map((t) => startOnce('supervisedTask', taskWorkflowId(t.taskId), [t])));
      status.tasksStarted += batch.length;
      startedThisRun += batch.length;
    }
    status.phase = 'RUNNING';
    await record('DECOMPOSED', `年度工作计划的${status.tasksStarted}项任务已全部分解交办到责任单位`, {
      notice: { title: `${input.year}年度任务已分解交办`, audience: ['OFFICE'] },
    });
  }

  // ---- the cycle's year -------------------------------------------------------------------------------
  if (!calendar) {
    calendar = await acts.planCycleCalendar({ year: input.year, settings: input.settings });
    skipPast(calendar);
  }
  if (!carried) {
    await record('OPENED', `${input.year}年度周期启动，年度工作计划须于${status.planDueDate}前报领导小组审定`, {
      actor: input.openedBy,
      action: 'cycle.open',
      payload: { year: input.year, settings: input.settings },
    });
    recorded = true;
  }

  while (status.phase !== 'CLOSED') {
    if (status.phase === 'DECOMPOSING') {
      await decompose();
      continue;
    }
    if (replanNeeded) {
      replanNeeded = false;
      calendar = await acts.planCycleCalendar({ year: input.year, settings: input.settings });
      continue;
    }
    if (pendingCases.length > 0) {
      await openCase(pendingCases.shift()!);
      continue;
    }
    if (status.phase === 'YEAR_END' && !yearEndRunning) {
      // The year end runs beside the dated events: December's bulletin still goes out while the office reviews.
      yearEndRunning = yearEnd();
      continue;
    }
    if (workflowInfo().continueAsNewSuggested && !yearEndRunning) await continueFresh();
    const next = dueEvents(calendar).find((e) => !done.has(e.key));
    const seen = changes;
    const phase = status.phase;
    const woke = next
      ? await condition(
          () => changes !== seen || status.phase !== phase || replanNeeded || pendingCases.length > 0,
          Math.max(0, next.at - now()),
        )
      : (await condition(() => changes !== seen || status.phase !== phase || replanNeeded || pendingCases.length > 0),
        true);
    if (!woke && next) await fire(next);
  }

  await yearEndRunning;
  await condition(allHandlersFinished);
  return status;
}
