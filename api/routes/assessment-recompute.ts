import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { text, timestamp } from '../schemas';
import { recomputeAssessment, readRecomputations } from '../use-cases/assessment-recompute';
import { instanceParams } from './action-route';
import { breakdownLine, modelSchema } from './assessments';

const recomputeBody = z
  .object({
    modelVersion: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .describe('The organisation’s version of the scoring model (GET /v1/rules/scoring-model); 0: the deployment’s'),
    reason: text(1_000).describe('Why the year is scored again'),
  })
  .strict();

const assessmentRef = z
  .object({ id: z.string(), version: z.number().int(), state: z.enum(['DRAFT', 'PUBLISHED']) })
  .describe('The model the assessment itself was scored with; its scores stay as they are');

const recomputationFields = {
  computation: z.number().int().describe('Numbered from 1 per assessment'),
  assessmentId: z.string(),
  ruleVersion: z.number().int().describe('The version of the scoring model used (0: the deployment’s default)'),
  model: modelSchema,
  reason: z.string(),
  computedBy: z.string(),
  computedAt: timestamp,
  scores: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      computedScore: z.number(),
      adjustment: z.number().describe('The office’s adjustments of the assessment, applied again'),
      finalScore: z.number(),
      rank: z.number().int(),
      breakdown: z.array(breakdownLine),
    }),
  ),
};

/** Recomputing an assessment with another version of the scoring model: explicit, kept, never in place (issue 22). */
export const assessmentRecomputeRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/cycles/:id/assessment/recompute',
    summary:
      'Score the cycle’s assessment again with a version of the scoring model (office), with a reason: the figures ' +
      'it stored, the office’s adjustments applied again. Kept as a recomputation of its own; the assessment (a ' +
      'closed year’s too) does not change. 404 before it is computed; 422 for a version that does not exist',
    tag: 'assessments',
    secured: true,
    params: instanceParams,
    body: recomputeBody,
    status: 201,
    response: z.object({ cycleId: z.string(), assessment: assessmentRef, ...recomputationFields }),
    errors: [403, 404, 422],
    handler: ({ params, body, req }) => recomputeAssessment(deps, callerOf(req), params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/cycles/:id/assessment/recomputations',
    summary: 'Every recomputation of the cycle’s assessment, newest first, each with the model it used (office)',
    tag: 'assessments',
    secured: true,
    params: instanceParams,
    response: z.object({
      cycleId: z.string(),
      assessment: assessmentRef,
      items: z.array(z.object(recomputationFields)),
    }),
    errors: [403, 404],
    handler: ({ params, req }) => readRecomputations(deps, callerOf(req), params.id),
  }),
];
