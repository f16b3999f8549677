import { randomBytes } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { z } from 'zod';
import { appendAudit } from '../../db/queries/audit';
import { findPerson, findUnit } from '../../db/queries/organisation-read';
import { findTask, listTaskTimeline } from '../../db/queries/tasks';
import {
  cancelTask as cancelTaskUpdate,
  taskWorkflowId,
  type TaskInput,
  type TaskStatus,
} from '../../workflows/messages';
import type { AppDeps } from '../deps';
import { AppError, type FieldProblem } from '../errors';
import type { Identity } from '../identity';
import type { cancelTaskBody, createTaskBody } from '../schemas';

interface Caller {
  identity: Identity;
  requestId: string;
}

async function refuse(deps: AppDeps, caller: Caller, action: string, objectId: string | undefined, error: AppError) {
  await appendAudit(deps.db, {
    actorId: caller.identity.personId,
    actorRoles: caller.identity.roles,
    tokenId: caller.identity.credentialId,
    action,
    objectType: 'task',
    objectId,
    outcome: 'REFUSED',
    reason: error.message,
    requestId: caller.requestId,
  });
  return error;
}

const newTaskId = (): string => `t-${randomBytes(6).toString('hex')}`;

/** The office assigns an ad-hoc supervised task: its workflow records it and watches its deadline. */
export async function createTask(deps: AppDeps, caller: Caller, body: z.output<typeof createTaskBody>) {
  const { identity } = caller;
  if (!identity.roles.includes('OFFICE')) {
    throw await refuse(deps, caller, 'task.create', undefined, AppError.forbidden('只有组织协调室可以交办任务'));
  }
  const problems: FieldProblem[] = [];
  const inOrg = async <T extends { orgId: string }>(found: Promise<T | undefined>) =>
    (await found)?.orgId === identity.orgId;
  if (!(await inOrg(findUnit(deps.db, body.leadUnitId))))
    problems.push({ field: 'body.leadUnitId', message: 'no such unit' });
  for (const [i, unitId] of body.coUnitIds.entries()) {
    if (unitId === body.leadUnitId)
      problems.push({ field: `body.coUnitIds[${i}]`, message: 'the lead unit cannot also co-organise' });
    else if (!(await inOrg(findUnit(deps.db, unitId))))
      problems.push({ field: `body.coUnitIds[${i}]`, message: 'no such unit' });
  }
  if (!(await inOrg(findPerson(deps.db, body.leaderId))))
    problems.push({ field: 'body.leaderId', message: 'no such person' });
  if (problems.length > 0) throw AppError.badRequest('任务的责任单位或分管领导不存在', problems);

  const taskId = newTaskId();
  const input: TaskInput = { ...body, taskId, orgId: identity.orgId, createdBy: identity.personId };
  const workflowId = taskWorkflowId(taskId);
  await deps.temporal.workflow.start('supervisedTask', { taskQueue: deps.taskQueue, workflowId, args: [input] });
  return { id: taskId, workflowId, dueDate: body.dueDate };
}

/** A task with its timeline, if the caller may see it: the office, its lead or co-organising unit, its leader. */
export async function getTask(deps: AppDeps, identity: Identity, taskId: string) {
  const task = await findTask(deps.db, taskId);
  const visible =
    task &&
    task.orgId === identity.orgId &&
    (identity.roles.includes('OFFICE') ||
      task.leadUnitId === identity.unitId ||
      task.coUnitIds.includes(identity.unitId) ||
      task.leaderId === identity.personId);
  if (!task || !visible) throw AppError.notFound('任务不存在');
  return { ...task, timeline: await listTaskTimeline(deps.db, taskId) };
}

/** The office withdraws a task (撤销); the workflow decides whether its state still allows it. */
export async function cancelTask(
  deps: AppDeps,
  caller: Caller,
  taskId: string,
  body: z.output<typeof cancelTaskBody>,
): Promise<TaskStatus> {
  const task = await getTask(deps, caller.identity, taskId);
  if (!caller.identity.roles.includes('OFFICE')) {
    throw await refuse(deps, caller, 'task.cancel', taskId, AppError.forbidden('只有组织协调室可以撤销任务'));
  }
  try {
    return await deps.temporal.workflow
      .getHandle(task.workflowId)
      .executeUpdate(cancelTaskUpdate, { args: [{ actorId: caller.identity.personId, reason: body.reason }] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      throw await refuse(deps, caller, 'task.cancel', taskId, AppError.conflict(err.cause?.message ?? err.message));
    }
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') {
      throw await refuse(deps, caller, 'task.cancel', taskId, AppError.conflict('任务流程已结束，不能撤销'));
    }
    throw err;
  }
}
