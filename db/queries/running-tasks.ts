import type { TaskPolicy, TaskState, TrafficLight } from '../../procedures/task/messages';
import type { Instruction, Supervision, TimeLimit } from '../../procedures/task/messages';
import { OPEN_STATES } from '../../procedures/task/rules';
import type { Queryable } from '../transaction';

/** A running task of a type (issue 22): what applying a policy to it needs. */
export interface RunningTaskRef {
  taskId: string;
  workflowId: string;
  type: string;
}

/**
 * The running (open) tasks of an organisation of the given types, by id after `after`, at most `limit`: a policy
 * applied to running tasks is told to each, a page at a time.
 */
export async function runningTasksOfTypes(
  db: Queryable,
  p: { orgId: string; types: string[]; after: string; limit: number },
): Promise<RunningTaskRef[]> {
  const { rows } = await db.query<RunningTaskRef>({
    text: `SELECT id AS "taskId", workflow_id AS "workflowId", type FROM tasks
           WHERE org_id = $1 AND type = ANY($2) AND state = ANY($3) AND id > $4 ORDER BY id LIMIT $5`,
    values: [p.orgId, p.types, OPEN_STATES, p.after, p.limit],
  });
  return rows;
}

/** How many running tasks of the organisation are of the given types. */
export async function countRunningTasksOfTypes(db: Queryable, orgId: string, types: string[]): Promise<number> {
  if (types.length === 0) return 0;
  const { rows } = await db.query<{ n: number }>({
    text: 'SELECT count(*)::int AS n FROM tasks WHERE org_id = $1 AND type = ANY($2) AND state = ANY($3)',
    values: [orgId, types, OPEN_STATES],
  });
  return rows[0]?.n ?? 0;
}

/** A running task as the impact preview reads it: its timers' anchors, where it stands, and its own policy. */
export interface RunningTaskFacts {
  taskId: string;
  title: string;
  type: string;
  leadUnitId: string;
  leadUnitName: string;
  state: TaskState;
  light: TrafficLight;
  rung: number;
  limit: TimeLimit;
  assignedAt: string;
  dueDate: string | null;
  signedAt: string | null;
  lastProgressAt: string | null;
  instruction: (Instruction & { startRung?: 1 | 2 | 3 }) | null;
  supervision: Supervision | null;
  /** Null for a task not recorded since the column came: its type's policy in force then. */
  policy: TaskPolicy | null;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The running tasks of the given types (null: of every type), soonest due first, at most `limit`. */
export async function runningTaskFacts(
  db: Queryable,
  orgId: string,
  types: string[] | null,
  limit: number,
): Promise<RunningTaskFacts[]> {
  const { rows } = await db.query<RunningTaskFacts>({
    text: `SELECT t.id AS "taskId", t.title, t.type, t.lead_unit_id AS "leadUnitId", u.name AS "leadUnitName",
             t.state, t.light, t.rung, t.time_limit AS "limit",
             to_char(t.created_at AT TIME ZONE 'UTC', ${ISO}) AS "assignedAt",
             to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
             to_char(t.signed_at AT TIME ZONE 'UTC', ${ISO}) AS "signedAt",
             to_char(t.last_progress_at AT TIME ZONE 'UTC', ${ISO}) AS "lastProgressAt",
             t.instruction, t.supervision, t.policy
           FROM tasks t JOIN units u ON u.id = t.lead_unit_id
           WHERE t.org_id = $1 AND ($2::text[] IS NULL OR t.type = ANY($2)) AND t.state = ANY($3)
           ORDER BY t.due_date NULLS LAST, t.id LIMIT $4`,
    values: [orgId, types, OPEN_STATES, limit],
  });
  return rows;
}
