import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { NOTICE_CHANNELS, type NoticeChannel } from '../../config/notice-channels';
import { inTransaction } from '../transaction';
import { appendAudit, type AuditEntry } from './audit';

/**
 * Which channels a notice takes besides the inbox: the deployment's policy (the channels file), set by the worker
 * when it starts and read at every step, so an edited file applies to the next notice. Unset (the API process, a
 * deployment without a channels file): the inbox and webhooks alone, as before.
 */
export interface NoticeRouting {
  /** The channels a notice of `kind` takes by default; a channel not configured is left out. */
  channelsFor(kind: string): readonly NoticeChannel[];
  /** The group robot of a platform that serves `unitId`, by name. */
  robotFor(platform: 'DINGTALK' | 'WECOM', unitId: string): string | undefined;
  /** For a low-priority kind, the local time (HH:MM) of the daily digest it waits for; undefined: sent at once. */
  digestAt?(kind: string): string | undefined;
  /** Whether an unread L1 notice is sent again by SMS (`unreadL1BySmsAfterWorkingHours`, with SMS configured). */
  unreadL1BySms?(): boolean;
}

let routing: NoticeRouting | undefined;

/** Sets (or with undefined clears) the routing every step's notices follow in this process. */
export function setNoticeRouting(r: NoticeRouting | undefined): void {
  routing = r;
}

/** Notices that may reach a person by SMS at night: the last rung of escalation, and meeting-day notices. */
export const URGENT_KINDS: ReadonlySet<string> = new Set(['ESCALATION_L3', 'MEETING_DAY', 'MEETING_REMINDER']);

/** The id of one delivery: the same on every retry of the step that wrote its notification. */
export const deliveryId = (notificationId: string, channel: NoticeChannel) =>
  'nd_' + createHash('sha256').update(`${notificationId}\n${channel}`).digest('hex').slice(0, 24);

/**
 * The moment `now` in the organisation's time zone (`o`), as `l.t` (local time) and `l.d` (local date), for the two
 * moments below. `now` is an SQL expression: `now()` when a step writes its deliveries, the delivery workflow's own
 * time when it plans one (so that quiet hours and the digest hour follow Temporal's clock, skipped in tests).
 */
export const localNow = (now: string) =>
  `CROSS JOIN LATERAL (SELECT (${now} AT TIME ZONE o.time_zone)::time AS t, (${now} AT TIME ZONE o.time_zone)::date AS d) l`;

/** The end of the person's quiet hours (`np`, notice_preferences) when `l` falls inside them, else NULL. */
export const QUIET_UNTIL = `CASE WHEN np.quiet_from IS NULL OR np.quiet_to IS NULL THEN NULL
    WHEN (np.quiet_from < np.quiet_to AND l.t >= np.quiet_from AND l.t < np.quiet_to)
      OR (np.quiet_from >= np.quiet_to AND (l.t >= np.quiet_from OR l.t < np.quiet_to))
    THEN ((l.d + CASE WHEN l.t >= np.quiet_to THEN 1 ELSE 0 END) + np.quiet_to) AT TIME ZONE o.time_zone END`;

/** The next digest hour (the parameter `param`, local HH:MM, or NULL: none) after `l`. */
export const digestAtOf = (param: string) => `CASE WHEN ${param}::time IS NULL THEN NULL
    ELSE ((l.d + CASE WHEN l.t >= ${param}::time THEN 1 ELSE 0 END) + ${param}::time) AT TIME ZONE o.time_zone END`;

/**
 * Writes the deliveries of a step's notifications (called by `writeNotifications`, in the step's transaction): one per
 * notified person and channel the policy allows and the person kept, where the person has that address. A person in
 * their quiet hours gets the delivery in the morning, unless it is urgent and goes by SMS.
 */
