import type { Queryable } from '../transaction';
import type { NetworkKind, NetworkLevel } from '../org-file';
import { memberStatusSql, type NetworkStatus } from './network-members';

/**
 * The supervision network's year (监督网络履职情况, issue 19 part 6), for the office's yearly review of its members:
 * what each submitted and what became of it, how soon the office answered, how they rated the answers, and how they
 * took part in inspection rounds and conduct appraisals. Every member appointed at any time is listed, with zeros
 * where they did nothing; days are calendar days, the year the organisation's own.
 */
export interface MemberActivity {
  personId: string;
  name: string;
  kind: NetworkKind;
  level: NetworkLevel;
  areaName: string | null;
  status: NetworkStatus;
  submissions: number;
  /** Triaged into a supervised task for the unit concerned (转交办). */
  ledToTasks: number;
  /** Referred to an enforcement body as a clue (移送). */
  referred: number;
  /** Answered at once, merged with an earlier one, or closed with a reason. */
  replied: number;
  merged: number;
  closed: number;
  /** Not yet triaged, or triaged and not yet answered. */
  awaiting: number;
  /** Mean days from submission to triage, and to the answer the member heard; null when none was. */
  daysToTriage: number | null;
  daysToAnswer: number | null;
  /** Answers the office gave after their deadline. */
  answeredLate: number;
  /** Mean of the member's ratings of the answers (1–5); null when they rated none. */
  rating: number | null;
  observations: number;
  appraisalsInvited: number;
  appraisalsFinished: number;
}

export type ActivityTotals = Omit<MemberActivity, 'personId' | 'name' | 'kind' | 'level' | 'areaName' | 'status'> & {
  members: number;
};

const LEVEL_ORDER = `array_position(ARRAY['DISTRICT', 'TOWN', 'VILLAGE'], m.level)`;

/**
 * Every member's activity in the organisation's `year`, by level, area and name, and the network's totals: every count
 * added up, every mean taken over all the submissions it concerns (not a mean of the members' means).
 */
