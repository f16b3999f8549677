import { z } from 'zod';
import { organisationContentSchema, personEntry, unitEntry } from '../../db/org-file';
import { readOrganisationContent } from '../../db/queries/organisation-content';
import { authoriseFunction } from '../authorise';
import type { AppDeps } from '../deps';
import { inLanguage, languageOf } from '../errors';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { id } from '../schemas';
import {
  addPerson,
  addUnit,
  deactivatePerson,
  diffOrganisationVersions,
  organisationVersions,
  restoreOrganisation,
  retireUnit,
  updatePerson,
  updateUnit,
} from '../use-cases/organisation-edit';
import { readUnitHistory } from '../use-cases/unit-history';
import {
  diffQuery,
  reason,
  restoreBody,
  rulesSchemaOf,
  versionEntrySchema,
  versionParams,
} from './rule-version-schemas';

const PATH = '/rules/organisation';

const contentSchema = organisationContentSchema.describe(
  'The organisation in the organisation file’s shape (examples/organisation.yaml): its zones, active units and ' +
    'people, without its task types (versioned on their own) and network appointments',
);
const versionSchema = versionEntrySchema.extend({ content: contentSchema }).meta({ id: 'OrganisationVersion' });
const rulesSchema = rulesSchemaOf('organisation', contentSchema, 'the organisation as its file loaded it');
const person = personEntry.omit({ network: true });
// The file's own field schemas, without the defaults a new entry takes: a patch leaves out what it does not change.
const unitPatch = z
  .object({
    name: unitEntry.shape.name.optional(),
    parent: id.nullable().optional().describe('Its parent unit (a VILLAGE’s TOWN); null: none'),
    zone: id.nullable().optional().describe('Its collaboration zone (协作区); null: none'),
    head: unitEntry.shape.head.optional(),
    leader: unitEntry.shape.leader.optional(),
    groupMember: unitEntry.shape.groupMember.unwrap().optional(),
    reason,
  })
  .strict();
const personPatch = z
  .object({
    name: person.shape.name.optional(),
    unit: person.shape.unit.optional(),
    title: person.shape.title.unwrap().optional(),
    roles: person.shape.roles.optional(),
    majorCaseGroup: person.shape.majorCaseGroup.unwrap().optional(),
    contact: person.shape.contact.unwrap().nullable().optional(),
    reason,
  })
  .strict();
const reasonBody = z.object({ reason }).strict();

const diffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      list: z.enum(['units', 'people', 'zones']),
      id: z.string(),
      change: z.enum(['ADDED', 'REMOVED', 'CHANGED']),
      field: z.string().optional().describe('The file field changed (`name`, `parent`, `zone`, `roles`...)'),
      text: z.string().describe('The change in a sentence, e.g. 「“北山街道”更名为“北山街道办事处”」'),
    }),
  ),
});

const unitHistorySchema = z
  .object({
    id: z.string(),
    name: z.string().describe('Its name now (or when it was retired)'),
    kind: z.string(),
    parentId: z.string().nullable(),
    zoneId: z.string().nullable(),
    active: z.boolean(),
    retired: z
      .object({ at: z.string(), reason: z.string().nullable(), successorId: z.string().nullable() })
      .nullable()
      .describe('When, why and into which unit it was retired (merged: `successorId`); null while active'),
    names: z
      .array(z.object({ name: z.string(), from: z.string().nullable(), until: z.string().nullable() }))
      .describe('Every name it had, oldest first, with its period (`from` null: since before names were kept)'),
  })
  .meta({ id: 'UnitHistory' });

const EDIT =
  'The administrator’s (ADMIN) alone; each edit is a new version of the organisation (GET /v1/rules/organisation)';

