import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { actionRoute, createRoute, detailRoute, instanceParams, pageRoute } from './action-route';
import { id, isoDate, offeredActions, text, timestamp } from '../schemas';
import { WINDOW_STATES } from '../../procedures/rotation/messages';
import {
  confirmRotationWindow,
  createRotation,
  decideRotationSwap,
  endRotationWindow,
  findRotations,
  getRotation,
  getRotationRecord,
  requestRotationSwap,
} from '../use-cases/rotations';

const windowId = z
  .string()
  .regex(/^w[0-9]{1,3}$/)
  .describe('A window of the plan, e.g. w1');

const createBody = z
  .object({
    year: z.number().int().min(2000).max(2999).describe('The plan’s year (one plan per organisation and year)'),
    windows: z
      .array(
        z
          .object({
            personId: id.describe('The trainee, a person of the unit'),
            unitId: id.describe('The sending unit: a department, town/street or village/community'),
            start: isoDate.describe('First day at the case office, from today on'),
            end: isoDate.describe('Last day; the window is 2–6 calendar months (policy)'),
          })
          .strict(),
      )
      .min(1)
      .max(200)
      .describe('The windows, numbered w1, w2, … in this order'),
    confirmBy: isoDate.optional().describe('The units confirm by 24:00 of this date …'),
    confirmWorkingDays: z
      .number()
      .int()
      .min(1)
      .max(60)
      .optional()
      .describe('… or of this working day after today (default: config/collaboration.yaml)'),
  })
  .strict();

