import type { Pool } from 'pg';
import { CASE_SCOPE } from './case-read';
import { params, scopeCondition, TASK_SCOPE, type ListScope } from './read-page';

/** States in which a task is owed by its unit (its time limit runs). */
export const OWED = `t.state IN ('ASSIGNED', 'SIGNED', 'IN_PROGRESS')`;
const OVERDUE = `(t.due_at IS NOT NULL AND t.due_at < now())`;

/**
 * The open tasks (alias `t`) of a group counted by urgency (overdue: past their time limit; due soon: yellow or red
 * before it; on time: the rest) and by escalation rung: the overview's figures, also the roll-up's (db/queries/rollup.ts).
 */
export const OPEN_TASK_COUNTS = `(count(*) FILTER (WHERE ${OWED} AND ${OVERDUE}))::int AS overdue,
  (count(*) FILTER (WHERE ${OWED} AND NOT ${OVERDUE} AND t.light IN ('YELLOW', 'RED')))::int AS "dueSoon",
  (count(*) FILTER (WHERE ${OWED} AND NOT ${OVERDUE} AND t.light NOT IN ('YELLOW', 'RED')))::int AS "onTime",
  (count(*) FILTER (WHERE ${OWED} AND t.rung = 1))::int AS l1,
  (count(*) FILTER (WHERE ${OWED} AND t.rung = 2))::int AS l2,
  (count(*) FILTER (WHERE ${OWED} AND t.rung = 3))::int AS l3`;

/** An open task as the overview names it (the L3 tasks, the extension requests awaiting a decision). */
export interface OverviewTask {
  id: string;
  title: string;
  cycleId: string | null;
  leadUnitId: string;
  leadUnitName: string;
  state: string;
  light: string;
  rung: number;
  dueDate: string | null;
  /** The date the lead unit asked for, on an extension request. */
  proposedDate: string | null;
}

export interface TaskOverview {
  urgency: { overdue: number; dueSoon: number; onTime: number };
  rungs: { l1: number; l2: number; l3: number };
  submitted: number;
  extensions: { office: number; leader: number };
  units: { unitId: string; unitName: string; overdue: number; dueSoon: number; onTime: number }[];
  l3: OverviewTask[];
  extensionRequests: OverviewTask[];
}

/**
 * What needs attention among the tasks in the caller's scope, cycle or not: the open tasks by urgency (overdue: past
 * their time limit; due soon: yellow or red before it; on time: the rest), by rung, and by lead unit; the submissions
 * awaiting review and the extension requests awaiting a decision; the L3 tasks and the pending requests named. Two
 * queries over the read model: the counts grouped by lead unit (the totals are their sums), and the named tasks.
 */
export async function taskOverview(pool: Pool, scope: ListScope, limit = 20): Promise<TaskOverview> {
  const inScope = () => {
    const { values, p } = params();
    return { values, p, where: `t.org_id = ${p(scope.orgId)} AND ${scopeCondition(TASK_SCOPE, scope, p)}` };
  };
  const c = inScope();
  const counts = pool.query<{
    unitId: string;
    unitName: string;
    overdue: number;
    dueSoon: number;
    onTime: number;
    l1: number;
    l2: number;
    l3: number;
    submitted: number;
    extOffice: number;
    extLeader: number;
  }>({
    text: `SELECT t.lead_unit_id AS "unitId", u.name AS "unitName", ${OPEN_TASK_COUNTS},
             (count(*) FILTER (WHERE t.state = 'SUBMITTED'))::int AS submitted,
             (count(*) FILTER (WHERE ${OWED} AND t.pending_extension IS NOT NULL
                                 AND t.extension_decided_by = 'OFFICE'))::int AS "extOffice",
             (count(*) FILTER (WHERE ${OWED} AND t.pending_extension IS NOT NULL
                                 AND t.extension_decided_by = 'LEADER'))::int AS "extLeader"
           FROM tasks t JOIN units u ON u.id = t.lead_unit_id
           WHERE ${c.where} AND (${OWED} OR t.state = 'SUBMITTED')
           GROUP BY t.lead_unit_id, u.name, u.level
           ORDER BY overdue DESC, "dueSoon" DESC, u.level, t.lead_unit_id`,
    values: c.values,
  });
  const q = inScope();
  // Each kind's first `limit`, the soonest time limit first.
  const named = pool.query<OverviewTask & { kind: 'L3' | 'EXTENSION' }>({
    text: `SELECT * FROM (
             SELECT k.kind, t.id, t.title, t.cycle_id AS "cycleId", t.lead_unit_id AS "leadUnitId",
               u.name AS "leadUnitName", t.state, t.light, t.rung, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
               t.pending_extension->>'proposedDate' AS "proposedDate",
               row_number() OVER (PARTITION BY k.kind ORDER BY t.due_date NULLS LAST, t.id) AS n
             FROM tasks t JOIN units u ON u.id = t.lead_unit_id,
               LATERAL (VALUES ('L3', t.rung = 3), ('EXTENSION', t.pending_extension IS NOT NULL)) AS k(kind, hit)
             WHERE ${q.where} AND ${OWED} AND k.hit) x
           WHERE n <= ${q.p(limit)} ORDER BY kind, n`,
    values: q.values,
  });
  const [{ rows }, { rows: tasks }] = await Promise.all([counts, named]);
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((n, r) => n + (r[k] as number), 0);
  const strip = ({ kind: _k, n: _n, ...task }: OverviewTask & { kind: string; n?: unknown }): OverviewTask => task;
  return {
    urgency: { overdue: sum('overdue'), dueSoon: sum('dueSoon'), onTime: sum('onTime') },
    rungs: { l1: sum('l1'), l2: sum('l2'), l3: sum('l3') },
    submitted: sum('submitted'),
    extensions: { office: sum('extOffice'), leader: sum('extLeader') },
    units: rows
      .filter((r) => r.overdue + r.dueSoon + r.onTime > 0)
      .map(({ unitId, unitName, overdue, dueSoon, onTime }) => ({ unitId, unitName, overdue, dueSoon, onTime })),
    l3: tasks.filter((x) => x.kind === 'L3').map(strip),
    extensionRequests: tasks.filter((x) => x.kind === 'EXTENSION').map(strip),
  };
}

/** The accountability cases in scope awaiting the office: statements received (to decide), statements overdue. */
export async function caseOverview(pool: Pool, scope: ListScope) {
  const { values, p } = params();
  const { rows } = await pool.query<{ received: number; overdue: number; open: number }>({
    text: `SELECT (count(*) FILTER (WHERE c.state = 'STATEMENT_RECEIVED'))::int AS received,
             (count(*) FILTER (WHERE c.state = 'STATEMENT_OVERDUE'))::int AS overdue,
             (count(*) FILTER (WHERE c.state = 'OPEN'))::int AS open
           FROM accountability_cases c JOIN units u ON u.id = c.unit_id
           WHERE c.org_id = ${p(scope.orgId)} AND ${scopeCondition(CASE_SCOPE, scope, p)}`,
    values,
  });
  return rows[0] ?? { received: 0, overdue: 0, open: 0 };
}
