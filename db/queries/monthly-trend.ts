import type { Pool } from 'pg';
import type { MonthTrend } from '../../render/charts';
import { params, scopeCondition, TASK_SCOPE, type ListScope } from './read-page';
import { taskFilterConditions, type TaskFilter } from './task-read';

/** One month of a cycle's tasks, in the organisation's time zone (render/charts.ts `MonthTrend`). */
export type MonthFigures = MonthTrend;

/**
 * A cycle's tasks in the caller's scope (and a saved view's filter), month by month: from January of the cycle's year
 * (or an earlier month a task of it fell due, was completed or escalated in) to the month of `asOf`, no later than the
 * last month with any of these after the year's December, and at least January. A lapse (逾期) counts under the month
 * of the limit's last day (`due_date`; `due_at` is 24:00 of it, the next day's 00:00) once `due_at` has passed by
 * `asOf`, judged as the bulletin judges overdue: a task still not submitted, submitted after it, or accepted late
 * (`late_working_days`); a cancelled or timely task is none. An escalation counts under the month it happened in.
 */
export async function monthlyTrend(
  pool: Pool,
  p: { orgId: string; cycleId: string; year: number; asOf: Date; scope: ListScope; filter?: TaskFilter },
): Promise<MonthFigures[]> {
  const { values, p: param } = params();
  const narrowed = p.filter ? taskFilterConditions(p.filter, param).filter((c): c is string => c !== undefined) : [];
  const tz = `(SELECT time_zone FROM organisations WHERE id = ${param(p.orgId)})`;
  const local = (at: string) => `date_trunc('month', ${at} AT TIME ZONE ${tz})::date`;
  const month = (at: string) => `to_char(${at} AT TIME ZONE ${tz}, 'YYYY-MM')`;
  const asOf = param(p.asOf);
  const january = `make_date(${param(p.year)}::int, 1, 1)`;
  const { rows } = await pool.query<MonthFigures>({
    text: `WITH scope AS (
             SELECT t.id, t.state, t.due_date, t.due_at, t.submitted_at, t.accepted_at, t.late_working_days FROM tasks t
             WHERE t.cycle_id = ${param(p.cycleId)} AND t.org_id = ${param(p.orgId)}
               AND ${[scopeCondition(TASK_SCOPE, p.scope, param), ...narrowed].join(' AND ')}),
           esc AS (SELECT e.at FROM task_escalations e JOIN scope s ON s.id = e.task_id WHERE e.at <= ${asOf}),
           seen AS (
             SELECT date_trunc('month', due_date)::date AS m FROM scope WHERE due_date IS NOT NULL
             UNION ALL SELECT ${local('accepted_at')} FROM scope WHERE accepted_at <= ${asOf}
             UNION ALL SELECT ${local('at')} FROM esc),
           span AS (
             SELECT least(${january}, (SELECT min(m) FROM seen)) AS first,
                    greatest(${january}, least(${local(asOf + '::timestamptz')},
                      greatest((${january} + interval '11 months')::date, (SELECT max(m) FROM seen)))) AS last),
           months AS (
             SELECT to_char(m, 'YYYY-MM') AS month FROM span, generate_series(span.first, span.last, interval '1 month') m)
           SELECT m.month,
             (SELECT count(*) FROM scope s WHERE to_char(s.due_date, 'YYYY-MM') = m.month)::int AS due,
             (SELECT count(*) FROM scope s WHERE s.state = 'ACCEPTED' AND s.accepted_at <= ${asOf}
                AND ${month('s.accepted_at')} = m.month)::int AS completed,
             (SELECT count(*) FROM scope s WHERE s.state = 'ACCEPTED' AND s.late_working_days = 0
                AND s.accepted_at <= ${asOf} AND ${month('s.accepted_at')} = m.month)::int AS "completedOnTime",
             (SELECT count(*) FROM scope s WHERE s.due_at <= ${asOf} AND to_char(s.due_date, 'YYYY-MM') = m.month
                AND (s.state IN ('ASSIGNED', 'SIGNED', 'IN_PROGRESS')
                  OR (s.state = 'SUBMITTED' AND s.submitted_at > s.due_at)
                  OR (s.state = 'ACCEPTED' AND s.late_working_days > 0)))::int AS lapsed,
             (SELECT count(*) FROM esc e WHERE ${month('e.at')} = m.month)::int AS escalations
           FROM months m ORDER BY m.month`,
    values,
  });
  return rows;
}
