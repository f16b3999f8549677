import type { Pool, PoolClient } from 'pg';
import type { BreakdownLine, UnitMetrics } from '../../assessment/score';
import type { ScoringModel } from '../../config/scoring-model';
import { inTransaction } from '../transaction';
import { appendAudit, type AuditEntry } from './audit';

export type AssessmentState = 'DRAFT' | 'PUBLISHED';

/** An assessment (考核评价) of a cycle: the model it was scored with, its cut-off and where it stands. */
export interface Assessment {
  id: string;
  cycleId: string;
  orgId: string;
  modelId: string;
  modelVersion: number;
  model: ScoringModel;
  cutOff: Date;
  state: AssessmentState;
  revision: number;
  computedAt: Date;
  computedBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
}

export interface AssessmentScore {
  unitId: string;
  unitName: string;
  kind: string;
  metrics: UnitMetrics;
  breakdown: BreakdownLine[];
  computedScore: number;
  adjustment: number;
  finalScore: number;
  rank: number;
}

export interface AssessmentAdjustment {
  id: string;
  unitId: string;
  delta: number;
  reason: string;
  adjustedBy: string;
  adjustedAt: Date;
}

/** Who acted, for the audit row: a caller of the API, or a workflow step (keyed, written once). */
export type AssessmentAudit = Pick<
  AuditEntry,
  'orgId' | 'actorId' | 'actorRoles' | 'tokenId' | 'requestId' | 'workflowId' | 'step'
>;

const COLUMNS = `id, cycle_id AS "cycleId", org_id AS "orgId", model_id AS "modelId", model_version AS "modelVersion",
  model, cut_off AS "cutOff", state, revision, computed_at AS "computedAt", computed_by AS "computedBy",
  published_at AS "publishedAt", published_by AS "publishedBy"`;

/** The id of a cycle's assessment (one per cycle). */
export const assessmentIdOf = (cycleId: string) => `assessment-${cycleId}`;

async function lockAssessment(client: PoolClient, cycleId: string): Promise<Assessment | undefined> {
  const { rows } = await client.query<Assessment>({
    text: `SELECT ${COLUMNS} FROM assessments WHERE cycle_id = $1 FOR UPDATE`,
    values: [cycleId],
  });
  return rows[0];
}

/** Ranks by final score, highest first; equal scores share a rank (1, 2, 2, 4). */
async function rerank(client: PoolClient, assessmentId: string): Promise<void> {
  await client.query({
    text: `UPDATE assessment_scores s SET rank = r.rank
           FROM (SELECT unit_id, rank() OVER (ORDER BY final_score DESC) AS rank FROM assessment_scores
                 WHERE assessment_id = $1) r
           WHERE s.assessment_id = $1 AND s.unit_id = r.unit_id`,
    values: [assessmentId],
  });
}

export interface ComputedAssessment {
  cycleId: string;
  orgId: string;
  model: ScoringModel;
  cutOff: Date;
  computedBy: string | null;
  scores: { unitId: string; metrics: UnitMetrics; breakdown: BreakdownLine[]; computedScore: number }[];
}

/**
 * Stores a cycle's computed scores: the first time as a DRAFT, again replacing the draft's scores (the office's
 * adjustments are kept and applied to the new scores). A PUBLISHED assessment is frozen: nothing changes and
 * `FROZEN` is answered.
 */
export async function storeAssessment(
  pool: Pool,
  a: ComputedAssessment,
  audit: AssessmentAudit,
): Promise<{ assessment: Assessment; outcome: 'CREATED' | 'RECOMPUTED' | 'FROZEN' }> {
  return inTransaction(pool, async (client) => {
    const id = assessmentIdOf(a.cycleId);
    const inserted = await client.query({
      text: `INSERT INTO assessments (id, cycle_id, org_id, model_id, model_version, model, cut_off, state, computed_at, computed_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'DRAFT', now(), $8) ON CONFLICT (cycle_id) DO NOTHING`,
      values: [id, a.cycleId, a.orgId, a.model.id, a.model.version, JSON.stringify(a.model), a.cutOff, a.computedBy],
    });
    const existing = await lockAssessment(client, a.cycleId);
    if (!existing) throw new Error(`assessment of ${a.cycleId} vanished`);
    if (existing.state === 'PUBLISHED') return { assessment: existing, outcome: 'FROZEN' as const };
    const outcome = (inserted.rowCount ?? 0) > 0 ? ('CREATED' as const) : ('RECOMPUTED' as const);
    if (outcome === 'RECOMPUTED') {
      await client.query({
        text: `UPDATE assessments SET model_id = $2, model_version = $3, model = $4, cut_off = $5, computed_by = $6,
                 computed_at = now(), revision = revision + 1 WHERE id = $1`,
        values: [id, a.model.id, a.model.version, JSON.stringify(a.model), a.cutOff, a.computedBy],
      });
      await client.query({ text: 'DELETE FROM assessment_scores WHERE assessment_id = $1', values: [id] });
    }
    await client.query({
      text: `INSERT INTO assessment_scores (assessment_id, unit_id, seq, metrics, breakdown, computed_score, adjustment,
               final_score, rank)
             SELECT $1, s.unit_id, s.seq, s.metrics, s.breakdown, s.computed_score, coalesce(adj.total, 0),
               least(100, greatest(0, s.computed_score + coalesce(adj.total, 0))), 0
             FROM jsonb_to_recordset($2::jsonb) AS s(unit_id text, seq int, metrics jsonb, breakdown jsonb, computed_score numeric)
             LEFT JOIN (SELECT unit_id, sum(delta) AS total FROM assessment_adjustments WHERE assessment_id = $1
                        GROUP BY unit_id) adj ON adj.unit_id = s.unit_id`,
      values: [
        id,
        JSON.stringify(
          a.scores.map((s, seq) => ({
            unit_id: s.unitId,
            seq,
            metrics: s.metrics,
            breakdown: s.breakdown,
            computed_score: s.computedScore,
          })),
        ),
      ],
    });
    await rerank(client, id);
    await appendAudit(client, {
      ...audit,
      action: 'assessment.run',
      objectType: 'assessment',
      objectId: id,
      payload: { cycleId: a.cycleId, model: `${a.model.id}@${a.model.version}`, cutOff: a.cutOff, outcome },
      outcome: 'DONE',
    });
    const assessment = await lockAssessment(client, a.cycleId);
    if (!assessment) throw new Error(`assessment of ${a.cycleId} vanished`);
    return { assessment, outcome };
  });
}