const swapSchema = z.object({
  personId: z.string(),
  start: z.string(),
  end: z.string(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: timestamp,
  decision: z.enum(['APPROVED', 'DENIED', 'LAPSED']).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  note: z.string().nullable(),
});

const windowFields = {
  windowId: z.string(),
  personId: z.string(),
  unitId: z.string(),
  start: z.string(),
  end: z.string(),
  state: z.enum(WINDOW_STATES as [string, ...string[]]),
  original: z.object({ personId: z.string(), start: z.string(), end: z.string() }),
  swaps: z.array(swapSchema),
  dueAt: timestamp.nullable().describe('24:00 of the confirmation’s last day'),
  answeredAt: timestamp.nullable().describe('The unit’s first answer (confirmation or swap request)'),
  confirmedAt: timestamp.nullable(),
  confirmedBy: z.string().nullable(),
  confirmedLate: z.boolean().describe('Not answered by the deadline'),
  overdueAt: timestamp.nullable().describe('L1: the unit head urged'),
  escalatedAt: timestamp.nullable().describe('L2: the unit’s responsible leader told'),
  startedAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
  endReason: z.string().nullable(),
};
const windowSchema = z
  .object({ ...windowFields, planId: z.string(), personName: z.string(), unitName: z.string() })
  .meta({ id: 'RotationWindow' });

const planFields = {
  id: z.string(),
  workflowId: z.string(),
  orgId: z.string(),
  year: z.number().int(),
  state: z.enum(['OPEN', 'CLOSED']),
  createdBy: z.string().nullable(),
  createdAt: timestamp,
  dueAt: timestamp,
  escalateAt: timestamp,
  closedAt: timestamp.nullable(),
  windows: z.array(windowSchema).describe('Only the windows in the caller’s scope'),
};
const planSummary = z.object(planFields).meta({ id: 'RotationSummary' });
const planSchema = z
  .object({
    ...planFields,
    actions: offeredActions('rotations'),
    timeline: z.array(
      z.object({
        step: z.string(),
        kind: z.string(),
        windowId: z.string().nullable(),
        message: z.string(),
        actorId: z.string().nullable(),
        at: timestamp,
      }),
    ),
  })
  .meta({ id: 'Rotation' });

const actedSchema = z.object({
  planId: z.string(),
  state: z.enum(['OPEN', 'CLOSED']),
  window: z.object(windowFields),
});

const recordSchema = z
  .object({
    personId: z.string(),
    personName: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    caseRefsShown: z.boolean().describe('Case references are shown to the office and the trainee only'),
    windows: z.array(
      z.object({
        planId: z.string(),
        windowId: z.string(),
        unitId: z.string(),
        unitName: z.string(),
        start: z.string(),
        end: z.string(),
        state: z.string(),
        startedAt: timestamp.nullable(),
        endedAt: timestamp.nullable(),
        endReason: z.string().nullable(),
        caseCount: z.number().int().describe('Case teams (办案组) joined within the window'),
        cases: z
          .array(
            z.object({
              teamId: z.string(),
              caseRef: z.string(),
              joinedAt: timestamp,
              releasedAt: timestamp.nullable(),
            }),
          )
          .nullable()
          .describe('null for callers who may see the count only'),
      }),
    ),
  })
  .meta({ id: 'RotationRecord' });

/** Rotation training (轮训, 以案代训, issue 18 part 2). */
export const rotationRoutes = (deps: AppDeps): AnyRoute[] => [
  createRoute({
    path: '/rotations',
    kind: 'rotations',
    summary: 'Make the year’s rotation plan (office): each window’s unit head and trainee are told',
    body: createBody,
    response: z.object({
      id: z.string(),
      workflowId: z.string(),
      state: z.enum(['OPEN', 'CLOSED']),
      dueAt: z.string().nullable(),
    }),
    errors: [403, 409, 422],
    handler: (body, caller) => createRotation(deps, caller, body),
  }),
  pageRoute({
    kind: 'rotations',
    summary: 'Rotation plans with the windows the caller may see (a unit: its own; a leader: their units’)',
    filters: { year: z.coerce.number().int().min(2000).max(2999).optional() },
    item: planSummary,
    handler: (filter, page, caller) => findRotations(deps, caller, filter, page),
  }),
  detailRoute({
    kind: 'rotations',
    summary: 'A rotation plan: the windows in the caller’s scope, the actions offered and the timeline',
    response: planSchema,
    handler: (id, caller) => getRotation(deps, caller, id),
  }),
  actionRoute({
    kind: 'rotations',
    verb: 'confirm',
    summary: 'Confirm a window of the caller’s own unit',
    body: z.object({ windowId }).strict(),
    response: actedSchema,
    handler: (id, body, req) => confirmRotationWindow(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'rotations',
    verb: 'swap',
    summary: 'Ask to swap a window of the caller’s unit (another window and/or person, with a reason), by the deadline',
    body: z
      .object({
        windowId,
        personId: id.optional().describe('Another person of the unit'),
        start: isoDate.optional(),
        end: isoDate.optional(),
        reason: text(2_000).describe('Why (调换理由)'),
      })
      .strict(),
    response: actedSchema,
    handler: (id, body, req) => requestRotationSwap(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'rotations',
    verb: 'swap-decision',
    summary: 'Approve or deny a swap (office); denied, the original window stands and must be confirmed',
    body: z
      .object({ windowId, approve: z.boolean(), note: text(2_000).optional().describe('Required when denying') })
      .strict(),
    response: actedSchema,
    handler: (id, body, req) => decideRotationSwap(deps, callerOf(req), id, body),
  }),
  actionRoute({
    kind: 'rotations',
    verb: 'early-end',
    summary: 'Record an early end (started) or an absence (not started) of a window, with its reason (office)',
    body: z.object({ windowId, reason: text(2_000) }).strict(),
    response: actedSchema,
    handler: (id, body, req) => endRotationWindow(deps, callerOf(req), id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/people/:id/rotation-record',
    summary:
      'A trainee’s rotation record: windows served and case teams joined in them (case references: office and trainee only); audited',
    tag: 'rotations',
    secured: true,
    params: instanceParams,
    response: recordSchema,
    errors: [403, 404],
    handler: ({ params, req }) => getRotationRecord(deps, callerOf(req), params.id),
  }),
];