export async function writeDeliveries(
  client: PoolClient,
  b: { orgId: string; kind: string; notifications: { id: string; personId: string }[] },
): Promise<void> {
  const r = routing;
  if (!r || b.notifications.length === 0) return;
  const allowed = [...new Set(r.channelsFor(b.kind))];
  if (allowed.length === 0 && !(b.kind === 'ESCALATION_L1' && r.unreadL1BySms?.())) return;
  const people = await client.query<{
    id: string;
    unitId: string;
    email: string | null;
    mobile: string | null;
    /** A member of the supervision network: their notices are theirs alone, never posted in a group. */
    member: boolean;
    chosen: string[] | null;
    quietUntil: Date | null;
    digestAt: Date | null;
  }>({
    text: `SELECT p.id, p.unit_id AS "unitId", p.email, p.mobile, 'OBSERVER' = ANY (p.roles) AS member,
             np.channels AS chosen, ${QUIET_UNTIL} AS "quietUntil", ${digestAtOf('$2')} AS "digestAt"
           FROM people p JOIN organisations o ON o.id = p.org_id
           LEFT JOIN notice_preferences np ON np.person_id = p.id
           ${localNow('now()')}
           WHERE p.id = ANY ($1::text[])`,
    values: [b.notifications.map((n) => n.personId), r.digestAt?.(b.kind) ?? null],
  });
  const byId = new Map(people.rows.map((p) => [p.id, p]));
  const rows: {
    id: string;
    notificationId: string;
    personId: string;
    channel: string;
    address: string;
    at: string | null;
    digest: boolean;
    unlessRead?: boolean;
  }[] = [];
  const watchUnread = b.kind === 'ESCALATION_L1' && r.unreadL1BySms?.() === true;
  for (const n of b.notifications) {
    const p = byId.get(n.personId);
    if (!p) continue;
    const chosen = p.chosen && p.chosen.length > 0 ? allowed.filter((c) => p.chosen!.includes(c)) : allowed;
    for (const channel of chosen) {
      // A group robot posts where the unit's people all read: never a network member's notice (who informs, what they
      // were invited to, what they heard back), which stays between them and the office.
      const robot = channel !== 'EMAIL' && channel !== 'SMS';
      if (robot && p.member) continue;
      const address =
        channel === 'EMAIL' ? p.email : channel === 'SMS' ? p.mobile : (r.robotFor(channel, p.unitId) ?? null);
      if (!address) continue;
      const urgentSms = channel === 'SMS' && URGENT_KINDS.has(b.kind);
      rows.push({
        id: deliveryId(n.id, channel),
        notificationId: n.id,
        personId: n.personId,
        channel,
        address,
        at: p.digestAt ? p.digestAt.toISOString() : p.quietUntil && !urgentSms ? p.quietUntil.toISOString() : null,
        digest: p.digestAt !== null,
      });
    }
    // An L1 notice no channel carries to the person is still sent again by SMS if unread (the workflow waits).
    if (watchUnread && p.mobile && !rows.some((x) => x.notificationId === n.id)) {
      const id = deliveryId(n.id, 'SMS');
      rows.push({
        id,
        notificationId: n.id,
        personId: n.personId,
        channel: 'SMS',
        address: p.mobile,
        at: null,
        digest: false,
        unlessRead: true,
      });
    }
  }
  if (rows.length === 0) return;
  await client.query({
    text: `INSERT INTO notice_deliveries (id, notification_id, org_id, person_id, channel, address, next_attempt_at,
                                          digest, unless_read)
           SELECT d.id, d.nid, $7, d.pid, d.channel, d.address, coalesce(d.at, now()), d.digest, d.unless_read
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $8::boolean[],
                       $9::boolean[])
             AS d (id, nid, pid, channel, address, at, digest, unless_read)
           ON CONFLICT DO NOTHING`,
    values: [
      rows.map((x) => x.id),
      rows.map((x) => x.notificationId),
      rows.map((x) => x.personId),
      rows.map((x) => x.channel),
      rows.map((x) => x.address),
      rows.map((x) => x.at),
      b.orgId,
      rows.map((x) => x.digest),
      rows.map((x) => x.unlessRead === true),
    ],
  });
}

