import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { getOverview } from '../use-cases/overview';

const count = z.number().int().min(0);
const overviewTask = z.object({
  id: z.string(),
  title: z.string(),
  cycleId: z.string().nullable().describe('null: a task assigned outside the annual cycle'),
  leadUnitId: z.string(),
  leadUnitName: z.string(),
  state: z.string(),
  light: z.string().describe('GREEN, YELLOW or RED'),
  rung: z.number().int(),
  dueDate: z.string().nullable(),
  proposedDate: z
    .string()
    .nullable()
    .describe('The time limit the lead unit asked for, on a pending extension request'),
  remainingWorkingDays: z.number().int().nullable().describe('Negative: working days overdue'),
});

export const overviewSchema = z
  .object({
    cycle: z
      .object({
        id: z.string(),
        year: z.number().int(),
        phase: z.enum(['PLANNING', 'DECOMPOSING', 'RUNNING', 'YEAR_END', 'CLOSED']),
        planVersion: z.number().int().nullable(),
        approvedVersion: z.number().int().nullable(),
      })
      .nullable()
      .describe('The current cycle (the newest not closed); null when none is open'),
    urgency: z
      .object({
        overdue: count.describe('Past their time limit'),
        dueSoon: count.describe('Yellow or red before their time limit'),
        onTime: count,
      })
      .describe('Open tasks (assigned, signed, in progress), cycle or not, by urgency'),
    rungs: z.object({ l1: count, l2: count, l3: count }).describe('Open tasks at each escalation rung'),
    units: z
      .array(z.object({ unitId: z.string(), unitName: z.string(), overdue: count, dueSoon: count, onTime: count }))
      .describe('Lead units with open tasks, the most overdue first'),
    l3: z.array(overviewTask).describe('Open tasks at L3 (领导小组), the earliest time limit first (at most 20)'),
    pending: z.object({
      extensions: z
        .object({ office: count, leader: count })
        .describe('Extension requests awaiting a decision: the office’s, and the task leaders’'),
      extensionRequests: z.array(overviewTask).describe('The tasks with an extension request pending (at most 20)'),
      submitted: count.describe('Tasks submitted, awaiting the office’s review'),
      statements: z
        .object({
          received: count.describe('Statement received, awaiting the office’s decision'),
          overdue: count.describe('Statement not given by its deadline: the office may decide without it'),
          awaited: count.describe('Statement still awaited from the unit, before its deadline'),
        })
        .describe('Accountability cases'),
      plans: z
        .array(z.object({ cycleId: z.string(), year: z.number().int(), version: z.number().int() }))
        .describe('Annual plans awaiting the leadership group’s approval'),
      collaboration: z
        .object({
          secondments: count.describe('Persons named for a secondment (抽调), awaiting confirmation'),
          swaps: count.describe('Rotation windows (轮训) whose unit asked to swap, awaiting a decision'),
          referrals: count.describe('Referrals the office sent that were returned (退回), awaiting its decision'),
        })
        .nullable()
        .describe('Case collaboration awaiting the office; null for the leaders and the group'),
      submissions: z
        .object({
          triage: count.describe('Submissions (反映) of the supervision network awaiting triage'),
          answer: count.describe('Tasked or referred submissions whose member has not heard back'),
          overdue: count.describe('Of those, past their triage or answer deadline'),
        })
        .nullable()
        .describe('The supervision network’s submissions awaiting the office, counts only; null for the others'),
    }),
    collaboration: z
      .object({
        from: z.string(),
        to: z.string(),
        units: z.array(
          z.object({
            unitId: z.string(),
            unitName: z.string(),
            kind: z.string(),
            referralsDue: count,
            referralsOnTime: count,
            secondmentsDue: count,
            secondmentsOnTime: count,
            rotationsDue: count,
            rotationsOnTime: count,
          }),
        ),
      })
      .describe(
        'Case collaboration (协同办案) this year, counts only: per unit, referral feedbacks, secondment answers and ' +
          'rotation confirmations settled and how many on time (a leader: the units they lead)',
      ),
  })
  .meta({ id: 'Overview' });

/** Who is late and what awaits a decision (the office's home), in the caller's scope. */
export const overviewRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/overview',
    summary:
      'Who is late and what awaits a decision, cycle or not: open tasks by urgency, rung and lead unit, the L3 tasks, ' +
      'pending extension requests, submissions, statements and plans (office, leaders, group; in the caller’s scope)',
    tag: 'tasks',
    secured: true,
    response: overviewSchema,
    errors: [403],
    handler: ({ req }) => getOverview(deps, callerOf(req)),
  }),
];
