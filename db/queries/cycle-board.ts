import type { Pool } from 'pg';
import { taskFilterConditions, type TaskFilter } from './task-read';
import type { BoardAxis, BoardCell } from '../../procedures/cycle/views';
import { params, scopeCondition, TASK_SCOPE, type ListScope } from './read-page';

export type { BoardAxis, BoardCell };

// Whitelisted expressions only: the axis picks one of these, never text from the request.
const COLUMN: Record<BoardAxis, string> = {
  goal: 't.goal_id',
  month: `to_char(t.due_date, 'YYYY-MM')`,
};

/** A cell's figures from its rows g(open, light, rung), each counting `count` tasks (DOMAIN.md traffic light). */
const FIGURES = (count: 'count(*)' | 'sum(g.n)') => `${count}::int AS total,
  coalesce(${count} FILTER (WHERE g.open), 0)::int AS open,
  coalesce(${count} FILTER (WHERE g.open AND g.light = 'RED'), 0)::int AS red,
  coalesce(${count} FILTER (WHERE g.open AND g.light = 'YELLOW'), 0)::int AS yellow,
  coalesce(${count} FILTER (WHERE g.open AND g.light = 'GREEN'), 0)::int AS green,
  (CASE max(CASE WHEN NOT g.open THEN 0 WHEN g.light = 'RED' THEN 3 WHEN g.light = 'YELLOW' THEN 2
                 WHEN g.light = 'GREEN' THEN 1 ELSE 0 END)
     WHEN 3 THEN 'RED' WHEN 2 THEN 'YELLOW' WHEN 1 THEN 'GREEN' ELSE 'NONE' END) AS worst,
  coalesce(max(g.rung) FILTER (WHERE g.open), 0)::int AS "maxRung"`;

/**
 * A cycle's tasks in the caller's scope as the board shows them (DOMAIN.md traffic light): lead unit × goal (or
 * month), with counts by light and the worst light of the open tasks. The whole organisation's board sums the
 * counts kept per cell by the database (`task_board_counts`, migration 020: exact and current, written in the
 * transaction that changes a task), a few rows per cell instead of every task of the cycle; a narrower scope (a
 * leader's) groups its own tasks, which are few. `direct` groups the tasks in any scope (to check the counts).
 */
export async function cycleBoard(
  pool: Pool,
  cycleId: string,
  axis: BoardAxis,
  scope: ListScope,
  { direct = false, filter }: { direct?: boolean; filter?: TaskFilter } = {},
) {
  const { values, p } = params();
  // A saved view's filter (issue 20 item 7) narrows the tasks counted: grouped from the tasks themselves.
  const narrowed = filter ? taskFilterConditions(filter, p).filter((c): c is string => c !== undefined) : [];
  // Rows g(unitId, column, open, light, rung[, n]) of the cycle in scope, grouped per cell.
  const grouped =
    scope.wholeOrg && !direct && narrowed.length === 0
      ? `SELECT g.lead_unit_id AS "unitId", g.col AS "column", ${FIGURES('sum(g.n)')}
         FROM task_board_counts g
         WHERE g.cycle_id = ${p(cycleId)} AND g.org_id = ${p(scope.orgId)} AND g.axis = ${p(axis)} AND g.n > 0
         GROUP BY g.lead_unit_id, g.col`
      : `SELECT g.lead_unit_id AS "unitId", g.col AS "column", ${FIGURES('count(*)')}
         FROM (SELECT t.lead_unit_id, ${COLUMN[axis]} AS col, t.state NOT IN ('ACCEPTED', 'CANCELLED') AS open,
                      t.light, t.rung
               FROM tasks t
               WHERE t.cycle_id = ${p(cycleId)} AND t.org_id = ${p(scope.orgId)}
                 AND ${[scopeCondition(TASK_SCOPE, scope, p), ...narrowed].join(' AND ')}) g
         GROUP BY g.lead_unit_id, g.col`;
  const { rows } = await pool.query<BoardCell & { unitName: string; level: number }>({
    text: `SELECT c.*, u.name AS "unitName", u.level FROM (${grouped}) c JOIN units u ON u.id = c."unitId"
           ORDER BY u.level, c."unitId", c."column" NULLS LAST`,
    values,
  });
  const lag = await milestoneLag(pool, cycleId, axis, scope, narrowed.length > 0 ? filter : undefined);
  const units = new Map<string, { unitId: string; unitName: string }>();
  for (const r of rows) units.set(r.unitId, { unitId: r.unitId, unitName: r.unitName });
  const cells: BoardCell[] = rows.map((r) => ({
    unitId: r.unitId,
    column: r.column,
    total: r.total,
    open: r.open,
    red: r.red,
    yellow: r.yellow,
    green: r.green,
    worst: r.worst,
    maxRung: r.maxRung,
    milestonesMissed: lag.get(`${r.unitId}|${r.column}`) ?? 0,
  }));
  return { units: [...units.values()], cells };
}

/**
 * Missed milestones (序时进度滞后) of the cycle's open tasks in scope, per cell `unitId|column`. Only tasks with a miss
 * are read (a partial index, migration 035), so the whole organisation's board stays a few rows.
 */
async function milestoneLag(pool: Pool, cycleId: string, axis: BoardAxis, scope: ListScope, filter?: TaskFilter) {
  const { values, p } = params();
  const narrowed = filter ? taskFilterConditions(filter, p).filter((c): c is string => c !== undefined) : [];
  const { rows } = await pool.query<{ unitId: string; column: string | null; missed: number }>({
    text: `SELECT t.lead_unit_id AS "unitId", ${COLUMN[axis]} AS "column", sum(t.milestones_missed)::int AS missed
           FROM tasks t
           WHERE t.cycle_id = ${p(cycleId)} AND t.org_id = ${p(scope.orgId)} AND t.milestones_missed > 0
             AND t.state NOT IN ('ACCEPTED', 'CANCELLED')
             AND ${[scopeCondition(TASK_SCOPE, scope, p), ...narrowed].join(' AND ')}
           GROUP BY 1, 2`,
    values,
  });
  return new Map(rows.map((r) => [`${r.unitId}|${r.column}`, r.missed]));
}

/** The goals (id, title, priority) of a stored plan version, in the plan's order. */
export async function planGoals(pool: Pool, cycleId: string, version: number) {
  const { rows } = await pool.query<{ id: string; title: string }>({
    text: `SELECT g->>'id' AS id, g->>'title' AS title
           FROM cycle_plans p, jsonb_array_elements(p.content->'goals') WITH ORDINALITY AS x(g, n)
           WHERE p.cycle_id = $1 AND p.version = $2 ORDER BY x.n`,
    values: [cycleId, version],
  });
  return rows;
}
