import { createHash, randomBytes } from 'node:crypto';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { z } from 'zod';
import { findPerson, findUnit } from '../../db/queries/organisation-read';
import { findTask, listTaskTimeline } from '../../db/queries/tasks';
import {
  cancelTask as cancelTaskUpdate,
  taskRecorded,
  taskWorkflowId,
  type Actor,
  type TaskInput,
  type TaskStatus,
} from '../../workflows/messages';
import { auditRefusal, authorise, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, type FieldProblem } from '../errors';
import type { cancelTaskBody, createTaskBody } from '../schemas';

/** How long a create waits for its task to reach the read model before answering anyway. */
const RECORD_WAIT_MS = 10_000;

const actorOf = ({ identity, requestId }: Caller): Actor => ({
  personId: identity.personId,
  roles: identity.roles,
  credentialId: identity.credentialId,
  requestId,
});

/**
 * A task id: random, or derived from the caller's Idempotency-Key so that a retried create names the same
 * workflow, which Temporal then refuses to start twice.
 */
function newTaskId(caller: Caller, idempotencyKey: string | undefined): string {
  const entropy = idempotencyKey
    ? createHash('sha256').update(`${caller.identity.personId}\n${idempotencyKey}`).digest()
    : randomBytes(6);
  return `t-${entropy.subarray(0, 6).toString('hex')}`;
}

async function checkReferences(deps: AppDeps, orgId: string, body: z.output<typeof createTaskBody>) {
  const problems: FieldProblem[] = [];
  const inOrg = async <T extends { orgId: string }>(found: Promise<T | undefined>) => (await found)?.orgId === orgId;
  if (!(await inOrg(findUnit(deps.db, body.leadUnitId)))) {
    problems.push({ field: 'body.leadUnitId', message: 'no such unit' });
  }
  for (const [i, unitId] of body.coUnitIds.entries()) {
    if (unitId === body.leadUnitId) {
      problems.push({ field: `body.coUnitIds[${i}]`, message: 'the lead unit cannot also co-organise' });
    } else if (body.coUnitIds.indexOf(unitId) !== i) {
      problems.push({ field: `body.coUnitIds[${i}]`, message: 'listed twice' });
    } else if (!(await inOrg(findUnit(deps.db, unitId)))) {
      problems.push({ field: `body.coUnitIds[${i}]`, message: 'no such unit' });
    }
  }
  const leader = await findPerson(deps.db, body.leaderId);
  if (leader?.orgId !== orgId) problems.push({ field: 'body.leaderId', message: 'no such person' });
  else if (!leader.roles.includes('LEADER'))
    problems.push({ field: 'body.leaderId', message: 'not a responsible leader' });
  // Well-formed but naming what does not exist: 422, so 400 stays "the request itself is malformed".
  if (problems.length > 0) {
    throw new AppError('unknown-reference', 422, '任务的责任单位或分管领导不存在', problems);
  }
}

/** The office assigns an ad-hoc supervised task: its workflow records it and watches its deadline. */
export async function createTask(
  deps: AppDeps,
  caller: Caller,
  body: z.output<typeof createTaskBody>,
  idempotencyKey?: string,
) {
  await authoriseFunction(deps, caller, 'task.create', { type: 'task' });
  const { orgId, personId } = caller.identity;
  await checkReferences(deps, orgId, body);
  const taskId = newTaskId(caller, idempotencyKey);
  const input: TaskInput = { ...body, taskId, orgId, createdBy: personId, actor: actorOf(caller) };
  const workflowId = taskWorkflowId(taskId);
  const start = new WithStartWorkflowOperation('supervisedTask', {
    taskQueue: deps.taskQueue,
    workflowId,
    args: [input],
    // The same Idempotency-Key again after a lost answer joins the task already started.
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  try {
    const recorded = await deps.temporal.workflow.startUpdateWithStart(taskRecorded, {
      waitForStage: 'ACCEPTED',
      startWorkflowOperation: start,
    });
    // Answer once the task can be read back; if the read model lags, the task still exists and will appear.
    await Promise.race([recorded.result(), new Promise((resolve) => setTimeout(resolve, RECORD_WAIT_MS).unref())]);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err; // ... and already finished
  }
  return { id: taskId, workflowId, dueDate: body.dueDate };
}

async function visibleTask(deps: AppDeps, caller: Caller, taskId: string, action: 'task.read' | 'task.cancel') {
  const task = await findTask(deps.db, taskId);
  if (!task) {
    await auditRefusal(deps, caller, action, { type: 'task', id: taskId }, 'no such task');
    throw AppError.notFound('任务不存在');
  }
  await authorise(deps, caller, action, { type: 'task', ...task }, { type: 'task', id: taskId });
  return task;
}

/** A task with its timeline, if the caller's scope includes it. */
export async function getTask(deps: AppDeps, caller: Caller, taskId: string) {
  const { unitLeaderIds: _scope, ...task } = await visibleTask(deps, caller, taskId, 'task.read');
  return { ...task, timeline: await listTaskTimeline(deps.db, taskId) };
}

/** The office withdraws a task (撤销); the workflow decides whether its state still allows it. */
export async function cancelTask(
  deps: AppDeps,
  caller: Caller,
  taskId: string,
  body: z.output<typeof cancelTaskBody>,
): Promise<TaskStatus> {
  await authoriseFunction(deps, caller, 'task.cancel', { type: 'task', id: taskId });
  const task = await visibleTask(deps, caller, taskId, 'task.cancel');
  try {
    return await deps.temporal.workflow
      .getHandle(task.workflowId)
      .executeUpdate(cancelTaskUpdate, { args: [{ actor: actorOf(caller), reason: body.reason }] });
  } catch (err) {
    let reason: string | undefined;
    if (err instanceof WorkflowUpdateFailedError) reason = err.cause?.message ?? err.message;
    else if (err instanceof WorkflowNotFoundError) reason = '任务流程已结束，不能撤销';
    if (reason === undefined) throw err;
    await auditRefusal(deps, caller, 'task.cancel', { type: 'task', id: taskId }, reason);
    throw AppError.conflict(reason);
  }
}
