import { publishAssessment, runAssessment, shippedScoringModels } from '../../activities/assessment';
import { describeFormula } from '../../assessment/score';
import type { ScoringModel } from '../../config/scoring-model';
import { text } from '../../db/text-schema';
import {
  adjustScore,
  findAssessment,
  listAdjustments,
  listScores,
  type Assessment,
  type AssessmentAdjustment,
  type AssessmentScore,
} from '../../db/queries/assessments';
import { findCycle } from '../../db/queries/cycles';
import { findScoringModel, scoringModelInForce } from '../../db/queries/scoring-model-versions';
import { assessmentPublished as cycleAssessmentPublished } from '../../procedures/cycle/messages';
import type { AssessmentExport } from '../assessment-render';
import { auditRefusal, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem, type Text } from '../errors';
import type { Action } from '../policy';
import { auditActorOf } from '../authorise';
import { CYCLE, visible } from './instances';

/**
 * Who sees what of a cycle's assessment (考核评价):
 * - the office: the draft and the published assessment, every unit's figures, breakdown and adjustments;
 * - the leadership group and responsible leaders: the same, once published;
 * - a unit: once published, its own figures, breakdown and adjustments, and the ranking (every unit's name, final
 *   score and rank) but no other unit's breakdown; another unit's score answers 404.
 * Before publication everyone but the office gets 404, as if there were none.
 */
type Visibility = { kind: 'FULL' } | { kind: 'UNIT'; unitId: string };

export interface ScoreView extends AssessmentScore {
  adjustments: AssessmentAdjustment[];
}

export interface AssessmentView {
  id: string;
  cycleId: string;
  state: Assessment['state'];
  model: ReturnType<typeof modelView>;
  cutOff: Date;
  revision: number;
  computedAt: Date;
  computedBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  /** FULL: every unit's score below; UNIT: only the caller's unit's. */
  visibility: Visibility['kind'];
  ranking: { unitId: string; unitName: string; finalScore: number; rank: number }[];
  scores: ScoreView[];
}

/** A model as the API shows it: its indicators with weights, formula kinds and the formula in words. */
export const modelView = (m: ScoringModel) => ({
  id: m.id,
  version: m.version,
  name: m.name,
  base: m.base,
  indicators: m.indicators.map((i) => ({ ...i, formulaText: describeFormula(i) })),
});

/** GET /v1/scoring-models: every version, and the one a new assessment uses by default. */
export function listScoringModels() {
  const models = shippedScoringModels();
  return { default: { id: models.default.id, version: models.default.version }, models: models.models.map(modelView) };
}

const NOT_COMPUTED = said('该年度周期尚未计算考核结果', 'The assessment of this cycle has not been computed yet');

async function refuse(deps: AppDeps, caller: Caller, action: Action, cycleId: string, error: AppError) {
  await auditRefusal(deps, caller, action, { type: 'assessment', id: cycleId }, error.message);
  return error;
}

const invalid = (code: string, message: Text, fields: FieldProblem[]) => new AppError(code, 422, message, fields);

/** The cycle, found as every instance is (`visible`): 404 alike when missing or not the caller's to see. */
const cycleOf = (deps: AppDeps, caller: Caller, cycleId: string, action: Action) =>
  visible(deps, caller, CYCLE, cycleId, action);

function visibilityOf(caller: Caller, a: Assessment): Visibility | undefined {
  const roles = caller.identity.roles;
  if (roles.includes('OFFICE')) return { kind: 'FULL' };
  if (a.state !== 'PUBLISHED') return undefined;
  if (roles.includes('GROUP') || roles.includes('LEADER')) return { kind: 'FULL' };
  return roles.includes('UNIT') ? { kind: 'UNIT', unitId: caller.identity.unitId } : undefined;
}

async function viewOf(deps: AppDeps, a: Assessment, visibility: Visibility): Promise<AssessmentView> {
  const own = visibility.kind === 'UNIT' ? visibility.unitId : undefined;
  const [scores, adjustments] = await Promise.all([listScores(deps.db, a.id), listAdjustments(deps.db, a.id, own)]);
  const { model, modelId: _m, modelVersion: _v, orgId: _o, ...rest } = a;
  return {
    ...rest,
    model: modelView(model),
    visibility: visibility.kind,
    ranking: scores.map(({ unitId, unitName, finalScore, rank }) => ({ unitId, unitName, finalScore, rank })),
    scores: scores
      .filter((s) => own === undefined || s.unitId === own)
      .map((s) => ({ ...s, adjustments: adjustments.filter((j) => j.unitId === s.unitId) })),
  };
}

