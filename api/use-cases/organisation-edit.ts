import type { FileProblem } from '../../config/file-problems';
import { type OrganisationContent, type PersonEntry, type UnitEntry } from '../../db/org-file';
import { inOrder, readOrganisationContent, readUnitStanding } from '../../db/queries/organisation-content';
import { openDutiesLeft, writeOrganisation } from '../../db/queries/organisation-write';
import { appendRuleVersion, listRuleVersions, readRuleVersion } from '../../db/queries/rule-versions';
import { auditActorOf, auditingRefusals, auditRefusal, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type FieldProblem } from '../errors';
import { organisationProblems } from './organisation-checks';
import { diffOrganisations } from './organisation-diff';
import { ruleVersionsOf } from './rule-kinds';

/**
 * The organisation itself (its units and people), edited live by its administrator (issue 22): each edit is a version
 * of the rule kind `organisation` whose content is the whole organisation in the organisation file's shape. The office
 * and the administrator read the versions and their diff through the shared kernel; the edits are the administrator's
 * (ADMIN) alone.
 */
export const organisationVersions = ruleVersionsOf<OrganisationContent, 'organisation'>({
  kind: 'organisation',
  name: said('组织架构', 'The organisation'),
  inForce: readOrganisationContent,
  // The kernel's publish is not the administrator's way (each edit below checks and writes itself); these are the
  // same checks, for any caller of it.
  problems: async (content, deps, orgId) => {
    const ids = [...content.units.map((u) => u.id), ...content.people.map((p) => p.id)];
    return organisationProblems(content, await readUnitStanding(deps.db, orgId, ids)).map((p) => ({
      field: fieldOf(content, undefined, p.path),
      message: p.message,
    }));
  },
  diff: diffOrganisations,
  // The administrator reads the versions she makes, as the office does.
  readAction: 'organisation.readVersions',
});

/** What changed from version `from` to `to`, a sentence per change. */
export async function diffOrganisationVersions(deps: AppDeps, caller: Caller, from: number, to: number) {
  const { changes, ...versions } = await organisationVersions.diff(deps, caller, from, to);
  return { ...versions, changes: changes as ReturnType<typeof diffOrganisations> };
}

/** Which entry an edit is about: its problems name the body's fields, every other entry's its place in the tree. */
interface Target {
  list: 'units' | 'people';
  id: string;
}

/** An edit of the organisation as it stands: the organisation it leaves. */
type Change = (current: OrganisationContent) => OrganisationContent;

const FIRST_REASON = '启用版本管理时的组织架构（此前载入的组织文件）';

const fieldOf = (content: OrganisationContent, target: Target | undefined, path: FileProblem['path']) => {
  const [list, index, ...rest] = path;
  const entry = (list === 'units' || list === 'people') && typeof index === 'number' ? content[list][index] : undefined;
  if (!entry) return ['organisation', ...path].join('.');
  if (target && list === target.list && entry.id === target.id) return ['body', ...rest].join('.') || 'body';
  return ['organisation', list, entry.id, ...rest].join('.');
};

/**
 * Applies `change` to the organisation and records the result as a new version (author, time, reason), in one
 * transaction with the write, audited with the whole organisation before and after (`organisation.edit`). Refused with
 * every problem at once (422), or with the open duties an edit would orphan (409). `restore` names the version copied
 * and the version the caller saw (`baseVersion`; another is 409).
 */
