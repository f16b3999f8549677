import type { Pool, PoolClient } from 'pg';
import type { Queryable } from '../transaction';

/**
 * Absences and deputies (请假与代理, issue 20 item 5). An absence runs from `from` to `to`, both the organisation's
 * local dates and both included; a cancelled one no longer counts. A person's absences never overlap.
 */
export interface Absence {
  id: string;
  personId: string;
  personName: string;
  deputyId: string;
  deputyName: string;
  unitId: string;
  from: string;
  to: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
  cancelledAt: Date | null;
  /** Where it stands today: not begun, running, over, or cancelled. */
  status: 'UPCOMING' | 'ACTIVE' | 'OVER' | 'CANCELLED';
}

const TODAY = `(now() AT TIME ZONE o.time_zone)::date`;
const SELECT = `SELECT a.id, a.person_id AS "personId", p.name AS "personName", a.deputy_id AS "deputyId",
                       d.name AS "deputyName", p.unit_id AS "unitId", to_char(a.from_date, 'YYYY-MM-DD') AS "from",
                       to_char(a.to_date, 'YYYY-MM-DD') AS "to", a.reason, a.created_by AS "createdBy",
                       a.created_at AS "createdAt", a.cancelled_at AS "cancelledAt",
                       CASE WHEN a.cancelled_at IS NOT NULL THEN 'CANCELLED'
                            WHEN ${TODAY} < a.from_date THEN 'UPCOMING'
                            WHEN ${TODAY} > a.to_date THEN 'OVER'
                            ELSE 'ACTIVE' END AS status
                FROM absences a JOIN people p ON p.id = a.person_id JOIN people d ON d.id = a.deputy_id
                JOIN organisations o ON o.id = a.org_id`;

/** Which absences a list shows: all of an organisation's, those of a unit's people, or those naming one person. */
export type AbsenceScope = { kind: 'ORG' } | { kind: 'UNIT'; unitId: string } | { kind: 'PERSON'; personId: string };

/** The absences of `scope` in an organisation that have not ended (or every one with `all`), earliest first. */
export async function listAbsences(db: Queryable, orgId: string, scope: AbsenceScope, all = false): Promise<Absence[]> {
  const { rows } = await db.query<Absence>({
    text: `${SELECT}
           WHERE a.org_id = $1
             AND ($2::text IS NULL OR p.unit_id = $2)
             AND ($3::text IS NULL OR a.person_id = $3 OR a.deputy_id = $3)
             AND ($4 OR (a.cancelled_at IS NULL AND a.to_date >= ${TODAY}))
           ORDER BY a.from_date, a.id`,
    values: [orgId, scope.kind === 'UNIT' ? scope.unitId : null, scope.kind === 'PERSON' ? scope.personId : null, all],
  });
  return rows;
}

export async function findAbsence(db: Queryable, orgId: string, id: string): Promise<Absence | undefined> {
  const { rows } = await db.query<Absence>({
    text: `${SELECT} WHERE a.org_id = $1 AND a.id = $2`,
    values: [orgId, id],
  });
  return rows[0];
}

/** Today's date in the organisation's time zone. */
export async function orgToday(db: Queryable, orgId: string): Promise<string> {
  const { rows } = await db.query<{ today: string }>({
    text: `SELECT to_char((now() AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS today FROM organisations WHERE id = $1`,
    values: [orgId],
  });
  return rows[0]!.today;
}

/**
 * Records an absence inside the caller's transaction, with the person's row locked so that two requests cannot both
 * pass the overlap check; answers the absence it overlaps instead, when there is one.
 */
export async function insertAbsence(
  client: PoolClient,
  a: {
    id: string;
    orgId: string;
    personId: string;
    deputyId: string;
    from: string;
    to: string;
    reason: string;
    createdBy: string;
  },
): Promise<{ overlaps?: Absence }> {
  await client.query({ text: 'SELECT 1 FROM people WHERE id = $1 FOR UPDATE', values: [a.personId] });
  const { rows } = await client.query<Absence>({
    text: `${SELECT} WHERE a.person_id = $1 AND a.cancelled_at IS NULL AND a.from_date <= $3 AND a.to_date >= $2
           ORDER BY a.from_date LIMIT 1`,
    values: [a.personId, a.from, a.to],
  });
  if (rows[0]) return { overlaps: rows[0] };
  await client.query({
    text: `INSERT INTO absences (id, org_id, person_id, deputy_id, from_date, to_date, reason, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    values: [a.id, a.orgId, a.personId, a.deputyId, a.from, a.to, a.reason, a.createdBy],
  });
  return {};
}

/** Cancels an absence that is not cancelled yet; answers whether it did. */
export async function cancelAbsence(db: Queryable, id: string, by: string): Promise<boolean> {
  const { rowCount } = await db.query({
    text: 'UPDATE absences SET cancelled_at = now(), cancelled_by = $2 WHERE id = $1 AND cancelled_at IS NULL',
    values: [id, by],
  });
  return (rowCount ?? 0) > 0;
}

/**
 * The deputies standing in today for those of `personIds` who are away (each with the absent person's name), as
 * notices are written: an inactive deputy stands in for no one.
 */
export async function deputiesToday(
  db: Pool | PoolClient,
  orgId: string,
  personIds: string[],
): Promise<{ personId: string; personName: string; deputyId: string }[]> {
  if (personIds.length === 0) return [];
  const { rows } = await db.query<{ personId: string; personName: string; deputyId: string }>({
    text: `SELECT a.person_id AS "personId", p.name AS "personName", a.deputy_id AS "deputyId"
           FROM absences a JOIN organisations o ON o.id = a.org_id JOIN people p ON p.id = a.person_id
           JOIN people d ON d.id = a.deputy_id AND d.active
           WHERE a.org_id = $1 AND a.person_id = ANY ($2::text[]) AND a.cancelled_at IS NULL
             AND ${TODAY} BETWEEN a.from_date AND a.to_date
           ORDER BY a.person_id`,
    values: [orgId, personIds],
  });
  return rows;
}

/** The absence today of `personId` for which `deputyId` stands in, if any: a deputy may then act for them. */
export async function standingInFor(
  db: Queryable,
  deputyId: string,
  personId: string,
): Promise<{ orgId: string; unitId: string; roles: string[]; absenceId: string } | undefined> {
  const { rows } = await db.query<{ orgId: string; unitId: string; roles: string[]; absenceId: string }>({
    text: `SELECT p.org_id AS "orgId", p.unit_id AS "unitId", p.roles, a.id AS "absenceId"
           FROM absences a JOIN organisations o ON o.id = a.org_id JOIN people p ON p.id = a.person_id AND p.active
           WHERE a.person_id = $1 AND a.deputy_id = $2 AND a.cancelled_at IS NULL
             AND ${TODAY} BETWEEN a.from_date AND a.to_date
           LIMIT 1`,
    values: [personId, deputyId],
  });
  return rows[0];
}
