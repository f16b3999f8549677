import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { shippedScoringModels } from '../../activities/assessment';
import { appendAudit } from '../../db/queries/audit';
import { findScoringModel, scoringModelInForce } from '../../db/queries/scoring-model-versions';
import { cycleSettingsInForce } from '../../db/queries/rules-in-force';
import { accountabilityOf } from './cases';
import { listCycleTimeline, listCycles, type CycleRow } from '../../db/queries/cycles';
import { cycleProgress, upcomingDeadlines } from '../../db/queries/cycle-read';
import * as c from '../../procedures/cycle/messages';
import type { Actor } from '../../procedures/task/messages';
import { actorOf, auditActorOf, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { actOn, CYCLE, listScopeOf, visible } from './instances';
import { AppError, said, type FieldProblem, type Said } from '../errors';
import type { Action } from '../policy';

/** What the office may set when it opens a cycle; the rest comes from `defaultCycleSettings`. */
export type CycleSettingsInput = Partial<
  Pick<
    c.CycleSettings,
    | 'planDueDate'
    | 'meetingMonths'
    | 'meetingDay'
    | 'meetingTime'
    | 'bulletinCadence'
    | 'inspectionMonths'
    | 'cutOffDate'
    | 'scoringModel'
  >
>;

/**
 * Opens a cycle (or finds the one already open): `created` tells which. Its settings are the defaults, then what the
 * organisation's rules in force give (issue 22: the calendar of its procedure defaults, the threshold of its
 * accountability rules), then what the office set for this cycle.
 */
export async function startCycle(
  deps: Pick<AppDeps, 'temporal' | 'taskQueue' | 'db' | 'accountability'>,
  p: { orgId: string; year: number; settings?: CycleSettingsInput; openedBy: Actor | null },
): Promise<{ status: c.CycleStatus; created: boolean }> {
  const cycleId = c.cycleIdOf(p.orgId, p.year);
  const inForce = await cycleSettingsInForce(deps.db, p.orgId, () => accountabilityOf(deps));
  const input: c.CycleInput = {
    cycleId,
    orgId: p.orgId,
    year: p.year,
    settings: { ...c.defaultCycleSettings(p.year), ...inForce, ...p.settings },
    openedBy: p.openedBy,
  };
  const start = new WithStartWorkflowOperation('annualCycle', {
    taskQueue: deps.taskQueue,
    workflowId: c.cycleWorkflowId(cycleId),
    args: [input],
    // One cycle per organisation and year: starting it again joins the one that runs.
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  try {
    const status = await deps.temporal.workflow.executeUpdateWithStart(c.cycleRecorded, {
      startWorkflowOperation: start,
    });
    const created = p.openedBy !== null && status.openedRequestId === p.openedBy.requestId;
    return { status, created };
  } catch (err) {
    // The year's cycle ran and has closed: it is still the year's cycle, never a second one.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const status = await deps.temporal.workflow.getHandle(c.cycleWorkflowId(cycleId)).query(c.getCycleStatus);
    return { status, created: false };
  }
}

/** The caller's organisation's cycle, once the caller may `action` on cycles (404 for another organisation's). */
export const cycleOf = (deps: AppDeps, caller: Caller, cycleId: string, action: Action): Promise<CycleRow> =>
  visible(deps, caller, CYCLE, cycleId, action);

/** What is wrong with the year and settings of a cycle to open, every problem at once (the first gives the code). */
function settingProblems(year: number, settings: CycleSettingsInput, modelExists: boolean) {
  const problems: { code: string; detail: Said; field: FieldProblem }[] = [];
  const thisYear = new Date().getUTCFullYear();
  if (year < thisYear - 1 || year > thisYear + 1) {
    problems.push({
      code: 'invalid-year',
      detail: said(
        `只能启动${thisYear - 1}至${thisYear + 1}年的年度周期`,
        `Only cycles of ${thisYear - 1} to ${thisYear + 1} can be opened`,
      ),
      field: {
        field: 'body.year',
        message: said(`须为${thisYear - 1}至${thisYear + 1}年`, `expected ${thisYear - 1} to ${thisYear + 1}`),
      },
    });
  }
  const { planDueDate, cutOffDate } = settings;
  if (planDueDate && !planDueDate.startsWith(`${year - 1}-`) && !planDueDate.startsWith(`${year}-`)) {
    problems.push({
      code: 'invalid-plan-due-date',
      detail: said(
        '计划审定时限须在上一年或当年之内',
        'The plan’s due date must be in the year before or the year itself',
      ),
      field: {
        field: 'body.planDueDate',
        message: said(`须为${year - 1}年或${year}年内的日期`, `expected a date in ${year - 1} or ${year}`),
      },
    });
  }
  if (cutOffDate && !cutOffDate.startsWith(`${year}-`)) {
    problems.push({
      code: 'invalid-cut-off',
      detail: said('考核截止日期须在当年之内', 'The cut-off date must be in the year'),
      field: { field: 'body.cutOffDate', message: said(`须为${year}年内的日期`, `expected a date in ${year}`) },
    });
  }
  if (!modelExists) {
    problems.push({
      code: 'unknown-scoring-model',
      detail: said('没有这个考核评分模型版本', 'There is no such version of a scoring model'),
      field: { field: 'body.scoringModel', message: said('考核评分模型版本不存在', 'no such scoring model version') },
    });
  }
  return problems;
}

/** The office opens the year's cycle; 201 when this call opened it, 200 with the existing one otherwise. */
export async function openCycle(
  deps: AppDeps,
  caller: Caller,
  body: { year: number } & CycleSettingsInput,
): Promise<{ created: boolean; cycle: Awaited<ReturnType<typeof getCycle>> }> {
  await authoriseFunction(deps, caller, 'cycle.open', { type: 'cycle' });
  const { year, ...settings } = body;
  // The cycle is assessed with the model chosen now: the organisation's version in force (issue 22; none published:
  // the deployment's default) unless the office names one. It keeps it: a later version reaches new cycles only.
  const models = shippedScoringModels();
  const { orgId } = caller.identity;
  const inForce = (await scoringModelInForce(deps.db, orgId, models)).model;
  const model = settings.scoringModel ?? { id: inForce.id, version: inForce.version };
  const refused = settingProblems(year, settings, !!(await findScoringModel(deps.db, orgId, model, models)));
  if (refused.length > 0) {
    const first = refused[0]!;
    const detail =
      refused.length === 1
        ? first.detail
        : said(`年度周期的设置有${refused.length}处问题`, `The cycle's settings have ${refused.length} problems`);
    throw new AppError(
      first.code,
      422,
      detail,
      refused.map((r) => r.field),
    );
  }
  const { status, created } = await startCycle(deps, {
    orgId: caller.identity.orgId,
    year,
    settings: { ...settings, scoringModel: model },
    openedBy: actorOf(caller),
  });
  if (!created) {
    // Asking again is not an error: the audit log records that this call found the year's cycle already open.
    await appendAudit(deps.db, {
      ...auditActorOf(caller),
      action: 'cycle.open',
      objectType: 'cycle',
      objectId: status.cycleId,
      payload: { year, created: false },
      outcome: 'DONE',
    });
  }
  return { created, cycle: await getCycle(deps, caller, status.cycleId) };
}

const cycleView = (row: CycleRow) => ({
  id: row.id,
  orgId: row.orgId,
  year: row.year,
  phase: row.phase,
  planVersion: row.planVersion,
  approvedVersion: row.approvedVersion,
  planDueDate: row.planDueDate,
  tasksPlanned: row.tasksPlanned,
  tasksStarted: row.tasksStarted,
  openedBy: row.openedBy,
  openedAt: row.openedAt,
  approvedBy: row.approvedBy,
  approvedAt: row.approvedAt,
  closedAt: row.closedAt,
  settings: row.settings as c.CycleSettings,
});

export async function findCycles(deps: AppDeps, caller: Caller) {
  await authoriseFunction(deps, caller, 'cycle.read', { type: 'cycle' });
  return (await listCycles(deps.db, caller.identity.orgId)).map(cycleView);
}

/**
 * A cycle as the office's board reads it: phase and plan, counts by state and light per unit and per goal, the
 * nearest deadlines, the dated events still ahead (meetings, bulletins) and the cycle's timeline.
 */
export async function getCycle(deps: AppDeps, caller: Caller, cycleId: string) {
  const cycle = await cycleOf(deps, caller, cycleId, 'cycle.read');
  const [progress, deadlines, timeline, upcoming] = await Promise.all([
    cycleProgress(deps.db, cycleId, listScopeOf(caller)),
    upcomingDeadlines(deps.db, cycleId, listScopeOf(caller), 10),
    listCycleTimeline(deps.db, cycleId),
    upcomingEvents(deps, cycle),
  ]);
  return { ...cycleView(cycle), ...progress, upcomingDeadlines: deadlines, upcoming, timeline };
}

/** How long the board waits for the workflow's calendar; a busy cycle (decomposing thousands of tasks) answers late. */
const CALENDAR_QUERY_MS = 2_000;

/** Meetings and bulletins still ahead, from the workflow's calendar (empty when Temporal does not answer in time). */
async function upcomingEvents(deps: AppDeps, cycle: CycleRow) {
  if (cycle.phase === 'CLOSED') return [];
  const calendar = await Promise.race([
    deps.temporal.workflow
      .getHandle(cycle.workflowId)
      .query(c.getCycleCalendar)
      .catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CALENDAR_QUERY_MS).unref()),
  ]);
  if (!calendar) return [];
  const now = Date.now();
  return [
    ...calendar.meetings
      .filter((m) => Date.parse(m.at) > now)
      .map((m) => ({ kind: 'MEETING' as const, key: m.key, title: m.title, at: m.at })),
    ...calendar.bulletins
      .filter((b) => Date.parse(b.at) > now)
      .map((b) => ({ kind: 'BULLETIN' as const, key: b.key, title: `${b.title}情况通报`, at: b.at })),
  ].sort((a, b) => a.at.localeCompare(b.at));
}

/** One action on the cycle on the caller's behalf (act: 409 with the workflow's reason when refused). */
export async function actOnCycle<A extends { actor: Actor }>(
  deps: AppDeps,
  caller: Caller,
  cycleId: string,
  action: Action,
  update: c.CycleUpdate<A>,
  args: Omit<A, 'actor'>,
): Promise<c.CycleStatus> {
  const cycle = await cycleOf(deps, caller, cycleId, action);
  return actOn(deps, caller, CYCLE, cycle, action, update, args);
}
