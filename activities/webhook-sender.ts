import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { DeliveryOutcome, HeliMetrics } from '../config/heli-metrics';
import { findWebhookDelivery, recordWebhookAttempt } from '../db/queries/webhook-events';
import { postPinned, postWithFetch } from './pinned-post';
import { createTargetCheck, type WebhookTargetOptions } from './webhook-target';

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
  /** A fake receiver (tests): used in place of the pinned HTTP client, after the same target check. */
  fetch?: typeof fetch;
  now?: () => Date;
  metrics?: HeliMetrics;
  /** Where webhooks may go (WEBHOOK_ALLOWED_RANGES); absent: public addresses only. */
  webhookTargets?: WebhookTargetOptions;
}

/**
 * Posts webhook events to their unit's endpoint, signed, one attempt per call: used by the outbox dispatcher
 * (worker/webhook-dispatcher.ts) and by the `deliverWebhook` activity of tasks on the code before the kernel.
 */
export function createWebhookSender({
  db,
  fetch: send,
  now = () => new Date(),
  metrics,
  webhookTargets,
}: WebhookSenderDeps) {
  const targets = createTargetCheck(webhookTargets);
  const post = send ? postWithFetch(send) : postPinned;
  /** Counts one delivery attempt's outcome and answers it. */
  const count = <O extends DeliveryOutcome>(outcome: O): O => {
    metrics?.notificationDeliveries.inc({ outcome });
    if (outcome === 'FAILED' || outcome === 'REJECTED' || outcome === 'REFUSED') {
      metrics?.notificationDeliveryFailures.inc();
    }
    return outcome;
  };
  /** Records a failed attempt and throws it: retried later, or never when `permanent`. */
  const fail = async (eventId: string, message: string, permanent?: 'WebhookRejected' | 'WebhookTargetRefused') => {
    await recordWebhookAttempt(db, eventId, { delivered: false, error: message });
    if (permanent) throw ApplicationFailure.create({ type: permanent, nonRetryable: true, message });
    throw new Error(message);
  };
  return {
    /**
     * Posts one event at most once successfully. A failed attempt is counted and thrown so Temporal retries
     * it; a receiver may still see an event twice (an answer lost after it took it), so it dedupes by
     * the `x-heli-event-id` header. The target is checked before every attempt, its name resolved once and the
     * connection made to those addresses only: a refused target is a permanent failure, nothing is sent.
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
      const { url } = event.endpoint;
      const target = await targets.check(url);
      if (target.kind === 'REFUSED') {
        count('REFUSED');
        return fail(eventId, `POST ${url} refused before connecting: ${target.reason.en}`, 'WebhookTargetRefused');
      }
      if (target.kind === 'UNRESOLVED') {
        count('FAILED');
        return fail(eventId, `POST ${url} failed: ${target.error}`);
      }
      const timestamp = Math.floor(now().getTime() / 1000);
      let answer: { status: number; text: string };
      try {
        answer = await post(target.url, target.addresses, {
          headers: {
            'content-type': 'application/json',
            'x-heli-event-id': event.id,
            'x-heli-timestamp': String(timestamp),
            'x-heli-signature': signWebhook(event.endpoint.secret, timestamp, rawBody),
          },
          body: rawBody,
          timeoutMs: WEBHOOK_TIMEOUT_MS,
        });
      } catch (err) {
        count('FAILED');
        return fail(eventId, `POST ${url} failed: ${(err as Error).message}`);
      }
      const { status, text } = answer;
      if (status >= 200 && status < 300) {
        await recordWebhookAttempt(db, eventId, { delivered: true });
        return count('DELIVERED');
      }
      const message = `POST ${url} answered ${status}${text ? `: ${text.slice(0, 200)}` : ''}`;
      const permanent = isPermanentRejection(status);
      count(permanent ? 'REJECTED' : 'FAILED');
      return fail(eventId, message, permanent ? 'WebhookRejected' : undefined);
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
