import type { PoolClient } from 'pg';
import type { TaskEvent } from './tasks';

const RUNG = /^ESCALATION_L([123])$/;

/**
 * Records the rung a task step climbed (migration 017, `task_escalations`) inside the step's transaction, keyed by
 * workflow id + step like the timeline entry, so a retry or replay of the step adds nothing: the history that
 * bulletins and the assessment count, which a later reset of the task's rung (a return for rework) leaves alone.
 * Any other step writes nothing.
 */
export async function writeEscalation(client: PoolClient, e: TaskEvent): Promise<void> {
  const rung = RUNG.exec(e.entry.kind)?.[1];
  if (!rung) return;
  await client.query({
    text: `INSERT INTO task_escalations (workflow_id, step, org_id, task_id, cycle_id, unit_id, rung, due_date, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9::timestamptz, now()))
           ON CONFLICT (workflow_id, step) DO NOTHING`,
    values: [
      e.workflowId,
      e.entry.step,
      e.task.orgId,
      e.task.taskId,
      e.task.cycleId,
      e.status.leadUnitId,
      Number(rung),
      e.status.dueDate ?? null,
      e.entry.at ?? null,
    ],
  });
}

/**
 * The tasks of a scope that climbed each rung, from the escalation history, by the lead unit at the time: a
 * query fragment over `scope` (tasks, with `id`) and the rows of `task_escalations` that `where` keeps (alias `e`).
 * Each task counts once per rung however often it climbed it (again after a new time limit) and however often a
 * step was recorded.
 */
export const escalatedTasksByUnit = (where: string) =>
  `SELECT e.unit_id,
     count(DISTINCT e.task_id) FILTER (WHERE e.rung = 1) AS l1,
     count(DISTINCT e.task_id) FILTER (WHERE e.rung = 2) AS l2,
     count(DISTINCT e.task_id) FILTER (WHERE e.rung = 3) AS l3
   FROM task_escalations e JOIN scope s ON s.id = e.task_id
   WHERE ${where}
   GROUP BY e.unit_id`;
