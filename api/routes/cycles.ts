import { z } from 'zod';
import { schemaMessage } from '../../config/issue-text';
import * as c from '../../procedures/cycle/messages';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { actionRoute, detailRoute, instanceParams, listRoute } from './action-route';
import { isoDate, text, timestamp } from '../schemas';
import { getPlan, submitPlan } from '../use-cases/cycle-plan';
import { actOnCycle, findCycles, getCycle, openCycle } from '../use-cases/cycles';

const openCycleBody = z
  .object({
    year: z.number().int().min(2000).max(2100).describe('The year of the cycle (this year or the next)'),
    planDueDate: isoDate.optional().describe('The plan must be approved by the end of this day; default <year>-01-31'),
    meetingMonths: z
      .array(z.number().int().min(1).max(12))
      .min(1)
      .max(12)
      // Given in any order, once or twice: the meetings are held in those months, in calendar order.
      .transform((months) => [...new Set(months)].sort((a, b) => a - b))
      .optional()
      .describe('Months of the regular joint meetings; default quarterly [3, 6, 9, 12]'),
    meetingDay: z
      .number()
      .int()
      .min(1)
      .max(31)
      .optional()
      .describe('Day of the month of a regular meeting; default 20'),
    meetingTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, schemaMessage('须为时间，格式 HH:MM', 'expected HH:MM'))
      .optional()
      .describe('Local time of a regular meeting; default 09:30'),
    bulletinCadence: z.enum(['MONTHLY', 'QUARTERLY', 'NONE']).optional().describe('Default MONTHLY'),
    inspectionMonths: z
      .array(z.number().int().min(1).max(12))
      .max(12)
      .transform((months) => [...new Set(months)].sort((a, b) => a - b))
      .optional()
      .describe('Months of the regular inspection rounds; default [5, 10]; [] for none'),
    cutOffDate: isoDate
      .optional()
      .describe('The assessment takes the figures as of the end of this day; default <year>-12-31'),
    scoringModel: z
      .object({ id: z.string().min(1).max(40), version: z.number().int().min(1).max(1_000) })
      .strict()
      .optional()
      .describe('The scoring model the cycle is assessed with (GET /v1/scoring-models); default the current default'),
  })
  .strict();

const counts = {
  total: z.number().int(),
  byState: z.record(z.string(), z.number().int()),
  byLight: z.record(z.string(), z.number().int()),
  overdue: z.number().int().describe('Tasks still owed past their deadline (red)'),
};
const nullableTime = timestamp.nullable();
const cycleSummary = z
  .object({
    id: z.string(),
    orgId: z.string(),
    year: z.number().int(),
    phase: z.enum(['PLANNING', 'DECOMPOSING', 'RUNNING', 'YEAR_END', 'CLOSED']),
    planVersion: z.number().int().nullable(),
    approvedVersion: z.number().int().nullable(),
    planDueDate: z.string().nullable(),
    tasksPlanned: z.number().int(),
    tasksStarted: z.number().int(),
    openedBy: z.string().nullable(),
    openedAt: timestamp,
    approvedBy: z.string().nullable(),
    approvedAt: nullableTime,
    closedAt: nullableTime,
    settings: z.object({
      planDueDate: z.string(),
      meetingMonths: z.array(z.number().int()),
      meetingDay: z.number().int(),
      meetingTime: z.string(),
      noticeWorkingDays: z.number().int(),
      confirmWorkingDays: z.number().int(),
      bulletinCadence: z.string(),
      inspectionMonths: z.array(z.number().int()).optional(),
      selfCheckWorkingDays: z.number().int().optional(),
      findingsWorkingDays: z.number().int().optional(),
      cutOffDate: z.string().optional(),
      scoringModel: z.object({ id: z.string(), version: z.number().int() }).optional(),
      assessmentReviewWorkingDays: z.number().int().optional(),
      assessmentThreshold: z.number().optional(),
      caseWaitWorkingDays: z.number().int().optional(),
      decomposeBatch: z.number().int(),
      childrenPerRun: z.number().int(),
    }),
  })
  .meta({ id: 'CycleSummary' });
const cycleSchema = cycleSummary
  .extend({
    totals: z.object(counts),
    units: z.array(z.object({ unitId: z.string(), unitName: z.string(), ...counts })),
    goals: z.array(z.object({ goalId: z.string().nullable(), ...counts })),
    upcomingDeadlines: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        leadUnitId: z.string(),
        dueDate: z.string().nullable(),
        light: z.string(),
        rung: z.number().int(),
      }),
    ),
    upcoming: z
      .array(z.object({ kind: z.enum(['MEETING', 'BULLETIN']), key: z.string(), title: z.string(), at: z.string() }))
      .describe('Regular meetings and bulletins still ahead'),
    timeline: z.array(
      z.object({
        step: z.string(),
        kind: z.string(),
        message: z.string(),
        actorId: z.string().nullable(),
        at: timestamp,
      }),
    ),
  })
  .meta({ id: 'Cycle' });

