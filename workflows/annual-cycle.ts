import { allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { caseIdForTask } from '../procedures/case/messages';
import { dueEvents, type CycleEvent } from '../procedures/cycle/dated-events';
import { cycleProcedure, type CycleMachine } from '../procedures/cycle/machine';
import * as c from '../procedures/cycle/messages';
import type { CycleCalendar, CycleInput, CycleStatus } from '../procedures/cycle/messages';
import * as steps from '../procedures/cycle/steps';
import { calendarChanged, type Actor } from '../procedures/task/messages';
import { cycleChildren } from './cycle/children';
import { fireDatedEvent } from './cycle/dated-events';
import { decomposePlan } from './cycle/decompose';
import { acts, type CaseRequest, type CycleRun } from './cycle/run';
import { runYearEnd } from './cycle/year-end';
import { registerActions } from './kernel/actions';
import { serveStatus, workflowClock } from './kernel/instance';

/**
 * Patch id (2026-12): an L3 referral that arrives while the cycle closes still opens its case; before it, the cycle
 * dropped it and the task's notice announced a referral nobody could find.
 */
const LATE_REFERRALS = 'late-referrals-open-cases';

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

/** A new cycle's status: planning, nothing submitted yet. */
function openingStatus(input: CycleInput, openedAt: string): CycleStatus {
  return {
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
    openedAt,
    openedRequestId: input.openedBy?.requestId ?? null,
    approvedBy: null,
    approvedAt: null,
    closedAt: null,
    version: 0,
  };
}

/**
 * The annual cycle (年度周期), DOMAIN.md "The annual cycle": the machine `cycleProcedure` run durably, one per
 * organisation and year. The office submits the plan (and revises it) until the leadership group approves it; an
 * unapproved plan by its due date alerts the office head. On approval every task of the plan becomes a
 * supervised-task child, in bounded batches, continuing as new so that a plan of thousands of tasks stays within
 * history limits. All year the cycle sends the regular joint meetings' notices (each meeting a child workflow), runs
 * the regular inspection rounds, publishes the periodic bulletins, takes ad-hoc meetings and opens the cases of L3
 * referrals; from the cut-off it runs the year end, until the cycle closes.
 */
export async function annualCycle(input: CycleInput, carried?: CycleCarried): Promise<CycleStatus> {
  const { workflowId, now, nowIso } = workflowClock();

  const status: CycleStatus = carried?.status ?? openingStatus(input, nowIso());
  const machine: CycleMachine = { status };
  let step = carried?.step ?? 0;
  let calendar = carried?.calendar;
  const done = new Set(carried?.done ?? []);
  let approver = carried?.approver ?? null;
  let adHocMeetings = carried?.adHocMeetings ?? 0;
  const pendingCases: CaseRequest[] = [...(carried?.pendingCases ?? [])];
  let recorded = carried !== undefined;
  let replanNeeded = false;
  let yearEndRunning: Promise<void> | undefined;
  let changes = 0;

  const run: CycleRun = {
    input,
    status,
    workflowId,
    now,
    nowIso,
    async record({ kind, message, actor, action, payload, notice }) {
      status.version += 1;
      changes += 1;
      const stepId = `${++step}-${kind.toLowerCase()}`;
      await acts.recordCycleEvent({
        workflowId,
        cycle: input,
        status: { ...status, meetings: [...status.meetings], bulletins: [...status.bulletins] },
        entry: { step: stepId, kind, message, at: nowIso(), actor },
        audit: action ? { action, payload: payload ?? {} } : undefined,
        notice: notice
          ? { kind: `CYCLE_${kind}`, title: notice.title, body: notice.body ?? message, audience: notice.audience }
          : undefined,
      });
    },
  };
  const children = cycleChildren(run, { lastMeetingAt: carried?.lastMeetingAt ?? status.openedAt });

  /** Marks dated events already past as done: a cycle opened in March sends no January bulletin late. */
  function skipPast(cal: CycleCalendar): void {
    for (const e of dueEvents(cal)) if (e.at <= now()) done.add(e.key);
  }

  // ---- queries and updates --------------------------------------------------------------------------
  serveStatus(
    c.getCycleStatus,
    c.cycleRecorded,
    () => status,
    () => recorded,
  );
  setHandler(c.getCycleCalendar, () => calendar ?? null);
  registerActions(cycleProcedure, {
    state: () => machine,
    now,
    async run(action, actionInput) {
      switch (action) {
        case 'planSubmitted':
          await run.record(steps.planSubmittedStep(machine, actionInput as c.PlanSubmittedInput));
          return status;
        case 'approvePlan': {
          const approval = steps.planApprovedStep(machine, actionInput as c.ApprovePlanInput, now());
          approver = actionInput.actor;
          await run.record(approval);
          return status;
        }
        case 'callMeeting': {
          const { actor, title, at, confirmBy, place, topics, warnings } = actionInput as c.CallMeetingInput;
          adHocMeetings += 1;
          const meetingId = await children.startMeeting({
            key: `a${adHocMeetings}`,
            kind: 'AD_HOC',
            title,
            at,
            confirmBy,
            place,
            topics,
            calledBy: actor,
            ...(warnings?.length ? { warnings } : {}),
          });
          const warned = warnings?.length ? `（召集时提示：${warnings.join('；')}）` : '';
          await run.record({
            kind: 'MEETING_CALLED',
            message: `组织协调室召集临时联席会议「${title}」，会议编号${meetingId}${warned}`,
            actor,
            action: 'meeting.call',
            payload: { meetingId, title, at, confirmBy, place, topics },
          });
          return { ...status, meetingId };
        }
        default:
          await run.record(steps.closedByOfficeStep(machine, actionInput as c.CloseCycleInput, now()));
          return status;
      }
    },
  });
  setHandler(calendarChanged, () => {
    replanNeeded = true;
  });
  setHandler(c.taskEscalated, ({ taskId, unitId, leaderId, dueDate, caseId: named }) => {
    // A task names its case since `l3-case-from-task`; one escalated before asks for the id made from its own.
    const caseId = named ?? caseIdForTask(taskId);
    if (status.cases.includes(caseId) || pendingCases.some((p) => p.caseId === caseId)) return;
    pendingCases.push({ caseId, unitId, leaderId, source: { kind: 'L3', taskId, dueDate } });
  });
  setHandler(c.assessmentPublished, ({ assessmentId }) => {
    if (assessmentId === status.assessmentId) status.assessmentPublished = true;
  });

  async function fire(e: CycleEvent): Promise<void> {
    done.add(e.key);
    await fireDatedEvent(run, children, e);
  }

  async function continueFresh(): Promise<never> {
    await condition(allHandlersFinished);
    return continueAsNew<typeof annualCycle>(input, {
      status,
      step,
      calendar: calendar!,
      done: [...done],
      approver,
      adHocMeetings,
      lastMeetingAt: children.lastMeetingAt(),
      pendingCases: [...pendingCases],
    });
  }

  // ---- the cycle's year -------------------------------------------------------------------------------
  if (!calendar) {
    calendar = await acts.planCycleCalendar({ orgId: input.orgId, year: input.year, settings: input.settings });
    skipPast(calendar);
  }
  if (!carried) {
    await run.record({
      kind: 'OPENED',
      message: `${input.year}年度周期启动，年度工作计划须于${status.planDueDate}前报领导小组审定`,
      actor: input.openedBy ?? undefined,
      action: 'cycle.open',
      payload: { year: input.year, settings: input.settings },
    });
    recorded = true;
  }

  while (status.phase !== 'CLOSED') {
    if (status.phase === 'DECOMPOSING') {
      await decomposePlan(run, children, approver!, continueFresh);
      continue;
    }
    if (replanNeeded) {
      replanNeeded = false;
      calendar = await acts.planCycleCalendar({ orgId: input.orgId, year: input.year, settings: input.settings });
      continue;
    }
    if (pendingCases.length > 0) {
      await children.openCase(pendingCases.shift()!);
      continue;
    }
    if (status.phase === 'YEAR_END' && !yearEndRunning) {
      // The year end runs beside the dated events: December's bulletin still goes out while the office reviews.
      yearEndRunning = runYearEnd(run, children, calendar, pendingCases);
      continue;
    }
    if (workflowInfo().continueAsNewSuggested && !yearEndRunning) await continueFresh();
    const next = dueEvents(calendar).find((e) => !done.has(e.key));
    const seen = changes;
    const phase = status.phase;
    const changed = () => changes !== seen || status.phase !== phase || replanNeeded || pendingCases.length > 0;
    const woke = next ? await condition(changed, Math.max(0, next.at - now())) : (await condition(changed), true);
    if (!woke && next) await fire(next);
  }

  await yearEndRunning;
  await condition(allHandlersFinished);
  while (pendingCases.length > 0 && patched(LATE_REFERRALS)) await children.openCase(pendingCases.shift()!);
  return status;
}
