import { shippedScoringModels } from '../../activities/assessment';
import { diffScoringModels } from '../../config/scoring-model-diff';
import { contentOfModel, scoringModelProblems, type ScoringModelContent } from '../../config/scoring-model-rules';
import { readRuleVersion } from '../../db/queries/rule-versions';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { said, type FieldProblem } from '../errors';
import { ruleVersionsOf, type RuleEdit } from './rule-kinds';

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

/** The office publishes a version; 422 names every field whose meaning is wrong (weights, duplicates, items). */
export const publishScoringModel = (deps: AppDeps, caller: Caller, edit: RuleEdit<ScoringModelContent>) =>
  scoringModel.publish(deps, caller, edit, (content): FieldProblem[] =>
    scoringModelProblems(content).map((p) => ({ field: fieldOf(p.path), message: p.message })),
  );

/** The office restores version `n` as a new version. */
export const restoreScoringModel = (
  deps: AppDeps,
  caller: Caller,
  n: number,
  edit: { baseVersion: number; reason: string },
) => scoringModel.restore(deps, caller, n, edit);
