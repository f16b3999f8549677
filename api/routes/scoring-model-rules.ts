import { z } from 'zod';
import { scoringModelContentShape } from '../../config/scoring-model-rules';
import type { AppDeps } from '../deps';
import { ruleVersionRoutes } from './rule-version-routes';
import { scoringModelRules } from '../use-cases/scoring-model-rules';

const changeSchema = z.object({
  indicator: z.string().nullable().describe('The indicator concerned; null for the model’s name, base, total'),
  field: z.string().nullable().describe('e.g. `weight`, `formula.perItem.L3`; null for an indicator added/removed'),
  change: z.enum(['ADDED', 'REMOVED', 'CHANGED']),
  before: z.unknown(),
  after: z.unknown(),
  text: z.string().describe('The change in a sentence (Chinese), e.g. 「“按期办结率”权重由30改为25」'),
});

/** The organisation's scoring model, edited by the office with versions (issue 22). */
export const scoringModelRuleRoutes = (deps: AppDeps) =>
  ruleVersionRoutes(deps, {
    kind: 'scoring-model',
    path: '/rules/scoring-model',
    contentSchema: scoringModelContentShape.describe(
      'The scoring model: its name, base, the total its weights add up to, and its indicators (docs/assessment.md)',
    ),
    draftSchema: scoringModelContentShape,
    versionId: 'ScoringModelVersion',
    unpublished: 'the deployment’s default model',
    changeSchema,
    summaries: {
      read: 'The organisation’s scoring model in force, with every version (author, time, reason) (office)',
      publish:
        'Publish a new version of the scoring model (office): cycles opened afterwards are assessed with it; a ' +
        'running cycle keeps the version it opened with and an assessment the model it was scored with. 409 when ' +
        '`baseVersion` is no longer the version in force; 422 names every field whose meaning is wrong (weights ' +
        'that do not add up to `totalWeight`, a negative weight, an indicator listed twice, an unknown item)',
      diff: 'What changed from one version of the scoring model to another (office), each change in a sentence',
      version: 'One version of the scoring model, with its content (office)',
      restore:
        'Restore a version of the scoring model (office): its content becomes a new version. 409 when ' +
        '`baseVersion` is no longer the version in force',
    },
    useCases: scoringModelRules,
  });
