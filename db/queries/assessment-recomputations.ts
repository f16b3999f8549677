import type { Pool } from 'pg';
import type { BreakdownLine } from '../../assessment/score';
import type { ScoringModel } from '../../config/scoring-model';
import { inTransaction } from '../transaction';
import { appendAudit } from './audit';
import type { AssessmentAudit } from './assessments';

/** One unit's score in a recomputation: the assessment's figures scored with another model. */
export interface RecomputedScore {
  unitId: string;
  unitName: string;
  computedScore: number;
  /** The office's adjustments of the assessment, applied again. */
  adjustment: number;
  finalScore: number;
  rank: number;
  breakdown: BreakdownLine[];
}

/** An assessment scored again by the office with a version of the scoring model (issue 22); never changed after. */
export interface Recomputation {
  computation: number;
  assessmentId: string;
  /** The organisation's version of the scoring model (0: the deployment's default). */
  ruleVersion: number;
  model: ScoringModel;
  reason: string;
  computedBy: string;
  computedAt: Date;
  scores: RecomputedScore[];
}

const COLUMNS = `computation, assessment_id AS "assessmentId", rule_version AS "ruleVersion", model, reason,
  computed_by AS "computedBy", computed_at AS "computedAt", scores`;

/** The per-unit final scores, for an audit row's before and after. */
export const totalsOf = (scores: { unitId: string; finalScore: number }[]): Record<string, number> =>
  Object.fromEntries(scores.map((s) => [s.unitId, s.finalScore]));

/**
 * Stores a recomputation as the assessment's next (numbered from 1), audited `assessment.recompute` with the totals
 * per unit before (the assessment's own scores, which stay as they are) and after.
 */
export async function storeRecomputation(
  pool: Pool,
  r: Omit<Recomputation, 'computation' | 'computedAt'> & { orgId: string; cycleId: string },
  before: { model: string; totals: Record<string, number> },
  audit: AssessmentAudit,
): Promise<Recomputation> {
  return inTransaction(pool, async (client) => {
    // One numbering per assessment: recomputations of the same assessment wait for each other.
    await client.query({ text: 'SELECT 1 FROM assessments WHERE id = $1 FOR UPDATE', values: [r.assessmentId] });
    const { rows } = await client.query<Recomputation>({
      text: `INSERT INTO assessment_recomputations (assessment_id, computation, org_id, rule_version, model_id,
               model_version, model, scores, reason, computed_by)
             SELECT $1, coalesce(max(computation), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9
             FROM assessment_recomputations WHERE assessment_id = $1
             RETURNING ${COLUMNS}`,
      values: [
        r.assessmentId,
        r.orgId,
        r.ruleVersion,
        r.model.id,
        r.model.version,
        JSON.stringify(r.model),
        JSON.stringify(r.scores),
        r.reason,
        r.computedBy,
      ],
    });
    const stored = rows[0];
    if (!stored) throw new Error(`recomputation of ${r.assessmentId} not stored`);
    await appendAudit(client, {
      ...audit,
      action: 'assessment.recompute',
      objectType: 'assessment',
      objectId: r.assessmentId,
      payload: {
        cycleId: r.cycleId,
        computation: stored.computation,
        ruleVersion: r.ruleVersion,
        before,
        after: { model: `${r.model.id}@${r.model.version}`, totals: totalsOf(r.scores) },
      },
      outcome: 'DONE',
      reason: r.reason,
    });
    return stored;
  });
}

/** An assessment's recomputations, newest first. */
export async function listRecomputations(pool: Pool, assessmentId: string): Promise<Recomputation[]> {
  const { rows } = await pool.query<Recomputation>({
    text: `SELECT ${COLUMNS} FROM assessment_recomputations WHERE assessment_id = $1 ORDER BY computation DESC`,
    values: [assessmentId],
  });
  return rows;
}
