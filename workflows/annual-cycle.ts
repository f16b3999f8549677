import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CycleAudience } from '../activities/cycles';
import * as c from './cycle-messages';
import type { CycleCalendar, CycleInput, CycleStatus, MeetingInput } from './cycle-messages';
import { calendarChanged, taskWorkflowId, type Actor, type TaskInput } from './messages';
import { reject, requireText } from './task-rules';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const PHASE_LABEL: Record<c.CyclePhase, string> = {
  PLANNING: '计划编制中',
  DECOMPOSING: '任务分解中',
  RUNNING: '推进落实中',
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
}

type CycleEvent =
  | { kind: 'PLAN_DUE'; key: string; at: number }
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
  let recorded = carried !== undefined;
  let replanNeeded = false;
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
    return { status, step, calendar: calendar!, done: [...done], approver, adHocMeetings, lastMeetingAt };
  }

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
    if (workflowInfo().continueAsNewSuggested) await continueFresh();
    const next = dueEvents(calendar).find((e) => !done.has(e.key));
    const seen = changes;
    const phase = status.phase;
    const woke = next
      ? await condition(() => changes !== seen || status.phase !== phase || replanNeeded, Math.max(0, next.at - now()))
      : (await condition(() => changes !== seen || status.phase !== phase || replanNeeded), true);
    if (!woke && next) await fire(next);
  }

  await condition(allHandlersFinished);
  return status;
}
