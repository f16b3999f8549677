import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { id, isoDate, text, timestamp } from '../schemas';
import { createAbsence, endAbsence, findAbsences, getAbsence } from '../use-cases/absences';

const absenceParams = z.object({ id }).strict();

const absenceSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    personName: z.string(),
    deputyId: z.string(),
    deputyName: z.string(),
    unitId: z.string(),
    from: z.string().describe('First day away (the organisation’s local date)'),
    to: z.string().describe('Last day away, included'),
    reason: z.string(),
    createdBy: z.string(),
    createdAt: timestamp,
    cancelledAt: timestamp.nullable(),
    status: z.enum(['UPCOMING', 'ACTIVE', 'OVER', 'CANCELLED']).describe('Where it stands today'),
  })
  .meta({ id: 'Absence' });

const createAbsenceBody = z
  .object({
    personId: id
      .optional()
      .describe('Who is away (default: the caller; the office: anyone; a unit’s head: their unit)'),
    deputyId: id.describe('Who stands in: an active person of the same unit'),
    from: isoDate.describe('First day away: today or later'),
    to: isoDate.describe('Last day away, included (at most 180 days from the first)'),
    reason: text(200).describe('Why (e.g. 外出学习, 病假)'),
  })
  .strict()
  .meta({
    examples: [{ deputyId: 'p-yu-hong', from: '2027-03-01', to: '2027-03-05', reason: '参加市委党校培训' }],
  });

/** Absences and deputies (请假与代理): while a person is away, their deputy receives their notices and may act for them. */
export const absenceRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/absences',
    summary:
      'The absences the caller may see (their own and those naming them as deputy; a unit’s head their unit’s; the office all) that have not ended',
    tag: 'absences',
    secured: true,
    query: z
      .object({
        all: z
          .enum(['true', 'false'])
          .default('false')
          .transform((v) => v === 'true')
          .describe('Past and cancelled absences too'),
      })
      .strict(),
    response: z.object({ items: z.array(absenceSchema) }),
    errors: [403],
    handler: ({ query, req }) => findAbsences(deps, callerOf(req), query.all),
  }),
  defineRoute({
    method: 'post',
    path: '/absences',
    summary:
      'Enter an absence with a deputy; while it lasts the deputy receives the person’s notices and may act for them with the header `Heli-On-Behalf-Of: {personId}`',
    tag: 'absences',
    secured: true,
    body: createAbsenceBody,
    status: 201,
    response: absenceSchema,
    errors: [403, 409, 422],
    handler: async ({ body, req, res }) => {
      const absence = await createAbsence(deps, callerOf(req), body);
      res.location(`/v1/absences/${absence.id}`);
      return absence;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/absences/:id',
    summary: 'One absence the caller may see (any other: 404, as a missing one)',
    tag: 'absences',
    secured: true,
    params: absenceParams,
    response: absenceSchema,
    errors: [403, 404],
    handler: ({ params, req }) => getAbsence(deps, callerOf(req), params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/absences/:id/cancel',
    summary: 'End an absence early or withdraw it (the person, whoever entered it, their unit’s head, or the office)',
    tag: 'absences',
    secured: true,
    params: absenceParams,
    response: absenceSchema,
    errors: [403, 404, 409],
    handler: ({ params, req }) => endAbsence(deps, callerOf(req), params.id),
  }),
];
