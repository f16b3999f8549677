import type { Pool, PoolClient } from 'pg';
import type { CycleInput, CycleStatus } from '../../procedures/cycle/messages';
import type { TaskInput } from '../../procedures/task/messages';
import type { Plan } from '../plan-file';
import { inTransaction } from '../transaction';
import { readTimeline } from './read-page';
import { writeStepRows, type StepEvent } from './step-rows';

/** One step of a cycle workflow: its snapshot, a timeline entry and maybe an audit row. */
export type CycleEvent = StepEvent<'cycle', CycleInput, CycleStatus>;

async function upsertCycle(client: PoolClient, workflowId: string, c: CycleInput, s: CycleStatus): Promise<void> {
  await client.query({
    text: `INSERT INTO cycles (id, workflow_id, org_id, year, phase, plan_version, approved_version, plan_due_date,
             tasks_planned, tasks_started, settings, opened_by, opened_at, approved_by, approved_at, closed_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
           ON CONFLICT (id) DO UPDATE SET phase = EXCLUDED.phase, plan_version = EXCLUDED.plan_version,
             approved_version = EXCLUDED.approved_version, tasks_planned = EXCLUDED.tasks_planned,
             tasks_started = EXCLUDED.tasks_started, settings = EXCLUDED.settings, approved_by = EXCLUDED.approved_by,
             approved_at = EXCLUDED.approved_at, closed_at = EXCLUDED.closed_at, version = EXCLUDED.version,
             updated_at = now()
           WHERE cycles.version < EXCLUDED.version`,
    values: [
      s.cycleId,
      workflowId,
      c.orgId,
      c.year,
      s.phase,
      s.planVersion,
      s.approvedVersion,
      s.planDueDate,
      s.tasksPlanned,
      s.tasksStarted,
      JSON.stringify(c.settings),
      c.openedBy?.personId ?? 'system:schedule',
      s.openedAt,
      s.approvedBy,
      s.approvedAt,
      s.closedAt,
      s.version,
    ],
  });
}

/**
 * Writes one cycle step inside the caller's transaction; a retry changes nothing (the snapshot moves forward by version, the
 * timeline entry and audit row are keyed by workflow id + step).
 */
export async function writeCycleEvent(client: PoolClient, e: CycleEvent): Promise<void> {
  await upsertCycle(client, e.workflowId, e.cycle, e.status);
  await writeStepRows(client, 'cycle', { id: e.cycle.cycleId, orgId: e.cycle.orgId }, e);
}

export interface CycleRow {
  id: string;
  workflowId: string;
  orgId: string;
  year: number;
  phase: CycleStatus['phase'];
  planVersion: number | null;
  approvedVersion: number | null;
  planDueDate: string | null;
  tasksPlanned: number;
  tasksStarted: number;
  settings: unknown;
  openedBy: string | null;
  openedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  closedAt: Date | null;
}

const CYCLE_COLUMNS = `id, workflow_id AS "workflowId", org_id AS "orgId", year, phase, plan_version AS "planVersion",
  approved_version AS "approvedVersion", to_char(plan_due_date, 'YYYY-MM-DD') AS "planDueDate",
  tasks_planned AS "tasksPlanned", tasks_started AS "tasksStarted", settings, opened_by AS "openedBy",
  opened_at AS "openedAt", approved_by AS "approvedBy", approved_at AS "approvedAt", closed_at AS "closedAt"`;

export async function findCycle(pool: Pool, cycleId: string): Promise<CycleRow | undefined> {
  const { rows } = await pool.query<CycleRow>({
    text: `SELECT ${CYCLE_COLUMNS} FROM cycles WHERE id = $1`,
    values: [cycleId],
  });
  return rows[0];
}

export async function listCycles(pool: Pool, orgId: string): Promise<CycleRow[]> {
  const { rows } = await pool.query<CycleRow>({
    text: `SELECT ${CYCLE_COLUMNS} FROM cycles WHERE org_id = $1 ORDER BY year DESC`,
    values: [orgId],
  });
  return rows;
}

