import { z } from 'zod';
import { authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { text, timestamp } from '../schemas';
import {
  cycleScheduleIdOf,
  cycleScheduleSettingsSchema,
  deleteCycleSchedule,
  pauseCycleSchedule,
  readCycleSchedule,
  setCycleSchedule,
  type ScheduleActor,
} from '../use-cases/cycle-schedule';
import { auditActorOf } from '../authorise';

const scheduleSchema = z.object({
  scheduleId: z.string(),
  orgId: z.string(),
  month: z.number().int(),
  day: z.number().int(),
  hour: z.number().int(),
  minute: z.number().int(),
  timeZone: z.string(),
  yearOffset: z.union([z.literal(0), z.literal(1)]),
  planDueMonthDay: z.string().nullable(),
  paused: z.boolean(),
  note: z.string().nullable().describe('The reason of the last pause or resume, or the note given when set'),
  nextRuns: z.array(z.object({ at: timestamp, opensYear: z.number().int().describe('The year the run opens') })),
  recentActions: z.array(z.object({ scheduledAt: timestamp, takenAt: timestamp, workflowId: z.string() })),
  createdAt: timestamp,
  updatedAt: timestamp.nullable(),
});

const reason = text(500).describe('Why; shown as the schedule’s note and in the audit log');
const pauseBody = z.object({ reason }).strict();
const resumeBody = z.object({ reason: reason.optional() }).strict();

/** Authorises a change of the schedule (office) and names the caller as the audit log records them. */
async function changer(deps: AppDeps, caller: Caller): Promise<ScheduleActor> {
  const { orgId } = caller.identity;
  await authoriseFunction(deps, caller, 'schedule.update', { type: 'schedule', id: cycleScheduleIdOf(orgId) });
  return { ...auditActorOf(caller), orgId };
}

/**
 * The yearly Temporal Schedule that opens the organisation's annual cycle (DOMAIN.md "The annual cycle"):
 * read and changed by the office alone.
 */
export const cycleScheduleRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/cycle-schedule',
    summary: 'The yearly schedule that opens the annual cycle: its date, next runs and recent runs (office)',
    tag: 'cycles',
    secured: true,
    response: scheduleSchema,
    errors: [403, 404],
    handler: async ({ req }) => {
      const caller = callerOf(req);
      const { orgId } = caller.identity;
      await authoriseFunction(deps, caller, 'schedule.read', { type: 'schedule', id: cycleScheduleIdOf(orgId) });
      return readCycleSchedule(deps, orgId);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/cycle-schedule',
    summary:
      'Create or change the yearly schedule (office): month, day and time in Asia/Shanghai, which year it opens. ' +
      '201 when created, 200 when changed; 422 names a day that not every year has, or a plan due before opening',
    tag: 'cycles',
    secured: true,
    body: cycleScheduleSettingsSchema,
    status: 200,
    alsoStatus: [201],
    response: scheduleSchema,
    errors: [403, 422],
    handler: async ({ body, req, res }) => {
      const { created, schedule } = await setCycleSchedule(deps, await changer(deps, callerOf(req)), body);
      if (created) res.locals.status = 201;
      return schedule;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/cycle-schedule/pause',
    summary: 'Pause the yearly schedule (office): no cycle is opened until it is resumed',
    tag: 'cycles',
    secured: true,
    body: pauseBody,
    response: scheduleSchema,
    errors: [403, 404],
    handler: async ({ body, req }) => pauseCycleSchedule(deps, await changer(deps, callerOf(req)), true, body.reason),
  }),
  defineRoute({
    method: 'post',
    path: '/cycle-schedule/resume',
    summary: 'Resume the paused yearly schedule (office)',
    tag: 'cycles',
    secured: true,
    body: resumeBody,
    response: scheduleSchema,
    errors: [403, 404],
    handler: async ({ body, req }) => pauseCycleSchedule(deps, await changer(deps, callerOf(req)), false, body.reason),
  }),
  defineRoute({
    method: 'delete',
    path: '/cycle-schedule',
    summary: 'Delete the yearly schedule (office); cycles it opened stay open',
    tag: 'cycles',
    secured: true,
    response: z.object({ deleted: z.literal(true) }),
    errors: [403, 404],
    handler: async ({ req }) => deleteCycleSchedule(deps, await changer(deps, callerOf(req))),
  }),
];
