import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { TaskPolicies } from '../../config/task-policy';
import { parsePlanFile, PlanError, validatePlan, type Plan, type PlanContext } from '../../db/plan-file';
import { findPlan, listPlans, storePlan } from '../../db/queries/cycles';
import * as c from '../../procedures/cycle/messages';
import type { TaskInput } from '../../procedures/task/messages';
import { actorOf, updateOptions, auditRefusal, refusedUpdate, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { atLine } from '../../config/file-problems';
import { AppError, said, type Said } from '../errors';
import { cycleOf } from './cycles';
import { localDate } from '../../procedures/time/working-days';
import { taskPoliciesOf } from './task-policies';

/** What a plan may refer to: the organisation's active units, people and leaders, and the task types. */
export async function planContext(
  db: Pool,
  orgId: string,
  year: number,
  policies: TaskPolicies,
  now?: Date,
): Promise<PlanContext> {
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
    ...(now ? { today: localDate(now) } : {}),
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
        ...(t.milestones?.length ? { milestones: t.milestones } : {}),
      };
      return { taskId: input.taskId, goalId: goal.id, input };
    }),
  );
}

const APPROVED = said('年度工作计划已经审定，不能再修改', 'The plan is approved already and can no longer be changed');
const PHASE_ENDED: Record<string, Said> = {
  DECOMPOSING: APPROVED,
  RUNNING: APPROVED,
  CLOSED: said('年度周期已经结束', 'The annual cycle has ended'),
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
    await auditRefusal(deps, caller, 'plan.submit', { type: 'cycle', id: cycleId }, ended.zh);
    throw AppError.conflict(ended);
  }
  const policies = await taskPoliciesOf(deps, cycle.orgId);
  const ctx = await planContext(deps.db, cycle.orgId, cycle.year, policies, new Date());
  let plan: Plan;
  try {
    plan = typeof raw === 'string' ? parsePlanFile(raw, ctx) : validatePlan(raw, ctx);
  } catch (err) {
    if (!(err instanceof PlanError)) throw err;
    await auditRefusal(deps, caller, 'plan.submit', { type: 'cycle', id: cycleId }, 'invalid plan');
    const n = err.problems.length;
    throw new AppError(
      'invalid-plan',
      422,
      said(`年度工作计划有${n}处问题，未予接收`, `The plan has ${n} problem${n > 1 ? 's' : ''}; nothing was stored`),
      err.problems.map((p) => ({ field: p.path === '(plan)' ? 'body' : `body.${p.path}`, message: atLine(p) })),
    );
  }
  const tasks = planTasks(cycleId, cycle.orgId, plan, policies);
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
    return refusedUpdate(deps, caller, 'plan.submit', { type: 'cycle', id: cycleId }, err, PHASE_ENDED.CLOSED!);
  }
}

/** A plan version (the newest when none is named), to those who review plans. */
export async function getPlan(deps: AppDeps, caller: Caller, cycleId: string, version?: number) {
  const cycle = await cycleOf(deps, caller, cycleId, 'plan.read');
  const wanted = version ?? cycle.planVersion;
  const plan = wanted ? await findPlan(deps.db, cycleId, wanted) : undefined;
  if (!plan) {
    throw AppError.notFound(
      version
        ? said(`计划第${version}版不存在`, `There is no version ${version} of the plan`)
        : said('尚未提交年度工作计划', 'No plan has been submitted yet'),
    );
  }
  return {
    ...plan,
    approved: cycle.approvedVersion === plan.version,
    versions: await listPlans(deps.db, cycleId),
  };
}