export const DELIVERY_STATES = ['PENDING', 'SENT', 'DEAD'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One delivery as the office sees it (the address included: the office alone reads this list). */
export interface NoticeDelivery {
  id: string;
  notificationId: string;
  personId: string;
  channel: NoticeChannel;
  address: string;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  deadAt: Date | null;
  createdAt: Date;
  kind: string;
  title: string;
  taskId: string | null;
}

const COLUMNS = `d.id, d.notification_id AS "notificationId", d.person_id AS "personId", d.channel, d.address,
  d.state, d.attempts, d.last_error AS "lastError", d.next_attempt_at AS "nextAttemptAt", d.sent_at AS "sentAt",
  d.dead_at AS "deadAt", d.created_at AS "createdAt", n.kind, n.title, n.task_id AS "taskId"`;

/** An organisation's deliveries, newest first, by state and/or the object (task) they are about. */
export async function listDeliveries(
  pool: Pool,
  orgId: string,
  filter: { state?: DeliveryState; objectId?: string },
  page: { limit: number; offset: number },
): Promise<{ items: NoticeDelivery[]; total: number }> {
  const where = `d.org_id = $1 AND ($2::text IS NULL OR d.state = $2) AND ($3::text IS NULL OR n.task_id = $3)`;
  const values = [orgId, filter.state ?? null, filter.objectId ?? null];
  const { rows } = await pool.query<NoticeDelivery>({
    text: `SELECT ${COLUMNS} FROM notice_deliveries d JOIN notifications n ON n.id = d.notification_id
           WHERE ${where} ORDER BY d.created_at DESC, d.id DESC LIMIT $4 OFFSET $5`,
    values: [...values, page.limit, page.offset],
  });
  const total = await pool.query<{ n: number }>({
    text: `SELECT count(*)::int AS n FROM notice_deliveries d JOIN notifications n ON n.id = d.notification_id
           WHERE ${where}`,
    values,
  });
  return { items: rows, total: total.rows[0]?.n ?? 0 };
}

export async function findDelivery(pool: Pool, orgId: string, id: string): Promise<NoticeDelivery | undefined> {
  const { rows } = await pool.query<NoticeDelivery>({
    text: `SELECT ${COLUMNS} FROM notice_deliveries d JOIN notifications n ON n.id = d.notification_id
           WHERE d.id = $1 AND d.org_id = $2`,
    values: [id, orgId],
  });
  return rows[0];
}

type AuditActor = Pick<AuditEntry, 'orgId' | 'actorId' | 'actorRoles' | 'tokenId' | 'requestId'>;

/**
 * The office tries a delivery again (a DEAD one, or a PENDING one now rather than after its backoff), with a new
 * address when it fixes one; a SENT delivery is never sent twice. Audited; undefined when there is no such delivery.
 */
export async function retryDelivery(
  pool: Pool,
  orgId: string,
  id: string,
  change: { address?: string },
  actor: AuditActor,
): Promise<{ delivery: NoticeDelivery; changed: boolean } | undefined> {
  const updated = await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ state: DeliveryState; address: string }>({
      text: 'SELECT state, address FROM notice_deliveries WHERE id = $1 AND org_id = $2 FOR UPDATE',
      values: [id, orgId],
    });
    const before = rows[0];
    if (!before) return undefined;
    if (before.state === 'SENT') {
      await appendAudit(client, {
        ...actor,
        action: 'delivery.retry',
        objectType: 'notice-delivery',
        objectId: id,
        payload: { from: 'SENT', changed: false },
        outcome: 'DONE',
      });
      return { changed: false };
    }
    await client.query({
      // A new run (`notice-delivery-<id>-r<run>`), started by the relay; the run before it stops at its next attempt.
      text: `UPDATE notice_deliveries SET state = 'PENDING', address = coalesce($2, address), attempts = 0,
               next_attempt_at = now(), claimed_until = NULL, dead_at = NULL, run = run + 1, started_at = NULL
             WHERE id = $1`,
      values: [id, change.address ?? null],
    });
    await appendAudit(client, {
      ...actor,
      action: change.address ? 'delivery.fix-address' : 'delivery.retry',
      objectType: 'notice-delivery',
      objectId: id,
      // The address is personal data: the audit says that it changed, not what to.
      payload: {
        from: before.state,
        addressChanged: change.address !== undefined && change.address !== before.address,
      },
      outcome: 'DONE',
    });
    return { changed: true };
  });
  if (!updated) return undefined;
  const delivery = await findDelivery(pool, orgId, id);
  return delivery && { delivery, changed: updated.changed };
}

/** What a channel needs to send one delivery. */
export interface DueDelivery {
  id: string;
  personId: string;
  digest: boolean;
  channel: NoticeChannel;
  address: string;
  attempts: number;
  kind: string;
  title: string;
  body: string;
  taskId: string | null;
  mobile: string | null;
  /** The inbox entry the delivery carries: the link in the message marks it read when opened. */
  notificationId: string;
}

