import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { NoticeChannel, NoticeChannelsConfig } from '../config/notice-channels';
import { readWorkingCalendar } from '../db/queries/calendar';
import {
  addUnreadSmsDelivery,
  dropReadWatches,
  markDeliveriesDead,
  markDeliveriesSent,
  noteDeliveryFailure,
  readDeliveryFacts,
  readPendingDeliveries,
} from '../db/queries/notice-delivery-runs';
import { addToDigest, digestWorkflowId, type NoticeDigestInput, type NoticePlan } from '../procedures/notice/messages';
import type { Channel, SendResult } from './channels/channel';
import { emailChannel } from './channels/email';
import { digestOf, messageOf } from './channels/messages';
import { robotChannel, type Post } from './channels/robots';
import { httpSmsGateway, smsChannel, type SignedPost } from './channels/sms';
import { addWorkingHours } from './channels/working-hours';

export interface NoticeDeliveryDeps {
  db: Pool;
  /** The channels file as it is now (re-read when it changes); undefined: the deployment has none. */
  config: () => NoticeChannelsConfig | undefined;
  /** Starts or feeds a digest workflow (signal-with-start) on `taskQueue`. */
  temporal?: Client;
  taskQueue?: string;
  /** Test doubles for HTTP (robots, SMS gateway); default: fetch. */
  post?: Post;
  signedPost?: SignedPost;
}

/** 30 s, 60 s, 2 min … up to 4 h: the send activity's retry policy (workflows/notice-delivery.ts) as a number. */
export const deliveryRetrySeconds = (attempt: number): number => Math.min(30 * 2 ** Math.max(0, attempt - 1), 14_400);

/**
 * The activities of one delivery (issue 23): plan its moment, send it, record it. The channels (and each robot's
 * rate limiter) live as long as the worker, so a robot's messages queue behind its window across activities.
 */
