import type { Pool } from 'pg';
import type { AppraisalState, Rating } from '../../procedures/appraisal/messages';
import { members, readOne, readPage, readTimeline, when, type ListScope, type Page, type ReadModel } from './read-page';

/** A conduct appraisal (行风评议) as the API lists it, with who it concerns (for the policy). */
export interface AppraisalRow {
  id: string;
  workflowId: string;
  orgId: string;
  cycleId: string;
  year: number;
  title: string;
  openedBy: string;
  state: AppraisalState;
  openedAt: Date;
  dueAt: Date | null;
  closedAt: Date | null;
  unitIds: string[];
  unitLeaderIds: string[];
  /** The members invited to rate. */
  memberIds: string[];
}

const UNITS = members('appraisal_units', 'appraisal_id', 'a');
const APPRAISALS: ReadModel = {
  select: `a.id, a.workflow_id AS "workflowId", a.org_id AS "orgId", a.cycle_id AS "cycleId", a.year, a.title,
    a.opened_by AS "openedBy", a.state, a.opened_at AS "openedAt", a.due_at AS "dueAt", a.closed_at AS "closedAt",
    ${UNITS.columns},
    ARRAY(SELECT m.person_id FROM appraisal_members m WHERE m.appraisal_id = a.id ORDER BY m.person_id) AS "memberIds"`,
  from: 'appraisals a',
  id: 'a.id',
  org: 'a.org_id',
  scope: {
    ...UNITS.scope,
    observer: (p) => `EXISTS (SELECT 1 FROM appraisal_members m WHERE m.appraisal_id = a.id AND m.person_id = ${p})`,
  },
};

export const findAppraisal = (pool: Pool, id: string) => readOne<AppraisalRow>(pool, APPRAISALS, id);

/** A page of the appraisals in scope, newest first. */
export const listAppraisals = (
  pool: Pool,
  scope: ListScope,
  filter: { cycleId?: string; state?: AppraisalState },
  page: Page,
) =>
  readPage<AppraisalRow>(
    pool,
    {
      ...APPRAISALS,
      filters: (p) => [
        when(filter.cycleId, (c) => `a.cycle_id = ${p(c)}`),
        when(filter.state, (s) => `a.state = ${p(s)}`),
      ],
      orderBy: 'a.opened_at DESC, a.id',
    },
    scope,
    page,
  );

/** The units appraised, by name. */
export async function readAppraisedUnits(pool: Pool, id: string) {
  const { rows } = await pool.query<{ unitId: string; unitName: string }>({
    text: `SELECT au.unit_id AS "unitId", u.name AS "unitName" FROM appraisal_units au JOIN units u ON u.id = au.unit_id
           WHERE au.appraisal_id = $1 ORDER BY u.level, u.id`,
    values: [id],
  });
  return rows;
}

/** The members' progress (the office's): who was invited, how many units each rated, when they finished. */
export async function readAppraisalProgress(pool: Pool, id: string) {
  const { rows } = await pool.query<{
    personId: string;
    name: string;
    invitedAt: Date;
    rated: number;
    finishedAt: Date | null;
  }>({
    text: `SELECT m.person_id AS "personId", p.name, m.invited_at AS "invitedAt", m.rated, m.finished_at AS "finishedAt"
           FROM appraisal_members m JOIN people p ON p.id = m.person_id WHERE m.appraisal_id = $1 ORDER BY p.name, m.person_id`,
    values: [id],
  });
  return rows;
}

/** One unit's aggregate: counts and the satisfaction score, never a rater. */
export interface AppraisalResultRow {
  unitId: string;
  unitName: string;
  raters: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  score: number | null;
}

/** The aggregates fixed at the close, limited to `unitIds` (null: all). */
export async function readAppraisalResults(pool: Pool, id: string, unitIds: string[] | null) {
  const { rows } = await pool.query<AppraisalResultRow>({
    text: `SELECT r.unit_id AS "unitId", u.name AS "unitName", r.raters, r.satisfied, r.basic, r.unsatisfied,
             r.score::float8 AS score
           FROM appraisal_results r JOIN units u ON u.id = r.unit_id
           WHERE r.appraisal_id = $1 AND ($2::text[] IS NULL OR r.unit_id = ANY ($2)) ORDER BY u.level, u.id`,
    values: [id, unitIds],
  });
  return rows;
}

/** One member's own form: their rating of each unit they rated. */
export async function readOwnRatings(pool: Pool, id: string, personId: string) {
  const { rows } = await pool.query<{ unitId: string; rating: Rating; comment: string | null; ratedAt: Date }>({
    text: `SELECT unit_id AS "unitId", rating, comment, rated_at AS "ratedAt" FROM appraisal_ratings
           WHERE appraisal_id = $1 AND person_id = $2 ORDER BY unit_id`,
    values: [id, personId],
  });
  return rows;
}

export const readAppraisalTimeline = (pool: Pool, id: string) =>
  readTimeline(pool, 'appraisal_timeline', 'appraisal_id', id);

/**
 * Per unit, the ratings of the cycle's appraisals closed by the cut-off, summed over them: what the assessment's
 * conductAppraisal indicator weighs.
 */
export async function countAppraisalRatings(pool: Pool, p: { cycleId: string; cutOff: Date }) {
  const { rows } = await pool.query<{ unitId: string; raters: number; satisfied: number; basic: number }>({
    text: `SELECT r.unit_id AS "unitId", sum(r.raters)::int AS raters, sum(r.satisfied)::int AS satisfied,
             sum(r.basic)::int AS basic
           FROM appraisal_results r JOIN appraisals a ON a.id = r.appraisal_id
           WHERE a.cycle_id = $1 AND a.state = 'CLOSED' AND a.closed_at <= $2 GROUP BY r.unit_id`,
    values: [p.cycleId, p.cutOff],
  });
  return new Map(rows.map((r) => [r.unitId, r]));
}
