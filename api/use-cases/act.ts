import { createHash, randomBytes } from 'node:crypto';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type UpdateDefinition,
} from '@temporalio/client';
import type { Actor } from '../../procedures/task/messages';
import { actorOf, refusedUpdate, updateOptions, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import type { Text } from '../errors';
import type { Action } from '../policy';

/** An instance of a procedure as the API found it, for the caller: which workflow runs it, what the audit names. */
export interface Instance {
  type:
    | 'task'
    | 'meeting'
    | 'inspection'
    | 'case'
    | 'cycle'
    | 'referral'
    | 'caseTeam'
    | 'secondment'
    | 'rotation'
    | 'appraisal'
    | 'submission';
  id: string;
  workflowId: string;
  /** Why an action is refused once its workflow has ended (a closed task, a meeting over). */
  ended: Text;
}

/**
 * One human action on a procedure (docs/architecture.md "One step, from HTTP to the read model"), the same way for
 * every procedure: sent to the instance's workflow as an Update on the caller's behalf, with the Update id derived
 * from the request's Idempotency-Key; the machine's refusal (its validator) or an ended workflow answers 409 with
 * the reason, audited. The instance was found in the caller's scope first (404 otherwise).
 */
export async function act<A extends { actor: Actor }, S>(
  deps: AppDeps,
  caller: Caller,
  instance: Instance,
  action: Action,
  update: UpdateDefinition<S, [A]>,
  args: Omit<A, 'actor'>,
): Promise<S> {
  try {
    return await deps.temporal.workflow
      .getHandle(instance.workflowId)
      .executeUpdate(update, updateOptions(caller, [{ ...args, actor: actorOf(caller) } as A]));
  } catch (err) {
    return refusedUpdate(deps, caller, action, { type: instance.type, id: instance.id }, err, instance.ended);
  }
}

/** How long a start waits for its instance to reach the read model before answering anyway. */
const RECORD_WAIT_MS = 10_000;

/**
 * The answer of a started instance's "recorded" Update, or undefined when the read model lags longer than
 * `RECORD_WAIT_MS` (the instance exists all the same and will appear).
 */
export const whenRecorded = <T>(recorded: Promise<T>): Promise<T | undefined> =>
  Promise.race([
    recorded,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), RECORD_WAIT_MS).unref()),
  ]);

/**
 * Starts an instance's workflow with its "recorded" Update, or joins the one already running under its id (a retried
 * start: the same Idempotency-Key names the same instance), and waits until the instance can be read back. Answers its
 * status, or undefined when the read model lags or the workflow under that id has already closed.
 */
export async function startRecorded<S>(
  temporal: Client,
  start: { taskQueue: string; workflowType: string; workflowId: string; input: unknown },
  recorded: UpdateDefinition<S, []>,
): Promise<S | undefined> {
  const startWorkflowOperation = new WithStartWorkflowOperation(start.workflowType, {
    taskQueue: start.taskQueue,
    workflowId: start.workflowId,
    args: [start.input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  try {
    const handle = await temporal.workflow.startUpdateWithStart(recorded, {
      waitForStage: 'ACCEPTED',
      startWorkflowOperation,
    });
    return await whenRecorded(handle.result());
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return undefined;
  }
}

/**
 * A new instance's id, `<prefix>-<12 hex>`: random, or derived from the caller's Idempotency-Key (with `salt`, so that
 * kinds never share one) so that a retried request names the same instance, which Temporal then starts only once.
 */
export function instanceId(prefix: string, salt: string, caller: Caller, idempotencyKey: string | undefined): string {
  const entropy = idempotencyKey
    ? createHash('sha256').update(`${salt}${caller.identity.personId}\n${idempotencyKey}`).digest()
    : randomBytes(6);
  return `${prefix}-${entropy.subarray(0, 6).toString('hex')}`;
}