async function edit(
  deps: AppDeps,
  caller: Caller,
  ref: { type: string; id: string },
  reason: string,
  change: Change,
  options: { target?: Target; subject?: Target; restore?: { from: number; baseVersion: number } } = {},
) {
  const { orgId, personId } = caller.identity;
  const { target, subject, restore } = options;
  await authoriseFunction(deps, caller, 'organisation.edit', ref);
  return auditingRefusals(deps, caller, 'organisation.edit', ref, async () => {
    const audit = { ...auditActorOf(caller), action: 'organisation.edit' };
    const base = { orgId, kind: 'organisation' as const, authorId: personId, audit };
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await readOrganisationContent(deps.db, orgId);
      const newest = (await listRuleVersions(deps.db, orgId, 'organisation'))[0]?.version ?? 0;
      if (restore && restore.baseVersion !== newest) throw stale(newest, restore.baseVersion);
      // Retired or deactivated already: nothing of it is left to edit.
      if (subject && !current[subject.list].some((e) => e.id === subject.id)) throw missing(subject.list);
      const next = inOrder(change(current));
      const standing = await readUnitStanding(
        deps.db,
        orgId,
        [...next.units, ...next.people].map((e) => e.id),
      );
      const problems = organisationProblems(next, standing);
      if (problems.length > 0) {
        const found: FieldProblem[] = problems.map((p) => ({
          field: fieldOf(next, target, p.path),
          message: p.message,
        }));
        throw new AppError(
          'invalid-organisation',
          422,
          said('组织架构不符合要求', 'The organisation breaks a rule'),
          found,
        );
      }
      // The organisation as loaded becomes version 1 with the first edit, so that it can be compared and undone.
      const first = newest === 0 ? { content: current, reason: FIRST_REASON } : undefined;
      const version = { ...base, baseVersion: newest, content: next, reason, restoredFrom: restore?.from, first };
      const added = await appendRuleVersion(deps.db, version, async (client) => {
        const before = await readOrganisationContent(client, orgId);
        const duties = await openDutiesLeft(client, orgId, before, next);
        if (duties.length > 0) {
          throw AppError.conflict(
            said(
              `${duties.join('；')}。请先将单位合并（在办任务移交承继单位）或改派任务、另行指定承办人，再撤销或停用`,
              'Open tasks still depend on it: merge the unit (its tasks go to the successor) or reassign them first',
            ),
          );
        }
        await writeOrganisation(client, orgId, before, next, reason);
        return before;
      });
      if (added === 'STALE') {
        if (restore) throw stale(newest + 1, restore.baseVersion);
        continue;
      }
      return (await readRuleVersion<OrganisationContent>(deps.db, orgId, 'organisation', added.version))!;
    }
    throw AppError.conflict(
      said('组织架构正被同时修改，请稍后重试', 'The organisation is being edited meanwhile; retry'),
    );
  });
}

const stale = (newest: number, base: number) =>
  AppError.conflict(
    said(
      `组织架构已有新版本：现行为第${newest}版，本次操作基于第${base}版，请基于现行版本重新操作`,
      `The organisation changed meanwhile: version ${newest} is in force, this is based on version ${base}`,
    ),
  );

const missing = (list: 'units' | 'people') =>
  AppError.notFound(list === 'units' ? said('单位不存在', 'No such unit') : said('人员不存在', 'No such person'));

/**
 * A unit or person of the caller's organisation (active or not), or 404 (audited) as for a missing id: checked before
 * the permission, so that another organisation's answers every caller as a missing one does. The edit's subject.
 */
async function existing(deps: AppDeps, caller: Caller, list: 'units' | 'people', id: string) {
  const ref = { type: list === 'units' ? 'unit' : 'person', id };
  const { rowCount } = await deps.db.query({
    text: `SELECT 1 FROM ${list === 'units' ? 'units' : 'people'} WHERE org_id = $1 AND id = $2`,
    values: [caller.identity.orgId, id],
  });
  if (!rowCount) {
    await auditRefusal(deps, caller, 'organisation.edit', ref, missing(list).message);
    throw missing(list);
  }
  return { ref, subject: { list, id } };
}

const replace = <T extends { id: string }>(list: T[], id: string, f: (x: T) => T) =>
  list.map((x) => (x.id === id ? f(x) : x));

/** Drops the keys a patch leaves out, and those it sets to null (`parent: null`: no parent any more). */
const patched = <T extends object>(entry: T, patch: Record<string, unknown>): T => {
  const out = { ...entry } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out as T;
};

