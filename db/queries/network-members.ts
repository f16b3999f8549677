import type { PoolClient } from 'pg';
import type { NetworkAppointment, NetworkKind, NetworkLevel, Person } from '../org-file';
import type { Queryable } from '../transaction';
import { appendAudit, type AuditEntry } from './audit';

/**
 * The supervision network's members (监督网络, issue 19): appointments of OBSERVER people, each change a version
 * (network_member_versions) with its author, source and reason. Whether a member is serving is a matter of the day
 * in the organisation's time zone: within the term, not retired, the person still active.
 */

/** Where an appointment stands today. */
export type NetworkStatus = 'PENDING' | 'ACTIVE' | 'EXPIRED' | 'RETIRED';
export type NetworkChange = 'APPOINT' | 'AMEND' | 'RENEW' | 'RETIRE';

export interface NetworkMember {
  personId: string;
  name: string;
  title: string;
  kind: NetworkKind;
  level: NetworkLevel;
  areaUnitId: string | null;
  areaName: string | null;
  termFrom: string;
  termTo: string;
  retiredOn: string | null;
  retireReason: string | null;
  version: number;
  status: NetworkStatus;
}

export interface NetworkVersion {
  version: number;
  change: NetworkChange;
  appointment: NetworkAppointment;
  reason: string;
  source: 'FILE' | 'API';
  actorId: string;
  at: string;
}

/**
 * Where member `m` (person `p`) stands on the day `today` (an SQL date expression), as a `NetworkStatus`: retired
 * from the day of retirement, expired after the term or once the person is inactive, pending before the term.
 */
export const memberStatusSql = (today: string) =>
  `CASE WHEN m.retired_on IS NOT NULL AND m.retired_on <= ${today} THEN 'RETIRED'
        WHEN NOT p.active OR ${today} > m.term_to THEN 'EXPIRED'
        WHEN ${today} < m.term_from THEN 'PENDING'
        ELSE 'ACTIVE' END`;
const STATUS = memberStatusSql(`(now() AT TIME ZONE o.time_zone)::date`);
const SELECT = `SELECT m.person_id AS "personId", p.name, p.title, m.kind, m.level, m.area_unit_id AS "areaUnitId",
                       u.name AS "areaName", to_char(m.term_from, 'YYYY-MM-DD') AS "termFrom",
                       to_char(m.term_to, 'YYYY-MM-DD') AS "termTo", to_char(m.retired_on, 'YYYY-MM-DD') AS "retiredOn",
                       m.retire_reason AS "retireReason", m.version, ${STATUS} AS status
                FROM network_members m
                JOIN people p ON p.id = m.person_id
                JOIN organisations o ON o.id = m.org_id
                LEFT JOIN units u ON u.id = m.area_unit_id`;

/** The person's appointment in the organisation, whatever its status; null when they were never appointed. */
export async function findNetworkMember(db: Queryable, orgId: string, personId: string): Promise<NetworkMember | null> {
  const { rows } = await db.query<NetworkMember>({
    text: `${SELECT} WHERE m.org_id = $1 AND m.person_id = $2`,
    values: [orgId, personId],
  });
  return rows[0] ?? null;
}

/** The person's appointment when they serve today (within the term, not retired); null otherwise. */
export async function activeNetworkMember(
  db: Queryable,
  orgId: string,
  personId: string,
): Promise<NetworkMember | null> {
  const member = await findNetworkMember(db, orgId, personId);
  return member?.status === 'ACTIVE' ? member : null;
}

export interface NetworkFilter {
  orgId: string;
  level?: NetworkLevel;
  areaUnitId?: string;
  status?: NetworkStatus;
  /** Only this person (a member reading their own appointment). */
  personId?: string;
}

/** Members by level, then area, then name. */
export async function listNetworkMembers(db: Queryable, f: NetworkFilter): Promise<NetworkMember[]> {
  const { rows } = await db.query<NetworkMember>({
    text: `SELECT * FROM (${SELECT} WHERE m.org_id = $1
                    AND ($2::text IS NULL OR m.level = $2) AND ($3::text IS NULL OR m.area_unit_id = $3)
                    AND ($4::text IS NULL OR m.person_id = $4)) AS members
           WHERE $5::text IS NULL OR status = $5
           ORDER BY array_position(ARRAY['DISTRICT', 'TOWN', 'VILLAGE'], level), "areaUnitId" NULLS FIRST, name,
                    "personId"`,
    values: [f.orgId, f.level ?? null, f.areaUnitId ?? null, f.personId ?? null, f.status ?? null],
  });
  return rows;
}

/** Every version of the person's appointment, oldest first. */
export async function networkMemberVersions(db: Queryable, personId: string): Promise<NetworkVersion[]> {
  const { rows } = await db.query<NetworkVersion>({
    text: `SELECT version, change, appointment, reason, source, actor_id AS "actorId", at
           FROM network_member_versions WHERE person_id = $1 ORDER BY version`,
    values: [personId],
  });
  return rows;
}

/** Today's date (YYYY-MM-DD) in the organisation's time zone. */
export async function organisationToday(db: Queryable, orgId: string): Promise<string> {
  const { rows } = await db.query<{ today: string }>({
    text: `SELECT to_char((now() AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS today FROM organisations WHERE id = $1`,
    values: [orgId],
  });
  if (!rows[0]) throw new Error(`no organisation ${orgId}`);
  return rows[0].today;
}

