import type { FileProblem } from '../config/file-problems';
import type { UnitKind } from './org-file';

/** 三级联动 (DOMAIN.md "The organisation"): district-wide bodies, then towns/streets and departments, then villages. */
export const LEVEL_BY_KIND: Record<UnitKind, 1 | 2 | 3> = { OFFICE: 1, GROUP: 1, DEPARTMENT: 2, TOWN: 2, VILLAGE: 3 };

/** Ids of zones, units and people: short ASCII kebab-case, so they read well in URLs and logs. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * One entry of a list in the file, as written. The rules below read its fields defensively so that they run even
 * when the shape check fails elsewhere in the entry; a field of the wrong shape is left to the shape check.
 */
export interface Item {
  index: number;
  fields: Record<string, unknown>;
}

export interface CheckInput {
  zones: Item[];
  units: Item[];
  people: Item[];
}

/** The rules that span entries: unique ids, resolvable references, the unit tree, one office. */
export function checkOrganisation(input: CheckInput): FileProblem[] {
  return [
    ...checkUniqueIds('zones', input.zones),
    ...checkUniqueIds('units', input.units),
    ...checkUniqueIds('people', input.people),
    ...checkSingletons(input.units),
    ...input.units.flatMap((unit) => checkUnit(unit, input)),
    ...input.people.flatMap((person) => checkPerson(person, input)),
  ];
}

function checkUniqueIds(list: string, items: Item[]): FileProblem[] {
  const firstIndex = new Map<string, number>();
  const problems: FileProblem[] = [];
  for (const { index, fields } of items) {
    if (typeof fields.id !== 'string') continue;
    const first = firstIndex.get(fields.id);
    if (first === undefined) firstIndex.set(fields.id, index);
    else
      problems.push({
        path: [list, index, 'id'],
        message: `duplicate id "${fields.id}", already used by ${list}[${first}]`,
      });
  }
  return problems;
}

function checkSingletons(units: Item[]): FileProblem[] {
  const offices = units.filter((u) => u.fields.kind === 'OFFICE');
  const groups = units.filter((u) => u.fields.kind === 'GROUP');
  const problems: FileProblem[] = [];
  if (offices.length === 0 && units.length > 0) {
    problems.push({ path: ['units'], message: 'no unit of kind OFFICE; exactly one coordination office is required' });
  }
  for (const extra of offices.slice(1)) {
    problems.push({ path: ['units', extra.index, 'kind'], message: 'a second OFFICE unit; exactly one is allowed' });
  }
  for (const extra of groups.slice(1)) {
    problems.push({ path: ['units', extra.index, 'kind'], message: 'a second GROUP unit; at most one is allowed' });
  }
  return problems;
}

function checkUnit({ index, fields }: Item, input: CheckInput): FileProblem[] {
  const problems: FileProblem[] = [];
  const report = (field: string, message: string) => problems.push({ path: ['units', index, field], message });
  const kind =
    typeof fields.kind === 'string' && Object.hasOwn(LEVEL_BY_KIND, fields.kind)
      ? (fields.kind as UnitKind)
      : undefined;
  if (kind !== undefined && typeof fields.level === 'number' && fields.level !== LEVEL_BY_KIND[kind]) {
    report('level', `units of kind ${kind} are at level ${LEVEL_BY_KIND[kind]}`);
  }
  if (kind === 'VILLAGE' && fields.parent === undefined) report('parent', 'a VILLAGE unit needs a parent TOWN');
  if (kind !== undefined && kind !== 'VILLAGE' && fields.parent !== undefined) {
    report('parent', 'only VILLAGE units have a parent; the district is the root');
  }
  const parentId = referenceIn(fields, 'parent');
  const parent = parentId === undefined ? undefined : findById(input.units, parentId);
  if (parentId !== undefined && parent === undefined) report('parent', `no unit with id "${parentId}"`);
  if (kind === 'VILLAGE' && parent !== undefined && parent.fields.kind !== 'TOWN') {
    report('parent', `"${parentId}" is not a TOWN; a VILLAGE belongs to a TOWN`);
  }
  const zoneId = referenceIn(fields, 'zone');
  if (zoneId !== undefined && findById(input.zones, zoneId) === undefined)
    report('zone', `no zone with id "${zoneId}"`);
  if (kind === 'GROUP' && fields.groupMember === true)
    report('groupMember', 'the GROUP unit is not a member of itself');
  const headId = referenceIn(fields, 'head');
  const head = headId === undefined ? undefined : findById(input.people, headId);
  if (headId !== undefined && head === undefined) report('head', `no person with id "${headId}"`);
  if (head !== undefined && typeof head.fields.unit === 'string' && head.fields.unit !== fields.id) {
    report('head', `"${headId}" belongs to unit "${head.fields.unit}", not to this unit`);
  }
  const leaderId = referenceIn(fields, 'leader');
  const leader = leaderId === undefined ? undefined : findById(input.people, leaderId);
  if (leaderId !== undefined && leader === undefined) report('leader', `no person with id "${leaderId}"`);
  if (leader !== undefined && Array.isArray(leader.fields.roles) && !leader.fields.roles.includes('LEADER')) {
    report('leader', `"${leaderId}" does not have the LEADER role`);
  }
  return problems;
}

function checkPerson({ index, fields }: Item, input: CheckInput): FileProblem[] {
  const unitId = referenceIn(fields, 'unit');
  if (unitId === undefined || findById(input.units, unitId) !== undefined) return [];
  return [{ path: ['people', index, 'unit'], message: `no unit with id "${unitId}"` }];
}

/** A well-formed id in the given field; a malformed one is reported by the shape check alone. */
function referenceIn(fields: Record<string, unknown>, key: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' && ID_PATTERN.test(value) ? value : undefined;
}

function findById(items: Item[], id: string): Item | undefined {
  return items.find((item) => item.fields.id === id);
}
