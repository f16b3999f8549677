import type { Pool } from 'pg';
import { emptyMetrics, type UnitMetrics } from '../../assessment/score';
import { localDate, workingDaysBetween } from '../../procedures/time/working-days';
import { readWorkingCalendar } from './calendar';
import { countAppraisalRatings } from './appraisal-read';
import { collaborationAnswers } from './collaboration-answers';
import { escalatedTasksByUnit } from './escalations';

/** A unit to be scored and its raw figures. */
export interface UnitMetricsRow {
  unitId: string;
  unitName: string;
  kind: string;
  metrics: UnitMetrics;
}

/**
 * The cycle's tasks as they stood at the cut-off: created by then and not cancelled, each with what was true at
 * the cut-off (accepted, submitted, past its deadline). $1 org, $2 cycle, $3 cut-off. A task whose clock stood
 * still at the cut-off (an approved pause not yet resumed) is not past its deadline: its deadline moves by the paused
 * working days when the clock runs again, so paused days are never lateness.
 */
const SCOPE = `SELECT t.id, t.lead_unit_id, t.type, t.rating, t.late_working_days, to_char(t.due_date, 'YYYY-MM-DD') AS due_date,
    coalesce(t.accepted_at <= $3, false) AS accepted,
    coalesce(t.submitted_at <= $3 AND t.state IN ('SUBMITTED', 'ACCEPTED'), false) AS submitted,
    coalesce(t.due_at <= $3, false) AND NOT EXISTS (
      SELECT 1 FROM jsonb_array_elements(t.pauses) p WHERE p->>'decision' = 'APPROVED'
        AND (p->>'decidedAt')::timestamptz <= $3
        AND (p->>'resumedAt' IS NULL OR (p->>'resumedAt')::timestamptz > $3)) AS past_due
  FROM tasks t WHERE t.org_id = $1 AND t.cycle_id = $2 AND t.state <> 'CANCELLED' AND t.created_at <= $3`;

interface TaskRow {
  id: string;
  unitId: string;
  type: string;
  rating: string | null;
  lateWorkingDays: number;
  dueDate: string | null;
  accepted: boolean;
  submitted: boolean;
  pastDue: boolean;
}

type Counts = Record<string, number>;

async function countsByUnit(pool: Pool, text: string, values: unknown[]): Promise<Map<string, Counts>> {
  const { rows } = await pool.query<{ unitId: string; counts: Counts }>({ text, values });
  return new Map(rows.map((r) => [r.unitId, r.counts]));
}

/**
 * The raw figures of every unit assessed in a cycle as of `cutOff` (DOMAIN.md annual cycle step 6): the active
 * departments and towns, and any other unit that leads a task of the cycle or led one when it escalated. Everything
 * is counted from rows with a time at or before the cut-off: task acceptance and submission, timeline entries
 * (urgings, by the clock and by hand, extension decisions, milestones met and missed), refusals ruled on (counted for
 * the unit that refused), the escalation history (tasks that climbed each rung, by the lead unit at the
 * time, whether or not a return for rework reset the rung since), inspection findings recorded, joint meetings held,
 * and what case collaboration asked of the unit in the cycle's year (`collaborationAnswers`); an enforcement or audit
 * body that received referrals is assessed on those alone.
 * Lateness is the working days measured at submission, or, for a task still open past its deadline, the working
 * days from the deadline to the cut-off.
 */