/** The organisation edited live by its administrator, with versions (issue 22). */
export const organisationEditRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/units/:id',
    summary: 'One unit, active or retired, with every name it had and their periods (every role of the organisation)',
    tag: 'organisation',
    secured: true,
    params: z.object({ id }).strict(),
    response: unitHistorySchema,
    errors: [403, 404],
    handler: ({ params, req }) => readUnitHistory(deps, callerOf(req), params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/units',
    summary: `Add a unit, with the people it needs (at least its head). ${EDIT}. 422 names every problem`,
    tag: 'organisation',
    secured: true,
    body: z.object({ unit: unitEntry, people: z.array(person).max(50).default([]), reason }).strict(),
    status: 201,
    response: versionSchema,
    errors: [403, 409, 422],
    handler: ({ body, req }) => addUnit(deps, callerOf(req), body),
  }),
  defineRoute({
    method: 'patch',
    path: '/units/:id',
    summary:
      `Rename a unit (its earlier name is kept with its period), move it to another parent or zone, or change its ` +
      `head, leader or membership of the leadership group. ${EDIT}. 422 names every problem (a cycle, a name a ` +
      'sibling has, an unknown parent)',
    tag: 'organisation',
    secured: true,
    params: z.object({ id }).strict(),
    body: unitPatch,
    response: versionSchema,
    errors: [403, 404, 409, 422],
    handler: ({ params, body: { reason: why, ...patch }, req }) =>
      updateUnit(deps, callerOf(req), params.id, patch, why),
  }),
  defineRoute({
    method: 'post',
    path: '/units/:id/retire',
    summary:
      `Retire a unit without a successor (撤销), with its people. ${EDIT}. 409 while it has open tasks (merge it ` +
      'into its successor instead, which hands them on) or its people answer for one',
    tag: 'organisation',
    secured: true,
    params: z.object({ id }).strict(),
    body: reasonBody,
    response: versionSchema,
    errors: [403, 404, 409, 422],
    handler: ({ params, body, req }) => retireUnit(deps, callerOf(req), params.id, body.reason),
  }),
  defineRoute({
    method: 'post',
    path: '/people',
    summary: `Add a person to a unit, with their roles. ${EDIT}. 422 names every problem`,
    tag: 'organisation',
    secured: true,
    body: person.extend({ reason }).strict(),
    status: 201,
    response: versionSchema,
    errors: [403, 409, 422],
    handler: ({ body: { reason: why, ...entry }, req }) => addPerson(deps, callerOf(req), entry, why),
  }),
  defineRoute({
    method: 'patch',
    path: '/people/:id',
    summary: `Change a person’s name, unit, title, roles or contact. ${EDIT}. 422 names every problem`,
    tag: 'organisation',
    secured: true,
    params: z.object({ id }).strict(),
    body: personPatch,
    response: versionSchema,
    errors: [403, 404, 409, 422],
    handler: ({ params, body: { reason: why, ...patch }, req }) =>
      updatePerson(deps, callerOf(req), params.id, patch, why),
  }),
  defineRoute({
    method: 'post',
    path: '/people/:id/deactivate',
    summary:
      `Deactivate a person (停用). ${EDIT}. 409 while they are an open task’s responsible leader or handler; 422 ` +
      'when they head or lead a unit, or are the last administrator or office member',
    tag: 'organisation',
    secured: true,
    params: z.object({ id }).strict(),
    body: reasonBody,
    response: versionSchema,
    errors: [403, 404, 409, 422],
    handler: ({ params, body, req }) => deactivatePerson(deps, callerOf(req), params.id, body.reason),
  }),
  defineRoute({
    method: 'get',
    path: PATH,
    summary: 'The organisation in force, with every version (author, time, reason) (office, administrator)',
    tag: 'rules',
    secured: true,
    response: rulesSchema,
    errors: [403],
    handler: ({ req }) => organisationVersions.read(deps, callerOf(req)),
  }),
  defineRoute({
    method: 'get',
    path: `${PATH}/export`,
    summary: 'The organisation as it stands, in the organisation file’s shape (office, administrator)',
    tag: 'rules',
    secured: true,
    response: contentSchema,
    errors: [403],
    handler: async ({ req }) => {
      const caller = callerOf(req);
      const { orgId } = caller.identity;
      await authoriseFunction(deps, caller, 'organisation.export', { type: 'organisation', id: orgId });
      return readOrganisationContent(deps.db, orgId);
    },
  }),
  defineRoute({
    method: 'get',
    path: `${PATH}/diff`,
    summary:
      'What changed from one version of the organisation to another (office, administrator), each change in a sentence',
    tag: 'rules',
    secured: true,
    query: diffQuery,
    response: diffSchema,
    errors: [403, 404],
    handler: async ({ query, req }) => {
      const answer = await diffOrganisationVersions(deps, callerOf(req), query.from, query.to);
      const language = languageOf(req);
      return { ...answer, changes: answer.changes.map((c) => ({ ...c, text: inLanguage(c.text, language) })) };
    },
  }),
  defineRoute({
    method: 'get',
    path: `${PATH}/versions/:n`,
    summary: 'One version of the organisation, with its content (office, administrator)',
    tag: 'rules',
    secured: true,
    params: versionParams,
    response: versionSchema,
    errors: [403, 404],
    handler: ({ params, req }) => organisationVersions.readVersion(deps, callerOf(req), params.n),
  }),
  defineRoute({
    method: 'post',
    path: `${PATH}/versions/:n/restore`,
    summary:
      `Restore a version of the organisation: its units and people are applied as an edit is, and become a new ` +
      `version. ${EDIT}. 409 when \`baseVersion\` is no longer the version in force, or a unit it would retire has ` +
      'open tasks; 422 for a unit retired or merged since (never revived)',
    tag: 'rules',
    secured: true,
    params: versionParams,
    body: restoreBody,
    status: 201,
    response: versionSchema,
    errors: [403, 404, 409, 422],
    handler: ({ params, body, req }) => restoreOrganisation(deps, callerOf(req), params.n, body),
  }),
];
