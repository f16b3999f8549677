import type { Request } from 'express';
import { z } from 'zod';
import { findPerson, listPeople, listUnits } from '../../db/queries/organisation-read';
import { authorise } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError } from '../errors';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { id, pageOf, pageQuery, personSchema, unitSchema } from '../schemas';

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
];
