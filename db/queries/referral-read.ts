import type { Pool } from 'pg';
import type { Opinion, ReferralDate, ReferralDirection, ReferralState } from '../../procedures/referral/messages';
import { readPage, readTimeline, when, type ListScope, type Page, type ScopeRule } from './read-page';

/** A referral as the API lists it: who refers what to whom, its deadlines and the feedback given. */
export interface ReferralRow {
  id: string;
  workflowId: string;
  orgId: string;
  direction: ReferralDirection;
  senderUnitId: string;
  senderUnitName: string;
  receiverUnitId: string;
  receiverUnitName: string;
  title: string;
  parties: string;
  summary: string;
  dates: ReferralDate[];
  previousId: string | null;
  nextReferralId: string | null;
  sentBy: string;
  sentAt: Date;
  state: ReferralState;
  acceptanceDueAt: Date;
  acceptedAt: Date | null;
  acceptanceLate: boolean;
  acceptanceUrgedAt: Date | null;
  acceptanceEscalatedAt: Date | null;
  resultDueAt: Date | null;
  resultAt: Date | null;
  resultLate: boolean;
  resultUrgedAt: Date | null;
  resultEscalatedAt: Date | null;
  returnedAt: Date | null;
  decision: string | null;
  closedAt: Date | null;
  /** Who may know of it besides the office and the two units: the major-case group and the people the office named. */
  personIds: string[];
}

/**
 * The major-case coordination group (大要案协调小组) is told of a referral when its feedback reached the ladder's second
 * rung, or when the office convened the group on it (a MAJOR_CASE meeting naming it): from then on its members need
 * to know it, and not before (a police head on the group never reads the court's or the audit office's referrals that
 * never came before the group).
 */
const BEFORE_GROUP = `(r.acceptance_escalated_at IS NOT NULL OR r.result_escalated_at IS NOT NULL
  OR EXISTS (SELECT 1 FROM meetings gm WHERE gm.referral_id = r.id AND gm.org_id = r.org_id AND gm.kind = 'MAJOR_CASE'))`;

const COLUMNS = `r.id, r.workflow_id AS "workflowId", r.org_id AS "orgId", r.direction,
  r.sender_unit_id AS "senderUnitId", su.name AS "senderUnitName", r.receiver_unit_id AS "receiverUnitId",
  ru.name AS "receiverUnitName", r.title, r.parties, r.summary, r.dates, r.previous_id AS "previousId",
  r.next_referral_id AS "nextReferralId", r.sent_by AS "sentBy", r.sent_at AS "sentAt", r.state,
  r.acceptance_due_at AS "acceptanceDueAt", r.accepted_at AS "acceptedAt", r.acceptance_late AS "acceptanceLate",
  r.acceptance_urged_at AS "acceptanceUrgedAt", r.acceptance_escalated_at AS "acceptanceEscalatedAt",
  r.result_due_at AS "resultDueAt", r.result_at AS "resultAt", r.result_late AS "resultLate",
  r.result_urged_at AS "resultUrgedAt", r.result_escalated_at AS "resultEscalatedAt", r.returned_at AS "returnedAt",
  r.decision, r.closed_at AS "closedAt",
  r.access_ids || ARRAY(SELECT gp.id FROM people gp WHERE gp.org_id = r.org_id AND gp.major_case_group AND gp.active
    AND ${BEFORE_GROUP}) AS "personIds"`;
const FROM = 'referrals r JOIN units su ON su.id = r.sender_unit_id JOIN units ru ON ru.id = r.receiver_unit_id';

export async function findReferral(pool: Pool, id: string): Promise<ReferralRow | undefined> {
  const { rows } = await pool.query<ReferralRow>({
    text: `SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1`,
    values: [id],
  });
  return rows[0];
}

/**
 * Who sees which referrals (api/policy.ts `inScope`, type referral): `unit` is an ENFORCEMENT caller's unit (its own
 * referrals, sent or received), `leader` stands for the caller as a person (on the access list, or a member of the
 * major-case coordination group once the referral came before it). The office reads the whole organisation.
 */
