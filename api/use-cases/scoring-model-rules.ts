import { shippedScoringModels } from '../../activities/assessment';
import { diffScoringModels } from '../../config/scoring-model-diff';
import { contentOfModel, scoringModelProblems, type ScoringModelContent } from '../../config/scoring-model-rules';
import { readRuleVersion, type RuleVersion } from '../../db/queries/rule-versions';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';
import { ruleVersionsOf, type RuleEdit } from './rule-kinds';
import { applyScoringModelToRunningCycles, scoringModelImpact, type CycleApply } from './scoring-model-impact';

/**
 * The organisation's scoring model (考核评分模型), edited by the office with versions (issue 22). Version 0 is the
 * deployment's default (config/scoring-models.yaml); new cycles open on the version in force, a cycle keeps the one
 * it opened with, and an assessment keeps the model it was scored with (another is an explicit recomputation).
 */
const scoringModel = ruleVersionsOf<ScoringModelContent, 'scoring-model'>({
  kind: 'scoring-model',
  name: said('考核评分模型', 'The scoring model'),
  inForce: async (db, orgId) =>
    (await readRuleVersion<ScoringModelContent>(db, orgId, 'scoring-model'))?.content ??
    contentOfModel(shippedScoringModels().default),
});

const fieldOf = (path: (string | number)[]) =>
  `body.content${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

/** The scoring model in force (version 0: none published, the deployment's default) and every version. */
export const readScoringModelRules = (deps: AppDeps, caller: Caller) => scoringModel.read(deps, caller);

/** One version of the scoring model with its content; 404 when there is none. */
export const readScoringModelVersion = (deps: AppDeps, caller: Caller, n: number) =>
  scoringModel.readVersion(deps, caller, n);

/** What changed from version `from` to `to`: the model's fields, then indicator by indicator, each in a sentence. */
export async function diffScoringModelVersions(deps: AppDeps, caller: Caller, from: number, to: number) {
  const [a, b] = await scoringModel.twoVersions(deps, caller, from, to);
  return { from, to, changes: diffScoringModels(a.content, b.content) };
}

const problemsOf = (content: ScoringModelContent): FieldProblem[] =>
  scoringModelProblems(content).map((p) => ({ field: fieldOf(p.path), message: p.message }));

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
 * The office publishes a version; 422 names every field whose meaning is wrong (weights, duplicates, items). Cycles
 * opened afterwards take it; running cycles too when `apply` is ALSO_RUNNING_CYCLES (a published year never).
 */
export const publishScoringModel = (
  deps: AppDeps,
  caller: Caller,
  { apply = 'NEW_CYCLES', ...edit }: RuleEdit<ScoringModelContent> & { apply?: CycleApply },
) => scoringModel.publish(deps, caller, edit, problemsOf, applying(deps, caller, apply, edit.reason));

/** The office restores version `n` as a new version, applied as said. */
export const restoreScoringModel = (
  deps: AppDeps,
  caller: Caller,
  n: number,
  { apply = 'NEW_CYCLES', ...edit }: { baseVersion: number; reason: string; apply?: CycleApply },
) => scoringModel.restore(deps, caller, n, edit, applying(deps, caller, apply, edit.reason));

/**
 * Which scores a draft would move (draft → preview → publish), stored nowhere: its changes from the version in force
 * and, cycle by cycle, every unit's score and rank with the model the cycle has and with the draft. 422 as publishing.
 */
export async function previewScoringModel(deps: AppDeps, caller: Caller, draft: { content: ScoringModelContent }) {
  const inForce = await scoringModel.read(deps, caller);
  const problems = problemsOf(draft.content);
  if (problems.length > 0) {
    throw new AppError(
      'invalid-rules',
      422,
      said('考核评分模型不符合要求', 'The scoring model breaks a rule'),
      problems,
    );
  }
  const at = new Date();
  const cycles = await scoringModelImpact(deps, caller.identity.orgId, draft.content, inForce.version + 1, at);
  return {
    basedOn: inForce.version,
    changes: diffScoringModels(inForce.content, draft.content),
    cycles,
    at: at.toISOString(),
  };
}
