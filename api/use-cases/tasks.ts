import type { UpdateDefinition } from '@temporalio/client';
import type { z } from 'zod';
import { findCycle } from '../../db/queries/cycles';
import { findPerson, findUnit } from '../../db/queries/organisation-read';
import { listTasks, type TaskFilter, type TaskSort } from '../../db/queries/task-read';
import { listTaskTimeline } from '../../db/queries/tasks';
import {
  taskRecorded,
  taskWorkflowId,
  type Actor,
  type TaskInput,
  type TaskStatus,
} from '../../procedures/task/messages';
import { actorOf, authoriseFunction, type Caller } from '../authorise';
import type { ListScope } from '../../db/queries/read-page';
import type { AppDeps } from '../deps';
import { instanceId, startRecorded } from './act';
import { actionsFor, actOn, findVisible, TASK, visible } from './instances';
import { AppError, type FieldProblem } from '../errors';
import type { Action } from '../policy';
import type { createTaskBody, reassignBody } from '../schemas';
import { withRemainingWorkingDays } from './remaining-days';
import { FIELD, ONE_TIME_LIMIT, TASK_TEXT } from '../field-texts';

/**
 * Units and leader of a task must exist in the caller's organisation (422 naming the field otherwise). `at`: where
 * the assignment is in the request, e.g. `body.resolutions[1]` for a meeting's resolution.
 */
export async function checkAssignment(
  deps: AppDeps,
  orgId: string,
  a: { leadUnitId: string; coUnitIds: string[]; leaderId: string },
  at = 'body',
): Promise<void> {
  const problems: FieldProblem[] = [];
  const inOrg = async <T extends { orgId: string }>(found: Promise<T | undefined>) => (await found)?.orgId === orgId;
  if (!(await inOrg(findUnit(deps.db, a.leadUnitId)))) {
    problems.push({ field: `${at}.leadUnitId`, message: FIELD.noUnit });
  }
  for (const [i, unitId] of a.coUnitIds.entries()) {
    if (unitId === a.leadUnitId) {
      problems.push({
        field: `${at}.coUnitIds[${i}]`,
        message: FIELD.leadAlsoCo,
      });
    } else if (a.coUnitIds.indexOf(unitId) !== i) {
      problems.push({ field: `${at}.coUnitIds[${i}]`, message: FIELD.listedTwice });
    } else if (!(await inOrg(findUnit(deps.db, unitId)))) {
      problems.push({ field: `${at}.coUnitIds[${i}]`, message: FIELD.noUnit });
    }
  }
  const leader = await findPerson(deps.db, a.leaderId);
  if (leader?.orgId !== orgId) problems.push({ field: `${at}.leaderId`, message: FIELD.noPerson });
  else if (!leader.roles.includes('LEADER')) problems.push({ field: `${at}.leaderId`, message: FIELD.notLeader });
  // Well-formed but naming what does not exist: 422, so 400 stays "the request itself is malformed".
  if (problems.length > 0) {
    throw new AppError('unknown-reference', 422, TASK_TEXT.unknownParty, problems);
  }
}

