import type { Pool } from 'pg';
import type { CycleInput, CycleStatus, TaskBlueprint } from '../../workflows/cycle-messages';
import type { Actor } from '../../workflows/messages';
import { inTransaction } from '../transaction';
import { appendAudit } from './audit';

export interface CycleEvent {
  workflowId: string;
  cycle: CycleInput;
  status: CycleStatus;
  entry?: { step: string; kind: string; message: string; actor?: Actor };
  audit?: { action: string };
}

/** Records one cycle step: the snapshot (forward by version only), its timeline entry and audit row. */
export async function recordCycleEvent(pool: Pool, e: CycleEvent): Promise<void> {
  const { cycle: c, status: s } = e;
  await inTransaction(pool, async (client) => {
    await client.query({
      text: `INSERT INTO cycles (id, org_id, year, workflow_id, phase, approval_due_date, plan_revision, approved_at,
               approved_by, tasks_planned, tasks_started, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (id) DO UPDATE SET phase = EXCLUDED.phase, plan_revision = EXCLUDED.plan_revision,
               approved_at = EXCLUDED.approved_at, approved_by = EXCLUDED.approved_by,
               tasks_planned = EXCLUDED.tasks_planned, tasks_started = EXCLUDED.tasks_started,
               version = EXCLUDED.version, updated_at = now()
             WHERE cycles.version < EXCLUDED.version`,
      values: [
        c.cycleId,
        c.orgId,
        c.year,
        e.workflowId,
        s.phase,
        c.approvalDueDate,
        s.planRevision,
        s.approvedAt,
        s.approvedBy,
        s.tasksPlanned + s.tasksAdded,
        s.tasksStarted + s.tasksAdded,
        s.version,
      ],
    });
    if (!e.entry) return;
    await client.query({
      text: `INSERT INTO cycle_timeline (cycle_id, workflow_id, step, kind, message, actor_id)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (workflow_id, step) DO NOTHING`,
      values: [c.cycleId, e.workflowId, e.entry.step, e.entry.kind, e.entry.message, e.entry.actor?.personId ?? null],
    });
    if (e.audit) {
      const actor = e.entry.actor;
      await appendAudit(client, {
        orgId: c.orgId,
        actorId: actor?.personId,
        actorRoles: actor?.roles,
        tokenId: actor?.credentialId,
        requestId: actor?.requestId,
        action: e.audit.action,
        objectType: 'cycle',
        objectId: c.cycleId,
        payload: { revision: s.planRevision, phase: s.phase },
        outcome: 'DONE',
        workflowId: e.workflowId,
        step: e.entry.step,
      });
    }
  });
}

/** Stores a validated plan as the cycle's next revision; returns its number. */
export async function savePlanRevision(
  pool: Pool,
  cycleId: string,
  plan: { goals: unknown; tasks: TaskBlueprint[] },
  submittedBy: string,
): Promise<number> {
  const { rows } = await pool.query<{ revision: number }>({
    text: `INSERT INTO cycle_plans (cycle_id, revision, goals, tasks, submitted_by)
           SELECT $1, COALESCE(max(revision), 0) + 1, $2, $3, $4 FROM cycle_plans WHERE cycle_id = $1
           RETURNING revision`,
    values: [cycleId, JSON.stringify(plan.goals), JSON.stringify(plan.tasks), submittedBy],
  });
  return rows[0]!.revision;
}

/** A slice of an approved plan's tasks, in plan order. */
export async function loadPlanTasks(
  pool: Pool,
  p: { cycleId: string; revision: number; offset: number; limit: number },
): Promise<TaskBlueprint[]> {
  const { rows } = await pool.query<{ task: TaskBlueprint }>({
    text: `SELECT t.task FROM cycle_plans p, jsonb_array_elements(p.tasks) WITH ORDINALITY AS t (task, n)
           WHERE p.cycle_id = $1 AND p.revision = $2 ORDER BY t.n OFFSET $3 LIMIT $4`,
    values: [p.cycleId, p.revision, p.offset, p.limit],
  });
  return rows.map((r) => r.task);
}

export interface CycleRow {
  id: string;
  orgId: string;
  year: number;
  workflowId: string;
  phase: string;
  approvalDueDate: string;
  planRevision: number;
  approvedAt: string | null;
  approvedBy: string | null;
  tasksPlanned: number;
  tasksStarted: number;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, org_id AS "orgId", year, workflow_id AS "workflowId", phase,
  to_char(approval_due_date, 'YYYY-MM-DD') AS "approvalDueDate", plan_revision AS "planRevision",
  approved_at AS "approvedAt", approved_by AS "approvedBy", tasks_planned AS "tasksPlanned",
  tasks_started AS "tasksStarted", created_at AS "createdAt", updated_at AS "updatedAt"`;

export async function findCycle(pool: Pool, id: string): Promise<CycleRow | undefined> {
  const { rows } = await pool.query<CycleRow>({ text: `SELECT ${COLUMNS} FROM cycles WHERE id = $1`, values: [id] });
  return rows[0];
}

export async function listCycles(pool: Pool, orgId: string): Promise<CycleRow[]> {
  const { rows } = await pool.query<CycleRow>({
    text: `SELECT ${COLUMNS} FROM cycles WHERE org_id = $1 ORDER BY year DESC`,
    values: [orgId],
  });
  return rows;
}

/** Counts of a cycle's tasks by unit, state and light, and the next deadlines. */
export async function cycleProgress(pool: Pool, cycleId: string) {
  const [byUnit, upcoming] = await Promise.all([
    pool.query<{ unitId: string; state: string; light: string; count: number }>({
      text: `SELECT lead_unit_id AS "unitId", state, light, count(*)::int AS count FROM tasks WHERE cycle_id = $1
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      values: [cycleId],
    }),
    pool.query<{ id: string; title: string; leadUnitId: string; dueDate: string; light: string }>({
      text: `SELECT id, title, lead_unit_id AS "leadUnitId", to_char(due_date, 'YYYY-MM-DD') AS "dueDate", light
             FROM tasks WHERE cycle_id = $1 AND state IN ('ASSIGNED', 'SIGNED', 'IN_PROGRESS') AND due_at > now()
             ORDER BY due_at, id LIMIT 20`,
      values: [cycleId],
    }),
  ]);
  return { byUnit: byUnit.rows, upcomingDeadlines: upcoming.rows };
}
