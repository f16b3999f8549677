import type { Pool } from 'pg';
import type { ReportTask, StatusReport } from '../../procedures/meeting/messages';

const OPEN = `('ASSIGNED', 'SIGNED', 'IN_PROGRESS', 'SUBMITTED')`;
const WORKING = `('ASSIGNED', 'SIGNED', 'IN_PROGRESS')`;

/** The report before lateness is measured (on the working-day calendar, by the activity). */
export type RawStatusReport = Omit<StatusReport, 'overdue'> & { overdue: ReportTask[] };

/**
 * The status report a joint meeting's agenda opens with (DOMAIN.md annual cycle step 3: "a status report is put on
 * the agenda automatically"), from the task read model of the meeting's cycle: counts by state and by light, the open
 * tasks past their deadline and their units, and the escalation rungs reached since `since`.
 */
export async function computeMeetingReport(
  pool: Pool,
  p: { orgId: string; cycleId: string; since: string; asOf: string },
): Promise<RawStatusReport> {
  const scope = [p.orgId, p.cycleId];
  const [states, lights, overdue, escalations] = await Promise.all([
    pool.query<{ state: string; n: number }>({
      text: `SELECT state, count(*)::int AS n FROM tasks WHERE org_id = $1 AND cycle_id = $2 GROUP BY state ORDER BY state`,
      values: scope,
    }),
    pool.query<{ light: string; n: number }>({
      text: `SELECT light, count(*)::int AS n FROM tasks WHERE org_id = $1 AND cycle_id = $2 AND state IN ${OPEN}
             GROUP BY light`,
      values: scope,
    }),
    pool.query<ReportTask>({
      text: `SELECT t.id AS "taskId", t.title, t.lead_unit_id AS "unitId", u.name AS "unitName",
               to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.rung::int AS rung
             FROM tasks t JOIN units u ON u.id = t.lead_unit_id
             WHERE t.org_id = $1 AND t.cycle_id = $2 AND t.state IN ${WORKING} AND t.due_at <= $3
             ORDER BY t.due_date, t.id`,
      values: [...scope, p.asOf],
    }),
    pool.query<ReportTask & { at: Date }>({
      text: `SELECT t.id AS "taskId", t.title, t.lead_unit_id AS "unitId", u.name AS "unitName",
               to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", right(e.kind, 1)::int AS rung, e.at
             FROM task_timeline e JOIN tasks t ON t.id = e.task_id JOIN units u ON u.id = t.lead_unit_id
             WHERE t.org_id = $1 AND t.cycle_id = $2 AND e.kind IN ('ESCALATION_L1', 'ESCALATION_L2', 'ESCALATION_L3')
               AND e.at >= $3 AND e.at <= $4
             ORDER BY e.at, e.id`,
      values: [...scope, p.since, p.asOf],
    }),
  ]);
  const byState = Object.fromEntries(states.rows.map((r) => [r.state, r.n]));
  const light = (l: string) => lights.rows.find((r) => r.light === l)?.n ?? 0;
  const units = new Map<string, { unitId: string; unitName: string; tasks: number }>();
  for (const t of overdue.rows) {
    const u = units.get(t.unitId) ?? { unitId: t.unitId, unitName: t.unitName, tasks: 0 };
    u.tasks += 1;
    units.set(t.unitId, u);
  }
  return {
    asOf: p.asOf,
    since: p.since,
    byState,
    byLight: { GREEN: light('GREEN'), YELLOW: light('YELLOW'), RED: light('RED') },
    total: states.rows.reduce((sum, r) => sum + r.n, 0),
    overdue: overdue.rows,
    overdueUnits: [...units.values()].sort((a, b) => b.tasks - a.tasks || a.unitId.localeCompare(b.unitId)),
    escalations: escalations.rows.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  };
}
