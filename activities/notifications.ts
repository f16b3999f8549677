import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import type { Recipient } from '../procedures/kernel/recipients';
import type { DeliveryOutcome, HeliMetrics } from '../config/heli-metrics';
import {
  findWebhookDelivery,
  recordNotifications,
  recordWebhookAttempt,
  type RecipientSets,
} from '../db/queries/notifications';

export interface NotificationRequest {
  /** With `step`, the key of this notification: the same pair again (a retry) writes nothing new. */
  workflowId: string;
  step: string;
  orgId: string;
  taskId?: string;
  /** What happened, e.g. the task step: 'ASSIGNED', 'REMINDER', 'ESCALATION_L2' */
  kind: string;
  /** Chinese text written by the caller (see notification-texts.ts). */
  title: string;
  body: string;
  recipients: Recipient[];
  /** Units whose webhook (if configured) gets this event; default: the units named in UNIT/UNIT_HEAD/UNIT_LEADER recipients. */
  webhookUnitIds?: string[];
}

export type WebhookResult = 'DELIVERED' | 'ALREADY_DELIVERED' | 'NO_ENDPOINT';

export interface NotificationDeps {
  db: Pool;
  fetch?: typeof fetch;
  now?: () => Date;
  metrics?: HeliMetrics;
}

/** How long a receiver may take to answer one delivery. */
const WEBHOOK_TIMEOUT_MS = 10_000;

function recipientSets(recipients: Recipient[]): RecipientSets {
  const sets: RecipientSets = {
    personIds: [],
    headOfUnitIds: [],
    memberOfUnitIds: [],
    leaderOfUnitIds: [],
    officeOrgIds: [],
    groupOrgIds: [],
  };
  for (const r of recipients) {
    if (r.kind === 'PERSON') sets.personIds.push(r.personId);
    else if (r.kind === 'UNIT_HEAD') sets.headOfUnitIds.push(r.unitId);
    else if (r.kind === 'UNIT') sets.memberOfUnitIds.push(r.unitId);
    else if (r.kind === 'UNIT_LEADER') sets.leaderOfUnitIds.push(r.unitId);
    else if (r.kind === 'OFFICE') sets.officeOrgIds.push(r.orgId);
    else sets.groupOrgIds.push(r.orgId);
  }
  return sets;
}

const unitsNamedIn = (recipients: Recipient[]): string[] => [
  ...new Set(recipients.flatMap((r) => ('unitId' in r ? [r.unitId] : []))),
];

/** The signature a receiver recomputes: HMAC-SHA256 of "<timestamp>.<raw body>" with the unit's secret. */
export const signWebhook = (secret: string, timestamp: number, rawBody: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;

/** 408 and 429 say "try later"; any other 4xx says the receiver will never take this event. */
const isPermanentRejection = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

/**
 * The notification activities: `notify` writes the inbox entries and webhook events of one workflow step;
 * `deliverWebhook` posts one event to its unit's endpoint (the workflow runs it per event id `notify` returns,
 * and Temporal's retry policy supplies the backoff).
 */
export function createNotificationActivities({
  db,
  fetch: send = fetch,
  now = () => new Date(),
  metrics,
}: NotificationDeps) {
  /** Counts one delivery attempt's outcome and answers it. */
  const count = <O extends DeliveryOutcome>(outcome: O): O => {
    metrics?.notificationDeliveries.inc({ outcome });
    if (outcome === 'FAILED' || outcome === 'REJECTED') metrics?.notificationDeliveryFailures.inc();
    return outcome;
  };
  return {
    async notify(req: NotificationRequest): Promise<{ notified: string[]; webhookEventIds: string[] }> {
      return recordNotifications(db, {
        orgId: req.orgId,
        workflowId: req.workflowId,
        step: req.step,
        taskId: req.taskId,
        kind: req.kind,
        title: req.title,
        body: req.body,
        recipients: recipientSets(req.recipients),
        webhookUnitIds: req.webhookUnitIds ?? unitsNamedIn(req.recipients),
      });
    },

    /**
     * Posts one event at most once successfully. A failed attempt is counted and thrown so Temporal retries
     * it; a receiver may still see an event twice (an answer lost after it took it), so it dedupes by
     * the `x-heli-event-id` header.
     */
    async deliverWebhook({ eventId }: { eventId: string }): Promise<WebhookResult> {
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

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;

export type { Recipient };
