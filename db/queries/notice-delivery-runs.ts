import type { Pool } from 'pg';
import type { NoticeChannel } from '../../config/notice-channels';
import { deliveryId, digestAtOf, localNow, QUIET_UNTIL, URGENT_KINDS, type DueDelivery } from './notice-deliveries';

/**
 * The queries of a delivery as durable Temporal work (issue 23): the relay starts one workflow per delivery, the
 * workflow plans, sends and records it. Each write is keyed by the delivery id and guarded by its state, so a retried
 * activity writes nothing twice.
 */

/** Pending deliveries whose run has no workflow yet, oldest first. */
export async function listUnstartedDeliveries(pool: Pool, limit: number): Promise<{ id: string; run: number }[]> {
  const { rows } = await pool.query<{ id: string; run: number }>({
    text: `SELECT id, run FROM notice_deliveries WHERE state = 'PENDING' AND started_at IS NULL
           ORDER BY created_at, id LIMIT $1`,
    values: [limit],
  });
  return rows;
}

/** Marks a run started (its workflow exists); a newer run the office asked for meanwhile stays unstarted. */
export async function markDeliveryStarted(pool: Pool, id: string, run: number): Promise<void> {
  await pool.query({
    text: 'UPDATE notice_deliveries SET started_at = now() WHERE id = $1 AND run = $2 AND started_at IS NULL',
    values: [id, run],
  });
}

/** What a delivery workflow needs to know to plan its wait. */
export interface DeliveryFacts {
  state: 'PENDING' | 'SENT' | 'DEAD';
  run: number;
  channel: NoticeChannel;
  kind: string;
  orgId: string;
  personId: string;
  notificationId: string;
  /** The end of the person's quiet hours at `now`, or null; never for an urgent notice by SMS. */
  quietUntil: Date | null;
  /** The next digest hour after `now` when the kind waits for the digest, or null. */
  digestAt: Date | null;
  /** An SMS that goes only if its L1 notice is still unread after the working hours (no other channel carried it). */
  unlessRead: boolean;
  /** The first of its notice's deliveries (by channel): the one that watches whether the notice is read. */
  watchesReading: boolean;
}

/** A delivery's facts at `now` (the workflow's time); the kinds of `digest` wait for its hour (HH:MM). */
export async function readDeliveryFacts(
  pool: Pool,
  id: string,
  now: string,
  digest: { kinds: string[]; at: string } | undefined,
): Promise<DeliveryFacts | undefined> {
  const { rows } = await pool.query<DeliveryFacts>({
    text: `SELECT d.state, d.run, d.channel, n.kind, d.unless_read AS "unlessRead", d.org_id AS "orgId", d.person_id AS "personId",
             d.notification_id AS "notificationId",
             ${QUIET_UNTIL} AS "quietUntil", CASE WHEN n.kind = ANY ($4::text[]) THEN ${digestAtOf('$3')} END AS "digestAt",
             d.channel = (SELECT min(x.channel) FROM notice_deliveries x WHERE x.notification_id = d.notification_id)
               AS "watchesReading"
           FROM notice_deliveries d JOIN notifications n ON n.id = d.notification_id
           JOIN organisations o ON o.id = d.org_id
           LEFT JOIN notice_preferences np ON np.person_id = d.person_id
           ${localNow('$2::timestamptz')}
           WHERE d.id = $1`,
    values: [id, now, digest?.at ?? null, digest?.kinds ?? []],
  });
  const facts = rows[0];
  if (facts && facts.channel === 'SMS' && URGENT_KINDS.has(facts.kind)) facts.quietUntil = null;
  return facts;
}

/** The pending deliveries among `ids` of run `run` (any run when undefined), as the channels send them. */
export async function readPendingDeliveries(pool: Pool, ids: string[], run?: number): Promise<DueDelivery[]> {
  const { rows } = await pool.query<DueDelivery>({
    text: `SELECT d.id, d.person_id AS "personId", d.digest, d.channel, d.address, d.attempts, n.kind, n.title, n.body,
             n.task_id AS "taskId", p.mobile, d.notification_id AS "notificationId"
           FROM notice_deliveries d JOIN notifications n ON n.id = d.notification_id JOIN people p ON p.id = d.person_id
           WHERE d.id = ANY ($1::text[]) AND d.state = 'PENDING' AND ($2::int IS NULL OR d.run = $2)
             AND NOT (d.unless_read AND n.read_at IS NOT NULL)
           ORDER BY n.created_at, d.id`,
    values: [ids, run ?? null],
  });
  return rows;
}

/** One failed attempt, counted, with the channel's answer (the dead-letter list shows the last). */
export async function noteDeliveryFailure(pool: Pool, ids: string[], error: string): Promise<void> {
  await pool.query({
    text: `UPDATE notice_deliveries SET attempts = attempts + 1, last_error = $2
           WHERE id = ANY ($1::text[]) AND state = 'PENDING'`,
    values: [ids, error.slice(0, 2_000)],
  });
}

/** Sent, once: a retried record changes nothing. */
export async function markDeliveriesSent(pool: Pool, ids: string[]): Promise<void> {
  await pool.query({
    text: `UPDATE notice_deliveries SET state = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = NULL
           WHERE id = ANY ($1::text[]) AND state = 'PENDING'`,
    values: [ids],
  });
}

/** Dead: on the office's dead-letter list, with the last error, until the office retries it. */
export async function markDeliveriesDead(pool: Pool, ids: string[], run: number | undefined, error: string) {
  await pool.query({
    text: `UPDATE notice_deliveries SET state = 'DEAD', dead_at = now(), last_error = coalesce($3, last_error)
           WHERE id = ANY ($1::text[]) AND state = 'PENDING' AND ($2::int IS NULL OR run = $2)`,
    values: [ids, run ?? null, error ? error.slice(0, 2_000) : null],
  });
}

/**
 * Escalates the channel, not only the rung: an L1 notice still unread gets an SMS delivery — once (its id is the
 * notification's SMS delivery id), none when it went by SMS already, is read, or the person has no mobile. The relay
 * starts its workflow. Answers whether it wrote one.
 */
export async function addUnreadSmsDelivery(pool: Pool, notificationId: string): Promise<boolean> {
  const { rowCount } = await pool.query({
    text: `INSERT INTO notice_deliveries (id, notification_id, org_id, person_id, channel, address)
           SELECT $2, n.id, n.org_id, n.person_id, 'SMS', p.mobile
           FROM notifications n JOIN people p ON p.id = n.person_id
           WHERE n.id = $1 AND n.read_at IS NULL AND p.mobile IS NOT NULL AND p.active
           ON CONFLICT DO NOTHING`,
    values: [notificationId, deliveryId(notificationId, 'SMS')],
  });
  return (rowCount ?? 0) > 0;
}

/**
 * Drops, among `ids`, the SMS of an L1 notice read before the working hours passed (`unless_read`): it is not owed, and
 * nothing was sent. Answers how many.
 */
export async function dropReadWatches(pool: Pool, ids: string[]): Promise<number> {
  const { rowCount } = await pool.query({
    text: `DELETE FROM notice_deliveries d USING notifications n
           WHERE d.id = ANY ($1::text[]) AND d.unless_read AND d.state = 'PENDING'
             AND n.id = d.notification_id AND n.read_at IS NOT NULL`,
    values: [ids],
  });
  return rowCount ?? 0;
}
