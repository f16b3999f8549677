import { WorkflowNotFoundError } from '@temporalio/client';
import { shippedScoringModels } from '../../activities/assessment';
import { finalScore, ranked, score, type UnitMetrics } from '../../assessment/score';
import type { ScoringModel } from '../../config/scoring-model';
import { diffScoringModels } from '../../config/scoring-model-diff';
import { contentOfModel, modelOfContent, type ScoringModelContent } from '../../config/scoring-model-rules';
import { computeAssessmentMetrics } from '../../db/queries/assessment-metrics';
import { findAssessment, listScores, type Assessment } from '../../db/queries/assessments';
import { listCycles, type CycleRow } from '../../db/queries/cycles';
import type { RuleVersion } from '../../db/queries/rule-versions';
import { findScoringModel } from '../../db/queries/scoring-model-versions';
import { cycleWorkflowId, scoringModelChanged, type CycleSettings } from '../../procedures/cycle/messages';
import { actorOf, type Caller } from '../authorise';
import type { AppDeps } from '../deps';

/** Whether a published scoring model is for cycles opened afterwards only, or for the running cycles too. */
export type CycleApply = 'NEW_CYCLES' | 'ALSO_RUNNING_CYCLES';

type AssessmentState = 'NONE' | 'DRAFT' | 'PUBLISHED';

interface UnitFigures {
  unitId: string;
  unitName: string;
  metrics: UnitMetrics;
  adjustment: number;
}

/** One unit's score and rank with the cycle's model and with the draft. */
export interface UnitImpact {
  unitId: string;
  unitName: string;
  before: { score: number; rank: number };
  after: { score: number; rank: number };
  /** after.score − before.score, to 2 decimals. */
  change: number;
}

