import { z } from 'zod';
import { CALENDAR_YEARS, calendarTableSchema } from '../../db/calendar-file';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { impactedTaskSchema, timestamp } from '../schemas';
import { dropCalendar, loadCalendar, previewCalendar, readCalendar } from '../use-cases/calendar';

const calendarPreviewSchema = z.object({
  year: z.number().int(),
  tasks: z.array(impactedTaskSchema).describe('Running tasks it would move, soonest due first, at most 200'),
  total: z.number().int().describe('Every running task it would move'),
  at: timestamp.describe('The moment the preview was worked out for'),
});

const yearParams = z
  .object({
    year: z.coerce.number().int().min(CALENDAR_YEARS.min).max(CALENDAR_YEARS.max).describe('Calendar year'),
  })
  .strict();

const calendarDaySchema = z.object({ date: z.string(), name: z.string() });

const calendarYearSchema = z.object({
  year: z.number().int(),
  scope: z
    .enum(['ORGANISATION', 'NATIONAL'])
    .describe('Whose table: the organisation’s own (loaded by its office), or the national one it follows'),
  source: z.string(),
  loadedAt: timestamp,
  holidays: z.array(calendarDaySchema).describe('Statutory holidays: days off, even on a weekday'),
  workdays: z.array(calendarDaySchema).describe('Make-up working days (调休): weekend days that are worked'),
});

const calendarLoadSchema = z.object({
  year: z.number().int(),
  holidays: z.number().int(),
  workdays: z.number().int(),
  changed: z.boolean().describe('Whether the days off or make-up workdays differ from before (or the year is new)'),
  signalled: z.number().int().describe('Running tasks told to recompute their deadlines'),
  unsignalled: z.number().int().describe('Running tasks that could not be told (Temporal unavailable); see the log'),
});

const calendarDropSchema = z.object({
  year: z.number().int(),
  signalled: z.number().int().describe('Running tasks told to recompute their deadlines'),
  unsignalled: z.number().int().describe('Running tasks that could not be told (Temporal unavailable); see the log'),
});

export const calendarRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/calendar/:year',
    summary:
      'The working-day table of a year the caller’s organisation follows: statutory holidays and make-up workdays ' +
      '(调休) — its own where its office loaded one, else the national table',
    tag: 'calendar',
    secured: true,
    params: yearParams,
    response: calendarYearSchema,
    errors: [404],
    handler: ({ params, req }) => readCalendar(deps, callerOf(req), params.year),
  }),
  defineRoute({
    method: 'put',
    path: '/calendar/:year',
    summary:
      'Load or replace the organisation’s own working-day table of a year (office): it replaces the national table ' +
      'for this organisation alone (a local day off, a make-up day of its own), and its running tasks recompute ' +
      'their deadlines. 422 names each date that breaks a rule (outside the year, listed twice, a make-up workday ' +
      'on a weekday). The national table is loaded by the operator (`heli calendar load`), not through the API',
    tag: 'calendar',
    secured: true,
    params: yearParams,
    body: calendarTableSchema,
    response: calendarLoadSchema,
    errors: [403, 422],
    handler: ({ params, body, req }) => loadCalendar(deps, callerOf(req), params.year, body),
  }),
  defineRoute({
    method: 'post',
    path: '/calendar/:year/preview',
    summary:
      'What loading this table of a year would do to the organisation’s running tasks (office), stored nowhere: ' +
      'each task whose deadline or timers ahead would move, each change in a sentence, and what would fall due at ' +
      'once. 422 as loading would',
    tag: 'calendar',
    secured: true,
    params: yearParams,
    body: calendarTableSchema,
    response: calendarPreviewSchema,
    errors: [403, 422],
    handler: ({ params, body, req }) => previewCalendar(deps, callerOf(req), params.year, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/calendar/:year',
    summary:
      'Drop the organisation’s own working-day table of a year (office): its tasks follow the national table ' +
      'again and recompute their deadlines. 404 when the organisation has no table of its own for the year',
    tag: 'calendar',
    secured: true,
    params: yearParams,
    response: calendarDropSchema,
    errors: [403, 404],
    handler: ({ params, req }) => dropCalendar(deps, callerOf(req), params.year),
  }),
];
