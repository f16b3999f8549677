import { shippedScoringModels } from '../../activities/assessment';
import { diffScoringModels } from '../../config/scoring-model-diff';
import { contentOfModel, scoringModelProblems, type ScoringModelContent } from '../../config/scoring-model-rules';
import { readRuleVersion } from '../../db/queries/rule-versions';
import { said } from '../errors';
import { contentField, ruleVersionsOf } from './rule-kinds';

/**
 * The organisation's scoring model (考核评分模型), edited by the office with versions (issue 22). Version 0 is the
 * deployment's default (config/scoring-models.yaml); new cycles open on the version in force, a cycle keeps the one
 * it opened with, and an assessment keeps the model it was scored with (another is an explicit recomputation). Read,
 * one version, diff, publish and restore, office only, as every kind has them (api/use-cases/rule-kinds.ts).
 */
export const scoringModelRules = ruleVersionsOf<ScoringModelContent, 'scoring-model'>({
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
