import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Pool, PoolClient } from 'pg';
import { locateProblem, readYaml } from '../../config/file-problems';
import { said, type Said } from '../../procedures/kernel/said';
import { OrganisationFileError, parseOrganisationFile, type Organisation } from '../org-file';
import { inTransaction } from '../transaction';
import { appendAudit } from './audit';
import { loadFileAppointments } from './network-members';
import { readOrganisationContent } from './organisation-content';
import { recordLoadedTaskPolicies, recordLoadedVersion } from './rule-versions';

export interface LoadCounts {
  zones: number;
  units: number;
  people: number;
  /** Units and people of this organisation that were active and are no longer in the file. */
  deactivated: number;
  /** Appointments to the supervision network the file made or changed (each a new version). */
  appointments: number;
}

/** Thrown when ids in the file are already taken by another organisation; nothing is loaded. */
export class OrganisationConflictError extends Error {
  constructor(
    readonly orgId: string,
    readonly conflicts: { table: string; id: string; orgId: string }[],
  ) {
    super(
      `cannot load organisation "${orgId}": ids are taken by another organisation:\n` +
        conflicts.map((c) => `  ${c.table} "${c.id}" belongs to organisation "${c.orgId}"`).join('\n'),
    );
    this.name = 'OrganisationConflictError';
  }
}

/**
 * Thrown when the organisation's `parent` is not loaded yet, or already reports (directly or through others) to the
 * organisation: a cycle. Nothing is loaded. From a file, it becomes an OrganisationFileError at the `parent` line.
 */
export class OrganisationParentError extends Error {
  constructor(
    readonly orgId: string,
    readonly problem: Said,
  ) {
    super(`cannot load organisation "${orgId}": ${problem.en}`);
    this.name = 'OrganisationParentError';
  }
}

/**
 * Loads an organisation into the database in one transaction: upserts it, its zones, units and people, marks
 * its units and people missing from `org` inactive (they are never deleted: tasks and tokens refer to them),
 * and leaves the database unchanged when anything fails.
 * @param sourceHash sha256 of the file the organisation was read from, recorded with it
 * @throws OrganisationConflictError when a zone, unit or person id belongs to another organisation
 * @throws OrganisationParentError when its parent is not loaded, or the parent would form a cycle with it
 */
