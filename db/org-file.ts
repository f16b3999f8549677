import { z } from 'zod';
import {
  describeIssue,
  FileProblemsError,
  locateProblem,
  readYaml,
  type FileProblem,
  type OrganisationFileProblem,
} from '../config/file-problems';
import { schemaMessage } from '../config/issue-text';
import { isoDate as boundedDate } from './text-schema';
import { taskPolicySchema } from '../config/task-policy';
import type { TaskPolicy } from '../procedures/task/messages';
import { said } from '../procedures/kernel/said';
import { checkOrganisation, ID_PATTERN, LEVEL_BY_KIND, type Item } from './org-file-checks';

export const UNIT_KINDS = ['OFFICE', 'DEPARTMENT', 'TOWN', 'VILLAGE', 'GROUP', 'ENFORCEMENT'] as const;
/**
 * The roles a person may hold. ADMIN (管理员) is the permission over the organisation itself (issue 22): merging a unit
 * into another. It gives no sight of any procedure: an administrator is usually also OFFICE.
 */
export const ROLES = ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'OBSERVER', 'ENFORCEMENT', 'ADMIN'] as const;
/** The agencies an ENFORCEMENT unit may be (公检法、审计). */
export const AGENCIES = ['POLICE', 'PROCURATORATE', 'COURT', 'AUDIT'] as const;
/**
 * What a member of the supervision network (监督网络) is: 特约监察员, 政风行风监督员, 信息员, and the people's-congress
 * deputies (人大代表) and CPPCC members (政协委员) the district invites.
 */
