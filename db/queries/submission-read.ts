import type { Pool } from 'pg';
import type { Queryable } from '../transaction';
import type { SubmissionKind, SubmissionState, TriageAction } from '../../procedures/submission/messages';
import { readPage, readTimeline, when, type ListScope, type Page, type ScopeRule } from './read-page';

/** A submission as the office reads it (the member reads their own without the office's side: api/use-cases). */
export interface SubmissionRow {
  id: string;
  workflowId: string;
  orgId: string;
  kind: SubmissionKind;
  subjectUnitId: string | null;
  subjectUnitName: string | null;
  what: string;
  where: string;
  happenedOn: string;
  submittedBy: string;
  submitterName: string;
  submittedAt: Date;
  state: SubmissionState;
  triageDueAt: Date;
  triageRemindedAt: Date | null;
  triageOverdueAt: Date | null;
  triageEscalatedAt: Date | null;
  triagedAt: Date | null;
  triageAction: TriageAction | null;
  triageLate: boolean;
  taskId: string | null;
  referralId: string | null;
  mergedInto: string | null;
  mergedIds: string[];
  closeReason: string | null;
  answerDueAt: Date | null;
  answerOverdueAt: Date | null;
  answer: string | null;
  answeredAt: Date | null;
  answerLate: boolean;
  taskDoneAt: Date | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: Date | null;
}

const COLUMNS = `s.id, s.workflow_id AS "workflowId", s.org_id AS "orgId", s.kind, s.subject_unit_id AS "subjectUnitId",
  u.name AS "subjectUnitName", s.what, s.place AS "where", to_char(s.happened_on, 'YYYY-MM-DD') AS "happenedOn",
  s.submitted_by AS "submittedBy", p.name AS "submitterName", s.submitted_at AS "submittedAt", s.state,
  s.triage_due_at AS "triageDueAt", s.triage_reminded_at AS "triageRemindedAt", s.triage_overdue_at AS "triageOverdueAt",
  s.triage_escalated_at AS "triageEscalatedAt", s.triaged_at AS "triagedAt", s.triage_action AS "triageAction",
  s.triage_late AS "triageLate", s.task_id AS "taskId", s.referral_id AS "referralId", s.merged_into AS "mergedInto",
  s.merged_ids AS "mergedIds", s.close_reason AS "closeReason", s.answer_due_at AS "answerDueAt",
  s.answer_overdue_at AS "answerOverdueAt", s.answer, s.answered_at AS "answeredAt", s.answer_late AS "answerLate",
  s.task_done_at AS "taskDoneAt", s.rating, s.rating_comment AS "ratingComment", s.rated_at AS "ratedAt"`;
const FROM = 'submissions s JOIN people p ON p.id = s.submitted_by LEFT JOIN units u ON u.id = s.subject_unit_id';

export async function findSubmission(pool: Pool, id: string): Promise<SubmissionRow | undefined> {
  const { rows } = await pool.query<SubmissionRow>({
    text: `SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = $1`,
    values: [id],
  });
  return rows[0];
}

/**
 * Who sees which submissions: the office the whole organisation's (listScope wholeOrg); a member (`leader` stands for
 * the caller as a person) only their own. No unit ever sees one: the unit rule matches nothing.
 */
export const SUBMISSION_SCOPE: ScopeRule = {
  unit: () => 'FALSE',
  leader: (p) => `s.submitted_by = ${p}`,
};

/** The states in which the member has not heard back yet. */
export const UNANSWERED = `s.state IN ('SUBMITTED', 'TASKED', 'REFERRED')`;

export interface SubmissionFilter {
  state?: SubmissionState;
  kind?: SubmissionKind;
  /** Only those still waiting for triage (SUBMITTED). */
  awaitingTriage?: boolean;
  /** Only those whose member has not heard back (SUBMITTED, TASKED, REFERRED). */
  unanswered?: boolean;
}

