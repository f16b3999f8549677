import type { Pool } from 'pg';
import type { UpcomingDeadline } from '../../procedures/cycle/views';
import { params, scopeCondition, TASK_SCOPE, type ListScope } from './read-page';

export interface StateCounts {
  total: number;
  byState: Record<string, number>;
  byLight: Record<string, number>;
  overdue: number;
}

/** The cycle's tasks in the caller's scope, as the table `t` of the query that follows. */
function scopedTasks(cycleId: string, scope: ListScope) {
  const { values, p } = params();
  const sql = `WITH t AS (SELECT t.* FROM tasks t WHERE t.cycle_id = ${p(cycleId)} AND t.org_id = ${p(scope.orgId)}
                 AND ${scopeCondition(TASK_SCOPE, scope, p)})`;
  return { sql, values, p };
}

/** Counts of a group of tasks: by state, by light, and still owed past their deadline (red, 逾期). */
const aggregate = (groupBy: string) => `
  SELECT ${groupBy} AS key, count(*)::int AS total,
    (SELECT jsonb_object_agg(state, n) FROM (SELECT state, count(*)::int AS n FROM t x
       WHERE x.${groupBy} IS NOT DISTINCT FROM t.${groupBy} GROUP BY state) s) AS "byState",
    (SELECT jsonb_object_agg(light, n) FROM (SELECT light, count(*)::int AS n FROM t x
       WHERE x.${groupBy} IS NOT DISTINCT FROM t.${groupBy} GROUP BY light) l) AS "byLight",
    (count(*) FILTER (WHERE t.light = 'RED' AND t.state IN ('ASSIGNED', 'SIGNED', 'IN_PROGRESS')))::int AS overdue
  FROM t GROUP BY t.${groupBy}`;

/**
 * A cycle's tasks in the caller's scope counted by state and light (DOMAIN.md traffic light): for the whole cycle,
 * per lead unit (with its name, every unit that leads a task) and per goal of the plan (tasks added during the year
 * have no goal).
 */
export async function cycleProgress(pool: Pool, cycleId: string, scope: ListScope) {
  const { sql, values } = scopedTasks(cycleId, scope);
  const [units, goals] = await Promise.all([
    pool.query<{ key: string } & StateCounts & { name: string }>({
      text: `${sql} SELECT a.*, u.name FROM (${aggregate('lead_unit_id')}) a JOIN units u ON u.id = a.key
             ORDER BY u.level, u.id`,
      values,
    }),
    pool.query<{ key: string | null } & StateCounts>({
      text: `${sql} ${aggregate('goal_id')} ORDER BY t.goal_id NULLS LAST`,
      values,
    }),
  ]);
  const clean = <T extends StateCounts>(r: T) => ({ ...r, byState: r.byState ?? {}, byLight: r.byLight ?? {} });
  const totals = units.rows.reduce<StateCounts>(
    (acc, r) => {
      acc.total += r.total;
      acc.overdue += r.overdue;
      for (const [k, n] of Object.entries(r.byState ?? {})) acc.byState[k] = (acc.byState[k] ?? 0) + n;
      for (const [k, n] of Object.entries(r.byLight ?? {})) acc.byLight[k] = (acc.byLight[k] ?? 0) + n;
      return acc;
    },
    { total: 0, byState: {}, byLight: {}, overdue: 0 },
  );
  return {
    totals,
    units: units.rows.map(({ key, name, ...r }) => ({ unitId: key, unitName: name, ...clean(r) })),
    goals: goals.rows.map(({ key, ...r }) => ({ goalId: key, ...clean(r) })),
  };
}

/** The open tasks of a cycle in the caller's scope whose deadlines come next (overdue ones first). */
export async function upcomingDeadlines(pool: Pool, cycleId: string, scope: ListScope, limit: number) {
  const { sql, values, p } = scopedTasks(cycleId, scope);
  const { rows } = await pool.query<UpcomingDeadline>({
    text: `${sql} SELECT id, title, lead_unit_id AS "leadUnitId", to_char(due_date, 'YYYY-MM-DD') AS "dueDate", light,
             rung
           FROM t WHERE state IN ('ASSIGNED', 'SIGNED', 'IN_PROGRESS') AND due_date IS NOT NULL
           ORDER BY due_date, id LIMIT ${p(limit)}`,
    values,
  });
  return rows;
}