export async function loadOrganisation(
  pool: Pool,
  org: Organisation,
  sourceHash: string,
  actorId = 'system',
): Promise<LoadCounts> {
  return inTransaction(pool, async (client) => {
    // One load at a time: ids are unique across organisations, so two loads could otherwise claim the same id.
    await client.query({ text: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', values: ['heli:org-load'] });
    await assertIdsAreFree(client, org);
    await assertParentFits(client, org);
    // The organisation edited live (issue 22): once it has versions, the same file loaded again (as every start of the
    // stack loads ORG_FILE) leaves the administrator's edits alone; a changed file is loaded and recorded as a version.
    const keepEdits = await keepsLiveEdits(client, org.id, sourceHash);
    // Task types edited with versions (issue 22): a file whose types changed since its last load adds a version.
    await recordLoadedTaskPolicies(client, org.id, org.taskPolicies, actorId);
    await client.query({
      text: `INSERT INTO organisations (id, name, time_zone, source_hash, task_policies, parent_id)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (id) DO UPDATE
               SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, source_hash = EXCLUDED.source_hash,
                   task_policies = EXCLUDED.task_policies, parent_id = EXCLUDED.parent_id, loaded_at = now()`,
      values: [org.id, org.name, org.timeZone, sourceHash, JSON.stringify(org.taskPolicies), org.parentId ?? null],
    });
    if (!keepEdits) await writeTree(client, org);
    const deactivated = keepEdits ? 0 : await deactivateMissing(client, org);
    const appointments = await loadFileAppointments(client, org.id, org.people, actorId);
    if (!keepEdits) await recordLoadedOrganisation(client, org.id, actorId);
    const counts = {
      zones: org.zones.length,
      units: org.units.length,
      people: org.people.length,
      deactivated,
      appointments,
    };
    await appendAudit(client, {
      orgId: org.id,
      actorId,
      actorRoles: ['SYSTEM'],
      action: 'organisation.load',
      objectType: 'organisation',
      objectId: org.id,
      payload: { sourceHash, parentId: org.parentId ?? null, ...counts },
      outcome: 'DONE',
    });
    return counts;
  });
}

/**
 * Reads, validates and loads an organisation file (see examples/organisation.yaml).
 * @throws OrganisationFileError when the file does not validate, OrganisationConflictError as for loadOrganisation
 */
export async function loadOrganisationFile(pool: Pool, filePath: string, actorId?: string): Promise<LoadCounts> {
  const text = await readFile(filePath, 'utf8');
  const org = parseOrganisationFile(text, filePath);
  try {
    return await loadOrganisation(pool, org, createHash('sha256').update(text).digest('hex'), actorId);
  } catch (err) {
    if (!(err instanceof OrganisationParentError)) throw err;
    // The file parsed, so it reads again; the problem is placed at its `parent` line like any other.
    const read = readYaml(text);
    if ('problems' in read) throw err;
    const problem = locateProblem(read.doc, read.lineCounter, {
      path: ['organisation', 'parent'],
      message: err.problem,
    });
    throw new OrganisationFileError(filePath, [problem]);
  }
}

/**
 * The parent must be loaded already, and must not report to this organisation, directly or through others: the
 * roll-up runs down the tree, and a cycle would have two organisations read each other.
 */
async function assertParentFits(client: PoolClient, org: Organisation): Promise<void> {
  const parent = org.parentId;
  if (!parent) return;
  const { rows } = await client.query<{ chain: string[] }>({
    text: `WITH RECURSIVE up (id, parent_id, chain) AS (
             SELECT id, parent_id, ARRAY[id] FROM organisations WHERE id = $1
             UNION ALL
             SELECT o.id, o.parent_id, up.chain || o.id FROM organisations o JOIN up ON o.id = up.parent_id
             WHERE NOT o.id = ANY (up.chain))
           SELECT chain FROM up ORDER BY cardinality(chain) DESC LIMIT 1`,
    values: [parent],
  });
  const chain = rows[0]?.chain;
  if (!chain) {
    throw new OrganisationParentError(
      org.id,
      said(
        `上级组织“${parent}”尚未载入，请先载入上级组织的组织文件`,
        `parent organisation "${parent}" is not loaded; load its organisation file first`,
      ),
    );
  }
  const at = chain.indexOf(org.id);
  if (at >= 0) {
    const cycle = [org.id, ...chain.slice(0, at + 1)].join(' → ');
    throw new OrganisationParentError(
      org.id,
      said(
        `上级组织“${parent}”已直接或间接以本组织为上级（${cycle}），不能循环上报`,
        `parent organisation "${parent}" already reports to this organisation (${cycle}); a cycle is refused`,
      ),
    );
  }
}

async function assertIdsAreFree(client: PoolClient, org: Organisation): Promise<void> {
  const { rows } = await client.query<{ what: string; id: string; org_id: string }>({
    text: `SELECT 'zone' AS what, id, org_id FROM zones WHERE id = ANY($2::text[]) AND org_id <> $1
           UNION ALL SELECT 'unit', id, org_id FROM units WHERE id = ANY($3::text[]) AND org_id <> $1
           UNION ALL SELECT 'person', id, org_id FROM people WHERE id = ANY($4::text[]) AND org_id <> $1
           ORDER BY 1, 2`,
    values: [org.id, org.zones.map((z) => z.id), org.units.map((u) => u.id), org.people.map((p) => p.id)],
  });
  if (rows.length > 0) {
    throw new OrganisationConflictError(
      org.id,
      rows.map((r) => ({ table: r.what, id: r.id, orgId: r.org_id })),
    );
  }
}

/**
 * Writes an organisation's zones, units and people (upserted by id; a unit retired by a merge or by its administrator
 * stays retired). The file's load and the administrator's edits (issue 22) write through it alike.
 */
export async function writeTree(client: PoolClient, org: Pick<Organisation, 'id' | 'zones' | 'units' | 'people'>) {
  await client.query({
    text: `INSERT INTO zones (id, org_id, name)
             SELECT z.id, $1, z.name FROM jsonb_to_recordset($2::jsonb) AS z (id text, name text)
             ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
    values: [org.id, JSON.stringify(org.zones)],
  });
  await client.query({
    text: `INSERT INTO units (id, org_id, name, kind, level, parent_id, zone_id, agency, head_id, leader_id, group_member,
                         active)
             SELECT u.id, $1, u.name, u.kind, u.level, u."parentId", u."zoneId", u.agency, u."headId", u."leaderId",
                    u."groupMember", true
             FROM jsonb_to_recordset($2::jsonb) AS u (id text, name text, kind text, level smallint, "parentId" text,
                  "zoneId" text, agency text, "headId" text, "leaderId" text, "groupMember" boolean)
             ON CONFLICT (id) DO UPDATE
               SET name = EXCLUDED.name, kind = EXCLUDED.kind, level = EXCLUDED.level, parent_id = EXCLUDED.parent_id,
                   zone_id = EXCLUDED.zone_id, agency = EXCLUDED.agency, head_id = EXCLUDED.head_id,
                   leader_id = EXCLUDED.leader_id, group_member = EXCLUDED.group_member,
                   -- A unit the office merged into another stays retired, though the file still lists it.
                   active = units.retired_at IS NULL`,
    values: [org.id, JSON.stringify(org.units)],
  });
  await client.query({
    text: `INSERT INTO people (id, org_id, name, unit_id, title, roles, major_case_group, active, email, mobile)
             SELECT p.id, $1, p.name, p."unitId", p.title, ARRAY(SELECT jsonb_array_elements_text(p.roles)),
                    p."majorCaseGroup", true, p.contact->>'email', p.contact->>'mobile'
             FROM jsonb_to_recordset($2::jsonb) AS p (id text, name text, "unitId" text, title text, roles jsonb,
                  "majorCaseGroup" boolean, contact jsonb)
             ON CONFLICT (id) DO UPDATE
               SET name = EXCLUDED.name, unit_id = EXCLUDED.unit_id, title = EXCLUDED.title, roles = EXCLUDED.roles,
                   major_case_group = EXCLUDED.major_case_group, active = true, email = EXCLUDED.email,
                   mobile = EXCLUDED.mobile`,
    values: [org.id, JSON.stringify(org.people)],
  });
}

/** Whether the organisation has versions of its own (issue 22) and `sourceHash` is the file it loaded last. */
async function keepsLiveEdits(client: PoolClient, orgId: string, sourceHash: string): Promise<boolean> {
  const { rows } = await client.query<{ keep: boolean }>({
    text: `SELECT EXISTS (SELECT 1 FROM rule_versions WHERE org_id = $1 AND kind = 'organisation')
             AND EXISTS (SELECT 1 FROM organisations WHERE id = $1 AND source_hash = $2) AS keep`,
    values: [orgId, sourceHash],
  });
  return rows[0]?.keep ?? false;
}

/** A loaded file that changed the organisation, once it has versions, becomes one (reason 「载入组织文件」). */
async function recordLoadedOrganisation(client: PoolClient, orgId: string, actorId: string): Promise<void> {
  await recordLoadedVersion(client, orgId, 'organisation', await readOrganisationContent(client, orgId), actorId);
}

async function deactivateMissing(client: PoolClient, org: Organisation): Promise<number> {
  const units = await client.query({
    text: 'UPDATE units SET active = false WHERE org_id = $1 AND active AND NOT (id = ANY($2::text[]))',
    values: [org.id, org.units.map((u) => u.id)],
  });
  const people = await client.query({
    text: 'UPDATE people SET active = false WHERE org_id = $1 AND active AND NOT (id = ANY($2::text[]))',
    values: [org.id, org.people.map((p) => p.id)],
  });
  return (units.rowCount ?? 0) + (people.rowCount ?? 0);
}
