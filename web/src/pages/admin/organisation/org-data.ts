import type { components, operations } from '../../../../../clients/typescript/src/api-schema';
import { useApi, type Loaded } from '../../../lib/queries';

/** Where the organisation's versions are read and restored (issue 22); its edits go to /v1/units and /v1/people. */
export const ORGANISATION = '/v1/rules/organisation';

type Schemas = components['schemas'];
type Answer<O extends keyof operations, S extends number> =
  operations[O]['responses'] extends Record<S, { content: { 'application/json': infer T } }> ? T : never;

/** GET /v1/rules/organisation: the version in force (0: none yet), the organisation in the file's shape, every version. */
export type OrgRules = Answer<'getV1RulesOrganisation', 200>;
/** What an edit answers: the new version, with the whole organisation. */
export type OrgVersion = Schemas['OrganisationVersion'];
export type OrgContent = OrgVersion['content'];
export type UnitEntry = OrgContent['units'][number];
export type PersonEntry = OrgContent['people'][number];
export type Zone = OrgContent['zones'][number];
/** GET /v1/units/{id}: a unit, active or retired, with every name it had. */
export type UnitHistory = Schemas['UnitHistory'];
export type Role = PersonEntry['roles'][number];

export const ROLES: Role[] = ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER', 'ENFORCEMENT', 'ADMIN'];
/** The kinds a new unit may be: there is one office and at most one leadership group. */
export const NEW_UNIT_KINDS: UnitEntry['kind'][] = ['DEPARTMENT', 'TOWN', 'VILLAGE', 'ENFORCEMENT'];
export const AGENCIES: NonNullable<UnitEntry['agency']>[] = ['POLICE', 'PROCURATORATE', 'COURT', 'AUDIT'];

/** The organisation in force with its versions. */
export const useOrganisation = (): Loaded<OrgRules> => useApi<OrgRules>(ORGANISATION);

/** Names of the organisation's units, zones and people by id; an unknown id is itself. */
export function namesIn(content: OrgContent): (id: string | undefined) => string {
  const names = new Map<string, string>(
    [...content.units, ...content.zones, ...content.people].map((x) => [x.id, x.name]),
  );
  return (id) => (id === undefined ? '' : (names.get(id) ?? id));
}

/** Choices of a select: every entry as its name. */
export const optionsOf = (entries: { id: string; name: string }[]) =>
  entries.map((e) => ({ value: e.id, label: e.name }));