export const listCycleTimeline = (pool: Pool, cycleId: string) =>
  readTimeline(pool, 'cycle_timeline', 'cycle_id', cycleId);

/**
 * Stores a validated plan as the cycle's next version, with its tasks in the order they will be started. The
 * version is the next free one under a row lock, so two uploads at once get two versions, never one.
 */
export async function storePlan(
  pool: Pool,
  p: {
    cycleId: string;
    plan: Plan;
    tasks: { taskId: string; goalId: string; input: Omit<TaskInput, 'assignedAt' | 'actor' | 'createdBy'> }[];
    submittedBy: string;
  },
): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query({ text: 'SELECT 1 FROM cycles WHERE id = $1 FOR UPDATE', values: [p.cycleId] });
    const { rows } = await client.query<{ next: number }>({
      text: 'SELECT coalesce(max(version), 0) + 1 AS next FROM cycle_plans WHERE cycle_id = $1',
      values: [p.cycleId],
    });
    const version = rows[0]!.next;
    await client.query({
      text: `INSERT INTO cycle_plans (cycle_id, version, content, task_count, submitted_by) VALUES ($1, $2, $3, $4, $5)`,
      values: [p.cycleId, version, JSON.stringify(p.plan), p.tasks.length, p.submittedBy],
    });
    // One statement for the whole plan: unnest keeps 2,000 rows a single round trip.
    await client.query({
      text: `INSERT INTO cycle_plan_tasks (cycle_id, version, seq, task_id, goal_id, input)
             SELECT $1, $2, s.seq, s.task_id, s.goal_id, s.input
             FROM unnest($3::int[], $4::text[], $5::text[], $6::jsonb[]) AS s(seq, task_id, goal_id, input)`,
      values: [
        p.cycleId,
        version,
        p.tasks.map((_, i) => i),
        p.tasks.map((t) => t.taskId),
        p.tasks.map((t) => t.goalId),
        p.tasks.map((t) => JSON.stringify(t.input)),
      ],
    });
    return version;
  });
}

export interface StoredPlan {
  cycleId: string;
  version: number;
  content: Plan;
  taskCount: number;
  submittedBy: string;
  submittedAt: Date;
}

export async function findPlan(pool: Pool, cycleId: string, version: number): Promise<StoredPlan | undefined> {
  const { rows } = await pool.query<StoredPlan>({
    text: `SELECT cycle_id AS "cycleId", version, content, task_count AS "taskCount", submitted_by AS "submittedBy",
             submitted_at AS "submittedAt" FROM cycle_plans WHERE cycle_id = $1 AND version = $2`,
    values: [cycleId, version],
  });
  return rows[0];
}

export async function listPlans(pool: Pool, cycleId: string): Promise<Omit<StoredPlan, 'content'>[]> {
  const { rows } = await pool.query<Omit<StoredPlan, 'content'>>({
    text: `SELECT cycle_id AS "cycleId", version, task_count AS "taskCount", submitted_by AS "submittedBy",
             submitted_at AS "submittedAt" FROM cycle_plans WHERE cycle_id = $1 ORDER BY version`,
    values: [cycleId],
  });
  return rows;
}

/** Tasks `offset` to `offset + limit - 1` of a plan version, in plan order. */
export async function readPlanTasks(
  pool: Pool,
  p: { cycleId: string; version: number; offset: number; limit: number },
): Promise<{ taskId: string; goalId: string; input: Omit<TaskInput, 'assignedAt' | 'actor' | 'createdBy'> }[]> {
  const { rows } = await pool.query({
    text: `SELECT task_id AS "taskId", goal_id AS "goalId", input FROM cycle_plan_tasks
           WHERE cycle_id = $1 AND version = $2 AND seq >= $3 ORDER BY seq LIMIT $4`,
    values: [p.cycleId, p.version, p.offset, p.limit],
  });
  return rows;
}
