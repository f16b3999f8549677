import { defineSignal } from '../kernel/definitions';

/**
 * The vocabulary of notice delivery as durable work (issue 23): one `noticeDelivery` workflow per delivery run, one
 * `noticeDigest` workflow per person, channel and digest moment.
 */

/** The workflow of one run of a delivery: the first run, then one per retry the office asks for (`-r1`, `-r2` …). */
export const deliveryWorkflowId = (deliveryId: string, run: number) =>
  run === 0 ? `notice-delivery-${deliveryId}` : `notice-delivery-${deliveryId}-r${run}`;

/** The digest of one person's notices on one channel at one digest moment (UTC, to the minute). */
export const digestWorkflowId = (personId: string, channel: string, at: string) =>
  `notice-digest-${personId}-${channel}-${at.slice(0, 16)}`;

export interface NoticeDeliveryInput {
  deliveryId: string;
  /** 0, then one more for each retry the office asks for; a run the office superseded stops. */
  run: number;
}

export interface NoticeDigestInput {
  /** The digest moment (ISO): the workflow sleeps until then, then sends what it gathered as one message. */
  at: string;
}

/** A delivery joins a digest (sent with signal-with-start; the same one twice is counted once). */
export const addToDigest = defineSignal<[deliveryId: string]>('addToDigest');

/** How a delivery run is to go, as the planning activity worked it out from the channels file and the calendar. */
export interface NoticePlan {
  /** SEND: at `sendAt`; DIGEST: joins `digestWorkflowId`; SKIP: sent, dead or superseded already. */
  action: 'SEND' | 'DIGEST' | 'SKIP';
  /** When it may be sent (ISO): at once, or the end of the person's quiet hours. */
  sendAt: string;
  digestWorkflowId?: string;
  digestAt?: string;
  /** An L1 notice: when to look whether it is still unread, and re-send it by SMS if so. */
  unreadSmsAt?: string;
  notificationId: string;
}

export type NoticeDeliveryOutcome = 'SENT' | 'DEAD' | 'DIGEST' | 'SKIPPED';
