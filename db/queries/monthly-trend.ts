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
             SELECT to_char(m, 'YYYY-MM') AS month FROM span, generate_series(span.first, span.last, interval '1 month') m),
           -- Each task's months once (its limit's, its completion's), then counted per month: not a scan of the
           -- cycle's tasks per month and figure (20,000 tasks × 12 months × 4 figures took 270 ms).
           facts AS (
             SELECT to_char(s.due_date, 'YYYY-MM') AS "dueMonth",
                    CASE WHEN s.state = 'ACCEPTED' AND s.accepted_at <= ${asOf} THEN ${month('s.accepted_at')} END
                      AS "doneMonth",
                    s.state = 'ACCEPTED' AND s.late_working_days = 0 AS "onTime",
                    s.due_at <= ${asOf}
                      AND (s.state IN ('ASSIGNED', 'SIGNED', 'IN_PROGRESS')
                        OR (s.state = 'SUBMITTED' AND s.submitted_at > s.due_at)
                        OR (s.state = 'ACCEPTED' AND s.late_working_days > 0)) AS lapsed
             FROM scope s),
           counted AS (
             SELECT "dueMonth" AS month, count(*) AS due, count(*) FILTER (WHERE lapsed) AS lapsed, 0 AS completed,
                    0 AS "completedOnTime", 0 AS escalations
             FROM facts WHERE "dueMonth" IS NOT NULL GROUP BY "dueMonth"
             UNION ALL
             SELECT "doneMonth", 0, 0, count(*), count(*) FILTER (WHERE "onTime"), 0
             FROM facts WHERE "doneMonth" IS NOT NULL GROUP BY "doneMonth"
             UNION ALL
             SELECT ${month('e.at')}, 0, 0, 0, 0, count(*) FROM esc e GROUP BY 1)
           SELECT m.month, coalesce(sum(c.due), 0)::int AS due, coalesce(sum(c.completed), 0)::int AS completed,
             coalesce(sum(c."completedOnTime"), 0)::int AS "completedOnTime", coalesce(sum(c.lapsed), 0)::int AS lapsed,
             coalesce(sum(c.escalations), 0)::int AS escalations
           FROM months m LEFT JOIN counted c ON c.month = m.month
           GROUP BY m.month ORDER BY m.month`,
    values,
  });
  return rows;
}
