import { shippedScoringModels } from '../../activities/assessment';
import { finalScore, ranked, score } from '../../assessment/score';
import {
  listRecomputations,
  storeRecomputation,
  totalsOf,
  type Recomputation,
  type RecomputedScore,
} from '../../db/queries/assessment-recomputations';
import { findAssessment, listScores, type Assessment } from '../../db/queries/assessments';
import { scoringModelVersion } from '../../db/queries/scoring-model-versions';
import { auditActorOf, auditRefusal, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said } from '../errors';
import type { Action } from '../policy';
import { modelView } from './assessments';
import { CYCLE, visible } from './instances';

const viewOf = (r: Recomputation) => ({ ...r, model: modelView(r.model) });

const assessmentRef = (a: Assessment) => ({ id: a.modelId, version: a.modelVersion, state: a.state });

async function assessmentOf(deps: AppDeps, caller: Caller, cycleId: string, action: Action) {
  await visible(deps, caller, CYCLE, cycleId, action);
  const a = await findAssessment(deps.db, cycleId);
  if (a) return a;
  const error = AppError.notFound(
    said('该年度周期尚未计算考核结果', 'The assessment of this cycle has not been computed yet'),
  );
  await auditRefusal(deps, caller, action, { type: 'assessment', id: cycleId }, error.message);
  throw error;
}

/**
 * The office scores a cycle's assessment again with version `modelVersion` of the organisation's scoring model (0:
 * the deployment's default), on purpose and with a reason (issue 22): the figures the assessment stored for each unit
 * go through the same pure scorer, the office's adjustments apply again, and the result is kept as the assessment's
 * next recomputation. The assessment itself — what was published, notified and acted on — does not change, closed
 * year or not; every recomputation stays readable (`GET …/assessment/recomputations`).
 */
export async function recomputeAssessment(
  deps: AppDeps,
  caller: Caller,
  cycleId: string,
  body: { modelVersion: number; reason: string },
) {
  const action = 'assessment.recompute';
  const a = await assessmentOf(deps, caller, cycleId, action);
  const { orgId, personId } = caller.identity;
  const model = await scoringModelVersion(deps.db, orgId, body.modelVersion, shippedScoringModels());
  if (!model) {
    const missing = said(
      `考核评分模型没有第${body.modelVersion}版`,
      `The scoring model has no version ${body.modelVersion}`,
    );
    const error = new AppError('unknown-scoring-model', 422, missing, [
      { field: 'body.modelVersion', message: missing },
    ]);
    await auditRefusal(deps, caller, action, { type: 'assessment', id: cycleId }, error.message);
    throw error;
  }
  const current = await listScores(deps.db, a.id);
  const scores: RecomputedScore[] = ranked(
    current.map((s) => {
      const result = score(s.metrics, model);
      const { unitId, unitName, adjustment } = s;
      const final = finalScore(result.score, adjustment);
      return {
        unitId,
        unitName,
        computedScore: result.score,
        adjustment,
        finalScore: final,
        breakdown: result.breakdown,
      };
    }),
  ).sort((x, y) => x.rank - y.rank);
  const before = { model: `${a.modelId}@${a.modelVersion}`, totals: totalsOf(current) };
  const stored = await storeRecomputation(
    deps.db,
    {
      assessmentId: a.id,
      cycleId,
      orgId,
      ruleVersion: body.modelVersion,
      model,
      reason: body.reason,
      computedBy: personId,
      scores,
    },
    before,
    auditActorOf(caller),
  );
  return { cycleId, assessment: assessmentRef(a), ...viewOf(stored) };
}

/** The cycle's assessment (its model, unchanged) and every recomputation of it, newest first (office). */
export async function readRecomputations(deps: AppDeps, caller: Caller, cycleId: string) {
  const a = await assessmentOf(deps, caller, cycleId, 'assessment.recomputations.read');
  const items = await listRecomputations(deps.db, a.id);
  return { cycleId, assessment: assessmentRef(a), items: items.map(viewOf) };
}
