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

/**
 * Patch id (2026-12, issue 22): the office may apply a newly published scoring model to a running cycle
 * (`scoringModelChanged`); before it, a cycle kept the model it opened with, and a signal that came was dropped.
 */
const SCORING_MODEL_CHANGE = 'cycle-scoring-model-change';

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
  /** Scoring models applied by the office and not yet taken (signals received just before continuing as new). */
  modelChanges?: c.ScoringModelChange[];
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
  const modelChanges: c.ScoringModelChange[] = [...(carried?.modelChanges ?? [])];
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
        // The input as it stands: its scoring model is the one the office last applied (`scoringModelChanged`).
        cycle: run.input,
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
  setHandler(c.scoringModelChanged, (change) => {
    // A history from before the patch ignored the signal; replayed, it still does.
    if (patched(SCORING_MODEL_CHANGE)) modelChanges.push(change);
  });

  /**
   * The cycle takes a scoring model the office applied to running cycles: a DRAFT assessment is scored again with it,
   * the cycle is assessed with it from now on (the input it continues as new with names it) and its timeline says so.
   * A published assessment is never touched: then the change is recorded as not taken, and nothing else changes.
   */
  async function takeScoringModel(change: c.ScoringModelChange): Promise<void> {
    const { model, name, reason, by, changes: diff } = change;
    const named = `第${model.version}版「${name}」`;
    const assessment = status.assessmentPublished
      ? 'PUBLISHED'
      : await acts.rescoreDraftAssessment({
          cycleId: input.cycleId,
          orgId: input.orgId,
          modelId: model.id,
          modelVersion: model.version,
          workflowId,
          step: `assessment-model-${step}`,
        });
    if (assessment === 'PUBLISHED') {
      await run.record({
        kind: 'SCORING_MODEL_NOT_TAKEN',
        message: `考核评分模型${named}未适用于本年度：年度考核评价结果已发布，不予改变`,
        actor: by,
      });
      return;
    }
    run.input = { ...run.input, settings: { ...run.input.settings, scoringModel: model } };
    const detail = diff.length > 0 ? `，主要变化：${diff.join('；')}` : '';
    await run.record({
      kind: 'SCORING_MODEL_CHANGED',
      message: `考核评分模型调整为${named}（${reason}）${detail}。本年度考核评价改按新模型计分`,
      actor: by,
    });
    if (assessment === 'RESCORED') {
      await run.record({
        kind: 'ASSESSMENT_RESCORED',
        message: `已按${named}重新计算年度考核评价结果（草稿），请组织协调室复核后发布`,
        notice: { title: `【待复核】${input.year}年度考核评价结果已按新模型重新计分`, audience: ['OFFICE'] },
      });
    }
  }

  async function fire(e: CycleEvent): Promise<void> {
    done.add(e.key);
    await fireDatedEvent(run, children, e);
  }

  async function continueFresh(): Promise<never> {
    await condition(allHandlersFinished);
    return continueAsNew<typeof annualCycle>(run.input, {
      status,
      step,
      calendar: calendar!,
      done: [...done],
      approver,
      adHocMeetings,
      lastMeetingAt: children.lastMeetingAt(),
      pendingCases: [...pendingCases],
      ...(modelChanges.length > 0 ? { modelChanges: [...modelChanges] } : {}),
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
    if (modelChanges.length > 0) {
      await takeScoringModel(modelChanges.shift()!);
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
    const changed = () =>
      changes !== seen || status.phase !== phase || replanNeeded || pendingCases.length > 0 || modelChanges.length > 0;
    const woke = next ? await condition(changed, Math.max(0, next.at - now())) : (await condition(changed), true);
    if (!woke && next) await fire(next);
  }

  await yearEndRunning;
  await condition(allHandlersFinished);
  while (pendingCases.length > 0 && patched(LATE_REFERRALS)) await children.openCase(pendingCases.shift()!);
  return status;
}
