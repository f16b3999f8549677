import type { Pool } from 'pg';
import type { Queryable } from '../transaction';
import type { TaskPolicy } from '../../procedures/task/messages';

export interface Unit {
  id: string;
  orgId: string;
  name: string;
  kind: 'OFFICE' | 'DEPARTMENT' | 'TOWN' | 'VILLAGE' | 'GROUP' | 'ENFORCEMENT';
  level: number;
  parentId: string | null;
  zoneId: string | null;
  zoneName: string | null;
  /** An ENFORCEMENT unit's agency (POLICE, PROCURATORATE, COURT, AUDIT); null otherwise. */
  agency: 'POLICE' | 'PROCURATORATE' | 'COURT' | 'AUDIT' | null;
  headId: string | null;
  leaderId: string | null;
  groupMember: boolean;
}

export interface Person {
  id: string;
  orgId: string;
  name: string;
  unitId: string;
  title: string;
  roles: string[];
  /** A member of the major-case coordination group (大要案协调小组). */
  majorCaseGroup: boolean;
}

export interface Page {
  limit: number;
  offset: number;
}

/** Active units of an organisation, office and group first, then by level and name. */
export async function listUnits(
  pool: Pool,
  orgId: string,
  filter: { kind?: string; zoneId?: string },
  page: Page,
): Promise<{ items: Unit[]; total: number }> {
  const { rows } = await pool.query<Unit & { total: string }>({
    text: `SELECT u.id, u.org_id AS "orgId", u.name, u.kind, u.level, u.parent_id AS "parentId", u.zone_id AS "zoneId",
             z.name AS "zoneName", u.agency, u.head_id AS "headId", u.leader_id AS "leaderId", u.group_member AS "groupMember",
             count(*) OVER () AS total
           FROM units u LEFT JOIN zones z ON z.id = u.zone_id
           WHERE u.org_id = $1 AND u.active AND ($2::text IS NULL OR u.kind = $2) AND ($3::text IS NULL OR u.zone_id = $3)
           ORDER BY u.level, array_position(ARRAY['OFFICE','GROUP','DEPARTMENT','TOWN','ENFORCEMENT','VILLAGE'], u.kind), u.id
           LIMIT $4 OFFSET $5`,
    values: [orgId, filter.kind ?? null, filter.zoneId ?? null, page.limit, page.offset],
  });
  return { items: rows.map(({ total: _t, ...u }) => u), total: Number(rows[0]?.total ?? 0) };
}

/**
 * Active people of an organisation, optionally of one unit. The supervision network's members (OBSERVER) are listed
 * only with `observersFor`: the office's directory, or the member's own entry (who informs stays with the office).
 */
export async function listPeople(
  pool: Pool,
  orgId: string,
  filter: { unitId?: string; observersFor: 'ALL' | { personId: string } },
  page: Page,
): Promise<{ items: Person[]; total: number }> {
  const self = filter.observersFor === 'ALL' ? null : filter.observersFor.personId;
  const { rows } = await pool.query<Person & { total: string }>({
    text: `SELECT id, org_id AS "orgId", name, unit_id AS "unitId", title, roles,
             major_case_group AS "majorCaseGroup", count(*) OVER () AS total
           FROM people WHERE org_id = $1 AND active AND ($2::text IS NULL OR unit_id = $2)
             AND ($5::boolean OR NOT ('OBSERVER' = ANY (roles)) OR id = $6)
           ORDER BY unit_id, id LIMIT $3 OFFSET $4`,
    values: [orgId, filter.unitId ?? null, page.limit, page.offset, self === null, self],
  });
  return { items: rows.map(({ total: _t, ...p }) => p), total: Number(rows[0]?.total ?? 0) };
}

export async function findUnit(pool: Queryable, id: string): Promise<Unit | undefined> {
  const { rows } = await pool.query<Unit>({
    text: `SELECT id, org_id AS "orgId", name, kind, level, parent_id AS "parentId", zone_id AS "zoneId",
             NULL AS "zoneName", agency, head_id AS "headId", leader_id AS "leaderId", group_member AS "groupMember"
           FROM units WHERE id = $1 AND active`,
    values: [id],
  });
  return rows[0];
}

/**
 * The name a unit had at `at` (`unit_name_at`, migration 054): a document of a day names the unit as it was named
 * that day, a retired or merged unit too. Undefined for no such unit.
 */
export async function unitNameAt(pool: Queryable, id: string, at: string | Date): Promise<string | undefined> {
  const { rows } = await pool.query<{ name: string | null }>({
    text: 'SELECT unit_name_at($1, $2) AS name',
    values: [id, at],
  });
  return rows[0]?.name ?? undefined;
}

export async function findPerson(pool: Queryable, id: string): Promise<Person | undefined> {
  const { rows } = await pool.query<Person>({
    text: `SELECT id, org_id AS "orgId", name, unit_id AS "unitId", title, roles,
             major_case_group AS "majorCaseGroup" FROM people WHERE id = $1 AND active`,
    values: [id],
  });
  return rows[0];
}

/** The ids of the loaded organisations: a `heli` command that names none acts on the only one. */
/** An organisation's name, as documents and bulletins head their pages with it ('' for no such organisation). */
export async function organisationName(pool: Queryable, orgId: string): Promise<string> {
  const { rows } = await pool.query<{ name: string }>({
    text: 'SELECT name FROM organisations WHERE id = $1',
    values: [orgId],
  });
  return rows[0]?.name ?? '';
}

export async function listOrganisationIds(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM organisations ORDER BY id');
  return rows.map((r) => r.id);
}

/**
 * An organisation's own task types: the newest version the office published (issue 22), else its file's
 * `taskPolicies` as loaded; empty for none or an unknown id.
 */
export async function readOwnTaskPolicies(pool: Queryable, orgId: string): Promise<TaskPolicy[]> {
  const { rows } = await pool.query<{ policies: TaskPolicy[] }>({
    text: `SELECT coalesce((SELECT content->'types' FROM rule_versions WHERE org_id = o.id AND kind = 'task-policies'
                            ORDER BY version DESC LIMIT 1), o.task_policies) AS policies
           FROM organisations o WHERE o.id = $1`,
    values: [orgId],
  });
  return rows[0]?.policies ?? [];
}
