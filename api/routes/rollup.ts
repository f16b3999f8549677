import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { getRollup } from '../use-cases/rollup';

const count = z.number().int().min(0);

export const rollupSchema = z
  .object({
    year: z.number().int().describe('The current year (Asia/Shanghai), of the completion figures'),
    items: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          parent: z.string().describe('The organisation it reports to: the caller’s, or one under it'),
          open: count.describe('Open tasks (assigned, signed, in progress)'),
          lights: z.object({ green: count, yellow: count, red: count }).describe('Open tasks by traffic light'),
          overdue: z
            .object({ total: count, l1: count, l2: count, l3: count })
            .describe('Open tasks past their time limit, and the open tasks at each escalation rung'),
          completed: z
            .object({ onTime: count, late: count })
            .describe('Tasks accepted (办结) in `year`, on time and late'),
          cycle: z
            .object({
              year: z.number().int(),
              phase: z.enum(['PLANNING', 'DECOMPOSING', 'RUNNING', 'YEAR_END', 'CLOSED']),
            })
            .nullable()
            .describe('Its current cycle (the newest not closed); null when none is open'),
          latestBulletinDate: z.string().nullable().describe('When its latest bulletin was generated (YYYY-MM-DD)'),
        }),
      )
      .describe('Every organisation under the caller’s, transitively, the nearest first; empty when none'),
  })
  .meta({ id: 'Rollup' });

/** The higher level's read-only roll-up of the organisations under it (figures only). */
export const rollupRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/rollup',
    summary:
      'The roll-up of the organisations under the caller’s (those whose organisation file names it as parent, and ' +
      'those under them): per organisation, open tasks by light, overdue ones by rung, this year’s completions on ' +
      'time and late, the current cycle and the latest bulletin; figures only, no task, person or unit. An ' +
      'organisation with none under it gets an empty list (office, leaders, group)',
    tag: 'tasks',
    secured: true,
    response: rollupSchema,
    errors: [403],
    handler: ({ req }) => getRollup(deps, callerOf(req)),
  }),
];
