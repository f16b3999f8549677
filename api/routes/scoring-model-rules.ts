import { z } from 'zod';
import { scoringModelContentShape } from '../../config/scoring-model-rules';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import {
  diffQuery,
  publishBodyOf,
  restoreBody,
  rulesSchemaOf,
  versionEntrySchema,
  versionParams,
} from './rule-version-schemas';
import {
  diffScoringModelVersions,
  publishScoringModel,
  readScoringModelRules,
  readScoringModelVersion,
  restoreScoringModel,
} from '../use-cases/scoring-model-rules';

const PATH = '/rules/scoring-model';

const contentSchema = scoringModelContentShape.describe(
  'The scoring model: its name, base, the total its weights add up to, and its indicators (docs/assessment.md)',
);
const versionSchema = versionEntrySchema.extend({ content: contentSchema }).meta({ id: 'ScoringModelVersion' });
const rulesSchema = rulesSchemaOf('scoring-model', contentSchema, 'the deployment’s default model');

const diffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      indicator: z.string().nullable().describe('The indicator concerned; null for the model’s name, base, total'),
      field: z.string().nullable().describe('e.g. `weight`, `formula.perItem.L3`; null for an indicator added/removed'),
      change: z.enum(['ADDED', 'REMOVED', 'CHANGED']),
      before: z.unknown(),
      after: z.unknown(),
      text: z.string().describe('The change in a sentence (Chinese), e.g. 「“按期办结率”权重由30改为25」'),
    }),
  ),
});

/** The organisation's scoring model, edited by the office with versions (issue 22). */
export const scoringModelRuleRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: PATH,
    summary: 'The organisation’s scoring model in force, with every version (author, time, reason) (office)',
    tag: 'rules',
    secured: true,
    response: rulesSchema,
    errors: [403],
    handler: ({ req }) => readScoringModelRules(deps, callerOf(req)),
  }),
  defineRoute({
    method: 'post',
    path: PATH,
    summary:
      'Publish a new version of the scoring model (office): cycles opened afterwards are assessed with it; a running ' +
      'cycle keeps the version it opened with and an assessment the model it was scored with. 409 when ' +
      '`baseVersion` is no longer the version in force; 422 names every field whose meaning is wrong (weights that ' +
      'do not add up to `totalWeight`, a negative weight, an indicator listed twice, an unknown item)',
    tag: 'rules',
    secured: true,
    body: publishBodyOf(scoringModelContentShape),
    status: 201,
    response: versionSchema,
    errors: [403, 409, 422],
    handler: ({ body, req }) => publishScoringModel(deps, callerOf(req), body),
  }),
  defineRoute({
    method: 'get',
    path: `${PATH}/diff`,
    summary: 'What changed from one version of the scoring model to another (office), each change in a sentence',
    tag: 'rules',
    secured: true,
    query: diffQuery,
    response: diffSchema,
    errors: [403, 404],
    handler: ({ query, req }) => diffScoringModelVersions(deps, callerOf(req), query.from, query.to),
  }),
  defineRoute({
    method: 'get',
    path: `${PATH}/versions/:n`,
    summary: 'One version of the scoring model, with its content (office)',
    tag: 'rules',
    secured: true,
    params: versionParams,
    response: versionSchema,
    errors: [403, 404],
    handler: ({ params, req }) => readScoringModelVersion(deps, callerOf(req), params.n),
  }),
  defineRoute({
    method: 'post',
    path: `${PATH}/versions/:n/restore`,
    summary:
      'Restore a version of the scoring model (office): its content becomes a new version. 409 when `baseVersion` ' +
      'is no longer the version in force',
    tag: 'rules',
    secured: true,
    params: versionParams,
    body: restoreBody,
    status: 201,
    response: versionSchema,
    errors: [403, 404, 409],
    handler: ({ params, body, req }) => restoreScoringModel(deps, callerOf(req), params.n, body),
  }),
];
