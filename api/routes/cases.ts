import { z } from 'zod';
import { caseDecision } from '../use-cases/case-documents';
import { documentRoutes } from './document-routes';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { actionRoute, createRoute, detailRoute, pageRoute } from './action-route';
import { attachmentIdsFrom, id, offeredActions, stepTimelineEntrySchema, text, timestamp } from '../schemas';
import { decideCase, findCases, getCase, listMeasures, openOfficeCase, submitCaseStatement } from '../use-cases/cases';

const STATES = ['OPEN', 'STATEMENT_OVERDUE', 'STATEMENT_RECEIVED', 'DECIDED', 'CLOSED'] as const;

const openCaseBody = z
  .object({
    unitId: id.describe('The unit held accountable (被追究单位)'),
    leaderId: id.optional().describe('The responsible leader (分管领导) the case names; default: the unit’s own'),
    reason: text(2_000).describe('What the office found (立案事由), e.g. 「未按要求落实……」'),
    cycleId: id.optional().describe('The annual cycle the case belongs to'),
  })
  .strict();

const statementBody = z
  .object({
    text: text(20_000).describe('The unit’s written statement (情况说明)'),
    attachmentIds: attachmentIdsFrom('the unit’s', 'the case (POST /v1/cases/{id}/attachments)'),
  })
  .strict();

const decisionBody = z
  .object({
    measure: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,39}$/)
      .describe('A measure code of GET /v1/accountability-measures, e.g. TALK (约谈)'),
    basis: text(5_000).describe('The decision’s basis (处理依据): facts and the rule applied'),
    persons: z.array(id).max(20).optional().describe('People the decision names; they are notified too'),
  })
  .strict();

const caseFilters = {
  unitId: id.optional().describe('Only this unit’s cases'),
  leaderId: id.optional().describe('Only cases naming this leader (or of units they are responsible for)'),
  cycleId: id.optional().describe('Only this cycle’s cases'),
  state: z.enum(STATES).optional(),
};

const sourceSchema = z.union([
  z.object({ kind: z.literal('L3'), taskId: z.string(), dueDate: z.string() }),
  z.object({ kind: z.literal('ASSESSMENT'), assessmentId: z.string(), score: z.number(), threshold: z.number() }),
  z.object({ kind: z.literal('OFFICE'), reason: z.string() }),
]);

const summaryFields = {
  id: z.string(),
  workflowId: z.string(),
  orgId: z.string(),
  cycleId: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  leaderId: z.string().nullable(),
  sourceKind: z.enum(['L3', 'ASSESSMENT', 'OFFICE']),
  source: sourceSchema,
  openedBy: z.string().nullable(),
  openedAt: timestamp,
  state: z.enum(STATES),
  statementDueAt: timestamp.describe('24:00 of the last day for the statement'),
  escalateAt: timestamp.describe('A statement still missing then goes to the leadership group'),
  statementAt: timestamp.nullable(),
  statementLate: z.boolean(),
  overdueAt: timestamp.nullable(),
  escalatedAt: timestamp.nullable(),
  measure: z.string().nullable(),
  measureName: z.string().nullable(),
  basis: z.string().nullable(),
  persons: z.array(z.string()),
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  decidedWithoutStatement: z.boolean(),
  closedAt: timestamp.nullable(),
};
const summarySchema = z.object(summaryFields).meta({ id: 'CaseSummary' });
const caseSchema = z
  .object({
    ...summaryFields,
    actions: offeredActions('cases'),
    statement: z.string().nullable(),
    statementBy: z.string().nullable(),
    timeline: z.array(stepTimelineEntrySchema),
  })
  .meta({ id: 'Case' });
const actedSchema = z.object({
  caseId: z.string(),
  state: z.enum(STATES),
  statementLate: z.boolean(),
  measure: z.string().nullable(),
  measureName: z.string().nullable(),
  decidedWithoutStatement: z.boolean(),
});
const measureSchema = z.object({ code: z.string(), name: z.string() }).meta({ id: 'Measure' });

/** Accountability cases (责任追究, DOMAIN.md annual cycle step 7). */
export const caseRoutes = (deps: AppDeps): AnyRoute[] => [
  createRoute({
    path: '/cases',
    kind: 'cases',
    summary: 'Open an accountability case (office): the unit and its responsible leader are notified',
    body: openCaseBody,
    response: z.object({
      id: z.string(),
      workflowId: z.string(),
      state: z.enum(STATES),
      statementDueAt: z.string().nullable(),
    }),
    errors: [403, 422],
    handler: (body, caller, key) => openOfficeCase(deps, caller, body, key),
  }),
  pageRoute({
    kind: 'cases',
    summary: 'Accountability cases and their decisions the caller may see, newest first',
    filters: caseFilters,
    item: summarySchema,
    handler: (filter, page, caller) => findCases(deps, caller, filter, page),
  }),
  detailRoute({
    kind: 'cases',
    summary: 'An accountability case with its statement, decision and timeline',
    response: caseSchema,
    handler: (id, caller) => getCase(deps, caller, id),
  }),
  actionRoute({
    kind: 'cases',
    verb: 'statement',
    summary: 'Submit the written statement (说明情况) of the caller’s own unit, until the office decides',
    body: statementBody,
    response: actedSchema,
    handler: (id, body, req) => submitCaseStatement(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'cases',
    verb: 'decision',
    summary: 'Decide a case (office): a configured measure and its basis; without a statement only after its deadline',
    body: decisionBody,
    response: actedSchema,
    handler: (id, body, req) => decideCase(deps, callerOf(req), id, body),
  }),
  ...documentRoutes({
    path: '/cases/:id/decision-document',
    summary:
      'The accountability decision (问责决定书) of a decided case: whoever sees the case; 409 until it is decided',
    params: z.object({ id: text(128) }).strict(),
    file: (params) => `问责决定书-${params.id}`,
    conflict: true,
    document: (params, caller) => caseDecision(deps, caller, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/accountability-measures',
    summary: 'The measures (处理措施) the office may decide, and the deadlines of the statement',
    tag: 'cases',
    secured: true,
    response: z.object({
      items: z.array(measureSchema),
      statementWorkingDays: z.number().int(),
      escalateAfterWorkingDays: z.number().int(),
      assessmentThreshold: z.number(),
    }),
    errors: [403],
    handler: ({ req }) => listMeasures(deps, callerOf(req)),
  }),
];
