import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Channel, NoticeMessage, SendResult } from '../activities/channels/channel';
import { emailChannel } from '../activities/channels/email';
import { robotChannel, type Post } from '../activities/channels/robots';
import { httpSmsGateway, smsChannel, type SignedPost } from '../activities/channels/sms';
import { watchNoticeChannels, type NoticeChannel, type NoticeChannelsConfig } from '../config/notice-channels';
import { readWorkingCalendar } from '../db/queries/calendar';
import { addWorkingHours } from '../activities/channels/working-hours';
import {
  claimDueDeliveries,
  escalateUnreadBySms,
  recordDeliveryAttempt,
  type DueDelivery,
  setNoticeRouting,
  type NoticeRouting,
} from '../db/queries/notice-deliveries';

/** At most this many attempts of one delivery (about a day with the backoff below), then it is dead. */
export const MAX_DELIVERY_ATTEMPTS = 12;

/** 30 s, 60 s, 2 min, … up to 4 h between attempts. */
export const deliveryRetrySeconds = (attempts: number): number => Math.min(30 * 2 ** Math.max(0, attempts - 1), 14_400);

/** The routing the channels file says: its policy, less the channels it does not configure; robots by unit. */
export function routingOf(config: () => NoticeChannelsConfig): NoticeRouting {
  const configured = (c: NoticeChannelsConfig): Record<NoticeChannel, boolean> => ({
    EMAIL: c.email !== undefined,
    SMS: c.sms !== undefined,
    DINGTALK: c.dingtalk.length > 0,
    WECOM: c.wecom.length > 0,
  });
  return {
    channelsFor(kind) {
      const c = config();
      const on = configured(c);
      return (c.policy[kind] ?? c.policy.default).filter((ch) => on[ch]);
    },
    digestAt(kind) {
      const d = config().digest;
      return d?.kinds.includes(kind) ? d.at : undefined;
    },
    robotFor(platform, unitId) {
      const c = config();
      return (platform === 'DINGTALK' ? c.dingtalk : c.wecom).find((r) => r.unitIds.includes(unitId))?.name;
    },
  };
}

/**
 * The message of a delivery: the notice's text and the link back to the object in the workspace, which names the
 * inbox entry so that opening it is a read receipt (`?notice=`).
 */
export function messageOf(d: DueDelivery, baseUrl: string): NoticeMessage {
  const link = (taskId: string) => {
    const url = new URL(`/tasks/${encodeURIComponent(taskId)}`, baseUrl);
    url.searchParams.set('notice', d.notificationId);
    return url.toString();
  };
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    body: d.body,
    ...(d.taskId && { link: link(d.taskId) }),
    ...(d.mobile && { atMobile: d.mobile }),
  };
}

/** A day's low-priority notices of one person as one message: how many, and each title; the link to the inbox. */
export function digestOf(group: DueDelivery[], baseUrl: string): NoticeMessage {
  return {
    id: group[0]!.id,
    kind: 'DIGEST',
    title: `今日通知汇总（${group.length}条）`,
    body: group.map((d, i) => `${i + 1}. ${d.title}`).join('\n'),
    link: new URL('/notifications', baseUrl).toString(),
  };
}

export interface NoticeDispatcherOptions {
  db: Pool;
  /** The channels file as it is now (re-read when it changes). */
  config: () => NoticeChannelsConfig;
  logger?: Pick<Logger, 'warn'>;
  pollMs?: number;
  batch?: number;
  /** Robots may queue a minute for their rate limit: the lease covers that. */
  leaseSeconds?: number;
  backoff?: (attempts: number) => number;
  maxAttempts?: number;
  /** How often to look for unread L1 notices to re-send by SMS (ms). */
  sweepMs?: number;
  /** Test doubles for HTTP (robots, SMS gateway); default: fetch. */
  post?: Post;
  signedPost?: SignedPost;
}

/**
 * Delivers the notice outbox (`notice_deliveries`): claims due deliveries with a lease (`FOR UPDATE SKIP LOCKED`),
 * sends each through its channel, records SENT once, retries with backoff, and ends a permanently refused address
 * or the last attempt DEAD, on the office's dead-letter list. The platform ids (delivery id in the e-mail header,
 * SMS request) let a receiver drop the one duplicate a crash between its answer and our record can cause.
 */
