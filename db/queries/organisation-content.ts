import { toFileShape, type Organisation, type OrganisationContent } from '../org-file';
import type { Queryable } from '../transaction';

const byId = <T extends { id: string }>(items: T[]) =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** An organisation's content in one order (by id), so that equal organisations are equal documents. */
export function inOrder(content: OrganisationContent): OrganisationContent {
  return { ...content, zones: byId(content.zones), units: byId(content.units), people: byId(content.people) };
}

/**
 * The organisation as it stands, in the organisation file's shape (issue 22): its zones, its active units and people
 * (a merged, retired or deactivated one is left out), each list in the order of its ids.
 */
export async function readOrganisationContent(db: Queryable, orgId: string): Promise<OrganisationContent> {
  const org = await db.query<{ id: string; name: string; timeZone: string; parentId: string | null }>({
    text: `SELECT id, name, time_zone AS "timeZone", parent_id AS "parentId" FROM organisations WHERE id = $1`,
    values: [orgId],
  });
  const zones = await db.query<Organisation['zones'][number]>({
    text: 'SELECT id, name FROM zones WHERE org_id = $1',
    values: [orgId],
  });
  const units = await db.query<Organisation['units'][number]>({
    text: `SELECT id, name, kind, level, parent_id AS "parentId", zone_id AS "zoneId", agency, head_id AS "headId",
             leader_id AS "leaderId", group_member AS "groupMember"
           FROM units WHERE org_id = $1 AND active`,
    values: [orgId],
  });
  // A merged unit's people belong to its successor (the unit they work in now); one retired without a successor
  // took its people with it (nobody is left in it, but by a file's own doing: such a person is left out).
  const people = await db.query<Organisation['people'][number] & { email: string | null; mobile: string | null }>({
    text: `WITH RECURSIVE placed (person_id, unit_id, active, successor_id, depth) AS (
             SELECT p.id, u.id, u.active, u.successor_id, 0 FROM people p JOIN units u ON u.id = p.unit_id
             WHERE p.org_id = $1 AND p.active
             UNION ALL
             SELECT placed.person_id, u.id, u.active, u.successor_id, placed.depth + 1
             FROM placed JOIN units u ON u.id = placed.successor_id WHERE NOT placed.active AND placed.depth < 20)
           SELECT p.id, p.name, placed.unit_id AS "unitId", p.title, p.roles, p.major_case_group AS "majorCaseGroup",
             p.email, p.mobile
           FROM people p JOIN placed ON placed.person_id = p.id AND placed.active`,
    values: [orgId],
  });
  const own = org.rows[0] ?? { id: orgId, name: '', timeZone: 'Asia/Shanghai', parentId: null };
  return inOrder(
    toFileShape({
      ...own,
      zones: zones.rows,
      units: units.rows,
      people: people.rows.map(({ email, mobile, ...p }) => ({
        ...p,
        ...((email || mobile) && { contact: { ...(email && { email }), ...(mobile && { mobile }) } }),
      })),
    }),
  );
}

/** What the organisation's units were and are: the retired ones (merged or retired), and ids other organisations hold. */
export async function readUnitStanding(db: Queryable, orgId: string, ids: string[]) {
  const { rows } = await db.query<{ id: string; name: string; successorId: string | null; foreign: boolean }>({
    text: `SELECT id, name, successor_id AS "successorId", org_id <> $1 AS foreign FROM units
           WHERE (org_id = $1 AND retired_at IS NOT NULL) OR (org_id <> $1 AND id = ANY ($2::text[]))
           UNION ALL
           SELECT id, name, NULL, true FROM people WHERE org_id <> $1 AND id = ANY ($2::text[])
           UNION ALL
           SELECT id, name, NULL, true FROM zones WHERE org_id <> $1 AND id = ANY ($2::text[])`,
    values: [orgId, ids],
  });
  return {
    retired: new Map(rows.filter((r) => !r.foreign).map((r) => [r.id, r])),
    foreign: new Set(rows.filter((r) => r.foreign).map((r) => r.id)),
  };
}