/** What a draft scoring model would do to one cycle's scores were it applied to running cycles. */
export interface CycleImpact {
  cycleId: string;
  year: number;
  phase: CycleRow['phase'];
  /** The model the cycle is assessed with now. */
  model: { id: string; version: number; name: string };
  assessment: AssessmentState;
  /** Whether applying to running cycles would reach this one: not closed, its assessment not published. */
  applies: boolean;
  /** How the figures were taken, or why nothing would move, in a sentence. */
  note: string;
  /** Every unit, by its rank with the draft; empty when the cycle would not take the draft. */
  units: UnitImpact[];
  /** Units whose score would change. */
  moved: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Scores figures with a model, the office's adjustments applied again, ranked as an assessment ranks. */
function scored(units: UnitFigures[], model: ScoringModel) {
  return ranked(
    units.map((u) => ({ unitId: u.unitId, finalScore: finalScore(score(u.metrics, model).score, u.adjustment) })),
  );
}

/** The figures a cycle would be scored on now: its draft's, or (no assessment yet) its tasks' as of this moment. */
async function figuresOf(deps: AppDeps, cycle: CycleRow, draft: Assessment | undefined, at: Date) {
  if (draft) return listScores(deps.db, draft.id);
  const cutOff = new Date(
    Math.min(at.getTime(), Date.parse(`${(cycle.settings as CycleSettings).cutOffDate}T23:59:59+08:00`)),
  );
  const rows = await computeAssessmentMetrics(deps.db, { orgId: cycle.orgId, cycleId: cycle.id, cutOff });
  return rows.map((r) => ({ ...r, adjustment: 0 }));
}

async function impactOn(deps: AppDeps, cycle: CycleRow, draftModel: ScoringModel, at: Date): Promise<CycleImpact> {
  const models = shippedScoringModels();
  const ref = (cycle.settings as CycleSettings).scoringModel;
  const own = (await findScoringModel(deps.db, cycle.orgId, ref, models)) ?? models.default;
  const assessment = await findAssessment(deps.db, cycle.id);
  const state: AssessmentState = assessment ? assessment.state : 'NONE';
  const head = {
    cycleId: cycle.id,
    year: cycle.year,
    phase: cycle.phase,
    model: { id: own.id, version: own.version, name: own.name },
    assessment: state,
  };
  if (state === 'PUBLISHED' || cycle.phase === 'CLOSED') {
    const note =
      state === 'PUBLISHED'
        ? '年度考核评价结果已发布，新模型不改变其得分；如需比较，可另行对该年度按新模型重新计分，结果单独保存'
        : '年度周期已关闭，新模型不改变其任何记录';
    return { ...head, applies: false, note, units: [], moved: 0 };
  }
  const units = await figuresOf(deps, cycle, assessment, at);
  const before = new Map(scored(units, own).map((s) => [s.unitId, s]));
  const after = scored(units, draftModel);
  const impacts = units
    .map((u, i) => {
      const b = before.get(u.unitId)!;
      const a = after[i]!;
      return {
        unitId: u.unitId,
        unitName: u.unitName,
        before: { score: b.finalScore, rank: b.rank },
        after: { score: a.finalScore, rank: a.rank },
        change: round2(a.finalScore - b.finalScore),
      };
    })
    .sort((x, y) => x.after.rank - y.after.rank || x.unitId.localeCompare(y.unitId));
  const note = assessment
    ? `按考核评价结果（草稿）所存截至${assessment.cutOff.toISOString().slice(0, 10)}的数据计算，含组织协调室的调整`
    : '尚未计算考核评价结果：按截至目前的办理数据试算，实际得分以截止日数据为准';
  return { ...head, applies: true, note, units: impacts, moved: impacts.filter((u) => u.change !== 0).length };
}

/**
 * Which scores a draft scoring model would move (issue 22's impact preview): for each of the organisation's cycles,
 * every unit's score and rank with the model the cycle has and with the draft — a cycle not yet assessed on its
 * figures as of now, one with a DRAFT assessment on the draft's stored figures (adjustments included). A published
 * or closed year is listed as not moving. Nothing is stored.
 */
export async function scoringModelImpact(
  deps: AppDeps,
  orgId: string,
  draft: ScoringModelContent,
  nextVersion: number,
  at: Date,
): Promise<CycleImpact[]> {
  const cycles = await listCycles(deps.db, orgId);
  const model = modelOfContent(draft, nextVersion);
  const impacts: CycleImpact[] = [];
  for (const cycle of cycles) impacts.push(await impactOn(deps, cycle, model, at));
  return impacts;
}

/**
 * Applies a published scoring model to the organisation's running cycles (`ALSO_RUNNING_CYCLES`): each cycle not
 * closed and whose assessment is not published is told (`scoringModelChanged`), with the changes from its own model
 * in sentences; it records them on its timeline and scores a DRAFT assessment again. Answers the cycles told.
 */
export async function applyScoringModelToRunningCycles(
  deps: AppDeps,
  caller: Caller,
  published: RuleVersion<ScoringModelContent>,
  reason: string,
): Promise<string[]> {
  const { orgId } = caller.identity;
  const models = shippedScoringModels();
  const model = modelOfContent(published.content, published.version);
  const told: string[] = [];
  for (const cycle of await listCycles(deps.db, orgId)) {
    if (cycle.phase === 'CLOSED') continue;
    if ((await findAssessment(deps.db, cycle.id))?.state === 'PUBLISHED') continue;
    const ref = (cycle.settings as CycleSettings).scoringModel;
    if (ref.id === model.id && ref.version === model.version) continue;
    const own = (await findScoringModel(deps.db, orgId, ref, models)) ?? models.default;
    const changes = diffScoringModels(contentOfModel(own), published.content).map((c) => c.text);
    const change = {
      model: { id: model.id, version: model.version },
      name: model.name,
      reason,
      by: actorOf(caller),
      changes,
    };
    try {
      await deps.temporal.workflow.getHandle(cycleWorkflowId(cycle.id)).signal(scoringModelChanged, change);
      told.push(cycle.id);
    } catch (e) {
      // A cycle whose workflow has ended (the read model not yet told) has nothing left to assess.
      if (!(e instanceof WorkflowNotFoundError)) throw e;
    }
  }
  return told;
}
