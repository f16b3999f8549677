import type { Pool, PoolClient } from 'pg';
import { writeNotifications } from '../db/queries/notifications';
import { writeTaskEvent, type TaskEvent } from '../db/queries/tasks';
import { inTransaction } from '../db/transaction';
import type { TaskEventKind } from '../procedures/task/messages';
import { recipientSets, unitsNamedIn } from './notifications';
import { lettersFor } from './task-events';

/**
 * One step of a task, recorded in one round trip (docs/architecture.md "One step, from HTTP to the read model").
 * The workflow passes what `recordTaskEvent` took plus the details its notices need; in ONE transaction this writes
 * the task's read-model row, the timeline entry, the audit row, an L3 referral, every recipient's inbox notification
 * and the outbox rows of the units' webhooks, which the dispatcher in the worker delivers afterwards. Keyed by
 * workflow id + step, so a retry or replay writes nothing twice. Short and idempotent: the workflow runs it as a
 * local activity. Answers whether the step was new (false when a retry found it recorded).
 */
export interface TaskStepInput extends TaskEvent {
  entry: TaskEvent['entry'] & { kind: TaskEventKind };
  /** What the notices of this step need beyond the task (a new due date, the reasons of a return, …). */
  details: Record<string, unknown>;
}

export async function recordTaskStep(db: Pool, input: TaskStepInput): Promise<{ isNew: boolean }> {
  const [isNew] = await recordTaskSteps(db, [input]);
  return { isNew: isNew ?? false };
}

/**
 * Steps that happen together (one timer's: an L1 rung and its copy to the responsible leader), in order, in ONE
 * transaction: what `recordTaskStep` writes for each. Answers for each whether it was new.
 */
export async function recordTaskSteps(db: Pool, inputs: readonly TaskStepInput[]): Promise<boolean[]> {
  return inTransaction(db, async (client) => {
    const isNew: boolean[] = [];
    for (const input of inputs) isNew.push(await writeTaskStep(client, input));
    return isNew;
  });
}

async function writeTaskStep(client: PoolClient, input: TaskStepInput): Promise<boolean> {
  const { workflowId, task, status, entry } = input;
  const isNew = await writeTaskEvent(client, input);
  const letters = await lettersFor(client, {
    workflowId,
    step: entry.step,
    kind: entry.kind,
    task: { ...task, leadUnitId: status.leadUnitId, coUnitIds: status.coUnitIds, leaderId: status.leaderId },
    status,
    policy: task.policy,
    details: input.details,
    actorId: entry.actor?.personId,
    at: entry.at,
  });
  for (const [i, letter] of letters.entries()) {
    await writeNotifications(client, {
      orgId: task.orgId,
      workflowId,
      step: letters.length > 1 ? `${entry.step}#${i}` : entry.step,
      taskId: task.taskId,
      kind: entry.kind,
      title: letter.text.title,
      body: letter.text.body,
      recipients: recipientSets(letter.to),
      webhookUnitIds: unitsNamedIn(letter.to),
    });
  }
  return isNew;
}
