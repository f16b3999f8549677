import type { Pool } from 'pg';
import type { InspectionReport, ReportRectification, Severity } from '../../procedures/inspection/messages';

/** A rectification task as the read model holds it, with the instant it settled if it has. */
export interface RectificationRow {
  taskId: string;
  state: string;
  rung: number;
  dueDate: string | null;
  /** Accepted: its acceptance; cancelled: its cancellation; open at L3: its escalation to L3. */
  settledAt: Date | null;
}

/** The rectification tasks of the given ids that are in the read model already. */
export async function readRectifications(pool: Pool, taskIds: string[]): Promise<RectificationRow[]> {
  const { rows } = await pool.query<RectificationRow>({
    text: `SELECT t.id AS "taskId", t.state, t.rung, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
             CASE WHEN t.state = 'ACCEPTED' THEN t.accepted_at
                  WHEN t.state = 'CANCELLED' THEN (SELECT max(e.at) FROM task_timeline e
                                                   WHERE e.task_id = t.id AND e.kind = 'CANCELLED')
                  WHEN t.rung >= 3 THEN (SELECT max(e.at) FROM task_timeline e
                                         WHERE e.task_id = t.id AND e.kind = 'ESCALATION_L3')
             END AS "settledAt"
           FROM tasks t WHERE t.id = ANY ($1)`,
    values: [taskIds],
  });
  return rows;
}

const SEVERITIES: Severity[] = ['SERIOUS', 'MAJOR', 'MINOR'];
const zero = (): Record<Severity, number> => ({ SERIOUS: 0, MAJOR: 0, MINOR: 0 });

/** The round report from the read model as it stands: self-checks, findings by severity and unit, rectifications. */
export async function computeInspectionReport(pool: Pool, roundId: string, asOf: string): Promise<InspectionReport> {
  const [round, units, tasks] = await Promise.all([
    pool.query<{ title: string }>({ text: `SELECT title FROM inspection_rounds WHERE id = $1`, values: [roundId] }),
    pool.query<{ unitId: string; unitName: string; status: string }>({
      text: `SELECT i.unit_id AS "unitId", u.name AS "unitName", i.self_check_status AS status
             FROM inspection_units i JOIN units u ON u.id = i.unit_id WHERE i.round_id = $1
             ORDER BY u.level, array_position(ARRAY['DEPARTMENT','TOWN','VILLAGE'], u.kind), u.id`,
      values: [roundId],
    }),
    pool.query<ReportRectification>({
      text: `SELECT f.task_id AS "taskId", f.unit_id AS "unitId", u.name AS "unitName", f.severity,
               COALESCE(t.title, f.description) AS title, COALESCE(t.state, 'ASSIGNED') AS state,
               COALESCE(t.rung, 0)::int AS rung, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
               COALESCE(t.late_working_days, 0) AS "lateWorkingDays"
             FROM inspection_findings f JOIN units u ON u.id = f.unit_id LEFT JOIN tasks t ON t.id = f.task_id
             WHERE f.round_id = $1 ORDER BY f.unit_id, f.seq`,
      values: [roundId],
    }),
  ]);
  const names = (status: string) => units.rows.filter((u) => u.status === status).map((u) => u.unitName);
  const byUnit = new Map<string, InspectionReport['findings']['byUnit'][number]>();
  const bySeverity = zero();
  for (const t of tasks.rows) {
    bySeverity[t.severity] += 1;
    const row = byUnit.get(t.unitId) ?? { unitId: t.unitId, unitName: t.unitName, total: 0, ...zero() };
    row[t.severity] += 1;
    row.total += 1;
    byUnit.set(t.unitId, row);
  }
  const count = (pick: (t: ReportRectification) => boolean) => tasks.rows.filter(pick).length;
  const escalated = tasks.rows.filter((t) => t.rung >= 3 && !['ACCEPTED', 'CANCELLED'].includes(t.state));
  return {
    roundId,
    title: round.rows[0]?.title ?? roundId,
    asOf,
    units: units.rows.length,
    selfChecks: {
      onTime: names('FILED').length,
      late: names('LATE').length,
      missing: names('PENDING').length,
      lateUnits: names('LATE'),
      missingUnits: names('PENDING'),
    },
    findings: {
      total: tasks.rows.length,
      bySeverity,
      byUnit: [...byUnit.values()].sort((a, b) => SEVERITIES.reduce((d, s) => d || b[s] - a[s], 0)),
    },
    rectifications: {
      total: tasks.rows.length,
      acceptedOnTime: count((t) => t.state === 'ACCEPTED' && t.lateWorkingDays === 0),
      acceptedLate: count((t) => t.state === 'ACCEPTED' && t.lateWorkingDays > 0),
      escalated: escalated.length,
      cancelled: count((t) => t.state === 'CANCELLED'),
      open: count((t) => !['ACCEPTED', 'CANCELLED'].includes(t.state) && t.rung < 3),
      escalatedTasks: escalated,
    },
  };
}