export const NETWORK_KINDS = [
  'SPECIAL_SUPERVISOR',
  'CONDUCT_SUPERVISOR',
  'INFORMANT',
  'DEPUTY',
  'CPPCC_MEMBER',
] as const;
/** The network's three levels: the district, a town or department, a village or community. */
export const NETWORK_LEVELS = ['DISTRICT', 'TOWN', 'VILLAGE'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export type Role = (typeof ROLES)[number];
export type Agency = (typeof AGENCIES)[number];
export type NetworkKind = (typeof NETWORK_KINDS)[number];
export type NetworkLevel = (typeof NETWORK_LEVELS)[number];

export { LEVEL_BY_KIND } from './org-file-checks';
export type { OrganisationFileProblem } from '../config/file-problems';

const id = z
  .string()
  .regex(
    ID_PATTERN,
    schemaMessage(
      '须为1至64个小写字母、数字或连字符，且不以连字符开头',
      'must be 1-64 lowercase ASCII letters, digits or hyphens, not starting with a hyphen',
    ),
  );
// Trimmed: a name typed with a trailing (or full-width) space is the same name, as a sibling's name check sees it.
const name = z.string().trim().min(1).max(100);
const timeZone = z
  .string()
  .refine(
    isTimeZone,
    schemaMessage('不是 IANA 时区名称（例如 Asia/Shanghai）', 'is not an IANA time zone such as Asia/Shanghai'),
  );

const isoDate = boundedDate();
/** An appointment to the supervision network: what the member is, where, and for which term (聘期). */
export const networkEntry = z
  .object({
    kind: z.enum(NETWORK_KINDS),
    level: z.enum(NETWORK_LEVELS),
    area: id.optional(),
    from: isoDate,
    to: isoDate,
    retired: z
      .object({ on: isoDate, reason: z.string().trim().min(1).max(500) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((n) => n.to >= n.from, {
    message: schemaMessage('聘期结束日期不能早于开始日期', 'the term cannot end before it begins'),
    path: ['to'],
  });

const organisationEntry = z
  .object({ id, name, timeZone: timeZone.default('Asia/Shanghai'), parent: id.optional() })
  .strict();
const zoneEntry = z.object({ id, name }).strict();
export const unitEntry = z
  .object({
    id,
    name,
    kind: z.enum(UNIT_KINDS),
    level: z.number().int().min(1).max(3).optional(),
    parent: id.optional(),
    zone: id.optional(),
    agency: z.enum(AGENCIES).optional(),
    head: id,
    leader: id,
    groupMember: z.boolean().default(false),
  })
  .strict();
export const personEntry = z
  .object({
    id,
    name,
    unit: id,
    title: z.string().max(100).default(''),
    majorCaseGroup: z.boolean().default(false),
    network: networkEntry.optional(),
    /** Where notices reach them outside Heli (e-mail, SMS): the office and the person alone ever see it. */
    contact: z
      .object({
        email: z.email().max(254).optional(),
        mobile: z
          .string()
          .regex(/^\+?[0-9]{6,15}$/, schemaMessage('手机号码应为6至15位数字', 'a mobile number has 6 to 15 digits'))
          .optional(),
      })
      .strict()
      .optional(),
    roles: z
      .array(z.enum(ROLES))
      .min(1)
      .refine((roles) => new Set(roles).size === roles.length, schemaMessage('角色重复列出', 'lists a role twice'))
      // Said in the API's schema too (POST /v1/people and the like take this shape): no role twice.
      .meta({ uniqueItems: true }),
  })
  .strict();
const fileSchema = z
  .object({
    organisation: organisationEntry,
    zones: z.array(zoneEntry).default([]),
    units: z.array(unitEntry).min(1),
    people: z.array(personEntry).min(1),
    // The organisation's own task types: each replaces the deployment's type of the same name (its limits, offsets
    // and who decides extensions), or adds a type only this organisation uses.
    taskPolicies: z
      .array(taskPolicySchema)
      .max(50)
      .default([])
      .refine(
        (types) => new Set(types.map((t) => t.type)).size === types.length,
        schemaMessage('任务类型重复列出', 'lists a task type twice'),
      ),
  })
  .strict();

/**
 * The organisation itself in the file's shape, without its task types (versioned on their own): the content of the
 * versions of the rule kind `organisation` (issue 22) and what `GET /v1/rules/organisation/export` gives.
 */
export const organisationContentSchema = fileSchema.omit({ taskPolicies: true });
export type OrganisationContent = z.output<typeof organisationContentSchema>;
export type UnitEntry = z.output<typeof unitEntry>;
export type PersonEntry = z.output<typeof personEntry>;

export interface Zone {
  id: string;
  name: string;
}
export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  level: 1 | 2 | 3;
  parentId: string | null;
  zoneId: string | null;
  /** An ENFORCEMENT unit's agency; null for every other kind. */
  agency: Agency | null;
  headId: string;
  leaderId: string;
  groupMember: boolean;
}
export interface Person {
  id: string;
  name: string;
  unitId: string;
  title: string;
  roles: Role[];
  /** A member of the major-case coordination group (大要案协调小组). */
  majorCaseGroup: boolean;
  /** Their appointment to the supervision network, when the file gives it (an OBSERVER's only). */
  network?: NetworkAppointment;
  /** Where notices reach them outside Heli, when the file gives it. */
  contact?: { email?: string; mobile?: string };
}
/** An appointment to the supervision network as the organisation file writes it. */
export interface NetworkAppointment {
  kind: NetworkKind;
  level: NetworkLevel;
  /** The unit watched: a TOWN or DEPARTMENT at TOWN level, a VILLAGE at VILLAGE level; none at DISTRICT level. */
  areaUnitId: string | null;
  termFrom: string;
  termTo: string;
  retired: { on: string; reason: string } | null;
}
/** An organisation as read from its file: validated, references resolved, levels filled in. */
export interface Organisation {
  id: string;
  name: string;
  timeZone: string;
  /**
   * The higher level (e.g. the city) this organisation reports to, which may read its roll-up (GET /v1/rollup);
   * null or absent: none. It must be loaded before this one.
   */
  parentId?: string | null;
  zones: Zone[];
  units: Unit[];
  people: Person[];
  /** Its own task types, replacing or adding to the deployment's; empty: the deployment's as they are. */
  taskPolicies: TaskPolicy[];
}

/** Thrown when an organisation file does not parse or validate; the message names every problem. */
export class OrganisationFileError extends FileProblemsError {
  constructor(source: string, problems: OrganisationFileProblem[]) {
    super(source, problems, 'organisation file');
    this.name = 'OrganisationFileError';
  }
}

/**
 * Parses and validates an organisation file (YAML, or JSON as a subset of it).
 * @param text the file's contents
 * @param source the file's name, used in problem messages
 * @throws OrganisationFileError naming every problem with its line, column and field path
 */
export function parseOrganisationFile(text: string, source: string): Organisation {
  const read = readYaml(text);
  if ('problems' in read) throw new OrganisationFileError(source, read.problems);
  const { doc, lineCounter, raw } = read;
  const parsed = fileSchema.safeParse(raw);
  const found: FileProblem[] = parsed.success ? [] : parsed.error.issues.flatMap(describeIssue);
  found.push(
    ...checkOrganisation({
      units: toItems(raw, 'units'),
      people: toItems(raw, 'people'),
      zones: toItems(raw, 'zones'),
    }),
    ...checkParent(raw),
  );
  if (!parsed.success || found.length > 0) {
    const problems = found.map((p) => locateProblem(doc, lineCounter, p));
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new OrganisationFileError(source, problems);
  }
  return { ...fromFileShape(parsed.data), taskPolicies: parsed.data.taskPolicies };
}

/** The organisation (without its task types) as the file writes it, read: references resolved, levels filled in. */
export function fromFileShape(content: OrganisationContent): Omit<Organisation, 'taskPolicies'> {
  const { organisation, zones, units, people } = content;
  const { parent, ...own } = organisation;
  return {
    ...own,
    parentId: parent ?? null,
    zones,
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      level: LEVEL_BY_KIND[u.kind],
      parentId: u.parent ?? null,
      zoneId: u.zone ?? null,
      agency: u.agency ?? null,
      headId: u.head,
      leaderId: u.leader,
      groupMember: u.groupMember,
    })),
    people: people.map(({ unit, network, ...p }) => ({
      ...p,
      unitId: unit,
      ...(network && {
        network: {
          kind: network.kind,
          level: network.level,
          areaUnitId: network.area ?? null,
          termFrom: network.from,
          termTo: network.to,
          retired: network.retired ?? null,
        },
      }),
    })),
  };
}

/** The file's shape of an organisation's units and people (their network appointments are versioned on their own). */
export function toFileShape(org: Omit<Organisation, 'taskPolicies'>): OrganisationContent {
  return {
    organisation: { id: org.id, name: org.name, timeZone: org.timeZone, ...(org.parentId && { parent: org.parentId }) },
    zones: org.zones,
    units: org.units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      ...(u.parentId && { parent: u.parentId }),
      ...(u.zoneId && { zone: u.zoneId }),
      ...(u.agency && { agency: u.agency }),
      head: u.headId,
      leader: u.leaderId,
      groupMember: u.groupMember,
    })),
    people: org.people.map((p) => ({
      id: p.id,
      name: p.name,
      unit: p.unitId,
      title: p.title,
      majorCaseGroup: p.majorCaseGroup,
      ...(p.contact && (p.contact.email || p.contact.mobile) && { contact: p.contact }),
      roles: p.roles,
    })),
  };
}

/** An organisation cannot report to itself (a longer cycle is found on loading, against the loaded ones). */
function checkParent(raw: unknown): FileProblem[] {
  const entry = isRecord(raw) ? raw.organisation : undefined;
  if (!isRecord(entry) || entry.parent === undefined || entry.parent !== entry.id) return [];
  return [
    {
      path: ['organisation', 'parent'],
      message: said('上级组织不能是本组织', 'an organisation cannot be its own parent'),
    },
  ];
}

function toItems(raw: unknown, key: string): Item[] {
  const list = isRecord(raw) ? raw[key] : undefined;
  if (!Array.isArray(list)) return [];
  return list.map((entry: unknown, index) => ({ index, fields: isRecord(entry) ? entry : {} }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
