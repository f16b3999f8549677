import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { watchNoticeChannels, type NoticeChannel, type NoticeChannelsConfig } from '../config/notice-channels';
import { listUnstartedDeliveries, markDeliveryStarted } from '../db/queries/notice-delivery-runs';
import { setNoticeRouting, type NoticeRouting } from '../db/queries/notice-deliveries';
import { deliveryWorkflowId, type NoticeDeliveryInput } from '../procedures/notice/messages';

export { digestOf, messageOf } from '../activities/channels/messages';
export { deliveryRetrySeconds } from '../activities/notice-delivery';

/** At most this many attempts of one delivery (about a day with the backoff), then it is dead. */
export const MAX_DELIVERY_ATTEMPTS = 12;

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
    unreadL1BySms() {
      const c = config();
      return c.sms !== undefined && c.unreadL1BySmsAfterWorkingHours !== undefined;
    },
    robotFor(platform, unitId) {
      const c = config();
      return (platform === 'DINGTALK' ? c.dingtalk : c.wecom).find((r) => r.unitIds.includes(unitId))?.name;
    },
  };
}

export interface NoticeRelayOptions {
  db: Pool;
  temporal: Client;
  taskQueue: string;
  logger?: Pick<Logger, 'warn'>;
  pollMs?: number;
  batch?: number;
}

/**
 * Starts one workflow for each delivery run in the outbox (`notice_deliveries`, written in the step's transaction) and
 * marks it started. The workflow id is the delivery's (`notice-delivery-<id>`, `-r<run>` after the office's retries)
 * and a duplicate is refused (REJECT_DUPLICATE, even once the first run has closed), so a crash between the start
 * and the mark, or two relays, start it once: the workflow then plans, sends, retries and records it.
 */
export async function relayDeliveries(o: Pick<NoticeRelayOptions, 'db' | 'temporal' | 'taskQueue' | 'batch'>) {
  const due = await listUnstartedDeliveries(o.db, o.batch ?? 50);
  for (const { id, run } of due) {
    const input: NoticeDeliveryInput = { deliveryId: id, run };
    try {
      await o.temporal.workflow.start('noticeDelivery', {
        workflowId: deliveryWorkflowId(id, run),
        taskQueue: o.taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    await markDeliveryStarted(o.db, id, run);
  }
  return due.length;
}

/** The relay as a loop beside the worker: every `pollMs` while there is nothing to start. */
export function startNoticeRelay(options: NoticeRelayOptions) {
  const { logger, pollMs = 1_000 } = options;
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      const started = await relayDeliveries(options).catch((err: unknown) => {
        logger?.warn({ err: (err as Error).message }, 'notice outbox: relaying failed; trying again');
        return 0;
      });
      if (started === 0 && !stopped) {
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
 * The worker's notice channels from NOTICE_CHANNELS_FILE: the settings the delivery activities read and the routing
 * every step's notices follow in this process. A file that does not parse at start stops the worker with every
 * problem named; one edited badly later keeps the last good settings, with a warning (never a secret's value).
 */
export function watchChannelsFile(file: string, logger: Pick<Logger, 'warn' | 'info'>) {
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
  logger.info({ file }, 'notice channels are on');
  return { config, stop: () => setNoticeRouting(undefined) };
}

/** The channels file watched and the relay started: what the worker process runs beside the worker. */
export function startNoticeChannels(
  channels: ReturnType<typeof watchChannelsFile>,
  relay: Omit<NoticeRelayOptions, 'pollMs' | 'batch'>,
) {
  const relaying = startNoticeRelay(relay);
  return {
    async stop() {
      await relaying.stop();
      channels.stop();
    },
  };
}
