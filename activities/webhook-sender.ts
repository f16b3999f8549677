import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { DeliveryOutcome, HeliMetrics } from '../config/heli-metrics';
import { findWebhookDelivery, recordWebhookAttempt } from '../db/queries/webhook-events';

export type WebhookResult = 'DELIVERED' | 'ALREADY_DELIVERED' | 'NO_ENDPOINT';

/** How long a receiver may take to answer one delivery. */
const WEBHOOK_TIMEOUT_MS = 10_000;

/** The signature a receiver recomputes: HMAC-SHA256 of "<timestamp>.<raw body>" with the unit's secret. */
export const signWebhook = (secret: string, timestamp: number, rawBody: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;

/** 408 and 429 say "try later"; any other 4xx says the receiver will never take this event. */
const isPermanentRejection = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

export interface WebhookSenderDeps {
  db: Pool;
  fetch?: typeof fetch;
  now?: () => Date;
  metrics?: HeliMetrics;
}

/**
 * Posts webhook events to their unit's endpoint, signed, one attempt per call: used by the outbox dispatcher
 * (worker/webhook-dispatcher.ts) and by the `deliverWebhook` activity of tasks on the code before the kernel.
 */
export function createWebhookSender({ db, fetch: send = fetch, now = () => new Date(), metrics }: WebhookSenderDeps) {
  /** Counts one delivery attempt's outcome and answers it. */
  const count = <O extends DeliveryOutcome>(outcome: O): O => {
    metrics?.notificationDeliveries.inc({ outcome });
    if (outcome === 'FAILED' || outcome === 'REJECTED') metrics?.notificationDeliveryFailures.inc();
    return outcome;
  };
  return {
    /**
     * Posts one event at most once successfully. A failed attempt is counted and thrown so Temporal retries
     * it; a receiver may still see an event twice (an answer lost after it took it), so it dedupes by
     * the `x-heli-event-id` header.
     */
    async deliver(eventId: string): Promise<WebhookResult> {
      const event = await findWebhookDelivery(db, eventId);
      if (!event) {
        throw ApplicationFailure.create({
          type: 'WebhookEventNotFound',
          nonRetryable: true,
          message: `no webhook event ${eventId}`,
        });
      }
      if (event.deliveredAt) return count('ALREADY_DELIVERED');
      if (!event.endpoint) return count('NO_ENDPOINT');
      const rawBody = JSON.stringify({
        id: event.id,
        kind: event.kind,
        unitId: event.unitId,
        taskId: event.payload.taskId,
        title: event.payload.title,
        body: event.payload.body,
        createdAt: new Date(event.createdAt).toISOString(),
      });
      const timestamp = Math.floor(now().getTime() / 1000);
      let status: number;
      let answer = '';
      try {
        const res = await send(event.endpoint.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-heli-event-id': event.id,
            'x-heli-timestamp': String(timestamp),
            'x-heli-signature': signWebhook(event.endpoint.secret, timestamp, rawBody),
          },
          body: rawBody,
          redirect: 'manual',
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        status = res.status;
        answer = await res.text().catch(() => '');
      } catch (err) {
        const message = `POST ${event.endpoint.url} failed: ${(err as Error).message}`;
        await recordWebhookAttempt(db, eventId, { delivered: false, error: message });
        count('FAILED');
        throw new Error(message);
      }
      if (status >= 200 && status < 300) {
        await recordWebhookAttempt(db, eventId, { delivered: true });
        return count('DELIVERED');
      }
      const message = `POST ${event.endpoint.url} answered ${status}${answer ? `: ${answer.slice(0, 200)}` : ''}`;
      await recordWebhookAttempt(db, eventId, { delivered: false, error: message });
      count(isPermanentRejection(status) ? 'REJECTED' : 'FAILED');
      if (isPermanentRejection(status)) {
        throw ApplicationFailure.create({ type: 'WebhookRejected', nonRetryable: true, message });
      }
      throw new Error(message);
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
