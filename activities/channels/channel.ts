/** One notice as a channel sends it: what happened, the text, and the link back to the object in the workspace. */
export interface NoticeMessage {
  /** The delivery's id: a receiver that sees it twice (an answer lost) can tell. */
  id: string;
  kind: string;
  title: string;
  body: string;
  /** The object in the workspace (a task, a meeting …), absolute; absent when the notice has none. */
  link?: string;
  /** The person's mobile, for an @ in a group robot's message (where the platform allows it). */
  atMobile?: string;
}

/** How one attempt went: delivered, worth trying again later, or never going to work (the address is wrong). */
export type SendResult =
  | { outcome: 'DELIVERED' }
  | { outcome: 'RETRY'; error: string; retryAfterSeconds?: number }
  | { outcome: 'PERMANENT'; error: string };

/** A way out of Heli to a person: e-mail, SMS, a group robot. Each adapter sends one message to one address. */
export interface Channel {
  send(message: NoticeMessage, address: string): Promise<SendResult>;
}

/** An HTTP status as a result: 2xx delivered; 408, 429 and 5xx later; any other 4xx never. */
export function httpResult(status: number, text: string): SendResult {
  if (status >= 200 && status < 300) return { outcome: 'DELIVERED' };
  const error = `answered ${status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  return status >= 400 && status < 500 && status !== 408 && status !== 429
    ? { outcome: 'PERMANENT', error }
    : { outcome: 'RETRY', error };
}

/** Cuts a text to `max` characters (code points), marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
