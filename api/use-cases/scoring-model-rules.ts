import { shippedScoringModels } from '../../activities/assessment';
import { diffScoringModels } from '../../config/scoring-model-diff';
import { contentOfModel, scoringModelProblems, type ScoringModelContent } from '../../config/scoring-model-rules';
import { readRuleVersion, type RuleVersion } from '../../db/queries/rule-versions';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { said } from '../errors';
import { contentField, ruleVersionsOf, type RuleEdit } from './rule-kinds';
import { applyScoringModelToRunningCycles, scoringModelImpact, type CycleApply } from './scoring-model-impact';

/**
 * The organisation's scoring model (考核评分模型), edited by the office with versions (issue 22). Version 0 is the
 * deployment's default (config/scoring-models.yaml); new cycles open on the version in force, a cycle keeps the one
 * it has unless the office applies a new one to running cycles too, and an assessment keeps the model it was scored
 * with (a published one always; another is an explicit recomputation). Read, one version, diff, publish and restore,
 * office only, as every kind has them (api/use-cases/rule-kinds.ts).
 */
const scoringModel = ruleVersionsOf<ScoringModelContent, 'scoring-model'>({
  kind: 'scoring-model',
  name: said('考核评分模型', 'The scoring model'),
  inForce: async (db, orgId) =>
    (await readRuleVersion<ScoringModelContent>(db, orgId, 'scoring-model'))?.content ??
    contentOfModel(shippedScoringModels().default),
  // Weights that do not add up to the total, a negative weight, an indicator listed twice, an unknown item.
  problems: (content) =>
    scoringModelProblems(content).map((p) => ({ field: contentField(p.path), message: p.message })),
  diff: diffScoringModels,
});

/** What follows a published version: nothing for running cycles (NEW_CYCLES), or each running cycle told. */
const applying = (deps: AppDeps, caller: Caller, apply: CycleApply, reason: string) => ({
  applyTo: apply,
  async after(published: RuleVersion<ScoringModelContent>) {
    const cycles =
      apply === 'ALSO_RUNNING_CYCLES' ? await applyScoringModelToRunningCycles(deps, caller, published, reason) : [];
    return { apply, appliedTo: cycles.length, cycles };
  },
});

/**
 * The scoring model's use-cases: the kind's own, with publish and restore applying a version as the office says —
 * to cycles opened afterwards only (NEW_CYCLES), or to the running ones too (ALSO_RUNNING_CYCLES; a published year
 * never) — and the preview of a draft.
 */
export const scoringModelRules = {
  ...scoringModel,

  publish: (
    deps: AppDeps,
    caller: Caller,
    { apply = 'NEW_CYCLES', ...edit }: RuleEdit<ScoringModelContent> & { apply?: CycleApply },
  ) => scoringModel.publish(deps, caller, edit, applying(deps, caller, apply, edit.reason)),

  restore: (
    deps: AppDeps,
    caller: Caller,
    n: number,
    { apply = 'NEW_CYCLES', ...edit }: { baseVersion: number; reason: string; apply?: CycleApply },
  ) => scoringModel.restore(deps, caller, n, edit, applying(deps, caller, apply, edit.reason)),

  /**
   * Which scores a draft would move (draft → preview → publish), stored nowhere: its changes from the version in
   * force and, cycle by cycle, every unit's score and rank with the model the cycle has and with the draft. 422 as
   * publishing would.
   */
  async preview(deps: AppDeps, caller: Caller, draft: { content: ScoringModelContent }) {
    const inForce = await scoringModel.read(deps, caller);
    await scoringModel.refuseNonsense(deps, caller, draft.content);
    const at = new Date();
    const cycles = await scoringModelImpact(deps, caller.identity.orgId, draft.content, inForce.version + 1, at);
    return {
      basedOn: inForce.version,
      changes: diffScoringModels(inForce.content, draft.content),
      cycles,
      at: at.toISOString(),
    };
  },
};
