import type { Pool } from 'pg';
import type { CycleRow } from './cycles';
import { OPEN_TASK_COUNTS, OWED } from './overview';

/** One organisation under the caller's, in figures only: no task, person or unit of it is named. */
export interface RollupRow {
  id: string;
  name: string;
  /** The organisation it reports to: the caller's, or one under it. */
  parent: string;
  open: number;
  lights: { green: number; yellow: number; red: number };
  /** Open tasks past their time limit, in all and at each escalation rung. */
  overdue: { total: number; l1: number; l2: number; l3: number };
  /** Tasks accepted (办结) in `year`, on time and late (late working days counted at acceptance). */
  completed: { onTime: number; late: number };
  cycle: { year: number; phase: CycleRow['phase'] } | null;
  /** When its latest bulletin was generated, as a date of its time zone. */
  latestBulletinDate: string | null;
}

/**
 * The roll-up of an organisation (DOMAIN.md "The organisation": a higher level reads those under it): every
 * organisation under `orgId`, transitively, nearest first, with its open tasks by light and the overdue ones by
 * rung (counted as the overview counts them), its completions in `year` (its own local year), its current cycle
 * (the newest not closed, as in the overview) and the date of its latest bulletin. One query; none under it: [].
 */
export async function readRollup(pool: Pool, orgId: string, year: number): Promise<RollupRow[]> {
  const { rows } = await pool.query<RollupRow & { depth: number }>({
    text: `WITH RECURSIVE below (id, name, parent, time_zone, depth) AS (
             SELECT o.id, o.name, o.parent_id, o.time_zone, 1 FROM organisations o WHERE o.parent_id = $1
             UNION ALL
             SELECT o.id, o.name, o.parent_id, o.time_zone, b.depth + 1
             FROM organisations o JOIN below b ON o.parent_id = b.id
             WHERE b.depth < 16)
           SELECT b.id, b.name, b.parent, b.depth, x.open,
             json_build_object('green', x.green, 'yellow', x.yellow, 'red', x.red) AS lights,
             json_build_object('total', x.overdue, 'l1', x.l1, 'l2', x.l2, 'l3', x.l3) AS overdue,
             json_build_object('onTime', x."completedOnTime", 'late', x."completedLate") AS completed,
             CASE WHEN c.year IS NULL THEN NULL ELSE json_build_object('year', c.year, 'phase', c.phase) END AS cycle,
             to_char(bl.at AT TIME ZONE b.time_zone, 'YYYY-MM-DD') AS "latestBulletinDate"
           FROM below b
           CROSS JOIN LATERAL (
             SELECT ${OPEN_TASK_COUNTS},
               (count(*) FILTER (WHERE ${OWED}))::int AS open,
               (count(*) FILTER (WHERE ${OWED} AND t.light = 'GREEN'))::int AS green,
               (count(*) FILTER (WHERE ${OWED} AND t.light = 'YELLOW'))::int AS yellow,
               (count(*) FILTER (WHERE ${OWED} AND t.light = 'RED'))::int AS red,
               (count(*) FILTER (WHERE t.state = 'ACCEPTED' AND t.late_working_days = 0))::int AS "completedOnTime",
               (count(*) FILTER (WHERE t.state = 'ACCEPTED' AND t.late_working_days > 0))::int AS "completedLate"
             FROM tasks t
             WHERE t.org_id = b.id AND (${OWED}
               OR (t.state = 'ACCEPTED'
                   AND t.accepted_at >= make_date($2, 1, 1)::timestamp AT TIME ZONE b.time_zone
                   AND t.accepted_at < make_date($2 + 1, 1, 1)::timestamp AT TIME ZONE b.time_zone))) x
           LEFT JOIN LATERAL (
             SELECT year, phase FROM cycles WHERE org_id = b.id AND phase <> 'CLOSED' ORDER BY year DESC LIMIT 1) c
             ON true
           LEFT JOIN LATERAL (SELECT max(generated_at) AS at FROM bulletins WHERE org_id = b.id) bl ON true
           ORDER BY b.depth, b.id`,
    values: [orgId, year],
  });
  return rows.map(({ depth: _d, ...row }) => row);
}
