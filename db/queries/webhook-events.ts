import type { Pool } from 'pg';

export interface WebhookDelivery {
  id: string;
  unitId: string;
  kind: string;
  payload: { taskId: string | null; title: string; body: string };
  createdAt: Date;
  deliveredAt: Date | null;
  /** The unit's endpoint now; null when it has none (any more). */
  endpoint: { url: string; secret: string } | null;
}

/** A webhook event with the endpoint its unit has now, if the event exists. */
export async function findWebhookDelivery(pool: Pool, eventId: string): Promise<WebhookDelivery | undefined> {
  const { rows } = await pool.query<Omit<WebhookDelivery, 'endpoint'> & { url: string | null; secret: string | null }>({
    text: `SELECT e.id, e.unit_id AS "unitId", e.kind, e.payload, e.created_at AS "createdAt",
             e.delivered_at AS "deliveredAt", w.url, w.secret
           FROM webhook_events e LEFT JOIN webhook_endpoints w ON w.unit_id = e.unit_id WHERE e.id = $1`,
    values: [eventId],
  });
  const row = rows[0];
  if (!row) return undefined;
  const { url, secret, ...event } = row;
  return { ...event, endpoint: url !== null && secret !== null ? { url, secret } : null };
}

/** Counts one delivery attempt: delivered (only the first success sets the time) or failed with its error. */
export async function recordWebhookAttempt(
  pool: Pool,
  eventId: string,
  outcome: { delivered: true } | { delivered: false; error: string },
): Promise<void> {
  await pool.query(
    outcome.delivered
      ? {
          text: `UPDATE webhook_events SET delivered_at = now(), attempts = attempts + 1, last_error = NULL
                 WHERE id = $1 AND delivered_at IS NULL`,
          values: [eventId],
        }
      : {
          text: 'UPDATE webhook_events SET attempts = attempts + 1, last_error = $2 WHERE id = $1',
          values: [eventId, outcome.error.slice(0, 2_000)],
        },
  );
}

/**
 * Claims up to `limit` outbox events that are due, for `leaseSeconds`: a second dispatcher (another worker process)
 * skips them meanwhile, and takes them over only if this one died holding them.
 */
export async function claimDueWebhookEvents(pool: Pool, limit: number, leaseSeconds: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>({
    text: `UPDATE webhook_events SET claimed_until = now() + make_interval(secs => $2)
           WHERE id IN (
             SELECT id FROM webhook_events
             WHERE dispatch = 'OUTBOX' AND delivered_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= now()
               AND (claimed_until IS NULL OR claimed_until < now())
             ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING id`,
    values: [limit, leaseSeconds],
  });
  return rows.map((r) => r.id);
}

/** Releases a claimed event after a failed attempt: tried again after `retryInSeconds`, or never again. */
export async function releaseWebhookEvent(
  pool: Pool,
  eventId: string,
  next: { retryInSeconds: number } | { giveUp: true },
): Promise<void> {
  await pool.query(
    'giveUp' in next
      ? { text: 'UPDATE webhook_events SET claimed_until = NULL, gave_up_at = now() WHERE id = $1', values: [eventId] }
      : {
          text: `UPDATE webhook_events SET claimed_until = NULL, next_attempt_at = now() + make_interval(secs => $2)
                 WHERE id = $1`,
          values: [eventId, next.retryInSeconds],
        },
  );
}
