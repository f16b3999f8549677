import { z } from 'zod';
import { findPerson, listPeople, listUnits } from '../../db/queries/organisation-read';
import type { AppDeps } from '../deps';
import { AppError } from '../errors';
import { identityOf } from '../identity';
import { defineRoute } from '../route';
import { id, pageOf, pageQuery, personSchema, unitSchema } from '../schemas';

export const organisationRoutes = ({ db }: AppDeps) => [
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
      const { orgId } = identityOf(req);
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await listUnits(db, orgId, { kind: query.kind, zoneId: query.zone }, page)), ...page };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/people',
    summary: 'People of the caller’s organisation',
    tag: 'organisation',
    secured: true,
    query: z.object({ ...pageQuery, unit: id.optional().describe('Only people of this unit') }).strict(),
    response: pageOf(personSchema),
    handler: async ({ query, req }) => {
      const { orgId } = identityOf(req);
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await listPeople(db, orgId, { unitId: query.unit }, page)), ...page };
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
      const person = await findPerson(db, identityOf(req).personId);
      if (!person) throw AppError.notFound();
      return person;
    },
  }),
];
