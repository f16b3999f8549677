import type { Pool } from 'pg';
import type { BoardAxis, BoardCell } from '../../procedures/cycle/views';
import { params, scopeCondition, TASK_SCOPE, type ListScope } from './read-page';

export type { BoardAxis, BoardCell };

// Whitelisted expressions only: the axis picks one of these, never text from the request.
const COLUMN: Record<BoardAxis, string> = {
  goal: 't.goal_id',
  month: `to_char(t.due_date, 'YYYY-MM')`,
};

/**
 * A cycle's tasks in the caller's scope as the board shows them (DOMAIN.md traffic light): one grouped query over the read
 * model, lead unit × goal (or month), with counts by light and the worst light of the open tasks.
 */
export async function cycleBoard(pool: Pool, cycleId: string, axis: BoardAxis, scope: ListScope) {
  const { values, p } = params();
  const { rows } = await pool.query<BoardCell & { unitName: string; level: number }>({
    text: `SELECT t.lead_unit_id AS "unitId", u.name AS "unitName", u.level, ${COLUMN[axis]} AS "column",
             count(*)::int AS total,
             (count(*) FILTER (WHERE o.open))::int AS open,
             (count(*) FILTER (WHERE o.open AND t.light = 'RED'))::int AS red,
             (count(*) FILTER (WHERE o.open AND t.light = 'YELLOW'))::int AS yellow,
             (count(*) FILTER (WHERE o.open AND t.light = 'GREEN'))::int AS green,
             (CASE max(CASE WHEN NOT o.open THEN 0 WHEN t.light = 'RED' THEN 3 WHEN t.light = 'YELLOW' THEN 2
                            WHEN t.light = 'GREEN' THEN 1 ELSE 0 END)
                WHEN 3 THEN 'RED' WHEN 2 THEN 'YELLOW' WHEN 1 THEN 'GREEN' ELSE 'NONE' END) AS worst,
             coalesce(max(t.rung) FILTER (WHERE o.open), 0)::int AS "maxRung"
           FROM tasks t
           JOIN units u ON u.id = t.lead_unit_id
           CROSS JOIN LATERAL (SELECT t.state NOT IN ('ACCEPTED', 'CANCELLED') AS open) o
           WHERE t.cycle_id = ${p(cycleId)} AND t.org_id = ${p(scope.orgId)} AND ${scopeCondition(TASK_SCOPE, scope, p)}
           GROUP BY t.lead_unit_id, u.name, u.level, ${COLUMN[axis]}
           ORDER BY u.level, t.lead_unit_id, "column" NULLS LAST`,
    values,
  });
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
  }));
  return { units: [...units.values()], cells };
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