export { NOTICE_CHANNELS };

/** A person's own notice settings and where notices reach them (for that person, or the office, alone). */
export interface NoticePreferences {
  channels: NoticeChannel[];
  quietHours: { from: string; to: string } | null;
  contact: { email: string | null; mobile: string | null };
}

export async function findNoticePreferences(pool: Pool, personId: string): Promise<NoticePreferences> {
  const { rows } = await pool.query<{
    channels: NoticeChannel[] | null;
    from: string | null;
    to: string | null;
    email: string | null;
    mobile: string | null;
  }>({
    text: `SELECT np.channels, to_char(np.quiet_from, 'HH24:MI') AS from, to_char(np.quiet_to, 'HH24:MI') AS to,
             p.email, p.mobile
           FROM people p LEFT JOIN notice_preferences np ON np.person_id = p.id WHERE p.id = $1`,
    values: [personId],
  });
  const r = rows[0];
  return {
    channels: r?.channels ?? [],
    quietHours: r?.from && r.to ? { from: r.from, to: r.to } : null,
    contact: { email: r?.email ?? null, mobile: r?.mobile ?? null },
  };
}

/** Sets a person's channels and quiet hours, with an audit row. */
export async function saveNoticePreferences(
  pool: Pool,
  personId: string,
  p: { channels: NoticeChannel[]; quietHours: { from: string; to: string } | null },
  actor: AuditActor,
): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query({
      text: `INSERT INTO notice_preferences (person_id, channels, quiet_from, quiet_to) VALUES ($1, $2, $3, $4)
             ON CONFLICT (person_id) DO UPDATE SET channels = EXCLUDED.channels, quiet_from = EXCLUDED.quiet_from,
               quiet_to = EXCLUDED.quiet_to, updated_at = now()`,
      values: [personId, p.channels, p.quietHours?.from ?? null, p.quietHours?.to ?? null],
    });
    await appendAudit(client, {
      ...actor,
      action: 'preferences.update',
      objectType: 'notice-preferences',
      objectId: personId,
      payload: { channels: p.channels, quietHours: p.quietHours },
      outcome: 'DONE',
    });
  });
}

/** Who a step's notice reached and how far: read in the inbox (or by the link) and each channel's delivery. */
export interface NoticeReach {
  personId: string;
  name: string;
  /** When the person read it (inbox or the link in a message); null: unread. */
  readAt: string | null;
  deliveries: { channel: NoticeChannel; state: 'PENDING' | 'SENT' | 'DEAD'; sentAt: string | null }[];
}

/**
 * The notices a workflow's steps sent, by step: each recipient with their read receipt and the state of each channel's
 * delivery (never an address). The office reads it on a task's timeline (issue 23: delivery status on the timeline).
 */
export async function noticeReachByStep(
  pool: Pool,
  orgId: string,
  workflowId: string,
): Promise<Map<string, NoticeReach[]>> {
  const { rows } = await pool.query<NoticeReach & { step: string }>({
    text: `SELECT n.step, n.person_id AS "personId", p.name, n.read_at AS "readAt",
                  coalesce(json_agg(json_build_object('channel', d.channel, 'state', d.state, 'sentAt', d.sent_at)
                                    ORDER BY d.channel) FILTER (WHERE d.id IS NOT NULL), '[]') AS deliveries
             FROM notifications n JOIN people p ON p.id = n.person_id
             LEFT JOIN notice_deliveries d ON d.notification_id = n.id
            WHERE n.org_id = $1 AND n.workflow_id = $2
            GROUP BY n.id, p.name ORDER BY n.step, n.person_id`,
    values: [orgId, workflowId],
  });
  const byStep = new Map<string, NoticeReach[]>();
  const iso = (t: string | Date | null) => (t === null ? null : new Date(t).toISOString());
  for (const { step, readAt, deliveries, ...reach } of rows) {
    const sent = deliveries.map((d) => ({ ...d, sentAt: iso(d.sentAt) }));
    byStep.set(step, [...(byStep.get(step) ?? []), { ...reach, readAt: iso(readAt), deliveries: sent }]);
  }
  return byStep;
}