/** The cycle's assessment as the caller may see it; 404 when there is none or it is not theirs to see yet. */
export async function readAssessment(deps: AppDeps, caller: Caller, cycleId: string): Promise<AssessmentView> {
  await cycleOf(deps, caller, cycleId, 'assessment.read');
  const a = await findAssessment(deps.db, cycleId);
  const visibility = a && visibilityOf(caller, a);
  if (!a || !visibility)
    throw AppError.notFound(said('该年度周期尚无可查看的考核结果', 'This cycle has no assessment you may see'));
  return viewOf(deps, a, visibility);
}

/** One unit's score with its breakdown; a unit asking for another unit's gets 404. */
export async function readUnitScore(deps: AppDeps, caller: Caller, cycleId: string, unitId: string) {
  return unitScoreIn(await readAssessment(deps, caller, cycleId), unitId);
}

/** The unit's score in an assessment as its reader sees it: 404 when it is not among the scores they may see. */
export function unitScoreIn(view: AssessmentView, unitId: string) {
  const { cycleId } = view;
  const s = view.scores.find((x) => x.unitId === unitId);
  if (!s)
    throw AppError.notFound(said('该单位的考核得分不存在或无权查看', 'There is no score of this unit you may see'));
  return { ...s, cycleId, state: view.state, model: view.model, cutOff: view.cutOff };
}

/** The export of what the caller may see: every unit's breakdown, or the ranking and its own. */
export async function exportAssessment(deps: AppDeps, caller: Caller, cycleId: string): Promise<AssessmentExport> {
  const v = await readAssessment(deps, caller, cycleId);
  return {
    cycleId,
    state: v.state,
    modelId: v.model.id,
    modelVersion: v.model.version,
    modelName: v.model.name,
    cutOff: new Date(v.cutOff).toISOString(),
    ranking: v.ranking,
    scores: v.scores,
  };
}

/**
 * The office computes (or recomputes) the cycle's assessment as a DRAFT. The model: the one named, else the one
 * the draft was scored with, else the file's default; the cut-off: the one given (not in the future), else now.
 */
export async function computeAssessment(
  deps: AppDeps,
  caller: Caller,
  cycleId: string,
  body: { modelId?: string; modelVersion?: number; cutOff?: string },
): Promise<{ created: boolean; assessment: AssessmentView }> {
  const action = 'assessment.run';
  await cycleOf(deps, caller, cycleId, action);
  const existing = await findAssessment(deps.db, cycleId);
  if (existing?.state === 'PUBLISHED') {
    throw await refuse(
      deps,
      caller,
      action,
      cycleId,
      AppError.conflict(
        said('考核结果已发布，不能重新计算', 'The assessment is published and cannot be computed again'),
      ),
    );
  }
  const models = shippedScoringModels();
  const { orgId } = caller.identity;
  const inForce = (await scoringModelInForce(deps.db, orgId, models)).model;
  const named = body.modelId !== undefined || body.modelVersion !== undefined;
  const ref = named
    ? { id: body.modelId ?? existing?.modelId ?? inForce.id, version: body.modelVersion ?? 0 }
    : existing
      ? { id: existing.modelId, version: existing.modelVersion }
      : inForce;
  if (!(await findScoringModel(deps.db, orgId, ref, models))) {
    const missing = said(
      `考核模型 ${ref.id} 第${ref.version}版不存在`,
      `no scoring model ${ref.id} version ${ref.version}`,
    );
    const error = invalid('unknown-scoring-model', missing, [{ field: 'body.modelVersion', message: missing }]);
    throw await refuse(deps, caller, action, cycleId, error);
  }
  const cutOff = body.cutOff ? new Date(body.cutOff) : new Date();
  if (cutOff.getTime() > Date.now()) {
    const error = invalid(
      'invalid-cut-off',
      said('考核截止时间不能晚于当前时间', 'The cut-off must not be in the future'),
      [{ field: 'body.cutOff', message: said('不能晚于当前时间', 'must not be in the future') }],
    );
    throw await refuse(deps, caller, action, cycleId, error);
  }
  const { assessment, outcome } = await runAssessment(deps.db, {
    cycleId,
    orgId: caller.identity.orgId,
    modelId: ref.id,
    modelVersion: ref.version,
    cutOff,
    computedBy: caller.identity.personId,
    audit: auditActorOf(caller),
  });
  return { created: outcome === 'CREATED', assessment: await viewOf(deps, assessment, { kind: 'FULL' }) };
}

