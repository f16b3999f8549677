import { z } from 'zod';
import { scoringModelContentShape } from '../../config/scoring-model-rules';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { timestamp } from '../schemas';
import { publishBodyOf, restoreBody } from './rule-version-schemas';
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
const changesSchema = z.array(changeSchema);

const apply = z
  .enum(['NEW_CYCLES', 'ALSO_RUNNING_CYCLES'])
  .optional()
  .describe(
    'NEW_CYCLES (default): cycles opened afterwards are assessed with it, running ones keep theirs. ' +
      'ALSO_RUNNING_CYCLES: each running cycle whose assessment is not published takes it too, its timeline told and ' +
      'a DRAFT assessment scored again; a published or closed year never changes',
  );

const scoreAndRank = z.object({ score: z.number(), rank: z.number().int() });

const previewSchema = z.object({
  basedOn: z.number().int().describe('The version in force the draft is compared with'),
  changes: changesSchema,
  cycles: z
    .array(
      z.object({
        cycleId: z.string(),
        year: z.number().int(),
        phase: z.string(),
        model: z.object({ id: z.string(), version: z.number().int(), name: z.string() }).describe('The cycle’s model'),
        assessment: z.enum(['NONE', 'DRAFT', 'PUBLISHED']),
        applies: z.boolean().describe('Whether applying to running cycles would reach it (not closed, not published)'),
        note: z.string().describe('How the figures were taken, or why nothing moves (Chinese)'),
        units: z
          .array(
            z.object({
              unitId: z.string(),
              unitName: z.string(),
              before: scoreAndRank.describe('With the cycle’s model'),
              after: scoreAndRank.describe('With the draft'),
              change: z.number(),
            }),
          )
          .describe('Every unit, by its rank with the draft; empty for a cycle the draft would not reach'),
        moved: z.number().int().describe('Units whose score would change'),
      }),
    )
    .describe('Every cycle of the organisation, newest first'),
  at: timestamp.describe('The moment the preview was worked out for'),
});

/** The organisation's scoring model, edited by the office with versions (issue 22), and the preview of a draft. */
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
        'running cycle keeps the version it has unless `apply` is ALSO_RUNNING_CYCLES, and a published assessment ' +
        'always keeps the model it was scored with. 409 when `baseVersion` is no longer the version in force; 422 ' +
        'names every field whose meaning is wrong (weights that do not add up to `totalWeight`, a negative weight, ' +
        'an indicator listed twice, an unknown item)',
      diff: 'What changed from one version of the scoring model to another (office), each change in a sentence',
      version: 'One version of the scoring model, with its content (office)',
      restore:
        'Restore a version of the scoring model (office): its content becomes a new version. 409 when ' +
        '`baseVersion` is no longer the version in force; `apply` as publishing',
    },
    publishBody: publishBodyOf(scoringModelContentShape).extend({ apply }).strict(),
    restoreBody: restoreBody.extend({ apply }).strict(),
    publishedSchema: (version) =>
      version
        .extend({
          apply: z.enum(['NEW_CYCLES', 'ALSO_RUNNING_CYCLES']),
          appliedTo: z.number().int().describe('Running cycles told the new model (ALSO_RUNNING_CYCLES)'),
          cycles: z.array(z.string()).describe('Their ids'),
        })
        .meta({ id: 'ScoringModelPublished' }),
    useCases: scoringModelRules,
    extra: [
      defineRoute({
        method: 'post',
        path: '/rules/scoring-model/preview',
        summary:
          'Which scores a draft of the scoring model would move (office), stored nowhere: its changes from the ' +
          'version in force and, for every cycle, each unit’s score and rank with the cycle’s model and with the ' +
          'draft (a cycle not yet assessed on its figures as of now, a DRAFT assessment on its stored figures; a ' +
          'published or closed year moves nothing). 422 as publishing would',
        tag: 'rules',
        secured: true,
        body: z.object({ content: scoringModelContentShape }).strict(),
        response: previewSchema,
        errors: [403, 422],
        handler: ({ body, req }) => scoringModelRules.preview(deps, callerOf(req), body),
      }),
    ],
  });