/** The office assigns a supervised task: its workflow records it and supervises it from then on. */
export async function createTask(
  deps: AppDeps,
  caller: Caller,
  body: z.output<typeof createTaskBody>,
  idempotencyKey?: string,
) {
  await authoriseFunction(deps, caller, 'task.create', { type: 'task' });
  const { orgId, personId } = caller.identity;
  const policy = deps.taskPolicies.get(body.type);
  if (!policy) {
    throw new AppError('unknown-reference', 422, TASK_TEXT.noTaskType, [
      { field: 'body.type', message: FIELD.noTaskType },
    ]);
  }
  if ((body.dueDate === undefined) === (body.workingDays === undefined)) {
    throw new AppError('invalid-time-limit', 422, ONE_TIME_LIMIT, [
      { field: 'body.dueDate', message: FIELD.oneTimeLimit },
    ]);
  }
  await checkAssignment(deps, orgId, body);
  if (body.cycleId) {
    // A task added during the year joins an open cycle of the caller's organisation.
    const cycle = await findCycle(deps.db, body.cycleId);
    if (cycle?.orgId !== orgId || cycle.phase === 'CLOSED') {
      const closed = cycle?.orgId === orgId;
      throw new AppError('unknown-reference', 422, closed ? TASK_TEXT.cycleEnded : TASK_TEXT.noCycle, [
        { field: 'body.cycleId', message: closed ? FIELD.cycleClosed : FIELD.noCycle },
      ]);
    }
  }
  const taskId = instanceId('t', '', caller, idempotencyKey);
  const input: TaskInput = {
    taskId,
    orgId,
    title: body.title,
    leadUnitId: body.leadUnitId,
    coUnitIds: body.coUnitIds,
    leaderId: body.leaderId,
    requirements: body.requirements,
    standard: body.standard,
    limit: body.dueDate ? { kind: 'DATE', date: body.dueDate } : { kind: 'WORKING_DAYS', days: body.workingDays ?? 1 },
    policy,
    assignedAt: new Date().toISOString(),
    cycleId: body.cycleId ?? null,
    createdBy: personId,
    actor: actorOf(caller),
  };
  const workflowId = taskWorkflowId(taskId);
  // The same Idempotency-Key again after a lost answer joins the task already started.
  const start = { taskQueue: deps.taskQueue, workflowType: 'supervisedTask', workflowId, input };
  const status = await startRecorded(deps.temporal, start, taskRecorded);
  return { id: taskId, workflowId, dueDate: status?.dueDate ?? body.dueDate ?? null };
}

/** A task with its timeline, if the caller's scope includes it. */
export async function getTask(deps: AppDeps, caller: Caller, taskId: string) {
  const row = await visible(deps, caller, TASK, taskId, 'task.read');
  const { unitLeaderIds: _scope, ...task } = row;
  const [counted] = await withRemainingWorkingDays(deps.db, [task]);
  return {
    ...(counted ?? { ...task, remainingWorkingDays: null }),
    actions: actionsFor(caller, TASK, row),
    timeline: await listTaskTimeline(deps.db, taskId),
  };
}

/** The tasks the caller may see, filtered, sorted and a page at a time. */
export async function findTasks(
  deps: AppDeps,
  caller: Caller,
  filter: TaskFilter,
  sort: { by: TaskSort; order: 'asc' | 'desc' },
  page: { limit: number; offset: number },
) {
  const list = (scope: ListScope) => listTasks(deps.db, scope, filter, sort, page);
  const found = await findVisible(deps, caller, TASK, page, list, ({ unitLeaderIds: _scope, ...t }) => t);
  return { ...found, items: await withRemainingWorkingDays(deps.db, found.items) };
}

/**
 * Performs one human action on a task: authorised by the policy (403/404), sent to the workflow as an
 * Update whose validator decides whether the task's state allows it (409 with the workflow's reason).
 */
export async function actOnTask<A extends { actor: Actor }>(
  deps: AppDeps,
  caller: Caller,
  taskId: string,
  { action, update }: { action: Action; update: UpdateDefinition<TaskStatus, [A]> },
  args: Omit<A, 'actor'>,
) {
  const task = await visible(deps, caller, TASK, taskId, action);
  const status = await actOn(deps, caller, TASK, task, action, update, args);
  return {
    taskId: status.taskId,
    state: status.state,
    light: status.light,
    dueDate: status.dueDate ?? null,
    rung: status.rung,
    provisional: status.provisional,
    pendingExtension: status.pendingExtension,
  };
}

/** Reassignment (改派) names new units and a leader, which must exist like those of a new task. */
export async function checkReassignment(deps: AppDeps, caller: Caller, body: z.output<typeof reassignBody>) {
  await checkAssignment(deps, caller.identity.orgId, body);
}
