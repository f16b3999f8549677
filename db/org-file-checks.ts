import type { FileProblem } from '../config/file-problems';
import { said, type Said } from '../procedures/kernel/said';
import type { UnitKind } from './org-file';

/** 三级联动 (DOMAIN.md "The organisation"): district-wide bodies, then towns/streets and departments, then villages. */
export const LEVEL_BY_KIND: Record<UnitKind, 1 | 2 | 3> = {
  OFFICE: 1,
  GROUP: 1,
  DEPARTMENT: 2,
  TOWN: 2,
  ENFORCEMENT: 2,
  VILLAGE: 3,
};

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
    ...input.people.flatMap((person) => checkNetwork(person, input)),
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
        message: said(
          `编号“${fields.id}”重复，已由 ${list}[${first}] 使用`,
          `duplicate id "${fields.id}", already used by ${list}[${first}]`,
        ),
      });
  }
  return problems;
}

function checkSingletons(units: Item[]): FileProblem[] {
  const offices = units.filter((u) => u.fields.kind === 'OFFICE');
  const groups = units.filter((u) => u.fields.kind === 'GROUP');
  const problems: FileProblem[] = [];
  if (offices.length === 0 && units.length > 0) {
    problems.push({
      path: ['units'],
      message: said(
        '没有 OFFICE 类单位；须有且只有一个组织协调室',
        'no unit of kind OFFICE; exactly one coordination office is required',
      ),
    });
  }
  for (const extra of offices.slice(1)) {
    problems.push({
      path: ['units', extra.index, 'kind'],
      message: said('第二个 OFFICE 类单位；只能有一个', 'a second OFFICE unit; exactly one is allowed'),
    });
  }
  for (const extra of groups.slice(1)) {
    problems.push({
      path: ['units', extra.index, 'kind'],
      message: said('第二个 GROUP 类单位；最多只能有一个', 'a second GROUP unit; at most one is allowed'),
    });
  }
  return problems;
}

function checkUnit({ index, fields }: Item, input: CheckInput): FileProblem[] {
  const problems: FileProblem[] = [];
  const report = (field: string, message: Said) => problems.push({ path: ['units', index, field], message });
  const kind =
    typeof fields.kind === 'string' && Object.hasOwn(LEVEL_BY_KIND, fields.kind)
      ? (fields.kind as UnitKind)
      : undefined;
  if (kind !== undefined && typeof fields.level === 'number' && fields.level !== LEVEL_BY_KIND[kind]) {
    report(
      'level',
      said(`${kind} 类单位的层级为${LEVEL_BY_KIND[kind]}`, `units of kind ${kind} are at level ${LEVEL_BY_KIND[kind]}`),
    );
  }
  if (kind === 'VILLAGE' && fields.parent === undefined)
    report('parent', said('VILLAGE 类单位须有所属的 TOWN（镇街）', 'a VILLAGE unit needs a parent TOWN'));
  if (kind !== undefined && kind !== 'VILLAGE' && fields.parent !== undefined) {
    report(
      'parent',
      said('只有 VILLAGE 类单位有上级单位；区级为根', 'only VILLAGE units have a parent; the district is the root'),
    );
  }
  const parentId = referenceIn(fields, 'parent');
  const parent = parentId === undefined ? undefined : findById(input.units, parentId);
  if (parentId !== undefined && parent === undefined) report('parent', noUnit(parentId));
  if (kind === 'VILLAGE' && parent !== undefined && parent.fields.kind !== 'TOWN') {
    report(
      'parent',
      said(`“${parentId}”不是 TOWN；VILLAGE 须隶属于 TOWN`, `"${parentId}" is not a TOWN; a VILLAGE belongs to a TOWN`),
    );
  }
  const zoneId = referenceIn(fields, 'zone');
  if (zoneId !== undefined && findById(input.zones, zoneId) === undefined)
    report('zone', said(`没有编号为“${zoneId}”的协作区`, `no zone with id "${zoneId}"`));
  if (kind === 'ENFORCEMENT' && fields.agency === undefined) {
    report(
      'agency',
      said(
        'ENFORCEMENT 类单位须写明机关：POLICE、PROCURATORATE、COURT 或 AUDIT',
        'an ENFORCEMENT unit needs its agency: POLICE, PROCURATORATE, COURT or AUDIT',
      ),
    );
  }
  if (kind !== undefined && kind !== 'ENFORCEMENT' && fields.agency !== undefined)
    report('agency', said('只有 ENFORCEMENT 类单位有 agency', 'only ENFORCEMENT units have an agency'));
  if (kind === 'GROUP' && fields.groupMember === true)
    report('groupMember', said('GROUP 单位本身不是领导小组成员单位', 'the GROUP unit is not a member of itself'));
  const headId = referenceIn(fields, 'head');
  const head = headId === undefined ? undefined : findById(input.people, headId);
  if (headId !== undefined && head === undefined) report('head', noPerson(headId));
  if (head !== undefined && typeof head.fields.unit === 'string' && head.fields.unit !== fields.id) {
    report(
      'head',
      said(
        `“${headId}”属于单位“${head.fields.unit}”，不属于本单位`,
        `"${headId}" belongs to unit "${head.fields.unit}", not to this unit`,
      ),
    );
  }
  const leaderId = referenceIn(fields, 'leader');
  const leader = leaderId === undefined ? undefined : findById(input.people, leaderId);
  if (leaderId !== undefined && leader === undefined) report('leader', noPerson(leaderId));
  if (leader !== undefined && Array.isArray(leader.fields.roles) && !leader.fields.roles.includes('LEADER')) {
    report('leader', said(`“${leaderId}”没有 LEADER（分管领导）角色`, `"${leaderId}" does not have the LEADER role`));
  }
  return problems;
}

