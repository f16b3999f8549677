import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { text } from '../schemas';
import { getCycleBoard } from '../use-cases/cycle-board';

const light = z.enum(['RED', 'YELLOW', 'GREEN', 'NONE']);
const boardSchema = z.object({
  cycleId: z.string(),
  axis: z.enum(['goal', 'month']),
  columns: z
    .array(z.object({ key: z.string().nullable(), title: z.string() }))
    .describe('Goals in the plan’s order (or months YYYY-MM); key null: tasks without a goal (or without a date)'),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string() })).describe('Lead units, district level first'),
  cells: z.array(
    z.object({
      unitId: z.string(),
      column: z.string().nullable(),
      total: z.number().int(),
      open: z.number().int().describe('Tasks not yet accepted or cancelled'),
      red: z.number().int(),
      yellow: z.number().int(),
      green: z.number().int(),
      worst: light.describe('Worst light of the open tasks; NONE when all are closed'),
      maxRung: z.number().int().describe('Highest escalation rung of an open task'),
      milestonesMissed: z.number().int().describe('Milestones (序时进度) missed by its open tasks: the lag'),
    }),
  ),
  trend: z
    .array(
      z.object({
        month: z.string().describe('YYYY-MM, in the organisation’s time zone'),
        due: z.number().int().describe('Tasks whose deadline falls in the month'),
        completed: z.number().int().describe('Tasks accepted in the month'),
        completedOnTime: z.number().int().describe('Of them, accepted without a late working day'),
        lapsed: z.number().int().describe('Deadlines that passed in the month without the task done by then (逾期)'),
        escalations: z.number().int().describe('Escalation rungs climbed in the month'),
      }),
    )
    .describe(
      'The same tasks month by month: from January of the cycle’s year (or an earlier month a task fell due in) to ' +
        'this month, at least January, and through December once the year is over',
    ),
});

/** The office's board (督办看板): a cycle's lead units × goals or months, each cell's worst light. */
export const cycleBoardRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/cycles/:id/board',
    summary: 'The cycle’s board: lead units × goals (or months) with counts by light, worst light and highest rung',
    tag: 'cycles',
    secured: true,
    params: z.object({ id: text(128) }).strict(),
    query: z
      .object({
        by: z.enum(['goal', 'month']).default('goal'),
        view: text(128).optional().describe('One of the caller’s saved views (`/v1/views`): count only its tasks'),
      })
      .strict(),
    response: boardSchema,
    errors: [403, 404],
    handler: ({ params, query, req }) => getCycleBoard(deps, callerOf(req), params.id, query.by, query.view),
  }),
];
