import type { Pool } from 'pg';
import type { ExtensionRequest, TimeLimit } from '../../procedures/task/messages';
import type { TaskAssignment, TaskCourse } from '../../procedures/task/views';

/** A task as the API shows it. */
export interface TaskRow extends TaskAssignment, TaskCourse {
  id: string;
  workflowId: string;
  orgId: string;
  cycleId: string | null;
  type: string;
  typeName: string;
  timeLimit: TimeLimit;
  extensionDecidedBy: 'OFFICE' | 'LEADER';
  dueDate: string | null;
  originalDueDate: string | null;
  dueAt: string | null;
  provisional: boolean;
  state: string;
  light: string;
  rung: number;
  extensionsApproved: number;
  extensionsDenied: number;
  pendingExtension: ExtensionRequest | null;
  coUnitReports: Record<string, string>;
  coUnitGateOverridden: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Responsible leaders of the lead and co-organising units: who else may see the task. */
  unitLeaderIds: string[];
}

const COLUMNS = `t.id, t.workflow_id AS "workflowId", t.org_id AS "orgId", t.cycle_id AS "cycleId", t.type,
  t.type_name AS "typeName", t.title, t.lead_unit_id AS "leadUnitId", t.co_unit_ids AS "coUnitIds",
  t.leader_id AS "leaderId", t.requirements, t.standard, t.time_limit AS "timeLimit",
  t.extension_decided_by AS "extensionDecidedBy", to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
  to_char(t.original_due_date, 'YYYY-MM-DD') AS "originalDueDate", t.due_at AS "dueAt", t.provisional, t.state,
  t.light, t.rung, t.signed_at AS "signedAt", t.last_progress_at AS "lastProgressAt", t.submitted_at AS "submittedAt",
  t.accepted_at AS "acceptedAt", t.rating, t.late_working_days AS "lateWorkingDays", t.urgings, t.returns,
  t.extensions_approved AS "extensionsApproved", t.extensions_denied AS "extensionsDenied",
  t.pending_extension AS "pendingExtension", t.co_unit_reports AS "coUnitReports",
  t.co_unit_gate_overridden AS "coUnitGateOverridden", t.created_by AS "createdBy", t.created_at AS "createdAt",
  t.updated_at AS "updatedAt",
  ARRAY(SELECT u.leader_id FROM units u WHERE u.leader_id IS NOT NULL
        AND (u.id = t.lead_unit_id OR u.id = ANY (t.co_unit_ids))) AS "unitLeaderIds"`;

export async function findTask(pool: Pool, id: string): Promise<TaskRow | undefined> {
  const { rows } = await pool.query<TaskRow>({ text: `SELECT ${COLUMNS} FROM tasks t WHERE t.id = $1`, values: [id] });
  return rows[0];
}

/** Which tasks a caller may list: the whole organisation, or those of a unit and/or a leader. */
export interface TaskScope {
  orgId: string;
  wholeOrg: boolean;
  unitId?: string;
  leaderId?: string;
}

export interface TaskFilter {
  unit?: string;
  leader?: string;
  state?: string;
  light?: string;
  overdue?: boolean;
  cycle?: string;
  type?: string;
  q?: string;
  leadUnit?: string;
  /** A goal id, or '-' for none. */
  goal?: string;
  /** YYYY-MM, or '-' for no date. */
  dueMonth?: string;
}

export type TaskSort = 'dueDate' | 'createdAt' | 'updatedAt' | 'rung' | 'urgency';

const ORDER: Record<TaskSort, string> = {
  dueDate: 't.due_date',
  createdAt: 't.created_at',
  updatedAt: 't.updated_at',
  rung: 't.rung',
  // A unit's inbox: running tasks before those awaiting review before closed ones, red ones first, then by date.
  urgency: `CASE WHEN t.state IN ('ASSIGNED', 'SIGNED', 'IN_PROGRESS') THEN 0 WHEN t.state = 'SUBMITTED' THEN 1 ELSE 2 END,
            CASE t.light WHEN 'RED' THEN 0 WHEN 'YELLOW' THEN 1 ELSE 2 END, t.due_date`,
};

/** A page of the tasks in scope, filtered and sorted (ties broken by id, so pages never overlap). */
export async function listTasks(
  pool: Pool,
  scope: TaskScope,
  f: TaskFilter,
  sort: { by: TaskSort; order: 'asc' | 'desc' },
  page: { limit: number; offset: number },
): Promise<{ items: TaskRow[]; total: number }> {
  const direction = sort.order === 'desc' ? 'DESC' : 'ASC';
  const { rows } = await pool.query<TaskRow & { total: string }>({
    text: `SELECT ${COLUMNS}, count(*) OVER () AS total FROM tasks t
           WHERE t.org_id = $1
             AND ($2::boolean
                  OR ($3::text IS NOT NULL AND ($3 = t.lead_unit_id OR $3 = ANY (t.co_unit_ids)))
                  OR ($4::text IS NOT NULL AND ($4 = t.leader_id OR EXISTS (
                        SELECT 1 FROM units u WHERE u.leader_id = $4
                          AND (u.id = t.lead_unit_id OR u.id = ANY (t.co_unit_ids))))))
             AND ($5::text IS NULL OR $5 = t.lead_unit_id OR $5 = ANY (t.co_unit_ids))
             AND ($6::text IS NULL OR t.leader_id = $6)
             AND ($7::text IS NULL OR t.state = $7)
             AND ($8::text IS NULL OR t.light = $8)
             AND ($9::boolean IS NULL OR (t.due_at < now() AND t.state IN ('ASSIGNED', 'SIGNED', 'IN_PROGRESS')) = $9)
             AND ($10::text IS NULL OR t.cycle_id = $10)
             AND ($11::text IS NULL OR t.type = $11)
             AND ($12::text IS NULL OR t.title ILIKE '%' || $12 || '%' OR t.requirements ILIKE '%' || $12 || '%')
             AND ($15::text IS NULL OR t.lead_unit_id = $15)
             AND ($16::text IS NULL OR ($16 = '-' AND t.goal_id IS NULL) OR t.goal_id = $16)
             AND ($17::text IS NULL OR ($17 = '-' AND t.due_date IS NULL) OR to_char(t.due_date, 'YYYY-MM') = $17)
           ORDER BY ${ORDER[sort.by]} ${direction} NULLS LAST, t.id ${direction}
           LIMIT $13 OFFSET $14`,
    values: [
      scope.orgId,
      scope.wholeOrg,
      scope.unitId ?? null,
      scope.leaderId ?? null,
      f.unit ?? null,
      f.leader ?? null,
      f.state ?? null,
      f.light ?? null,
      f.overdue ?? null,
      f.cycle ?? null,
      f.type ?? null,
      f.q ? f.q.replace(/[\\%_]/g, (c) => `\\${c}`) : null,
      page.limit,
      page.offset,
      f.leadUnit ?? null,
      f.goal ?? null,
      f.dueMonth ?? null,
    ],
  });
  return { items: rows.map(({ total: _t, ...r }) => r), total: Number(rows[0]?.total ?? 0) };
}