function checkPerson({ index, fields }: Item, input: CheckInput): FileProblem[] {
  const unitId = referenceIn(fields, 'unit');
  if (unitId === undefined) return [];
  const unit = findById(input.units, unitId);
  if (unit === undefined) return [{ path: ['people', index, 'unit'], message: noUnit(unitId) }];
  const roles = Array.isArray(fields.roles) ? fields.roles : [];
  const enforcementUnit = unit.fields.kind === 'ENFORCEMENT';
  // The parties stay apart: an enforcement unit's people act for it alone, and nobody else acts as one.
  if (roles.includes('ENFORCEMENT') && !enforcementUnit) {
    return [
      {
        path: ['people', index, 'roles'],
        message: said(
          `ENFORCEMENT 角色只属于执法、审计机关的人员；“${unitId}”不是 ENFORCEMENT 类单位`,
          `the ENFORCEMENT role belongs to people of an enforcement or audit unit; "${unitId}" is not one`,
        ),
      },
    ];
  }
  if (enforcementUnit && roles.some((r) => r === 'UNIT' || r === 'OFFICE')) {
    return [
      {
        path: ['people', index, 'roles'],
        message: said(
          '执法、审计机关的人员不能有 UNIT 或 OFFICE 角色',
          'people of an enforcement or audit unit cannot hold the UNIT or OFFICE role',
        ),
      },
    ];
  }
  return [];
}

/** The unit kinds a member of the supervision network may watch at each level (三级监督网络). */
const AREA_KINDS: Record<string, string[]> = { DISTRICT: [], TOWN: ['TOWN', 'DEPARTMENT'], VILLAGE: ['VILLAGE'] };

/**
 * What is wrong with a network member's area for their level, if anything: a district-level member watches no area, a
 * town-level member a town or department, a village-level member a village or community.
 * @param areaKind the kind of the unit named, undefined when no unit has that id
 */
export function networkAreaProblem(level: string, areaId: string | null, areaKind: string | undefined): Said | null {
  if (level === 'DISTRICT') {
    return areaId === null ? null : said('区级监督员不设片区', 'a district-level member has no area');
  }
  if (!Object.hasOwn(AREA_KINDS, level)) return null;
  const town = level === 'TOWN';
  if (areaId === null) {
    return town
      ? said('镇街、部门级监督员须写明所在镇街或部门', 'a town-level member needs the town or department they watch')
      : said(
          '村（社区）级监督员须写明所在村（社区）',
          'a village-level member needs the village or community they watch',
        );
  }
  if (areaKind === undefined) return noUnit(areaId);
  if (AREA_KINDS[level]!.includes(areaKind)) return null;
  return said(
    `“${areaId}”不是${town ? '镇街或部门' : '村（社区）'}`,
    `"${areaId}" is not a ${town ? 'TOWN or DEPARTMENT' : 'VILLAGE'} unit`,
  );
}

/** A network appointment belongs to an observer, and its area matches its level. */
function checkNetwork({ index, fields }: Item, input: CheckInput): FileProblem[] {
  const network = fields.network;
  if (typeof network !== 'object' || network === null || Array.isArray(network)) return [];
  const entry = network as Record<string, unknown>;
  const problems: FileProblem[] = [];
  if (Array.isArray(fields.roles) && !fields.roles.includes('OBSERVER')) {
    problems.push({
      path: ['people', index, 'network'],
      message: said(
        '只有 OBSERVER（监督员、信息员）可以聘入监督网络',
        'only an OBSERVER may be appointed to the network',
      ),
    });
  }
  // A malformed area id is left to the shape check.
  if (typeof entry.level !== 'string' || (entry.area !== undefined && referenceIn(entry, 'area') === undefined)) {
    return problems;
  }
  const areaId = referenceIn(entry, 'area') ?? null;
  const area = areaId === null ? undefined : findById(input.units, areaId);
  const problem = networkAreaProblem(entry.level, areaId, area === undefined ? undefined : String(area.fields.kind));
  if (problem) problems.push({ path: ['people', index, 'network', 'area'], message: problem });
  return problems;
}

const noUnit = (id: string) => said(`没有编号为“${id}”的单位`, `no unit with id "${id}"`);
const noPerson = (id: string) => said(`没有编号为“${id}”的人员`, `no person with id "${id}"`);

/** A well-formed id in the given field; a malformed one is reported by the shape check alone. */
function referenceIn(fields: Record<string, unknown>, key: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' && ID_PATTERN.test(value) ? value : undefined;
}

function findById(items: Item[], id: string): Item | undefined {
  return items.find((item) => item.fields.id === id);
}