/** How `after` differs from `before`, or null when it does not. */
export function changeOf(before: NetworkAppointment | null, after: NetworkAppointment): NetworkChange | null {
  if (before === null || (before.retired !== null && after.retired === null)) return 'APPOINT';
  if (JSON.stringify(appointmentKey(before)) === JSON.stringify(appointmentKey(after))) return null;
  if (after.retired !== null && before.retired === null) return 'RETIRE';
  const { termTo: beforeTo, ...beforeRest } = appointmentKey(before);
  const { termTo: afterTo, ...afterRest } = appointmentKey(after);
  return JSON.stringify(beforeRest) === JSON.stringify(afterRest) && afterTo > beforeTo ? 'RENEW' : 'AMEND';
}

/** The appointment's fields in one fixed order, for comparing. */
const appointmentKey = (a: NetworkAppointment) => ({
  kind: a.kind,
  level: a.level,
  areaUnitId: a.areaUnitId,
  termFrom: a.termFrom,
  termTo: a.termTo,
  retired: a.retired ? { on: a.retired.on, reason: a.retired.reason } : null,
});

/** The appointment a member's row holds. */
export const appointmentOf = (m: NetworkMember): NetworkAppointment => ({
  kind: m.kind,
  level: m.level,
  areaUnitId: m.areaUnitId,
  termFrom: m.termFrom,
  termTo: m.termTo,
  retired: m.retiredOn !== null && m.retireReason !== null ? { on: m.retiredOn, reason: m.retireReason } : null,
});

export interface AppointmentChange {
  orgId: string;
  personId: string;
  /**
   * The appointment after the change, or how to make it from the current one (read under the person's lock, so that
   * two changes at once are decided one after the other; it may throw to refuse the change).
   */
  appointment: NetworkAppointment | ((current: NetworkMember | null) => Promise<NetworkAppointment>);
  reason: string;
  source: 'FILE' | 'API';
  /** What the change is, as the office named it; otherwise read from the difference (a file's import). */
  change?: NetworkChange;
  /** Who made the change, for the version and the audit row. */
  actor: Pick<AuditEntry, 'actorId' | 'actorRoles' | 'tokenId' | 'requestId'> & { actorId: string };
}

/**
 * Writes the appointment as a new version, with its audit row, in the caller's transaction; writes nothing when it
 * equals the current one. The person's row is locked, so two changes at once are versions one after the other.
 * @returns the change made, or null when there was none
 */
export async function saveAppointment(client: PoolClient, c: AppointmentChange): Promise<NetworkChange | null> {
  await client.query({ text: 'SELECT 1 FROM people WHERE id = $1 FOR UPDATE', values: [c.personId] });
  const current = await findNetworkMember(client, c.orgId, c.personId);
  const a = typeof c.appointment === 'function' ? await c.appointment(current) : c.appointment;
  const difference = changeOf(current && appointmentOf(current), a);
  if (difference === null) return null;
  const change = c.change ?? difference;
  const version = (current?.version ?? 0) + 1;
  await client.query({
    text: `INSERT INTO network_members (person_id, org_id, kind, level, area_unit_id, term_from, term_to, retired_on,
                                        retire_reason, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (person_id) DO UPDATE
             SET kind = EXCLUDED.kind, level = EXCLUDED.level, area_unit_id = EXCLUDED.area_unit_id,
                 term_from = EXCLUDED.term_from, term_to = EXCLUDED.term_to, retired_on = EXCLUDED.retired_on,
                 retire_reason = EXCLUDED.retire_reason, version = EXCLUDED.version`,
    values: [
      c.personId,
      c.orgId,
      a.kind,
      a.level,
      a.areaUnitId,
      a.termFrom,
      a.termTo,
      a.retired?.on ?? null,
      a.retired?.reason ?? null,
      version,
    ],
  });
  await client.query({
    text: `INSERT INTO network_member_versions (person_id, version, org_id, change, appointment, reason, source, actor_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    values: [c.personId, version, c.orgId, change, JSON.stringify(a), c.reason, c.source, c.actor.actorId],
  });
  await appendAudit(client, {
    ...c.actor,
    orgId: c.orgId,
    action: `network.${change.toLowerCase()}`,
    objectType: 'networkMember',
    objectId: c.personId,
    payload: { version, source: c.source, reason: c.reason, appointment: a },
    outcome: 'DONE',
  });
  return change;
}

/**
 * The organisation file's appointments (an import of the same data the office edits): each person whose `network`
 * differs from their current appointment gets a new version; a person the file gives no `network` keeps theirs.
 * @returns how many appointments changed
 */
export async function loadFileAppointments(
  client: PoolClient,
  orgId: string,
  people: Person[],
  actorId: string,
): Promise<number> {
  let changed = 0;
  for (const person of people) {
    if (!person.network) continue;
    const change = await saveAppointment(client, {
      orgId,
      personId: person.id,
      appointment: person.network,
      reason: '组织文件载入',
      source: 'FILE',
      actor: { actorId, actorRoles: ['SYSTEM'] },
    });
    if (change) changed += 1;
  }
  return changed;
}