export const REFERRAL_SCOPE: ScopeRule = {
  unit: (u) => `(r.sender_unit_id = ${u} OR r.receiver_unit_id = ${u})`,
  leader: (p) => `(${p} = ANY(r.access_ids) OR (${BEFORE_GROUP} AND EXISTS (SELECT 1 FROM people gp WHERE gp.id = ${p}
                   AND gp.org_id = r.org_id AND gp.major_case_group AND gp.active)))`,
};

export interface ReferralFilter {
  unitId?: string;
  direction?: ReferralDirection;
  state?: ReferralState;
}

/** A page of the referrals in scope, newest first. */
export const listReferrals = (pool: Pool, scope: ListScope, filter: ReferralFilter, page: Page) =>
  readPage<ReferralRow>(
    pool,
    {
      select: COLUMNS,
      from: FROM,
      org: 'r.org_id',
      scope: REFERRAL_SCOPE,
      filters: (p) => [
        when(filter.unitId, (v) => `(r.sender_unit_id = ${p(v)} OR r.receiver_unit_id = ${p(v)})`),
        when(filter.direction, (v) => `r.direction = ${p(v)}`),
        when(filter.state, (v) => `r.state = ${p(v)}`),
      ],
      orderBy: 'r.sent_at DESC, r.id',
    },
    scope,
    page,
  );

/** A referral's feedback texts, its opinions, its access list and its timeline. */
export async function readReferralDetails(pool: Pool, id: string) {
  const [r, timeline] = await Promise.all([
    pool.query<{
      acceptanceNote: string | null;
      result: string | null;
      returnReasons: string | null;
      decisionNote: string | null;
      opinions: Opinion[];
      accessIds: string[];
    }>({
      text: `SELECT acceptance_note AS "acceptanceNote", result, return_reasons AS "returnReasons",
               decision_note AS "decisionNote", opinions, access_ids AS "accessIds" FROM referrals WHERE id = $1`,
      values: [id],
    }),
    readTimeline(pool, 'referral_timeline', 'referral_id', id),
  ]);
  const row = r.rows[0] ?? {
    acceptanceNote: null,
    result: null,
    returnReasons: null,
    decisionNote: null,
    opinions: [],
    accessIds: [],
  };
  return { ...row, timeline };
}

/** How one receiving unit answered its referrals: counts only, for bulletins, boards and the assessment. */
export interface ReferralTimeliness {
  unitId: string;
  unitName: string;
  received: number;
  acceptedOnTime: number;
  acceptedLate: number;
  resultsOnTime: number;
  resultsLate: number;
  /** Still without acceptance feedback, or without a result, past the deadline at `asOf`. */
  overdueNow: number;
}

/**
 * Per receiving unit, the referrals sent to it in [from, to) and how its feedback came (受理反馈, 处理结果反馈): on time
 * or late, and how many are overdue at `asOf`. Counts and timeliness only: no titles, no parties (need to know).
 */
export async function countReferralTimeliness(
  pool: Pool,
  p: { orgId: string; from: string; to: string; asOf: string },
): Promise<ReferralTimeliness[]> {
  const { rows } = await pool.query<ReferralTimeliness>({
    text: `SELECT r.receiver_unit_id AS "unitId", u.name AS "unitName", count(*)::int AS received,
             count(*) FILTER (WHERE (r.accepted_at IS NOT NULL OR r.returned_at IS NOT NULL) AND NOT r.acceptance_late)::int
               AS "acceptedOnTime",
             count(*) FILTER (WHERE r.acceptance_late)::int AS "acceptedLate",
             count(*) FILTER (WHERE r.result_at IS NOT NULL AND NOT r.result_late)::int AS "resultsOnTime",
             count(*) FILTER (WHERE r.result_late)::int AS "resultsLate",
             count(*) FILTER (WHERE r.state = 'SENT' AND r.acceptance_due_at < $4
                                 OR r.state = 'ACCEPTED' AND r.result_due_at < $4)::int AS "overdueNow"
           FROM referrals r JOIN units u ON u.id = r.receiver_unit_id
           WHERE r.org_id = $1 AND r.sent_at >= $2 AND r.sent_at < $3
           GROUP BY r.receiver_unit_id, u.name ORDER BY r.receiver_unit_id`,
    values: [p.orgId, p.from, p.to, p.asOf],
  });
  return rows;
}
