import { z } from 'zod';
import { CALENDAR_YEARS, calendarTableSchema } from '../../db/calendar-file';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { timestamp } from '../schemas';
import { loadCalendar, readCalendar } from '../use-cases/calendar';

const yearParams = z
  .object({
    year: z.coerce.number().int().min(CALENDAR_YEARS.min).max(CALENDAR_YEARS.max).describe('Calendar year'),
  })
  .strict();

const calendarDaySchema = z.object({ date: z.string(), name: z.string() });

const calendarYearSchema = z.object({
  year: z.number().int(),
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

export const calendarRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/calendar/:year',
    summary: 'A year’s official working-day table: statutory holidays and make-up workdays (调休)',
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
      'Load or replace a year’s official working-day table (office); running tasks recompute their deadlines. ' +
      '422 names each date that breaks a rule (outside the year, listed twice, a make-up workday on a weekday)',
    tag: 'calendar',
    secured: true,
    params: yearParams,
    body: calendarTableSchema,
    response: calendarLoadSchema,
    errors: [403, 422],
    handler: ({ params, body, req }) => loadCalendar(deps, callerOf(req), params.year, body),
  }),
];