const planBody = z
  .union([
    z.string().min(1).describe('The plan as YAML text (Content-Type: application/yaml)'),
    z
      .object({})
      .passthrough()
      .describe(
        'The plan as JSON: {year, goals: [{id, title, priority, tasks: [{key, title, type, leadUnit, coUnits, leader, ' +
          'requirements, standard, dueDate | workingDays}]}]} — see examples/plan-2027.yaml and docs/cycle.md',
      ),
  ])
  .describe('Validated whole: any bad row refuses the plan (422 naming every row and field)');

const planSubmitted = z.object({
  cycleId: z.string(),
  version: z.number().int(),
  taskCount: z.number().int(),
  goals: z.number().int(),
  phase: z.string(),
});

const planSchema = z.object({
  cycleId: z.string(),
  version: z.number().int(),
  content: z.unknown(),
  taskCount: z.number().int(),
  submittedBy: z.string(),
  submittedAt: timestamp,
  approved: z.boolean(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      taskCount: z.number().int(),
      submittedBy: z.string(),
      submittedAt: timestamp,
    }),
  ),
});

const cycleStatusSchema = z.object({
  cycleId: z.string(),
  phase: z.string(),
  planVersion: z.number().int().nullable(),
  approvedVersion: z.number().int().nullable(),
  tasksPlanned: z.number().int(),
  tasksStarted: z.number().int(),
});
const statusOf = (s: c.CycleStatus) => ({
  cycleId: s.cycleId,
  phase: s.phase,
  planVersion: s.planVersion,
  approvedVersion: s.approvedVersion,
  tasksPlanned: s.tasksPlanned,
  tasksStarted: s.tasksStarted,
});

/** Annual cycles (年度周期) and their plans (DOMAIN.md "The annual cycle", steps 1, 2 and 8). */
export const cycleRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/cycles',
    summary: 'Open the year’s cycle (office); 201 when opened, 200 with the cycle when the year’s is already open',
    tag: 'cycles',
    secured: true,
    body: openCycleBody,
    status: 201,
    alsoStatus: [200],
    response: cycleSchema,
    errors: [403, 422],
    handler: async ({ body, req, res }) => {
      const { created, cycle } = await openCycle(deps, callerOf(req), body);
      res.locals.status = created ? 201 : 200;
      res.location(`/v1/cycles/${cycle.id}`);
      return cycle;
    },
  }),
  listRoute({
    kind: 'cycles',
    summary: 'The organisation’s cycles, newest year first',
    response: z.object({ items: z.array(cycleSummary) }),
    handler: async (_query, caller) => ({ items: await findCycles(deps, caller) }),
  }),
  detailRoute({
    kind: 'cycles',
    summary: 'A cycle: phase, plan, counts by state and light per unit and goal, next deadlines, meetings, timeline',
    response: cycleSchema,
    handler: (id, caller) => getCycle(deps, caller, id),
  }),
  defineRoute({
    method: 'put',
    path: '/cycles/:id/plan',
    summary: 'Submit or revise the year’s plan (office), as YAML or JSON; refused whole when any row is wrong',
    tag: 'cycles',
    secured: true,
    params: instanceParams,
    body: planBody,
    response: planSubmitted,
    errors: [403, 404, 409, 422],
    handler: ({ params, body, req }) => submitPlan(deps, callerOf(req), params.id, body),
  }),
  detailRoute({
    kind: 'cycles',
    view: 'plan',
    summary: 'The newest plan (or `?version=N`) with the list of versions (office, leaders, leadership group)',
    query: z.object({ version: z.coerce.number().int().min(1).max(10_000).optional() }).strict(),
    response: planSchema,
    handler: (id, caller, query) => getPlan(deps, caller, id, query.version),
  }),
  actionRoute({
    kind: 'cycles',
    verb: 'plan/approve',
    summary: 'Approve the plan version read (leadership group); its tasks are then decomposed to the units',
    body: z
      .object({ version: z.number().int().min(1).describe('The version approved'), comment: text(1_000).optional() })
      .strict(),
    response: cycleStatusSchema,
    handler: async (id, body, req) =>
      statusOf(await actOnCycle(deps, callerOf(req), id, 'plan.approve', c.approvePlan, body)),
  }),
  actionRoute({
    kind: 'cycles',
    verb: 'close',
    summary: 'Close the cycle (office), with the reason; its tasks go on until each is closed',
    body: z.object({ reason: text(1_000) }).strict(),
    response: cycleStatusSchema,
    handler: async (id, body, req) =>
      statusOf(await actOnCycle(deps, callerOf(req), id, 'cycle.close', c.closeCycle, body)),
  }),
];