/** The office adjusts one unit's score of the DRAFT, with a reason (required: 422 naming `body.reason`). */
export async function adjustAssessment(
  deps: AppDeps,
  caller: Caller,
  cycleId: string,
  body: { unitId: string; delta: number; reason?: string },
): Promise<AssessmentView> {
  const action = 'assessment.adjust';
  await cycleOf(deps, caller, cycleId, action);
  const reason = text(1_000).safeParse(body.reason ?? '');
  if (!reason.success) {
    const error = invalid('reason-required', said('调整考核得分必须说明理由', 'An adjustment needs a reason'), [
      {
        field: 'body.reason',
        message: said('须说明理由（1至1000个字符）', 'a reason (1 to 1000 characters) is required'),
      },
    ]);
    throw await refuse(deps, caller, action, cycleId, error);
  }
  if (body.delta === 0 || Math.abs(Math.round(body.delta * 100) - body.delta * 100) > 1e-6) {
    const delta = said('须为非零数值，最多保留两位小数', 'a non-zero number with at most 2 decimals');
    const error = invalid('invalid-delta', said(`调整分值${delta.zh}`, `The adjustment must be ${delta.en}`), [
      { field: 'body.delta', message: delta },
    ]);
    throw await refuse(deps, caller, action, cycleId, error);
  }
  const p = { cycleId, unitId: body.unitId, delta: body.delta, reason: reason.data };
  const outcome = await adjustScore(
    deps.db,
    { ...p, adjustedBy: caller.identity.personId, requestId: caller.requestId },
    auditActorOf(caller),
  );
  const errors = {
    NO_ASSESSMENT: () => AppError.notFound(NOT_COMPUTED),
    NOT_DRAFT: () =>
      AppError.conflict(said('考核结果已发布，不能再调整', 'The assessment is published and cannot be adjusted')),
    NO_SCORE: () =>
      invalid('unit-not-scored', said('该单位不在本次考核范围内', 'The unit is not scored in this assessment'), [
        { field: 'body.unitId', message: said('不在本次考核范围内', 'not scored in this assessment') },
      ]),
  };
  if (outcome !== 'ADJUSTED') throw await refuse(deps, caller, action, cycleId, errors[outcome]());
  return readAssessment(deps, caller, cycleId);
}

/** The office publishes the DRAFT: frozen from then on, and every unit is told its score and rank. */
export async function publishCycleAssessment(deps: AppDeps, caller: Caller, cycleId: string): Promise<AssessmentView> {
  const action = 'assessment.publish';
  await cycleOf(deps, caller, cycleId, action);
  const { assessment, changed } = await publishAssessment(deps.db, {
    cycleId,
    orgId: caller.identity.orgId,
    publishedBy: caller.identity.personId,
    audit: auditActorOf(caller),
  });
  if (!assessment) throw await refuse(deps, caller, action, cycleId, AppError.notFound(NOT_COMPUTED));
  if (!changed)
    throw await refuse(
      deps,
      caller,
      action,
      cycleId,
      AppError.conflict(said('考核结果已发布', 'The assessment is published')),
    );
  // The cycle's year end waits for the office's publication; a cycle that has moved on ignores it.
  const cycle = await findCycle(deps.db, cycleId);
  if (cycle) {
    await deps.temporal.workflow
      .getHandle(cycle.workflowId)
      .signal(cycleAssessmentPublished, { assessmentId: assessment.id })
      .catch((err: unknown) => deps.log.warn({ err, cycleId }, 'could not tell the cycle of the published assessment'));
  }
  return readAssessment(deps, caller, cycleId);
}
