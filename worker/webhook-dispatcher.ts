import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { claimDueWebhookEvents, releaseWebhookEvent } from '../db/queries/webhook-events';
import { createWebhookSender, type WebhookSenderDeps } from '../activities/webhook-sender';

/** At most this many attempts per event, about a day in all: as the workflow's delivery activity retried. */
export const MAX_WEBHOOK_ATTEMPTS = 16;

/** 10 s, 20 s, 40 s, … up to 2 h between attempts (attempt 1 failed → wait 10 s). */
export const retryDelaySeconds = (attempts: number): number => Math.min(10 * 2 ** Math.max(0, attempts - 1), 7_200);

export interface DispatcherOptions extends WebhookSenderDeps {
  db: Pool;
  logger?: Pick<Logger, 'warn'>;
  /** How often to look for due events when none were found (ms). */
  pollMs?: number;
  /** How many events one round claims. */
  batch?: number;
  /** How long a claim holds before another dispatcher may take the event over (a crashed process's events). */
  leaseSeconds?: number;
  /** The wait after the n-th failed attempt (default `retryDelaySeconds`). */
  backoff?: (attempts: number) => number;
}

export interface Dispatcher {
  /** Finishes the round in progress and stops. */
  stop(): Promise<void>;
}

/**
 * Delivers the webhook outbox (docs/architecture.md): claims due events with `FOR UPDATE SKIP LOCKED` and a lease,
 * so several worker processes share the work without sending one event twice; posts each once per round; a success
 * is recorded and never sent again; a failure waits with backoff, a permanent refusal (4xx) or the last attempt
 * gives up. A process killed after a receiver took an event but before it was marked may send it again when the
 * lease runs out: receivers dedupe by the `x-heli-event-id` header.
 */
export function startWebhookDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, logger, pollMs = 500, batch = 20, leaseSeconds = 60, backoff = retryDelaySeconds } = options;
  const sender = createWebhookSender(options);
  let stopped = false;
  let wake: (() => void) | undefined;

  async function deliver(eventId: string): Promise<void> {
    try {
      await sender.deliver(eventId);
    } catch (err) {
      const { rows } = await db.query<{ attempts: number }>('SELECT attempts FROM webhook_events WHERE id = $1', [
        eventId,
      ]);
      const attempts = rows[0]?.attempts ?? MAX_WEBHOOK_ATTEMPTS;
      const permanent = (err as { nonRetryable?: boolean }).nonRetryable === true;
      await releaseWebhookEvent(
        db,
        eventId,
        permanent || attempts >= MAX_WEBHOOK_ATTEMPTS ? { giveUp: true } : { retryInSeconds: backoff(attempts) },
      );
    }
  }

  async function round(): Promise<number> {
    const ids = await claimDueWebhookEvents(db, batch, leaseSeconds);
    await Promise.all(ids.map(deliver));
    return ids.length;
  }

  const loop = (async () => {
    while (!stopped) {
      const claimed = await round().catch((err: unknown) => {
        logger?.warn({ err }, 'webhook outbox: a round failed; trying again');
        return 0;
      });
      if (claimed === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, pollMs).unref();
        });
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