/**
 * Records an office adjustment of one unit's score with its reason, and ranks again. Only a DRAFT takes one:
 * answers `NOT_DRAFT` (or `NO_SCORE` for a unit that was not scored) and changes nothing otherwise.
 */
export async function adjustScore(
  pool: Pool,
  p: { cycleId: string; unitId: string; delta: number; reason: string; adjustedBy: string; requestId?: string },
  audit: AssessmentAudit,
): Promise<'ADJUSTED' | 'NOT_DRAFT' | 'NO_SCORE' | 'NO_ASSESSMENT'> {
  return inTransaction(pool, async (client) => {
    const assessment = await lockAssessment(client, p.cycleId);
    if (!assessment) return 'NO_ASSESSMENT';
    if (assessment.state !== 'DRAFT') return 'NOT_DRAFT';
    const updated = await client.query({
      text: `UPDATE assessment_scores SET adjustment = adjustment + $3,
               final_score = least(100, greatest(0, computed_score + adjustment + $3))
             WHERE assessment_id = $1 AND unit_id = $2`,
      values: [assessment.id, p.unitId, p.delta],
    });
    if ((updated.rowCount ?? 0) === 0) return 'NO_SCORE';
    await client.query({
      text: `INSERT INTO assessment_adjustments (assessment_id, unit_id, delta, reason, adjusted_by, request_id)
             VALUES ($1, $2, $3, $4, $5, $6)`,
      values: [assessment.id, p.unitId, p.delta, p.reason, p.adjustedBy, p.requestId ?? null],
    });
    await rerank(client, assessment.id);
    await appendAudit(client, {
      ...audit,
      action: 'assessment.adjust',
      objectType: 'assessment',
      objectId: assessment.id,
      payload: { unitId: p.unitId, delta: p.delta, reason: p.reason },
      outcome: 'DONE',
    });
    return 'ADJUSTED';
  });
}

/** Publishes a DRAFT (and freezes it); `changed` is false when it was published already (or does not exist). */
export async function markPublished(
  pool: Pool,
  p: { cycleId: string; publishedBy: string | null },
  audit: AssessmentAudit,
): Promise<{ assessment: Assessment | undefined; changed: boolean }> {
  return inTransaction(pool, async (client) => {
    const assessment = await lockAssessment(client, p.cycleId);
    if (!assessment || assessment.state === 'PUBLISHED') return { assessment, changed: false };
    await client.query({
      text: `UPDATE assessments SET state = 'PUBLISHED', published_at = now(), published_by = $2 WHERE id = $1`,
      values: [assessment.id, p.publishedBy],
    });
    await appendAudit(client, {
      ...audit,
      action: 'assessment.publish',
      objectType: 'assessment',
      objectId: assessment.id,
      payload: { cycleId: p.cycleId, model: `${assessment.modelId}@${assessment.modelVersion}` },
      outcome: 'DONE',
    });
    return { assessment: await lockAssessment(client, p.cycleId), changed: true };
  });
}

export async function findAssessment(pool: Pool, cycleId: string): Promise<Assessment | undefined> {
  const { rows } = await pool.query<Assessment>({
    text: `SELECT ${COLUMNS} FROM assessments WHERE cycle_id = $1`,
    values: [cycleId],
  });
  return rows[0];
}

/** The scores of an assessment in rank order (then in the order units were scored); one unit's when given. */
export async function listScores(pool: Pool, assessmentId: string, unitId?: string): Promise<AssessmentScore[]> {
  const { rows } = await pool.query<AssessmentScore>({
    // A published assessment is a document of its day: a unit renamed since shows the name it had then (issue 22).
    text: `SELECT s.unit_id AS "unitId", unit_name_at(u.id, coalesce(a.published_at, now())) AS "unitName", u.kind,
             s.metrics, s.breakdown, s.computed_score::float8 AS "computedScore", s.adjustment::float8 AS adjustment,
             s.final_score::float8 AS "finalScore", s.rank
           FROM assessment_scores s JOIN units u ON u.id = s.unit_id JOIN assessments a ON a.id = s.assessment_id
           WHERE s.assessment_id = $1 AND ($2::text IS NULL OR s.unit_id = $2)
           ORDER BY s.rank, s.seq`,
    values: [assessmentId, unitId ?? null],
  });
  return rows;
}

/** The adjustments of an assessment, oldest first; one unit's when given. */
export async function listAdjustments(
  pool: Pool,
  assessmentId: string,
  unitId?: string,
): Promise<AssessmentAdjustment[]> {
  const { rows } = await pool.query<AssessmentAdjustment>({
    text: `SELECT id::text, unit_id AS "unitId", delta::float8 AS delta, reason, adjusted_by AS "adjustedBy",
             adjusted_at AS "adjustedAt"
           FROM assessment_adjustments WHERE assessment_id = $1 AND ($2::text IS NULL OR unit_id = $2) ORDER BY assessment_adjustments.id`,
    values: [assessmentId, unitId ?? null],
  });
  return rows;
}
