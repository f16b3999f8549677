import type { Pool, PoolClient } from 'pg';
import type { Actor, TaskInput } from '../../workflows/messages';
import { appendAudit } from './audit';
import { inTransaction } from '../transaction';

/** A task as the workflow starts it, with the ids and deadline the read model keys it by. */
export type NewTask = Omit<TaskInput, 'taskId'> & { id: string; workflowId: string; dueAt: string };

export type TaskRow = NewTask & {
  state: string;
  light: string;
  createdAt: string;
  updatedAt: string;
  /** Responsible leaders of the lead and co-organising units: who else may see the task. */
  unitLeaderIds: string[];
};

export interface TimelineEntry {
  step: string;
  kind: string;
  message: string;
  actorId: string | null;
  at: string;
}

/** One step of a workflow's effect on the read model: a timeline entry and, for actions, an audit row. */
export interface TaskStep {
  workflowId: string;
  taskId: string;
  step: string;
  kind: string;
  message: string;
  actor?: Actor;
  audit?: { action: string; orgId: string; payload: unknown };
}

const TASK_COLUMNS = `id, workflow_id AS "workflowId", org_id AS "orgId", title, lead_unit_id AS "leadUnitId",
  co_unit_ids AS "coUnitIds", leader_id AS "leaderId", requirements, standard,
  to_char(due_date, 'YYYY-MM-DD') AS "dueDate", due_at AS "dueAt", state, light, created_by AS "createdBy",
  created_at AS "createdAt", updated_at AS "updatedAt",
  ARRAY(SELECT u.leader_id FROM units u WHERE u.leader_id IS NOT NULL
        AND (u.id = tasks.lead_unit_id OR u.id = ANY (tasks.co_unit_ids))) AS "unitLeaderIds"`;

async function recordStep(client: PoolClient, s: TaskStep): Promise<boolean> {
  const inserted = await client.query({
    text: `INSERT INTO task_timeline (task_id, workflow_id, step, kind, message, actor_id)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (workflow_id, step) DO NOTHING`,
    values: [s.taskId, s.workflowId, s.step, s.kind, s.message, s.actor?.personId ?? null],
  });
  if (s.audit) {
    await appendAudit(client, {
      orgId: s.audit.orgId,
      actorId: s.actor?.personId,
      actorRoles: s.actor?.roles,
      tokenId: s.actor?.credentialId,
      requestId: s.actor?.requestId,
      action: s.audit.action,
      objectType: 'task',
      objectId: s.taskId,
      payload: s.audit.payload,
      outcome: 'DONE',
      workflowId: s.workflowId,
      step: s.step,
    });
  }
  return (inserted.rowCount ?? 0) > 0;
}

/** Inserts the task and its first timeline entry; a repeated call (activity retry) changes nothing. */
export async function insertAssignedTask(pool: Pool, task: NewTask, step: TaskStep): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query({
      text: `INSERT INTO tasks (id, workflow_id, org_id, title, lead_unit_id, co_unit_ids, leader_id, requirements,
               standard, due_date, due_at, state, light, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'ASSIGNED', 'GREEN', $12)
             ON CONFLICT (id) DO NOTHING`,
      values: [
        task.id,
        task.workflowId,
        task.orgId,
        task.title,
        task.leadUnitId,
        task.coUnitIds,
        task.leaderId,
        task.requirements,
        task.standard,
        task.dueDate,
        task.dueAt,
        task.createdBy,
      ],
    });
    await recordStep(client, step);
  });
}

/** Moves the task to a new state and light, with its timeline entry, once per workflow step. */
export async function updateTaskState(pool: Pool, state: string, light: string, step: TaskStep): Promise<void> {
  await inTransaction(pool, async (client) => {
    if (await recordStep(client, step)) {
      await client.query({
        text: 'UPDATE tasks SET state = $2, light = $3, updated_at = now() WHERE id = $1',
        values: [step.taskId, state, light],
      });
    }
  });
}

export async function findTask(pool: Pool, id: string): Promise<TaskRow | undefined> {
  const { rows } = await pool.query<TaskRow>({ text: `SELECT ${TASK_COLUMNS} FROM tasks WHERE id = $1`, values: [id] });
  return rows[0];
}

export async function listTaskTimeline(pool: Pool, taskId: string): Promise<TimelineEntry[]> {
  const { rows } = await pool.query<TimelineEntry>({
    text: `SELECT step, kind, message, actor_id AS "actorId", at FROM task_timeline WHERE task_id = $1 ORDER BY id`,
    values: [taskId],
  });
  return rows;
}