export function startNoticeDispatcher(options: NoticeDispatcherOptions) {
  const {
    db,
    config,
    logger,
    pollMs = 1_000,
    batch = 20,
    leaseSeconds = 180,
    backoff = deliveryRetrySeconds,
    maxAttempts = MAX_DELIVERY_ATTEMPTS,
    sweepMs = 60_000,
  } = options;
  const channels: Record<NoticeChannel, Channel> = {
    EMAIL: emailChannel(() => config().email),
    SMS: smsChannel(
      () => config().sms,
      httpSmsGateway(() => config().sms, { post: options.signedPost }),
    ),
    DINGTALK: robotChannel('DINGTALK', () => config().dingtalk, { post: options.post }),
    WECOM: robotChannel('WECOM', () => config().wecom, { post: options.post }),
  };
  let stopped = false;
  let wake: (() => void) | undefined;

  /**
   * A message the channel took is recorded SENT even if the database is away for a while (a restart, a failover):
   * tried again each second while the claim holds, since a claim that lapses unrecorded is sent a second time.
   */
  async function recordSent(id: string, claimedAt: number): Promise<void> {
    for (;;) {
      try {
        return await recordDeliveryAttempt(db, id, { sent: true });
      } catch (err) {
        if (stopped || Date.now() - claimedAt > (leaseSeconds - 5) * 1000) throw err;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  async function deliver(d: DueDelivery, group: DueDelivery[] = [d]): Promise<void> {
    const claimedAt = Date.now();
    const message = group.length > 1 ? digestOf(group, config().baseUrl) : messageOf(d, config().baseUrl);
    const result: SendResult = await channels[d.channel]
      .send(message, d.address)
      .catch((err: unknown) => ({ outcome: 'RETRY', error: String((err as Error).message ?? err) }));
    for (const g of group) {
      if (result.outcome === 'DELIVERED') {
        await recordSent(g.id, claimedAt);
        continue;
      }
      const last = result.outcome === 'PERMANENT' || g.attempts + 1 >= maxAttempts;
      await recordDeliveryAttempt(db, g.id, {
        sent: false,
        error: result.error,
        ...(!last && {
          retryInSeconds: Math.max(
            result.outcome === 'RETRY' ? (result.retryAfterSeconds ?? 0) : 0,
            backoff(g.attempts + 1),
          ),
        }),
      });
    }
  }

  /** Unread L1 notices re-sent by SMS, looked for at most every `sweepMs`. */
  let swept = 0;
  async function sweepUnread(): Promise<void> {
    const c = config();
    const hours = c.unreadL1BySmsAfterWorkingHours;
    if (hours === undefined || !c.sms || Date.now() - swept < sweepMs) return;
    swept = Date.now();
    const now = new Date();
    const calendars = new Map<string, ReturnType<typeof readWorkingCalendar>>();
    await escalateUnreadBySms(db, async (orgId, createdAt) => {
      const year = createdAt.getUTCFullYear();
      const key = `${orgId}:${year}`;
      if (!calendars.has(key)) calendars.set(key, readWorkingCalendar(db, orgId, year, year + 1));
      return addWorkingHours(await calendars.get(key)!, createdAt, hours) <= now;
    });
  }

  async function round(): Promise<number> {
    await sweepUnread();
    const due = await claimDueDeliveries(db, batch, leaseSeconds);
    // A person's due digest deliveries of one channel go as one message.
    const digests = new Map<string, DueDelivery[]>();
    for (const d of due.filter((x) => x.digest)) {
      const key = `${d.personId}\n${d.channel}\n${d.address}`;
      digests.set(key, [...(digests.get(key) ?? []), d]);
    }
    await Promise.all([
      ...due.filter((x) => !x.digest).map((d) => deliver(d)),
      ...[...digests.values()].map((group) => deliver(group[0]!, group)),
    ]);
    return due.length;
  }

  const loop = (async () => {
    while (!stopped) {
      const claimed = await round().catch((err: unknown) => {
        logger?.warn({ err: (err as Error).message }, 'notice outbox: a round failed; trying again');
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

/**
 * The worker's notice channels from NOTICE_CHANNELS_FILE: the routing every step's notices follow in this process and
 * the dispatcher that sends them. A file that does not parse at start stops the worker with every problem named;
 * one edited badly later keeps the last good settings, with a warning (never a secret's value).
 */
export function startNoticeChannels(file: string, db: Pool, logger: Pick<Logger, 'warn' | 'info'>) {
  const watched = watchNoticeChannels(file);
  let warned: string | undefined;
  const config = () => {
    const c = watched.current();
    const problem = watched.problem();
    if (problem && problem !== warned) logger.warn({ file }, `notice channels file kept as before: ${problem}`);
    warned = problem;
    return c;
  };
  setNoticeRouting(routingOf(config));
  const dispatcher = startNoticeDispatcher({ db, config, logger });
  logger.info({ file }, 'notice channels are on');
  return {
    async stop() {
      await dispatcher.stop();
      setNoticeRouting(undefined);
    },
  };
}
