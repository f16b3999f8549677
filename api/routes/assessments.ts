import { z } from 'zod';
import { renderAssessmentCsv, renderAssessmentXlsx } from '../assessment-render';
import { authoriseFunction } from '../authorise';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, XLSX_TYPE, type AnyRoute } from '../route';
import { id, text, timestamp } from '../schemas';
import { instanceParams } from './action-route';
import * as uc from '../use-cases/assessments';
import { assessmentReport, unitSheet } from '../use-cases/assessment-documents';
import { documentRoutes } from './document-routes';

// Any short text, as every instance's: an id that names no cycle the caller may see is a 404, whatever its shape (a
// client following a bulletin's `cycleId` of null to "None" learns nothing else).
const cycleParams = instanceParams;
const unitParams = z.object({ id: text(128), unitId: text(128) }).strict();

const computeBody = z
  .object({
    modelId: z.string().min(1).max(40).optional().describe('Scoring model id (GET /v1/scoring-models)'),
    modelVersion: z.number().int().min(1).optional().describe('Its version; default: the draft’s, else the default'),
    cutOff: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('The instant the figures are taken at; default now, never in the future'),
  })
  .strict();

const adjustBody = z
  .object({
    unitId: id,
    delta: z
      .number()
      .min(-100)
      .max(100)
      .describe('Points added (negative: taken off); not zero, at most 2 decimals (422 otherwise)'),
    reason: z.string().max(5_000).optional().describe('Why (required: 422 without it)'),
  })
  .strict();

const formula = z.object({ kind: z.string(), perItem: z.record(z.string(), z.number()).optional() });
export const modelSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    base: z.number(),
    indicators: z.array(
      z.object({ indicator: z.string(), weight: z.number(), formula, formulaText: z.string().describe('In Chinese') }),
    ),
  })
  .meta({ id: 'ScoringModel' });
export const breakdownLine = z
  .object({
    indicator: z.string(),
    name: z.string(),
    weight: z.number(),
    raw: z.record(z.string(), z.number().nullable()),
    points: z.number(),
    formula: z.string().describe('The formula with the unit’s numbers, in Chinese'),
  })
  .meta({ id: 'BreakdownLine' });
const counts = <K extends string>(...keys: K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);
const metricsSchema = z
  .object({
    tasks: counts('led', 'due', 'completed', 'completedOnTime', 'openOverdue'),
    overdue: z.object({
      days: z.number().int(),
      tasks: z.array(z.object({ taskId: z.string(), days: z.number().int() })),
    }),
    ratings: counts('EXCELLENT', 'GOOD', 'FAIR', 'POOR'),
    escalations: counts('urging', 'L1', 'L2', 'L3'),
    extensions: counts('approved', 'denied'),
    findings: counts('MINOR', 'MAJOR', 'SERIOUS'),
    rectification: counts('due', 'completedOnTime'),
    meetings: counts('held', 'present', 'absent', 'declined'),
    referrals: counts('due', 'onTime')
      .optional()
      .describe(
        'Referral feedbacks due in the cycle’s year and given on time; absent from assessments before issue 18',
      ),
    secondments: counts('due', 'onTime')
      .optional()
      .describe('Secondment requests and rotation windows to answer, and answered on time; absent before issue 18'),
  })
  .describe('Raw counts as of the cut-off (docs/assessment.md)');
const scoreFields = {
  unitId: z.string(),
  unitName: z.string(),
  kind: z.string(),
  metrics: metricsSchema,
  breakdown: z.array(breakdownLine),
  computedScore: z.number(),
  adjustment: z.number(),
  finalScore: z.number(),
  rank: z.number().int(),
  adjustments: z.array(
    z.object({
      id: z.string(),
      unitId: z.string(),
      delta: z.number(),
      reason: z.string(),
      adjustedBy: z.string(),
      adjustedAt: timestamp,
    }),
  ),
};
const assessmentSchema = z
  .object({
    id: z.string(),
    cycleId: z.string(),
    state: z.enum(['DRAFT', 'PUBLISHED']),
    model: modelSchema,
    cutOff: timestamp,
    revision: z.number().int(),
    computedAt: timestamp,
    computedBy: z.string().nullable(),
    publishedAt: timestamp.nullable(),
    publishedBy: z.string().nullable(),
    visibility: z.enum(['FULL', 'UNIT']).describe('FULL: every unit’s score; UNIT: only the caller’s unit’s'),
    ranking: z.array(z.object({ unitId: z.string(), unitName: z.string(), finalScore: z.number(), rank: z.number() })),
    scores: z.array(z.object(scoreFields)),
  })
  .meta({ id: 'Assessment' });

