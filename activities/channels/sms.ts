import { createHmac, randomUUID } from 'node:crypto';
import type { SmsConfig } from '../../config/notice-channels';
import { clip, httpResult, type Channel, type NoticeMessage } from './channel';

/** What an SMS gateway does: send one short text to one mobile number. */
export interface SmsGateway {
  send(mobile: string, text: string, id: string): ReturnType<Channel['send']>;
}

/**
 * The SMS text: the signature, the notice's title and where to look — never its body (names, case details stay in
 * Heli), cut to one message's length.
 */
export function smsText(m: NoticeMessage, c: Pick<SmsConfig, 'signName' | 'maxLength'>): string {
  const tail = '，请登录合力平台查看。';
  const room = c.maxLength - [...c.signName].length - [...tail].length;
  return `${c.signName}${clip(m.title, Math.max(room, 8))}${tail}`;
}

/**
 * The signature of a gateway request: hex HMAC-SHA256 with the key over
 * "<timestamp>\n<nonce>\n<raw body>", sent as x-sms-key-id, x-sms-timestamp, x-sms-nonce, x-sms-signature.
 */
export const signSmsRequest = (key: string, timestamp: number, nonce: string, rawBody: string): string =>
  createHmac('sha256', key).update(`${timestamp}\n${nonce}\n${rawBody}`).digest('hex');

/** The reference gateway: a signed JSON POST `{ id, mobile, text }`; 2xx sent, 4xx never, the rest later. */
export type SignedPost = (
  url: string,
  body: string,
  headers: Record<string, string>,
) => Promise<{ status: number; text: string }>;

export function httpSmsGateway(
  settings: () => SmsConfig | undefined,
  deps: { post?: SignedPost; now?: () => number } = {},
): SmsGateway {
  const { now = Date.now } = deps;
  const post: SignedPost =
    deps.post ??
    (async (url, body, headers) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      return { status: res.status, text: await res.text() };
    });
  return {
    async send(mobile: string, text: string, id: string) {
      const c = settings();
      if (!c) return { outcome: 'RETRY' as const, error: 'SMS is not configured' };
      const body = JSON.stringify({ id, mobile, text });
      const timestamp = Math.floor(now() / 1000);
      const nonce = randomUUID();
      try {
        const { status, text: answer } = await post(c.url, body, {
          'x-sms-key-id': c.keyId,
          'x-sms-timestamp': String(timestamp),
          'x-sms-nonce': nonce,
          'x-sms-signature': signSmsRequest(c.key.reveal(), timestamp, nonce, body),
        });
        return httpResult(status, answer);
      } catch (err) {
        return { outcome: 'RETRY' as const, error: `SMS gateway: ${(err as Error).message}` };
      }
    },
  };
}

/** SMS as a channel: the short text of a notice through a gateway. */
export function smsChannel(settings: () => SmsConfig | undefined, gateway: SmsGateway): Channel {
  return {
    async send(m, mobile) {
      const c = settings();
      if (!c) return { outcome: 'RETRY', error: 'SMS is not configured' };
      return gateway.send(mobile, smsText(m, c), m.id);
    },
  };
}
