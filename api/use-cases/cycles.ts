import { createHash } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Pool } from 'pg';
import type { TaskPolicies } from '../../config/task-policy';
import { shippedScoringModels } from '../../activities/assessment';
import { appendAudit } from '../../db/queries/audit';
import { parsePlanFile, PlanError, validatePlan, type Plan, type PlanContext } from '../../db/plan-file';
import {
  findCycle,
  findPlan,
  listCycleTimeline,
  listCycles,
  listPlans,
  storePlan,
  type CycleRow,
} from '../../db/queries/cycles';
import { cycleProgress, upcomingDeadlines } from '../../db/queries/cycle-read';
import * as c from '../../procedures/cycle/messages';
import type { Actor, TaskInput } from '../../procedures/task/messages';
import { actorOf, updateOptions, auditRefusal, authoriseFunction, refusedUpdate, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { act } from './act';
import { AppError } from '../errors';
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

/** Opens a cycle (or finds the one already open): `created` tells which. */
export async function startCycle(
  deps: Pick<AppDeps, 'temporal' | 'taskQueue'>,
  p: { orgId: string; year: number; settings?: CycleSettingsInput; openedBy: Actor | null },
): Promise<{ status: c.CycleStatus; created: boolean }> {
  const cycleId = c.cycleIdOf(p.orgId, p.year);
  const input: c.CycleInput = {
    cycleId,
    orgId: p.orgId,
    year: p.year,
    settings: { ...c.defaultCycleSettings(p.year), ...p.settings },
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
export async function cycleOf(deps: AppDeps, caller: Caller, cycleId: string, action: Action): Promise<CycleRow> {
  await authoriseFunction(deps, caller, action, { type: 'cycle', id: cycleId });
  const cycle = await findCycle(deps.db, cycleId);
  if (!cycle || cycle.orgId !== caller.identity.orgId) {
    await auditRefusal(deps, caller, action, { type: 'cycle', id: cycleId }, 'no such cycle');
    throw AppError.notFound('年度周期不存在');
  }
  return cycle;
}

/** The office opens the year's cycle; 201 when this call opened it, 200 with the existing one otherwise. */
export async function openCycle(
  deps: AppDeps,
  caller: Caller,
  body: { year: number } & CycleSettingsInput,
): Promise<{ created: boolean; cycle: Awaited<ReturnType<typeof getCycle>> }> {
  await authoriseFunction(deps, caller, 'cycle.open', { type: 'cycle' });
  const { year, ...settings } = body;
  const thisYear = new Date().getUTCFullYear();
  if (year < thisYear - 1 || year > thisYear + 1) {
    throw new AppError('invalid-year', 422, `只能启动${thisYear - 1}至${thisYear + 1}年的年度周期`, [
      { field: 'body.year', message: `expected ${thisYear - 1} to ${thisYear + 1}` },
    ]);
  }
  if (
    settings.planDueDate &&
    !settings.planDueDate.startsWith(`${year - 1}-`) &&
    !settings.planDueDate.startsWith(`${year}-`)
  ) {
    throw new AppError('invalid-plan-due-date', 422, '计划审定时限须在上一年或当年之内', [
      { field: 'body.planDueDate', message: `expected a date in ${year - 1} or ${year}` },
    ]);
  }
  if (settings.cutOffDate && !settings.cutOffDate.startsWith(`${year}-`)) {
    throw new AppError('invalid-cut-off', 422, '考核截止日期须在当年之内', [
      { field: 'body.cutOffDate', message: `expected a date in ${year}` },
    ]);
  }
  // The cycle is assessed with the model chosen now: the current default unless the office names one.
  const models = shippedScoringModels();
  const model = settings.scoringModel ?? { id: models.default.id, version: models.default.version };
  if (!models.find(model.id, model.version)) {
    throw new AppError('unknown-scoring-model', 422, '没有这个考核评分模型版本', [
      { field: 'body.scoringModel', message: 'no such scoring model version' },
    ]);
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
      orgId: caller.identity.orgId,
      actorId: caller.identity.personId,
      actorRoles: caller.identity.roles,
      tokenId: caller.identity.credentialId,
      requestId: caller.requestId,
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
    cycleProgress(deps.db, cycleId),
    upcomingDeadlines(deps.db, cycleId, 10),
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

/** What a plan may refer to: the organisation's active units, people and leaders, and the task types. */
export async function planContext(db: Pool, orgId: string, year: number, policies: TaskPolicies): Promise<PlanContext> {
  const units = await db.query<{ id: string }>({
    text: `SELECT id FROM units WHERE org_id = $1 AND active AND kind IN ('DEPARTMENT', 'TOWN', 'VILLAGE', 'OFFICE')`,
    values: [orgId],
  });
  const people = await db.query<{ id: string; leader: boolean }>({
    text: `SELECT id, 'LEADER' = ANY(roles) AS leader FROM people WHERE org_id = $1 AND active`,
    values: [orgId],
  });
  return {
    year,
    units: new Set(units.rows.map((r) => r.id)),
    people: new Set(people.rows.map((r) => r.id)),
    leaders: new Set(people.rows.filter((r) => r.leader).map((r) => r.id)),
    taskTypes: new Set(policies.keys()),
  };
}

/** The id of a plan task: readable (`<cycle>-<goal>-<key>`), or hashed when that would be too long for an id. */
export function planTaskId(cycleId: string, goalId: string, key: string): string {
  const readable = `${cycleId}-${goalId}-${key}`;
  if (readable.length <= 64) return readable;
  return `${cycleId}-${createHash('sha256').update(`${goalId}\n${key}`).digest('hex').slice(0, 16)}`;
}

/** The plan's tasks as their workflows will be started (assignment time and actor are set at approval). */
export function planTasks(cycleId: string, orgId: string, plan: Plan, policies: TaskPolicies) {
  return plan.goals.flatMap((goal) =>
    goal.tasks.map((t) => {
      const input: Omit<TaskInput, 'assignedAt' | 'actor' | 'createdBy'> = {
        taskId: planTaskId(cycleId, goal.id, t.key),
        orgId,
        title: t.title,
        leadUnitId: t.leadUnit,
        coUnitIds: t.coUnits,
        leaderId: t.leader,
        requirements: t.requirements,
        standard: t.standard,
        limit: t.dueDate ? { kind: 'DATE', date: t.dueDate } : { kind: 'WORKING_DAYS', days: t.workingDays ?? 1 },
        policy: policies.get(t.type)!,
        cycleId,
        goalId: goal.id,
      };
      return { taskId: input.taskId, goalId: goal.id, input };
    }),
  );
}

const PHASE_ENDED: Record<string, string> = {
  DECOMPOSING: '年度工作计划已经审定，不能再修改',
  RUNNING: '年度工作计划已经审定，不能再修改',
  CLOSED: '年度周期已经结束',
};

/**
 * The office submits (or revises) the year's plan, as YAML text or a JSON value: validated whole — every bad
 * row named, with its line for YAML — stored as the next version, and the cycle told. Nothing is stored when
 * any row is wrong.
 */
export async function submitPlan(
  deps: Pick<AppDeps, 'db' | 'temporal' | 'taskPolicies'>,
  caller: Caller,
  cycleId: string,
  raw: unknown,
) {
  const cycle = await cycleOf(deps as AppDeps, caller, cycleId, 'plan.submit');
  const ended = PHASE_ENDED[cycle.phase];
  if (ended) {
    await auditRefusal(deps, caller, 'plan.submit', { type: 'cycle', id: cycleId }, ended);
    throw AppError.conflict(ended);
  }
  const ctx = await planContext(deps.db, cycle.orgId, cycle.year, deps.taskPolicies);
  let plan: Plan;
  try {
    plan = typeof raw === 'string' ? parsePlanFile(raw, ctx) : validatePlan(raw, ctx);
  } catch (err) {
    if (!(err instanceof PlanError)) throw err;
    await auditRefusal(deps, caller, 'plan.submit', { type: 'cycle', id: cycleId }, 'invalid plan');
    throw new AppError(
      'invalid-plan',
      422,
      `年度工作计划有${err.problems.length}处问题，未予接收`,
      err.problems.map((p) => ({
        field: p.path === '(plan)' ? 'body' : `body.${p.path}`,
        message: p.line ? `line ${p.line}:${p.column ?? 1}: ${p.message}` : p.message,
      })),
    );
  }
  const tasks = planTasks(cycleId, cycle.orgId, plan, deps.taskPolicies);
  const version = await storePlan(deps.db, { cycleId, plan, tasks, submittedBy: caller.identity.personId });
  try {
    const status = await deps.temporal.workflow
      .getHandle(cycle.workflowId)
      .executeUpdate(
        c.planSubmitted,
        updateOptions(caller, [{ actor: actorOf(caller), version, taskCount: tasks.length }]),
      );
    return { cycleId, version, taskCount: tasks.length, goals: plan.goals.length, phase: status.phase };
  } catch (err) {
    return refusedUpdate(deps, caller, 'plan.submit', { type: 'cycle', id: cycleId }, err, '年度周期已经结束');
  }
}

/** A plan version (the newest when none is named), to those who review plans. */
export async function getPlan(deps: AppDeps, caller: Caller, cycleId: string, version?: number) {
  const cycle = await cycleOf(deps, caller, cycleId, 'plan.read');
  const wanted = version ?? cycle.planVersion;
  const plan = wanted ? await findPlan(deps.db, cycleId, wanted) : undefined;
  if (!plan) throw AppError.notFound(version ? `计划第${version}版不存在` : '尚未提交年度工作计划');
  return {
    ...plan,
    approved: cycle.approvedVersion === plan.version,
    versions: await listPlans(deps.db, cycleId),
  };
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
  const instance = { type: 'cycle' as const, id: cycleId, workflowId: cycle.workflowId, ended: '年度周期已经结束' };
  return act(deps, caller, instance, action, update, args);
}
