import type { Pool } from 'pg';
import type {
  ExtensionRequest,
  PauseRecord,
  RefusalRecord,
  Supervision,
  TaskStatus,
  TimeLimit,
} from '../../procedures/task/messages';
import type { Milestone } from '../../procedures/task/milestones';
import type { TaskAssignment, TaskCourse } from '../../procedures/task/views';
import { readPage, TASK_SCOPE, when, type ListScope, type Page, type Param } from './read-page';

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
  /** Every pause (挂账) asked for, decided and resumed; the working days the clock stood still over all of them. */
  pauses: PauseRecord[];
  pausedWorkingDays: number;
  /** Every refusal (退单) and the office's ruling on it. */
  refusals: RefusalRecord[];
  /** Each unit's handler of the task (承办人), by unit id. */
  handlers: Record<string, string>;
  /** Milestones (序时进度), planned against actual; how many were missed (the board's lag). */
  milestones: Milestone[];
  milestonesMissed: number;
  /** The 批示件 the task was created from, and its named supervision (挂牌督办); null when it has neither. */
  instruction: NonNullable<TaskStatus['instruction']> | null;
  supervision: Supervision | null;
  /** The type asks for a file with the submission (佐证材料); the office's waiver of it for this task, if given. */
  evidenceRequired: boolean;
  evidenceWaived: { by: string; at: string; reason: string } | null;
  /** Cascade (三级联动): the parent task of a village's sub-task, and the parent's lead unit. */
  parentTaskId: string | null;
  parentLeadUnitId: string | null;
  /** Its villages' sub-tasks not yet accepted or cancelled: they hold up the lead unit's submission. */
  openSubtasks: number;
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
  t.co_unit_gate_overridden AS "coUnitGateOverridden", t.pauses, t.paused_working_days AS "pausedWorkingDays",
  t.refusals, t.handlers, t.milestones, t.milestones_missed AS "milestonesMissed", t.instruction, t.supervision,
  t.evidence_required AS "evidenceRequired", t.evidence_waived AS "evidenceWaived",
  t.parent_task_id AS "parentTaskId", t.parent_lead_unit_id AS "parentLeadUnitId",
  (SELECT count(*)::int FROM tasks st WHERE st.parent_task_id = t.id AND st.state NOT IN ('ACCEPTED', 'CANCELLED'))
    AS "openSubtasks",
  t.created_by AS "createdBy",
  t.created_at AS "createdAt",
  t.updated_at AS "updatedAt",
  ARRAY(SELECT u.leader_id FROM units u WHERE u.leader_id IS NOT NULL
        AND (u.id = t.lead_unit_id OR u.id = ANY (t.co_unit_ids) OR u.id = t.parent_lead_unit_id)) AS "unitLeaderIds"`;

/** The sub-tasks of a task (三级联动), oldest first: as the parent's detail lists them. */
export async function listSubTasks(
  pool: Pool,
  parentTaskId: string,
): Promise<{ id: string; unitId: string; title: string; state: string; light: string; dueDate: string | null }[]> {
  const { rows } = await pool.query({
    text: `SELECT id, lead_unit_id AS "unitId", title, state, light, to_char(due_date, 'YYYY-MM-DD') AS "dueDate"
             FROM tasks WHERE parent_task_id = $1 ORDER BY created_at, id`,
    values: [parentTaskId],
  });
  return rows;
}

export async function findTask(pool: Pool, id: string): Promise<TaskRow | undefined> {
  const { rows } = await pool.query<TaskRow>({ text: `SELECT ${COLUMNS} FROM tasks t WHERE t.id = $1`, values: [id] });
  return rows[0];
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
  /** Under named supervision (挂牌督办) now, or not. */
  named?: boolean;
  /** Created from a leader's written instruction (批示件), or not. */
  instruction?: boolean;
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

const OPEN = `t.state IN ('ASSIGNED', 'SIGNED', 'IN_PROGRESS')`;

/**
 * The task list's filter as SQL conditions on `tasks t` (undefined: not given), shared by the list, the bulk actions'
 * selection and the board of a saved view, so that one filter means the same tasks everywhere.
 */
export function taskFilterConditions(f: TaskFilter, p: Param): (string | undefined)[] {
  const q = f.q ? f.q.replace(/[\\%_]/g, (c) => `\\${c}`) : undefined;
  return [
    when(f.unit, (v) => TASK_SCOPE.unit(p(v))),
    when(f.leader, (v) => `t.leader_id = ${p(v)}`),
    when(f.state, (v) => `t.state = ${p(v)}`),
    when(f.light, (v) => `t.light = ${p(v)}`),
    when(f.overdue, (v) => `(t.due_at < now() AND ${OPEN}) = ${p(v)}`),
    when(f.cycle, (v) => `t.cycle_id = ${p(v)}`),
    when(f.type, (v) => `t.type = ${p(v)}`),
    when(q, (v) => {
      const like = `'%' || ${p(v)}::text || '%'`;
      return `(t.title ILIKE ${like} OR t.requirements ILIKE ${like})`;
    }),
    when(f.leadUnit, (v) => `t.lead_unit_id = ${p(v)}`),
    when(f.goal, (v) => (v === '-' ? 't.goal_id IS NULL' : `t.goal_id = ${p(v)}`)),
    // A range of dates rather than to_char(t.due_date, 'YYYY-MM') = v, which no index answers.
    when(f.dueMonth, (v) => {
      if (v === '-') return 't.due_date IS NULL';
      const first = `to_date(${p(v)}, 'YYYY-MM')`;
      return `(t.due_date >= ${first} AND t.due_date < ${first} + interval '1 month')`;
    }),
    when(f.named, (v) => `t.named_supervision = ${p(v)}`),
    when(f.instruction, (v) => `(t.instruction IS NOT NULL) = ${p(v)}`),
  ];
}

/** A page of the tasks in scope, filtered and sorted (ties broken by id, so pages never overlap). */
export function listTasks(
  pool: Pool,
  scope: ListScope,
  f: TaskFilter,
  sort: { by: TaskSort; order: 'asc' | 'desc' },
  page: Page,
): Promise<{ items: TaskRow[]; total: number }> {
  const direction = sort.order === 'desc' ? 'DESC' : 'ASC';
  return readPage<TaskRow>(
    pool,
    {
      select: COLUMNS,
      from: 'tasks t',
      org: 't.org_id',
      scope: TASK_SCOPE,
      filters: (p) => taskFilterConditions(f, p),
      orderBy: `${ORDER[sort.by]} ${direction} NULLS LAST, t.id ${direction}`,
    },
    scope,
    page,
  );
}
