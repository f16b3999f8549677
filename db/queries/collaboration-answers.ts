import type { Queryable } from '../transaction';

/** What case collaboration asked of one unit in a period, and what it answered in time. */
export interface CollaborationAnswers {
  unitId: string;
  unitName: string;
  kind: string;
  /** Feedbacks on referrals (移送) it received — acceptance (受理反馈) and result (处理结果反馈) — due, and on time. */
  referralsDue: number;
  referralsOnTime: number;
  /** Secondment requests (抽调) to name a person by the sign-for limit, due, and on time. */
  secondmentsDue: number;
  secondmentsOnTime: number;
  /** Rotation windows (轮训) of its people to confirm (or ask to swap) by the deadline, due, and on time. */
  rotationsDue: number;
  rotationsOnTime: number;
}

/**
 * The answers case collaboration (协同办案, issue 18) asked of each unit of `orgId`, each as (unit, deadline, answered
 * at, late), settled from 00:00 of `from` to 24:00 of `to` (local dates of the organisation) and by `asOf`: answered
 * then, or still unanswered when its deadline passed then. On time: answered and never late (a late answer, or none
 * by the deadline, is late).
 * Counts only, never a case reference, a title or a person: bulletins and boards show these to every unit, and the
 * assessment scores them (db/queries/assessment-metrics.ts). Units with nothing asked are left out.
 */
export async function collaborationAnswers(
  db: Queryable,
  p: { orgId: string; from: string; to: string; asOf: Date },
): Promise<CollaborationAnswers[]> {
  const { rows } = await db.query<CollaborationAnswers>({
    text: `WITH tz AS (SELECT time_zone AS tz FROM organisations WHERE id = $1),
      asked AS (
        SELECT 'referrals' AS what, r.receiver_unit_id AS unit_id, r.acceptance_due_at AS due_at,
               coalesce(r.accepted_at, r.returned_at) AS answered_at, r.acceptance_late AS late
          FROM referrals r WHERE r.org_id = $1
        UNION ALL
        SELECT 'referrals', r.receiver_unit_id, r.result_due_at, r.result_at, r.result_late
          FROM referrals r WHERE r.org_id = $1 AND r.result_due_at IS NOT NULL
        UNION ALL
        SELECT 'secondments', s.unit_id, s.due_at, s.answered_at, s.late
          FROM secondments s
          WHERE s.org_id = $1 AND (s.state <> 'WITHDRAWN' OR s.late OR s.answered_at IS NOT NULL)
        UNION ALL
        SELECT 'rotations', w.unit_id, w.due_at, w.answered_at, w.confirmed_late
          FROM rotation_windows w WHERE w.org_id = $1),
      settled AS (SELECT a.*, coalesce(a.answered_at, a.due_at) AS settled_at FROM asked a),
      counted AS (
        SELECT a.*, (a.answered_at IS NOT NULL AND NOT a.late) AS on_time FROM settled a, tz
        WHERE a.settled_at >= ($2::date::timestamp AT TIME ZONE tz.tz)
          AND a.settled_at < (($3::date + 1)::timestamp AT TIME ZONE tz.tz)
          AND a.settled_at <= $4)
      SELECT u.id AS "unitId", u.name AS "unitName", u.kind,
        (count(*) FILTER (WHERE c.what = 'referrals'))::int AS "referralsDue",
        (count(*) FILTER (WHERE c.what = 'referrals' AND c.on_time))::int AS "referralsOnTime",
        (count(*) FILTER (WHERE c.what = 'secondments'))::int AS "secondmentsDue",
        (count(*) FILTER (WHERE c.what = 'secondments' AND c.on_time))::int AS "secondmentsOnTime",
        (count(*) FILTER (WHERE c.what = 'rotations'))::int AS "rotationsDue",
        (count(*) FILTER (WHERE c.what = 'rotations' AND c.on_time))::int AS "rotationsOnTime"
      FROM counted c JOIN units u ON u.id = c.unit_id
      GROUP BY u.id, u.name, u.kind, u.level
      ORDER BY u.level, array_position(ARRAY['OFFICE','GROUP','DEPARTMENT','TOWN','ENFORCEMENT','VILLAGE'], u.kind), u.id`,
    values: [p.orgId, p.from, p.to, p.asOf],
  });
  return rows;
}

/** What case collaboration has waiting on the office's decision: counts only. */
export interface CollaborationAwaiting {
  /** Persons named for a secondment (抽调), awaiting confirmation. */
  secondments: number;
  /** Rotation windows (轮训) whose unit asked to swap, awaiting a decision. */
  swaps: number;
  /** Referrals the office sent that were returned (退回), awaiting its decision. */
  referrals: number;
}

/** The case-collaboration decisions awaiting the office of `orgId`. */
export async function collaborationAwaiting(db: Queryable, orgId: string): Promise<CollaborationAwaiting> {
  const { rows } = await db.query<CollaborationAwaiting>({
    text: `SELECT
      (SELECT count(*) FROM secondments WHERE org_id = $1 AND state = 'NAMED')::int AS secondments,
      (SELECT count(*) FROM rotation_windows WHERE org_id = $1 AND state = 'SWAP_REQUESTED')::int AS swaps,
      (SELECT count(*) FROM referrals r JOIN units su ON su.id = r.sender_unit_id
        WHERE r.org_id = $1 AND r.state = 'RETURNED' AND su.kind = 'OFFICE')::int AS referrals`,
    values: [orgId],
  });
  return rows[0]!;
}