/** Assessment (考核评价, DOMAIN.md annual cycle step 6): computed, adjusted and published by the office. */
export const assessmentRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/scoring-models',
    summary: 'The scoring models: every version with its indicators, weights and formulas',
    tag: 'assessments',
    secured: true,
    response: z.object({
      default: z.object({ id: z.string(), version: z.number().int() }),
      models: z.array(modelSchema),
    }),
    errors: [403],
    handler: async ({ req }) => {
      await authoriseFunction(deps, callerOf(req), 'scoring.read', { type: 'scoring-model' });
      return uc.listScoringModels();
    },
  }),
  defineRoute({
    method: 'post',
    path: '/cycles/:id/assessment',
    summary: 'Compute (or recompute) the cycle’s assessment now as a DRAFT (office); a published one is frozen',
    tag: 'assessments',
    secured: true,
    params: cycleParams,
    body: computeBody,
    status: 201,
    alsoStatus: [200],
    response: assessmentSchema,
    errors: [403, 404, 409, 422],
    handler: async ({ params, body, req, res }) => {
      const { created, assessment } = await uc.computeAssessment(deps, callerOf(req), params.id, body);
      res.locals.status = created ? 201 : 200;
      return assessment;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/cycles/:id/assessment',
    summary: 'The cycle’s assessment as the caller may see it (docs/assessment.md “Who sees what”)',
    tag: 'assessments',
    secured: true,
    params: cycleParams,
    response: assessmentSchema,
    errors: [403, 404],
    handler: async ({ params, req }) => uc.readAssessment(deps, callerOf(req), params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/cycles/:id/assessment/units/:unitId',
    summary: 'One unit’s score with its breakdown; a unit may read only its own',
    tag: 'assessments',
    secured: true,
    params: unitParams,
    response: z.object({
      ...scoreFields,
      cycleId: z.string(),
      state: z.enum(['DRAFT', 'PUBLISHED']),
      model: modelSchema,
      cutOff: timestamp,
    }),
    errors: [403, 404],
    handler: async ({ params, req }) => uc.readUnitScore(deps, callerOf(req), params.id, params.unitId),
  }),
  ...documentRoutes({
    path: '/cycles/:id/assessment/units/:unitId/sheet',
    summary: 'One unit’s assessment sheet (考核评分表): each indicator’s data, formula and points, its rank',
    params: unitParams,
    file: (p) => `考核评分表-${p.id}-${p.unitId}`,
    document: (p, caller) => unitSheet(deps, caller, p.id, p.unitId),
  }),
  ...documentRoutes({
    path: '/cycles/:id/assessment/report',
    summary:
      'The year’s assessment report (年度考核情况报告): ranking, each unit’s parts and the distribution, charted',
    params: cycleParams,
    file: (p) => `年度考核情况报告-${p.id}`,
    document: (p, caller) => assessmentReport(deps, caller, p.id),
  }),
  defineRoute({
    method: 'post',
    path: '/cycles/:id/assessment/adjustments',
    summary: 'Adjust one unit’s score of the DRAFT with a recorded reason (office)',
    tag: 'assessments',
    secured: true,
    params: cycleParams,
    body: adjustBody,
    status: 201,
    response: assessmentSchema,
    errors: [403, 404, 409, 422],
    handler: async ({ params, body, req }) => uc.adjustAssessment(deps, callerOf(req), params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/cycles/:id/assessment/publish',
    summary: 'Publish the assessment to the units (office); it is frozen from then on',
    tag: 'assessments',
    secured: true,
    params: cycleParams,
    response: assessmentSchema,
    errors: [403, 404, 409],
    handler: async ({ params, req }) => uc.publishCycleAssessment(deps, callerOf(req), params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/cycles/:id/assessment.csv',
    summary: 'The ranking (and the breakdowns the caller may see) as CSV, UTF-8 with BOM',
    tag: 'assessments',
    secured: true,
    params: cycleParams,
    response: z.string(),
    produces: 'text/csv',
    errors: [403, 404],
    handler: async ({ params, req, res }) => {
      const found = await uc.exportAssessment(deps, callerOf(req), params.id);
      res.attachment(`assessment-${params.id}.csv`); // only once found: a 404 is no attachment
      return renderAssessmentCsv(found);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/cycles/:id/assessment.xlsx',
    summary: 'The ranking and the breakdowns the caller may see as an Excel workbook',
    tag: 'assessments',
    secured: true,
    params: cycleParams,
    response: z.instanceof(Buffer),
    produces: XLSX_TYPE,
    errors: [403, 404],
    handler: async ({ params, req, res }) => {
      const found = await uc.exportAssessment(deps, callerOf(req), params.id);
      res.attachment(`assessment-${params.id}.xlsx`); // only once found: a 404 is no attachment
      return renderAssessmentXlsx(found);
    },
  }),
];