/** A page of the submissions in scope, newest first. */
export const listSubmissions = (pool: Pool, scope: ListScope, filter: SubmissionFilter, page: Page) =>
  readPage<SubmissionRow>(
    pool,
    {
      select: COLUMNS,
      from: FROM,
      org: 's.org_id',
      scope: SUBMISSION_SCOPE,
      filters: (p) => [
        when(filter.state, (v) => `s.state = ${p(v)}`),
        when(filter.kind, (v) => `s.kind = ${p(v)}`),
        filter.awaitingTriage ? `s.state = 'SUBMITTED'` : undefined,
        filter.unanswered ? UNANSWERED : undefined,
      ],
      orderBy: 's.submitted_at DESC, s.id',
    },
    scope,
    page,
  );

export const readSubmissionTimeline = (pool: Pool, id: string) =>
  readTimeline(pool, 'submission_timeline', 'submission_id', id);

/** The network's submissions of a period, counts only (the bulletin's section): never a member, a text or a unit. */
export interface SubmissionCounts {
  received: number;
  triagedOnTime: number;
  triagedLate: number;
  answered: number;
  answeredLate: number;
  /** Of those received in the period, still without an answer to the member at `asOf`. */
  unanswered: number;
  /** Of those, past their triage or answer deadline at `asOf`. */
  overdue: number;
  tasked: number;
  referred: number;
  /** The average of the members' ratings of the answers (1–5), or null when none was rated. */
  averageRating: number | null;
}

/**
 * The submissions received from 00:00 of `from` to 24:00 of `to` (local dates of the organisation) and where they
 * stand at `asOf`.
 */
export async function countSubmissions(
  db: Queryable,
  p: { orgId: string; from: string; to: string; asOf: Date },
): Promise<SubmissionCounts> {
  const { rows } = await db.query<SubmissionCounts>({
    text: `WITH tz AS (SELECT time_zone AS tz FROM organisations WHERE id = $1)
           SELECT count(*)::int AS received,
             count(*) FILTER (WHERE s.triaged_at <= $4 AND NOT s.triage_late)::int AS "triagedOnTime",
             count(*) FILTER (WHERE s.triaged_at <= $4 AND s.triage_late)::int AS "triagedLate",
             count(*) FILTER (WHERE s.answered_at <= $4)::int AS answered,
             count(*) FILTER (WHERE s.answered_at <= $4 AND s.answer_late)::int AS "answeredLate",
             count(*) FILTER (WHERE (s.answered_at IS NULL OR s.answered_at > $4) AND s.state <> 'CLOSED')::int
               AS unanswered,
             count(*) FILTER (WHERE (s.triaged_at IS NULL OR s.triaged_at > $4) AND s.triage_due_at < $4
                                 OR s.triaged_at <= $4 AND (s.answered_at IS NULL OR s.answered_at > $4)
                                    AND s.answer_due_at < $4)::int
               AS overdue,
             -- As they stood at asOf: a bulletin generated late counts what was done by its moment, no more.
             count(*) FILTER (WHERE s.task_id IS NOT NULL AND s.triaged_at <= $4)::int AS tasked,
             count(*) FILTER (WHERE s.referral_id IS NOT NULL AND s.triaged_at <= $4)::int AS referred,
             round(avg(s.rating) FILTER (WHERE s.rated_at <= $4), 1)::float AS "averageRating"
           FROM submissions s, tz
           WHERE s.org_id = $1 AND s.submitted_at >= ($2::date::timestamp AT TIME ZONE tz.tz)
             AND s.submitted_at < (($3::date + 1)::timestamp AT TIME ZONE tz.tz) AND s.submitted_at <= $4`,
    values: [p.orgId, p.from, p.to, p.asOf],
  });
  return rows[0]!;
}

/** What awaits the office of the network's submissions now: counts only (its overview's pending block). */
export async function submissionsAwaiting(
  db: Queryable,
  orgId: string,
  asOf: Date,
): Promise<{ triage: number; answer: number; overdue: number }> {
  const { rows } = await db.query<{ triage: number; answer: number; overdue: number }>({
    text: `SELECT count(*) FILTER (WHERE state = 'SUBMITTED')::int AS triage,
             count(*) FILTER (WHERE state IN ('TASKED', 'REFERRED'))::int AS answer,
             count(*) FILTER (WHERE state = 'SUBMITTED' AND triage_due_at < $2
                                 OR state IN ('TASKED', 'REFERRED') AND answer_due_at < $2)::int AS overdue
           FROM submissions WHERE org_id = $1`,
    values: [orgId, asOf],
  });
  return rows[0]!;
}
