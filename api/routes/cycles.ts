import { z } from 'zod';
import { listCycles } from '../../db/queries/cycles';
import { planSchema } from '../../db/plan-file';
import { authorise } from '../authorise';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { reasonBody, timestamp } from '../schemas';
import { approvePlan, closeCycle, getCycle, openCycle, submitPlan } from '../use-cases/cycles';

const cycleParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) }).strict();
const cycleSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  year: z.number().int(),
  workflowId: z.string(),
  phase: z.string(),
  approvalDueDate: z.string(),
  planRevision: z.number().int(),
  approvedAt: timestamp.nullable(),
  approvedBy: z.string().nullable(),
  tasksPlanned: z.number().int(),
  tasksStarted: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
const cycleDetailSchema = cycleSchema.extend({
  byUnit: z.array(z.object({ unitId: z.string(), state: z.string(), light: z.string(), count: z.number().int() })),
  upcomingDeadlines: z.array(
    z.object({ id: z.string(), title: z.string(), leadUnitId: z.string(), dueDate: z.string(), light: z.string() }),
  ),
});
const cycleStatusSchema = z.object({
  cycleId: z.string(),
  year: z.number().int(),
  phase: z.string(),
  planRevision: z.number().int(),
  approvedRevision: z.number().int().nullable(),
  approvalOverdue: z.boolean(),
  tasksPlanned: z.number().int(),
  tasksStarted: z.number().int(),
});

export const cycleRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/cycles',
    summary: 'Open the annual cycle of a year (office); opening it again answers the existing cycle (200)',
    tag: 'cycles',
    secured: true,
    body: z
      .object({
        year: z.number().int().min(2000).max(2100),
        approvalDueDate: z.iso.date().optional().describe('The group approves the plan by this date (default 31 Jan)'),
      })
      .strict(),
    status: 201,
    alsoStatus: [200],
    response: cycleSchema,
    errors: [403],
    handler: async ({ body, req, res }) => {
      const { created, cycle } = await openCycle(deps, callerOf(req), body.year, body.approvalDueDate);
      if (!created) res.locals.status = 200;
      res.location(`/v1/cycles/${cycle.id}`);
      return cycle;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/cycles',
    summary: 'The organisation’s annual cycles',
    tag: 'cycles',
    secured: true,
    response: z.object({ items: z.array(cycleSchema) }),
    handler: async ({ req }) => {
      const caller = callerOf(req);
      const { orgId } = caller.identity;
      await authorise(deps, caller, 'cycle.read', { type: 'organisation', orgId }, { type: 'cycle' });
      return { items: await listCycles(deps.db, orgId) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/cycles/:id',
    summary: 'A cycle: phase, plan revision, tasks by unit, state and light, upcoming deadlines',
    tag: 'cycles',
    secured: true,
    params: cycleParams,
    response: cycleDetailSchema,
    errors: [404],
    handler: ({ params, req }) => getCycle(deps, callerOf(req), params.id),
  }),
  defineRoute({
    method: 'put',
    path: '/cycles/:id/plan',
    summary:
      'Submit or revise the year’s plan (office): goals and tasks with their four-in-place; refused whole, every bad row named',
    tag: 'cycles',
    secured: true,
    params: cycleParams,
    body: planSchema,
    response: cycleStatusSchema,
    errors: [403, 404, 409, 422],
    handler: ({ params, body, req }) => submitPlan(deps, callerOf(req), params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/cycles/:id/approve',
    summary: 'Approve the submitted plan (leadership group); its tasks are then decomposed to the units',
    tag: 'cycles',
    secured: true,
    params: cycleParams,
    body: z.object({}).strict(),
    response: cycleStatusSchema,
    errors: [403, 404, 409],
    handler: ({ params, req }) => approvePlan(deps, callerOf(req), params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/cycles/:id/close',
    summary: 'Close the cycle (office)',
    tag: 'cycles',
    secured: true,
    params: cycleParams,
    body: reasonBody,
    response: cycleStatusSchema,
    errors: [403, 404, 409],
    handler: ({ params, body, req }) => closeCycle(deps, callerOf(req), params.id, body.reason),
  }),
];
