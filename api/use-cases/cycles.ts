import { createHash } from 'node:crypto';
import { WithStartWorkflowOperation, type UpdateDefinition } from '@temporalio/client';
import { cycleProgress, findCycle, savePlanRevision } from '../../db/queries/cycles';
import { checkPlan, type Plan, type PlanContext } from '../../db/plan-file';
import * as c from '../../workflows/cycle-messages';
import { actorOf, auditRefusal, authorise, authoriseFunction, refusedUpdate, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError } from '../errors';
import type { Action } from '../policy';

const pathText = (path: (string | number)[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? `body.${p}` : `.${p}`)).join('');

/** What a plan may refer to: the organisation's active units, people and leaders, and the task types. */
export async function planContext(deps: AppDeps, orgId: string, year: number): Promise<PlanContext> {
  const [units, people] = await Promise.all([
    deps.db.query<{ id: string }>({ text: 'SELECT id FROM units WHERE org_id = $1 AND active', values: [orgId] }),
    deps.db.query<{ id: string; roles: string[] }>({
      text: 'SELECT id, roles FROM people WHERE org_id = $1 AND active',
      values: [orgId],
    }),
  ]);
  return {
    year,
    units: new Set(units.rows.map((u) => u.id)),
    people: new Set(people.rows.map((p) => p.id)),
    leaders: new Set(people.rows.filter((p) => p.roles.includes('LEADER')).map((p) => p.id)),
    taskTypes: new Set(deps.taskPolicies.keys()),
  };
}

/** Opens the organisation's cycle for a year (年度周期); opening it again answers the existing one. */
export async function openCycle(deps: AppDeps, caller: Caller, year: number, approvalDueDate: string | undefined) {
  await authoriseFunction(deps, caller, 'cycle.open', { type: 'cycle' });
  const { orgId } = caller.identity;
  const cycleId = `${orgId}-${year}`;
  const existing = await findCycle(deps.db, cycleId);
  if (existing) return { created: false, cycle: existing };
  const input: c.CycleInput = {
    cycleId,
    orgId,
    year,
    approvalDueDate: approvalDueDate ?? `${year}-01-31`,
    actor: actorOf(caller),
  };
  const start = new WithStartWorkflowOperation('annualCycle', {
    taskQueue: deps.taskQueue,
    workflowId: c.cycleWorkflowId(orgId, year),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  const recorded = await deps.temporal.workflow.startUpdateWithStart(c.cycleRecorded, {
    waitForStage: 'ACCEPTED',
    startWorkflowOperation: start,
  });
  await recorded.result();
  return { created: true, cycle: (await findCycle(deps.db, cycleId))! };
}

async function visibleCycle(deps: AppDeps, caller: Caller, cycleId: string, action: Action) {
  const cycle = await findCycle(deps.db, cycleId);
  if (!cycle) {
    await auditRefusal(deps, caller, action, { type: 'cycle', id: cycleId }, 'no such cycle');
    throw AppError.notFound('年度周期不存在');
  }
  await authorise(deps, caller, action, { type: 'organisation', orgId: cycle.orgId }, { type: 'cycle', id: cycleId });
  return cycle;
}

export async function getCycle(deps: AppDeps, caller: Caller, cycleId: string) {
  const cycle = await visibleCycle(deps, caller, cycleId, 'cycle.read');
  return { ...cycle, ...(await cycleProgress(deps.db, cycleId)) };
}

async function update<A>(
  deps: AppDeps,
  caller: Caller,
  cycleId: string,
  action: Action,
  def: UpdateDefinition<c.CycleStatus, [A]>,
  args: [A],
) {
  const cycle = await visibleCycle(deps, caller, cycleId, action);
  try {
    return await deps.temporal.workflow.getHandle(cycle.workflowId).executeUpdate(def, { args });
  } catch (err) {
    return refusedUpdate(deps, caller, action, { type: 'cycle', id: cycleId }, err, '年度周期已结束');
  }
}

/**
 * The office submits (or revises) the year's plan: validated whole against the organisation (a bad row is
 * named and nothing is kept), stored as the next revision, then announced to the cycle workflow.
 */
export async function submitPlan(deps: AppDeps, caller: Caller, cycleId: string, plan: Plan) {
  await authoriseFunction(deps, caller, 'cycle.plan', { type: 'cycle', id: cycleId });
  const cycle = await visibleCycle(deps, caller, cycleId, 'cycle.plan');
  const problems = checkPlan(plan, await planContext(deps, cycle.orgId, cycle.year));
  if (problems.length > 0) {
    const fields = problems.map((p) => ({ field: pathText(p.path), message: p.message }));
    await auditRefusal(deps, caller, 'cycle.plan', { type: 'cycle', id: cycleId }, `${fields.length} problem(s)`);
    throw new AppError('invalid-plan', 422, `年度计划有${fields.length}处问题，未予接收`, fields);
  }
  const actor = actorOf(caller);
  const tasks = plan.goals.flatMap((goal) =>
    goal.tasks.map((t) => ({
      taskId: `t-${createHash('sha256').update(`${cycleId}\n${goal.id}\n${t.key}`).digest('hex').slice(0, 12)}`,
      orgId: cycle.orgId,
      title: t.title,
      leadUnitId: t.leadUnit,
      coUnitIds: t.coUnits,
      leaderId: t.leader,
      requirements: t.requirements,
      standard: t.standard,
      limit: t.dueDate
        ? { kind: 'DATE' as const, date: t.dueDate }
        : { kind: 'WORKING_DAYS' as const, days: t.workingDays! },
      policy: deps.taskPolicies.get(t.type)!,
      cycleId,
      createdBy: actor.personId,
      actor,
    })),
  );
  const goals = plan.goals.map((g) => ({ id: g.id, title: g.title, priority: g.priority, tasks: g.tasks.length }));
  const revision = await savePlanRevision(deps.db, cycleId, { goals, tasks }, actor.personId);
  return update(deps, caller, cycleId, 'cycle.plan', c.submitPlan, [{ actor, revision, taskCount: tasks.length }]);
}

export async function approvePlan(deps: AppDeps, caller: Caller, cycleId: string) {
  await authoriseFunction(deps, caller, 'cycle.approve', { type: 'cycle', id: cycleId });
  return update(deps, caller, cycleId, 'cycle.approve', c.approvePlan, [{ actor: actorOf(caller) }]);
}

export async function closeCycle(deps: AppDeps, caller: Caller, cycleId: string, reason: string) {
  await authoriseFunction(deps, caller, 'cycle.close', { type: 'cycle', id: cycleId });
  return update(deps, caller, cycleId, 'cycle.close', c.closeCycle, [{ actor: actorOf(caller), reason }]);
}