export async function networkActivity(
  db: Queryable,
  orgId: string,
  year: number,
): Promise<{ members: MemberActivity[]; totals: ActivityTotals }> {
  const { rows } = await db.query<MemberRow>({
    text: `WITH bounds AS (
             SELECT make_timestamptz($2, 1, 1, 0, 0, 0, o.time_zone) AS from_at,
                    make_timestamptz($2 + 1, 1, 1, 0, 0, 0, o.time_zone) AS to_at,
                    (now() AT TIME ZONE o.time_zone)::date AS today
             FROM organisations o WHERE o.id = $1),
           subs AS (
             SELECT s.submitted_by AS person_id, count(*)::int AS submissions,
                    count(*) FILTER (WHERE s.triage_action = 'TASK')::int AS led_to_tasks,
                    count(*) FILTER (WHERE s.triage_action = 'REFER')::int AS referred,
                    count(*) FILTER (WHERE s.triage_action = 'REPLY')::int AS replied,
                    count(*) FILTER (WHERE s.triage_action = 'MERGE')::int AS merged,
                    count(*) FILTER (WHERE s.triage_action = 'CLOSE')::int AS closed,
                    count(*) FILTER (WHERE s.triaged_at IS NULL
                                        OR (s.answered_at IS NULL AND s.triage_action IN ('TASK', 'REFER')))::int
                      AS awaiting,
                    count(s.triaged_at)::int AS triaged,
                    COALESCE(sum(extract(epoch FROM s.triaged_at - s.submitted_at) / 86400), 0)::float8 AS triage_days,
                    count(s.answered_at)::int AS answered,
                    COALESCE(sum(extract(epoch FROM s.answered_at - s.submitted_at) / 86400), 0)::float8 AS answer_days,
                    count(*) FILTER (WHERE s.answer_late)::int AS answered_late,
                    count(s.rating)::int AS rated, COALESCE(sum(s.rating), 0)::int AS rating_sum
             FROM submissions s, bounds b
             WHERE s.org_id = $1 AND s.submitted_at >= b.from_at AND s.submitted_at < b.to_at
             GROUP BY s.submitted_by),
           obs AS (
             SELECT x.person_id, count(*)::int AS observations
             FROM inspection_observations x JOIN inspection_rounds r ON r.id = x.round_id, bounds b
             WHERE r.org_id = $1 AND x.at >= b.from_at AND x.at < b.to_at
             GROUP BY x.person_id),
           appr AS (
             SELECT am.person_id, count(*)::int AS invited, count(am.finished_at)::int AS finished
             FROM appraisal_members am JOIN appraisals a ON a.id = am.appraisal_id
             WHERE a.org_id = $1 AND a.year = $2
             GROUP BY am.person_id)
           SELECT m.person_id AS "personId", p.name, m.kind, m.level, u.name AS "areaName",
                  ${memberStatusSql('b.today')} AS status,
                  COALESCE(s.submissions, 0) AS submissions, COALESCE(s.led_to_tasks, 0) AS "ledToTasks",
                  COALESCE(s.referred, 0) AS referred, COALESCE(s.replied, 0) AS replied,
                  COALESCE(s.merged, 0) AS merged, COALESCE(s.closed, 0) AS closed,
                  COALESCE(s.awaiting, 0) AS awaiting,
                  COALESCE(s.triaged, 0) AS triaged, COALESCE(s.triage_days, 0) AS "triageDays",
                  COALESCE(s.answered, 0) AS answered, COALESCE(s.answer_days, 0) AS "answerDays",
                  COALESCE(s.answered_late, 0) AS "answeredLate", COALESCE(s.rated, 0) AS rated,
                  COALESCE(s.rating_sum, 0) AS "ratingSum",
                  COALESCE(o.observations, 0) AS observations, COALESCE(a.invited, 0) AS "appraisalsInvited",
                  COALESCE(a.finished, 0) AS "appraisalsFinished"
           FROM network_members m
           JOIN people p ON p.id = m.person_id
           CROSS JOIN bounds b
           LEFT JOIN units u ON u.id = m.area_unit_id
           LEFT JOIN subs s ON s.person_id = m.person_id
           LEFT JOIN obs o ON o.person_id = m.person_id
           LEFT JOIN appr a ON a.person_id = m.person_id
           WHERE m.org_id = $1
             -- Appointed at some time of the year, by any version of the appointment: a member appointed anew for a
             -- later term still counts in the years of their earlier one.
             AND EXISTS (SELECT 1 FROM network_member_versions v
                         WHERE v.person_id = m.person_id
                           AND (v.appointment->>'termFrom')::date < make_date($2 + 1, 1, 1)
                           AND (v.appointment->>'termTo')::date >= make_date($2, 1, 1))
           ORDER BY ${LEVEL_ORDER}, u.name NULLS FIRST, p.name, m.person_id`,
    values: [orgId, year],
  });
  const members = rows.map(({ triaged, triageDays, answered, answerDays, rated, ratingSum, ...member }) => ({
    ...member,
    daysToTriage: mean(triageDays, triaged),
    daysToAnswer: mean(answerDays, answered),
    rating: mean(ratingSum, rated, 100),
  }));
  return { members, totals: totalsOf(rows) };
}

/** What the query answers for a member: sums and counts, of which the means are taken here. */
type MemberRow = Omit<MemberActivity, 'daysToTriage' | 'daysToAnswer' | 'rating'> & {
  triaged: number;
  triageDays: number;
  answered: number;
  answerDays: number;
  rated: number;
  ratingSum: number;
};

/** `total / count` rounded to 1/`places` (one decimal by default); null over nothing. */
const mean = (total: number, count: number, places = 10) =>
  count === 0 ? null : Math.round((total / count) * places) / places;

function totalsOf(members: MemberRow[]): ActivityTotals {
  const sum = (pick: (m: MemberRow) => number) => members.reduce((n, m) => n + pick(m), 0);
  return {
    members: members.length,
    submissions: sum((m) => m.submissions),
    ledToTasks: sum((m) => m.ledToTasks),
    referred: sum((m) => m.referred),
    replied: sum((m) => m.replied),
    merged: sum((m) => m.merged),
    closed: sum((m) => m.closed),
    awaiting: sum((m) => m.awaiting),
    daysToTriage: mean(
      sum((m) => m.triageDays),
      sum((m) => m.triaged),
    ),
    daysToAnswer: mean(
      sum((m) => m.answerDays),
      sum((m) => m.answered),
    ),
    answeredLate: sum((m) => m.answeredLate),
    rating: mean(
      sum((m) => m.ratingSum),
      sum((m) => m.rated),
      100,
    ),
    observations: sum((m) => m.observations),
    appraisalsInvited: sum((m) => m.appraisalsInvited),
    appraisalsFinished: sum((m) => m.appraisalsFinished),
  };
}
