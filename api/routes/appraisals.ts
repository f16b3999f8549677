import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import type { AnyRoute } from '../route';
import { actionRoute, createRoute, detailRoute, instanceParams, pageRoute } from './action-route';
import { id, offeredActions, text, timelineEntrySchema, timestamp } from '../schemas';
import {
  closeAppraisalEarly,
  findAppraisals,
  getAppraisal,
  inviteAppraisalMembers,
  openAppraisal,
  rateAppraisal,
} from '../use-cases/appraisals';
import { MAX_PERIOD_WORKING_DAYS } from '../../procedures/appraisal/messages';

const state = z.enum(['OPEN', 'CLOSED']);
const rating = z
  .enum(['SATISFIED', 'BASIC', 'UNSATISFIED'])
  .describe('满意 SATISFIED (100), 基本满意 BASIC (60), 不满意 UNSATISFIED (0)');
const memberIds = z.array(id).min(1).max(200).describe('Members of the supervision network, serving today');

const openBody = z
  .object({
    title: text(200).describe('e.g. 「2027年度政风行风评议」'),
    unitIds: z
      .array(id)
      .min(1)
      .max(300)
      .optional()
      .describe('The units appraised (评议对象); default every active district department and town'),
    memberIds,
    workingDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_PERIOD_WORKING_DAYS)
      .describe('The period ends at 24:00 of this working day after the opening (the organisation’s calendar)'),
  })
  .strict();

const ratingsBody = z
  .object({
    ratings: z
      .array(
        z
          .object({
            unitId: id.describe('One of the appraisal’s units'),
            rating,
            comment: text(1_000).optional().describe('Optional remarks (评议意见)'),
          })
          .strict(),
      )
      .min(1)
      .max(300)
      .describe('A rating per unit; a unit rated before is rated anew (the last rating counts until the period ends)'),
  })
  .strict();

const summaryFields = {
  id: z.string(),
  workflowId: z.string(),
  orgId: z.string(),
  cycleId: z.string(),
  year: z.number().int(),
  title: z.string(),
  openedBy: z.string(),
  state,
  openedAt: timestamp,
  dueAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  units: z.number().int().describe('Units appraised'),
  members: z.number().int().describe('Members invited'),
};
const summarySchema = z.object(summaryFields).meta({ id: 'AppraisalSummary' });
const resultSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    raters: z.number().int(),
    satisfied: z.number().int(),
    basic: z.number().int(),
    unsatisfied: z.number().int(),
    score: z.number().nullable().describe('综合满意度 0–100: Σ points ÷ raters; null when nobody rated the unit'),
  })
  .meta({ id: 'AppraisalResult' });
const formEntry = z.object({
  unitId: z.string(),
  rating,
  comment: z.string().nullable(),
  ratedAt: timestamp,
});
const appraisalSchema = z
  .object({
    ...summaryFields,
    actions: offeredActions('appraisals'),
    unitList: z.array(z.object({ unitId: z.string(), unitName: z.string() })),
    finished: z.number().int().describe('Members who rated every unit'),
    progress: z
      .array(
        z.object({
          personId: z.string(),
          name: z.string(),
          invitedAt: timestamp,
          rated: z.number().int(),
          finishedAt: timestamp.nullable(),
        }),
      )
      .nullable()
      .describe('The office: each member’s progress (how many units rated), never their ratings'),
    myForm: z.array(formEntry).nullable().describe('An invited member: their own form'),
    results: z
      .array(resultSchema)
      .describe('After the close: per unit aggregates (office and group: all; a unit and its leader: its own)'),
    timeline: z.array(timelineEntrySchema).describe('The office’s'),
  })
  .meta({ id: 'Appraisal' });

/** Conduct appraisals (行风评议) by the members of the supervision network (issue 19 part 5). */
export const appraisalRoutes = (deps: AppDeps): AnyRoute[] => [
  createRoute({
    path: '/cycles/:id/appraisals',
    kind: 'appraisals',
    summary: 'Open a conduct appraisal (行风评议) of the cycle’s year (office): units, members invited, period',
    params: instanceParams,
    body: openBody,
    response: z.object({
      id: z.string(),
      workflowId: z.string(),
      cycleId: z.string(),
      title: z.string(),
      state,
      units: z.number().int(),
      members: z.number().int(),
      dueAt: z.string().nullable(),
    }),
    errors: [403, 404, 409, 422],
    handler: (body, caller, key, params) => openAppraisal(deps, caller, params.id, body, key),
  }),
  pageRoute({
    kind: 'appraisals',
    summary: 'Conduct appraisals the caller may see (a unit: those it is appraised in; a member: those invited into)',
    filters: {
      cycleId: id.optional().describe('Only this cycle’s appraisals'),
      state: state.optional(),
    },
    item: summarySchema,
    handler: (filter, page, caller) => findAppraisals(deps, caller, filter, page),
  }),
  detailRoute({
    kind: 'appraisals',
    summary: 'A conduct appraisal: units, progress (office), the caller’s own form (member), aggregates after close',
    response: appraisalSchema,
    handler: (appraisalId, caller) => getAppraisal(deps, caller, appraisalId),
  }),
  actionRoute({
    kind: 'appraisals',
    verb: 'ratings',
    summary: 'Fill or change the caller’s own rating form (an invited member), until the period ends',
    body: ratingsBody,
    response: z.object({
      appraisalId: z.string(),
      state,
      rated: z.number().int(),
      units: z.number().int(),
      finishedAt: z.string().nullable(),
      myForm: z.array(formEntry.extend({ ratedAt: z.string() })),
    }),
    handler: (appraisalId, body, req) => rateAppraisal(deps, callerOf(req), appraisalId, body),
  }),
  actionRoute({
    kind: 'appraisals',
    verb: 'members',
    summary: 'Invite more members while the appraisal is open (office); each must serve in the network today',
    body: z.object({ memberIds }).strict(),
    response: z.object({ appraisalId: z.string(), state, members: z.number().int() }),
    handler: (appraisalId, body, req) => inviteAppraisalMembers(deps, callerOf(req), appraisalId, body.memberIds),
  }),
  actionRoute({
    kind: 'appraisals',
    verb: 'close',
    summary: 'End the appraisal before its period (office), once every member invited has rated every unit',
    response: z.object({
      appraisalId: z.string(),
      state,
      closedAt: z.string().nullable(),
      results: z.array(resultSchema),
    }),
    handler: (appraisalId, _body, req) => closeAppraisalEarly(deps, callerOf(req), appraisalId),
  }),
];
