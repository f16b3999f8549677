import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { score } from '../assessment/score';
import { fromProject } from '../config/paths';
import { loadScoringModels, type ScoringModels } from '../config/scoring-model';
import { computeAssessmentMetrics } from '../db/queries/assessment-metrics';
import {
  findAssessment,
  listScores,
  markPublished,
  storeAssessment,
  type Assessment,
  type AssessmentAudit,
} from '../db/queries/assessments';
import { findCycle } from '../db/queries/cycles';
import { findScoringModel } from '../db/queries/scoring-model-versions';
import { createNotificationActivities } from './notifications';

/** Where the scoring models are (docs/assessment.md); read once, on first use. */
export const SCORING_MODEL_FILE = 'config/scoring-models.yaml';
let shipped: ScoringModels | undefined;
export const shippedScoringModels = (): ScoringModels =>
  (shipped ??= loadScoringModels(fromProject(SCORING_MODEL_FILE)));

export interface RunAssessment {
  cycleId: string;
  orgId: string;
  modelId: string;
  modelVersion: number;
  /** The instant the figures are taken at (ISO string from a workflow, or a Date). */
  cutOff: string | Date;
  /** With `step`: the workflow step that runs it, so a retried activity writes one audit row. */
  workflowId?: string;
  step?: string;
  computedBy?: string | null;
  audit?: AssessmentAudit;
}

/**
 * Scores every unit of a cycle as of the cut-off with the named model and stores the result as the cycle's DRAFT
 * assessment (考核评价, DOMAIN.md annual cycle step 6). Idempotent: run again, it recomputes the draft from the
 * same rows; once published, the assessment is frozen and answered as it is (`outcome` FROZEN).
 */
export async function runAssessment(
  db: Pool,
  p: RunAssessment,
  models: ScoringModels = shippedScoringModels(),
): Promise<{ assessment: Assessment; outcome: 'CREATED' | 'RECOMPUTED' | 'FROZEN' }> {
  // A model of the deployment's file, or (`org`) a version of the organisation's own (issue 22).
  const model = await findScoringModel(db, p.orgId, { id: p.modelId, version: p.modelVersion }, models);
  if (!model) {
    throw ApplicationFailure.create({
      type: 'UnknownScoringModel',
      nonRetryable: true,
      message: `no scoring model ${p.modelId} version ${p.modelVersion}`,
    });
  }
  const cutOff = new Date(p.cutOff);
  const units = await computeAssessmentMetrics(db, { orgId: p.orgId, cycleId: p.cycleId, cutOff });
  const scores = units.map((u) => {
    const s = score(u.metrics, model);
    return { unitId: u.unitId, metrics: u.metrics, breakdown: s.breakdown, computedScore: s.score };
  });
  const audit = { orgId: p.orgId, workflowId: p.workflowId, step: p.step, ...p.audit };
  return storeAssessment(
    db,
    { cycleId: p.cycleId, orgId: p.orgId, model, cutOff, computedBy: p.computedBy ?? null, scores },
    audit,
  );
}

export interface PublishAssessment {
  cycleId: string;
  orgId: string;
  publishedBy?: string | null;
  /** The notifications' key: default `assessment:<id>`, step `publish`. */
  workflowId?: string;
  step?: string;
  audit?: AssessmentAudit;
}

/**
 * Publishes a cycle's assessment (freezing it) and tells each scored unit's people their score and rank, and the
 * leadership group that the results are out; each notification keyed by workflow id + step + unit, so a retry
 * (which finds it published: `changed` false) sends nothing twice.
 */
export async function publishAssessment(
  db: Pool,
  p: PublishAssessment,
): Promise<{ assessment: Assessment | undefined; changed: boolean }> {
  const audit = { orgId: p.orgId, workflowId: p.workflowId, step: p.step, ...p.audit };
  const result = await markPublished(db, { cycleId: p.cycleId, publishedBy: p.publishedBy ?? null }, audit);
  const { assessment } = result;
  if (!assessment || assessment.state !== 'PUBLISHED') return result;
  const year = (await findCycle(db, p.cycleId))?.year ?? '';
  const scores = await listScores(db, assessment.id);
  const { notify } = createNotificationActivities({ db });
  const workflowId = p.workflowId ?? `assessment:${assessment.id}`;
  const step = p.step ?? 'publish';
  const title = `【考核评价】${year}年度考核评价结果已发布`;
  for (const s of scores) {
    const adjusted = s.adjustment === 0 ? '' : `（计算得分${s.computedScore.toFixed(2)}分，调整${s.adjustment}分）`;
    await notify({
      workflowId,
      step: `${step}:${s.unitId}`,
      orgId: p.orgId,
      kind: 'ASSESSMENT',
      title,
      body:
        `${s.unitName}${year}年度考核评价得分${s.finalScore.toFixed(2)}分${adjusted}，在${scores.length}个单位中排名第${s.rank}。` +
        `得分构成（各项指标、公式及原始数据）和全部单位排名请登录查看。`,
      recipients: [{ kind: 'UNIT', unitId: s.unitId }],
    });
  }
  await notify({
    workflowId,
    step: `${step}:group`,
    orgId: p.orgId,
    kind: 'ASSESSMENT',
    title,
    body: `组织协调室已发布${year}年度考核评价结果，共${scores.length}个单位，请登录查看排名及得分构成。`,
    recipients: [{ kind: 'GROUP', orgId: p.orgId }],
  });
  return result;
}

/** The assessment activities the annual cycle calls at its cut-off (registered in activities/index.ts). */
export function createAssessmentActivities(db: Pool, models?: ScoringModels) {
  return {
    runAssessment: async (p: RunAssessment) => {
      const { assessment, outcome } = await runAssessment(db, p, models);
      return { assessmentId: assessment.id, state: assessment.state, outcome };
    },
    publishAssessment: async (p: PublishAssessment) => {
      const { assessment, changed } = await publishAssessment(db, p);
      return { assessmentId: assessment?.id ?? null, changed };
    },
    /**
     * A scoring model applied to a running cycle (issue 22): its DRAFT assessment, if it has one, scored again with
     * the model as of the draft's own cut-off (the office's adjustments apply again): RESCORED. NONE when the cycle has
     * no assessment yet; PUBLISHED when it is published (never rescored: the cycle does not take the model). A retry
     * computes the same draft again.
     */
    rescoreDraftAssessment: async (
      p: Omit<RunAssessment, 'cutOff' | 'computedBy'>,
    ): Promise<'NONE' | 'RESCORED' | 'PUBLISHED'> => {
      const draft = await findAssessment(db, p.cycleId);
      if (!draft) return 'NONE';
      if (draft.state !== 'DRAFT') return 'PUBLISHED';
      const { outcome } = await runAssessment(db, { ...p, cutOff: draft.cutOff, computedBy: null }, models);
      return outcome === 'FROZEN' ? 'PUBLISHED' : 'RESCORED';
    },
  };
}
