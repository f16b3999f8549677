import type { Request } from 'express';
import { z } from 'zod';
import { findPerson, listPeople, listUnits } from '../../db/queries/organisation-read';
import { authorise } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, inLanguage, languageOf } from '../errors';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { id, pageOf, pageQuery, personSchema, text, unitSchema } from '../schemas';
import { mergeUnit } from '../use-cases/unit-merge';

const mergeAnswer = z
  .object({
    unitId: z.string(),
    intoUnitId: z.string(),
    moved: z.array(z.object({ taskId: z.string(), title: z.string() })).describe('Open tasks reassigned to it'),
    notMoved: z
      .array(z.object({ taskId: z.string(), title: z.string(), reason: z.string() }))
      .describe('Open tasks the reassignment refused (submitted, paused), with its reason: the office decides each'),
  })
  .meta({ id: 'UnitMerge' });

/** The organisation directory is open to every role of that organisation. */
async function readableOrg(deps: AppDeps, req: Request): Promise<string> {
  const caller = callerOf(req);
  const { orgId } = caller.identity;
  await authorise(
    deps,
    caller,
    'organisation.read',
    { type: 'organisation', orgId },
    { type: 'organisation', id: orgId },
  );
  return orgId;
}

export const organisationRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/units',
    summary: 'Units of the caller’s organisation',
    tag: 'organisation',
    secured: true,
    query: z
      .object({
        ...pageQuery,
        kind: unitSchema.shape.kind.optional(),
        zone: id.optional().describe('Collaboration zone'),
      })
      .strict(),
    response: pageOf(unitSchema),
    handler: async ({ query, req }) => {
      const orgId = await readableOrg(deps, req);
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await listUnits(deps.db, orgId, { kind: query.kind, zoneId: query.zone }, page)), ...page };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/people',
    summary: 'People of the caller’s organisation (the supervision network’s members to the office alone)',
    tag: 'organisation',
    secured: true,
    query: z.object({ ...pageQuery, unit: id.optional().describe('Only people of this unit') }).strict(),
    response: pageOf(personSchema),
    handler: async ({ query, req }) => {
      const orgId = await readableOrg(deps, req);
      const page = { limit: query.limit, offset: query.offset };
      const { identity } = callerOf(req);
      const observersFor = identity.roles.includes('OFFICE') ? 'ALL' : { personId: identity.personId };
      return { ...(await listPeople(deps.db, orgId, { unitId: query.unit, observersFor }, page)), ...page };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me',
    summary: 'The caller',
    tag: 'organisation',
    secured: true,
    response: personSchema,
    errors: [404],
    handler: async ({ req }) => {
      const person = await findPerson(deps.db, callerOf(req).identity.personId);
      if (!person) throw AppError.notFound();
      return person;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/units/:id/merge',
    summary:
      'Merge a unit into another (单位合并; the ADMIN permission, with the office’s reassignment): the unit is retired ' +
      'with its successor, its sub-units move under it, and each open task of the unit moves to it by reassignment ' +
      '(改派), its history kept. A task the reassignment refuses stays, named with the reason. 422 for a successor ' +
      'that is not an active department, town or village of the organisation, or the unit itself',
    tag: 'organisation',
    secured: true,
    params: z.object({ id }).strict(),
    body: z
      .object({
        intoUnitId: id.describe('The successor: an active department, town or village'),
        reason: text(500).describe('Why (e.g. the document that merged them)'),
      })
      .strict(),
    response: mergeAnswer,
    errors: [403, 404, 422],
    handler: async ({ params, body, req }) => {
      const answer = await mergeUnit(deps, callerOf(req), params.id, body);
      const language = languageOf(req);
      return { ...answer, notMoved: answer.notMoved.map((t) => ({ ...t, reason: inLanguage(t.reason, language) })) };
    },
  }),
];