export interface UnitPatch {
  name?: string;
  parent?: string | null;
  zone?: string | null;
  agency?: UnitEntry['agency'] | null;
  head?: string;
  leader?: string;
  groupMember?: boolean;
}

export interface PersonPatch {
  name?: string;
  unit?: string;
  title?: string;
  roles?: PersonEntry['roles'];
  majorCaseGroup?: boolean;
  contact?: PersonEntry['contact'] | null;
}

/** Adds a unit, with the people it needs (at least its head, of the unit itself). */
export const addUnit = (
  deps: AppDeps,
  caller: Caller,
  body: { unit: UnitEntry; people: PersonEntry[]; reason: string },
) =>
  edit(
    deps,
    caller,
    { type: 'unit', id: body.unit.id },
    body.reason,
    (c) => ({ ...c, units: [...c.units, body.unit], people: [...c.people, ...body.people] }),
    { target: { list: 'units', id: body.unit.id } },
  );

/** Renames, moves (another parent or zone) or otherwise changes a unit; its earlier name is kept with its period. */
export async function updateUnit(deps: AppDeps, caller: Caller, id: string, patch: UnitPatch, reason: string) {
  const { ref, subject } = await existing(deps, caller, 'units', id);
  const change: Change = (c) => ({ ...c, units: replace(c.units, id, (u) => patched(u, { ...patch })) });
  return edit(deps, caller, ref, reason, change, { target: subject, subject });
}

/**
 * Retires a unit without a successor (撤销), with its people: refused (409) while it has open tasks — a unit whose
 * work goes on is merged into its successor instead, which hands them on by reassignment.
 */
export async function retireUnit(deps: AppDeps, caller: Caller, id: string, reason: string) {
  const { ref, subject } = await existing(deps, caller, 'units', id);
  const change: Change = (c) => ({
    ...c,
    units: c.units.filter((u) => u.id !== id),
    people: c.people.filter((p) => p.unit !== id),
  });
  return edit(deps, caller, ref, reason, change, { subject });
}

export const addPerson = (deps: AppDeps, caller: Caller, person: PersonEntry, reason: string) =>
  edit(deps, caller, { type: 'person', id: person.id }, reason, (c) => ({ ...c, people: [...c.people, person] }), {
    target: { list: 'people', id: person.id },
  });

/** Changes a person's name, unit, roles, title or contact. */
export async function updatePerson(deps: AppDeps, caller: Caller, id: string, patch: PersonPatch, reason: string) {
  const { ref, subject } = await existing(deps, caller, 'people', id);
  const change: Change = (c) => ({ ...c, people: replace(c.people, id, (p) => patched(p, { ...patch })) });
  return edit(deps, caller, ref, reason, change, { target: subject, subject });
}

/** Deactivates a person: refused (409) while they answer for an open task as its leader or handler. */
export async function deactivatePerson(deps: AppDeps, caller: Caller, id: string, reason: string) {
  const { ref, subject } = await existing(deps, caller, 'people', id);
  const change: Change = (c) => ({ ...c, people: c.people.filter((p) => p.id !== id) });
  return edit(deps, caller, ref, reason, change, { subject });
}

/**
 * Restores version `n`: its organisation is applied as an edit is (the same checks and writer) and becomes a new
 * version. A unit retired or merged since is not revived (422 naming it).
 */
export async function restoreOrganisation(
  deps: AppDeps,
  caller: Caller,
  n: number,
  body: { baseVersion: number; reason: string },
) {
  const ref = { type: 'rules', id: 'organisation' };
  const found = await readRuleVersion<OrganisationContent>(deps.db, caller.identity.orgId, 'organisation', n);
  if (!found) {
    const missing = AppError.notFound(said(`组织架构没有第${n}版`, `The organisation has no version ${n}`));
    await auditRefusal(deps, caller, 'organisation.edit', ref, missing.message);
    throw missing;
  }
  const restore = { from: n, baseVersion: body.baseVersion };
  return edit(deps, caller, ref, body.reason, () => found.content, { restore });
}