export function createNoticeDeliveryActivities(deps: NoticeDeliveryDeps) {
  const { db } = deps;
  const config = (): NoticeChannelsConfig => {
    const c = deps.config();
    if (!c) throw ApplicationFailure.create({ type: 'NO_NOTICE_CHANNELS', message: 'no NOTICE_CHANNELS_FILE' });
    return c;
  };
  const settings = () => deps.config();
  const channels: Record<NoticeChannel, Channel> = {
    EMAIL: emailChannel(() => settings()?.email),
    SMS: smsChannel(
      () => settings()?.sms,
      httpSmsGateway(() => settings()?.sms, { post: deps.signedPost }),
    ),
    DINGTALK: robotChannel('DINGTALK', () => settings()?.dingtalk ?? [], { post: deps.post }),
    WECOM: robotChannel('WECOM', () => settings()?.wecom ?? [], { post: deps.post }),
  };

  return {
    /**
     * When a delivery may go, at `now` (the workflow's time, so that Temporal's clock decides): at once, after the
     * person's quiet hours (an urgent notice by SMS excepted), or with the next digest; and for an L1 notice, when
     * N working hours (the organisation's calendar) have passed, to re-send it by SMS if still unread.
     */
    async planNoticeDelivery(p: { deliveryId: string; run: number; now: string }): Promise<NoticePlan> {
      const c = config();
      const facts = await readDeliveryFacts(db, p.deliveryId, p.now, c.digest);
      if (!facts || facts.state !== 'PENDING' || facts.run !== p.run) {
        return { action: 'SKIP', sendAt: p.now, notificationId: facts?.notificationId ?? '' };
      }
      const hours = c.unreadL1BySmsAfterWorkingHours;
      let unreadSmsAt: string | undefined;
      if (
        facts.kind === 'ESCALATION_L1' &&
        hours !== undefined &&
        c.sms &&
        (facts.watchesReading || facts.unlessRead)
      ) {
        const from = new Date(p.now);
        const year = from.getUTCFullYear();
        const calendar = await readWorkingCalendar(db, facts.orgId, year, year + 1);
        unreadSmsAt = addWorkingHours(calendar, from, hours).toISOString();
      }
      // The SMS of an L1 notice no other channel carried: it goes when the working hours have passed, if still unread.
      if (facts.unlessRead) {
        // No longer asked for (the channels file changed): nothing goes.
        if (!unreadSmsAt) return { action: 'SKIP', sendAt: p.now, notificationId: facts.notificationId };
        return { action: 'SEND', sendAt: unreadSmsAt, notificationId: facts.notificationId };
      }
      const base = { notificationId: facts.notificationId, ...(unreadSmsAt && { unreadSmsAt }) };
      if (facts.digestAt) {
        const at = facts.digestAt.toISOString();
        const digest = digestWorkflowId(facts.personId, facts.channel, at);
        return { ...base, action: 'DIGEST', sendAt: at, digestAt: at, digestWorkflowId: digest };
      }
      return { ...base, action: 'SEND', sendAt: (facts.quietUntil ?? new Date(p.now)).toISOString() };
    },

    /**
     * Sends the pending deliveries among `ids` (one, or a digest's) through their channel as one message; answers the
     * ids it sent (none: sent, dead or superseded already). A failure is counted on the rows and thrown: retryable
     * (the workflow's retry policy backs off; a platform's "too fast" waits at least what it asks), or, for an
     * address the channel refuses for good (SMTP 5xx, HTTP 4xx, a robot's bad token), non-retryable.
     */
    async sendNoticeDelivery(p: { ids: string[]; run?: number }): Promise<string[]> {
      const c = config();
      await dropReadWatches(db, p.ids);
      const group = await readPendingDeliveries(db, p.ids, p.run);
      const first = group[0];
      if (!first) return [];
      const message = group.length > 1 ? digestOf(group, c.baseUrl) : messageOf(first, c.baseUrl);
      const result: SendResult = await channels[first.channel]
        .send(message, first.address)
        .catch((err: unknown) => ({ outcome: 'RETRY', error: String((err as Error).message ?? err) }));
      if (result.outcome === 'DELIVERED') return group.map((d) => d.id);
      const ids = group.map((d) => d.id);
      await noteDeliveryFailure(db, ids, result.error);
      if (result.outcome === 'PERMANENT') {
        throw ApplicationFailure.create({ type: 'DELIVERY_REFUSED', message: result.error, nonRetryable: true });
      }
      const backoff = deliveryRetrySeconds(Context.current().info.attempt);
      const wait = result.retryAfterSeconds;
      throw ApplicationFailure.create({
        type: 'DELIVERY_FAILED',
        message: result.error,
        ...(wait !== undefined && wait > backoff && { nextRetryDelay: `${wait}s` }),
      });
    },

    /** Records deliveries sent, once (a retried record changes nothing). */
    async recordNoticeSent(p: { ids: string[] }): Promise<void> {
      await markDeliveriesSent(db, p.ids);
    },

    /** Records deliveries dead, on the office's dead-letter list (a run the office superseded is left alone). */
    async recordNoticeDead(p: { ids: string[]; run?: number; error: string }): Promise<void> {
      await markDeliveriesDead(db, p.ids, p.run, p.error);
    },

    /** Adds a delivery to its digest: starts the digest's workflow, or signals it when it runs already. */
    async joinNoticeDigest(p: { workflowId: string; at: string; deliveryId: string }): Promise<void> {
      if (!deps.temporal || !deps.taskQueue) throw new Error('notice digests need a Temporal client and task queue');
      const input: NoticeDigestInput = { at: p.at };
      await deps.temporal.workflow.signalWithStart('noticeDigest', {
        workflowId: p.workflowId,
        taskQueue: deps.taskQueue,
        args: [input],
        signal: addToDigest,
        signalArgs: [p.deliveryId],
      });
    },

    /** An L1 notice still unread gets an SMS delivery, once; the relay starts it. Answers whether one was added. */
    async resendUnreadBySms(p: { notificationId: string }): Promise<boolean> {
      if (!config().sms) return false;
      return addUnreadSmsDelivery(db, p.notificationId);
    },
  };
}

export type NoticeDeliveryActivities = ReturnType<typeof createNoticeDeliveryActivities>;
