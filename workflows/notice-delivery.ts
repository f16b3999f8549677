import { ActivityFailure, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { NoticeDeliveryActivities } from '../activities/notice-delivery';
import type { NoticeDeliveryInput, NoticeDeliveryOutcome, NoticePlan } from '../procedures/notice/messages';

/** Planning, recording and the L1 check: short, retried (backing off to a minute) until the database answers. */
const records = proxyActivities<NoticeDeliveryActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Sending: 30 s, 1 min, 2 min … up to 4 h between attempts, 12 attempts (about a day), then dead. Two minutes an
 * attempt: a robot's message may queue up to a minute behind its rate limit (activities/channels/rate-limit.ts), an
 * SMTP exchange gives up after 40 s; an attempt lost with a killed worker is tried again after that.
 */
const sending = proxyActivities<NoticeDeliveryActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '4 hours', maximumAttempts: 12 },
});

/** Sleeps (a durable timer) until `iso`, workflow time; nothing when it has passed. */
export async function sleepUntil(iso: string): Promise<void> {
  const ms = Date.parse(iso) - Date.now();
  if (ms > 0) await sleep(ms);
}

/** Sends `ids` once, then records them sent; the last failure (or a refusal for good) records them dead. */
export async function sendAndRecord(ids: string[], run?: number): Promise<'SENT' | 'DEAD' | 'SKIPPED'> {
  let sent: string[];
  try {
    sent = await sending.sendNoticeDelivery({ ids, ...(run !== undefined && { run }) });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    await records.recordNoticeDead({ ids, ...(run !== undefined && { run }), error: err.cause?.message ?? '' });
    return 'DEAD';
  }
  // Recorded by an activity of its own: a database away at this moment is retried, the message is not sent again.
  if (sent.length > 0) await records.recordNoticeSent({ ids: sent });
  return sent.length > 0 ? 'SENT' : 'SKIPPED';
}

/** Escalates the channel: at `plan.unreadSmsAt`, an L1 notice still unread is sent again by SMS (once). */
async function watchUnread(plan: NoticePlan): Promise<void> {
  if (!plan.unreadSmsAt) return;
  await sleepUntil(plan.unreadSmsAt);
  await records.resendUnreadBySms({ notificationId: plan.notificationId });
}

/**
 * One delivery of a notice (one person, one channel), started by the relay from the outbox (worker/notice-relay.ts)
 * with an id derived from the delivery's, so it runs once (issue 23, "delivery as durable work"). It asks an activity
 * when the notice may go (quiet hours, the digest hour, both in the organisation's time zone: the activity reads the
 * channels file and the person's preferences at the workflow's time, the workflow reads neither), sleeps until then
 * on a durable timer, sends with retries and backoff, and records SENT or DEAD. A digest's notice joins its digest's
 * workflow instead (`noticeDigest`), which sends the day's notices as one message.
 */
export async function noticeDelivery(input: NoticeDeliveryInput): Promise<NoticeDeliveryOutcome> {
  const plan = await records.planNoticeDelivery({ ...input, now: workflowInfo().runStartTime.toISOString() });
  if (plan.action === 'SKIP') return 'SKIPPED';
  const watching = watchUnread(plan);
  let outcome: NoticeDeliveryOutcome;
  if (plan.action === 'DIGEST') {
    await records.joinNoticeDigest({
      workflowId: plan.digestWorkflowId!,
      at: plan.digestAt!,
      deliveryId: input.deliveryId,
    });
    outcome = 'DIGEST';
  } else {
    await sleepUntil(plan.sendAt);
    outcome = await sendAndRecord([input.deliveryId], input.run);
  }
  await watching;
  return outcome;
}