export async function computeAssessmentMetrics(
  pool: Pool,
  p: { orgId: string; cycleId: string; cutOff: Date },
): Promise<UnitMetricsRow[]> {
  const values = [p.orgId, p.cycleId, p.cutOff];
  const year = await pool.query<{ year: number }>({
    text: 'SELECT year FROM cycles WHERE id = $1 AND org_id = $2',
    values: [p.cycleId, p.orgId],
  });
  const cycleYear = year.rows[0]?.year ?? Number(localDate(p.cutOff).slice(0, 4));
  const answers = await collaborationAnswers(pool, {
    orgId: p.orgId,
    from: `${cycleYear}-01-01`,
    to: `${cycleYear}-12-31`,
    asOf: p.cutOff,
  });
  const answered = new Map(answers.map((a) => [a.unitId, a]));
  const appraised = await countAppraisalRatings(pool, { cycleId: p.cycleId, cutOff: p.cutOff });
  const enforcementAsked = answers.filter((a) => a.kind === 'ENFORCEMENT' && a.referralsDue > 0).map((a) => a.unitId);
  const [units, tasks, timeline, rungs, findings, meetings, refusals] = await Promise.all([
    pool.query<{ unitId: string; unitName: string; kind: string }>({
      text: `WITH scope AS (${SCOPE})
             SELECT u.id AS "unitId", u.name AS "unitName", u.kind FROM units u
             WHERE u.org_id = $1 AND ((u.active AND u.kind IN ('DEPARTMENT', 'TOWN'))
               OR u.id IN (SELECT lead_unit_id FROM scope)
               OR u.id IN (SELECT e.unit_id FROM task_escalations e JOIN scope s ON s.id = e.task_id WHERE e.at <= $3)
               OR u.id = ANY($4::text[]))
             ORDER BY u.level,
               array_position(ARRAY['OFFICE','GROUP','DEPARTMENT','TOWN','ENFORCEMENT','VILLAGE'], u.kind), u.id`,
      values: [...values, enforcementAsked],
    }),
    pool.query<TaskRow>({
      text: `SELECT id, lead_unit_id AS "unitId", type, rating, late_working_days AS "lateWorkingDays",
               due_date AS "dueDate", accepted, submitted, past_due AS "pastDue"
             FROM (${SCOPE}) s ORDER BY id`,
      values,
    }),
    countsByUnit(
      pool,
      `WITH scope AS (${SCOPE})
       SELECT s.lead_unit_id AS "unitId", json_build_object(
         'urging', count(*) FILTER (WHERE tl.kind = 'SIGN_FOR_OVERDUE'),
         'urged', count(*) FILTER (WHERE tl.kind = 'URGED'),
         'milestonesMet', count(*) FILTER (WHERE tl.kind = 'MILESTONE_MET'),
         'milestonesMissed', count(*) FILTER (WHERE tl.kind = 'MILESTONE_MISSED'),
         'approved', count(*) FILTER (WHERE tl.kind = 'EXTENSION_APPROVED'),
         'denied', count(*) FILTER (WHERE tl.kind = 'EXTENSION_DENIED')) AS counts
       FROM scope s JOIN task_timeline tl ON tl.task_id = s.id AND tl.at <= $3
       GROUP BY s.lead_unit_id`,
      values,
    ),
    countsByUnit(
      pool,
      `WITH scope AS (${SCOPE})
       SELECT x.unit_id AS "unitId", json_build_object('L1', x.l1, 'L2', x.l2, 'L3', x.l3) AS counts
       FROM (${escalatedTasksByUnit('e.at <= $3')}) x`,
      values,
    ),
    countsByUnit(
      pool,
      `SELECT f.unit_id AS "unitId", json_build_object(
         'MINOR', count(*) FILTER (WHERE f.severity = 'MINOR'),
         'MAJOR', count(*) FILTER (WHERE f.severity = 'MAJOR'),
         'SERIOUS', count(*) FILTER (WHERE f.severity = 'SERIOUS')) AS counts
       FROM inspection_findings f JOIN cycles c ON c.id = f.cycle_id AND c.org_id = $1
       WHERE f.cycle_id = $2 AND f.recorded_at <= $3 GROUP BY f.unit_id`,
      values,
    ),
    countsByUnit(
      pool,
      `SELECT a.unit_id AS "unitId", json_build_object(
         'held', count(*),
         'present', count(*) FILTER (WHERE a.status = 'PRESENT'),
         'absent', count(*) FILTER (WHERE a.status = 'ABSENT'),
         'declined', count(*) FILTER (WHERE a.answer = 'DECLINED')) AS counts
       FROM meetings m JOIN meeting_attendance a ON a.meeting_id = m.id
       WHERE m.org_id = $1 AND m.cycle_id = $2 AND m.state IN ('HELD', 'MINUTED') AND coalesce(m.held_at, m.at) <= $3
         AND m.kind <> 'MAJOR_CASE'
       GROUP BY a.unit_id`,
      values,
    ),
    countsByUnit(
      pool,
      `WITH scope AS (${SCOPE})
       SELECT r->>'unitId' AS "unitId", json_build_object(
         'insisted', count(*) FILTER (WHERE r->>'ruling' = 'INSIST'),
         'reassigned', count(*) FILTER (WHERE r->>'ruling' = 'REASSIGN')) AS counts
       FROM tasks t JOIN scope s ON s.id = t.id, jsonb_array_elements(t.refusals) r
       WHERE r->>'ruledAt' IS NOT NULL AND (r->>'ruledAt')::timestamptz <= $3
       GROUP BY r->>'unitId'`,
      values,
    ),
  ]);

  const cutOffDate = localDate(p.cutOff);
  const years = tasks.rows.flatMap((t) => (t.dueDate ? [Number(t.dueDate.slice(0, 4))] : []));
  const cutOffYear = Number(cutOffDate.slice(0, 4));
  const calendar = await readWorkingCalendar(pool, p.orgId, Math.min(cutOffYear, ...years), cutOffYear);

  const byUnit = new Map(units.rows.map((u) => [u.unitId, emptyMetrics()]));
  for (const t of tasks.rows) {
    const m = byUnit.get(t.unitId);
    if (!m) continue;
    m.tasks.led += 1;
    const due = t.pastDue || t.accepted;
    const onTime = t.accepted && t.lateWorkingDays === 0;
    if (due) m.tasks.due += 1;
    if (t.accepted) m.tasks.completed += 1;
    if (onTime) m.tasks.completedOnTime += 1;
    if (t.pastDue && !t.submitted) m.tasks.openOverdue += 1;
    if (t.accepted && t.rating && t.rating in m.ratings) m.ratings[t.rating as keyof UnitMetrics['ratings']] += 1;
    if (t.type === 'RECTIFICATION' && due) m.rectification.due += 1;
    if (t.type === 'RECTIFICATION' && onTime) m.rectification.completedOnTime += 1;
    const days = t.submitted
      ? t.lateWorkingDays
      : t.pastDue && t.dueDate
        ? Math.max(0, workingDaysBetween(calendar, t.dueDate, cutOffDate))
        : 0;
    if (days > 0) {
      m.overdue.days += days;
      m.overdue.tasks.push({ taskId: t.id, days });
    }
  }
  for (const [unitId, m] of byUnit) {
    const tl = timeline.get(unitId) ?? {};
    const r = rungs.get(unitId) ?? {};
    m.escalations = { urging: tl.urging ?? 0, urged: tl.urged ?? 0, L1: r.L1 ?? 0, L2: r.L2 ?? 0, L3: r.L3 ?? 0 };
    m.milestones = { met: tl.milestonesMet ?? 0, missed: tl.milestonesMissed ?? 0 };
    m.refusals = { insisted: 0, reassigned: 0, ...refusals.get(unitId) };
    m.extensions = { approved: tl.approved ?? 0, denied: tl.denied ?? 0 };
    m.findings = { ...m.findings, ...findings.get(unitId) };
    m.meetings = { ...m.meetings, ...meetings.get(unitId) };
    const c = answered.get(unitId);
    if (c) {
      m.referrals = { due: c.referralsDue, onTime: c.referralsOnTime };
      m.secondments = { due: c.secondmentsDue + c.rotationsDue, onTime: c.secondmentsOnTime + c.rotationsOnTime };
    }
    const a = appraised.get(unitId);
    if (a) m.appraisal = { raters: a.raters, satisfied: a.satisfied, basic: a.basic };
  }
  return units.rows.map((u) => ({ ...u, metrics: byUnit.get(u.unitId) ?? emptyMetrics() }));
}
