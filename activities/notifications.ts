import type { Pool, PoolClient } from 'pg';
import type { Recipient } from '../procedures/kernel/recipients';
import type { HeliMetrics } from '../config/heli-metrics';
import { recordNotifications, writeNotifications, type RecipientSets } from '../db/queries/notifications';
import { inTransaction } from '../db/transaction';
import { createWebhookSender, type WebhookResult } from './webhook-sender';
import type { WebhookTargetOptions } from './webhook-target';

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
  /** Where webhooks may go (WEBHOOK_ALLOWED_RANGES); absent: public addresses only. */
  webhookTargets?: WebhookTargetOptions;
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

/** A notice of a procedure's step, as its machine words it: what happened, the text, and who receives it. */
export interface StepNotice {
  kind: string;
  title: string;
  body: string;
  recipients: Recipient[];
  /** Units whose webhook gets the event; default: the units the recipients name. */
  webhookUnitIds?: string[];
}

/**
 * One step of a procedure in ONE transaction (docs/architecture.md "One step, from HTTP to the read model"): its
 * read-model rows (`write`: snapshot, timeline entry, audit row) and its notices — every recipient's inbox entry and
 * the outbox rows of the units' webhooks, which the dispatcher delivers afterwards. Keyed by workflow id + step (a
 * step's second notice `<step>.2`, …), so that a retry or a replay writes nothing twice.
 */
export async function recordStep<E extends { workflowId: string; entry: { step: string } }>(
  db: Pool,
  e: E,
  write: (client: PoolClient, e: E) => Promise<unknown>,
  notices: { orgId: string; notices: StepNotice[] | StepNotice | undefined },
): Promise<void> {
  const { workflowId, entry } = e;
  await inTransaction(db, async (client) => {
    await write(client, e);
    for (const [i, n] of [notices.notices ?? []].flat().entries()) {
      await writeNotifications(client, {
        orgId: notices.orgId,
        workflowId,
        step: i === 0 ? entry.step : `${entry.step}.${i + 1}`,
        kind: n.kind,
        title: n.title,
        body: n.body,
        recipients: recipientSets(n.recipients),
        webhookUnitIds: n.webhookUnitIds ?? unitsNamedIn(n.recipients),
      });
    }
  });
}

/**
 * The notification activities: `notify` writes the inbox entries and webhook events of one workflow step;
 * `deliverWebhook` posts one event to its unit's endpoint (the workflow runs it per event id `notify` returns,
 * and Temporal's retry policy supplies the backoff).
 */
export function createNotificationActivities({
  db,
  fetch: send,
  now = () => new Date(),
  metrics,
  webhookTargets,
}: NotificationDeps) {
  const sender = createWebhookSender({ db, fetch: send, now, metrics, webhookTargets });
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
