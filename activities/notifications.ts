import type { Pool } from 'pg';
import type { Recipient } from '../procedures/kernel/recipients';
import type { HeliMetrics } from '../config/heli-metrics';
import { recordNotifications, type RecipientSets } from '../db/queries/notifications';
import { createWebhookSender, type WebhookResult } from './webhook-sender';

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
  /** Who delivers the webhook events: the outbox dispatcher (default) or the calling workflow. */
  dispatch?: 'OUTBOX' | 'WORKFLOW';
}

export interface NotificationDeps {
  db: Pool;
  fetch?: typeof fetch;
  now?: () => Date;
  metrics?: HeliMetrics;
}

export function recipientSets(recipients: Recipient[]): RecipientSets {
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

export const unitsNamedIn = (recipients: Recipient[]): string[] => [
  ...new Set(recipients.flatMap((r) => ('unitId' in r ? [r.unitId] : []))),
];

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
  const sender = createWebhookSender({ db, fetch: send, now, metrics });
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
        dispatch: req.dispatch,
      });
    },

    /** Posts one event of a task still on the code from before the kernel (its workflow runs this activity). */
    deliverWebhook: ({ eventId }: { eventId: string }): Promise<WebhookResult> => sender.deliver(eventId),
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;

export type { Recipient, WebhookResult };
