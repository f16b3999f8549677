import { createHmac } from 'node:crypto';
import type { RobotConfig } from '../../config/notice-channels';
import { httpResult, type Channel, type NoticeMessage, type SendResult } from './channel';
import { SlidingWindowLimiter } from './rate-limit';

export type Post = (url: string, body: string) => Promise<{ status: number; text: string }>;

/** A plain POST of JSON with the platform's 10-second patience. */
export const postJson: Post = async (url, body) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, text: await res.text() };
};

/**
 * DingTalk's 加签: sign = urlEncode(base64(HMAC-SHA256(key = secret, data = timestamp + "\n" + secret))), the
 * timestamp in milliseconds, both added to the robot's webhook URL.
 */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function signedDingTalkUrl(url: string, secret: string | undefined, timestampMs: number): string {
  if (!secret) return url;
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', dingTalkSign(secret, timestampMs));
  return u.toString();
}

const markdownText = (m: NoticeMessage, at: string) =>
  [
    `#### ${m.title}`,
    '',
    m.body,
    ...(m.link ? ['', `[在合力平台中查看](${m.link})`] : []),
    ...(at ? ['', at] : []),
  ].join('\n');

/** DingTalk custom robot (自定义机器人) markdown message, @ the person by mobile when known. */
export function dingTalkMessage(m: NoticeMessage): unknown {
  return {
    msgtype: 'markdown',
    markdown: { title: m.title, text: markdownText(m, m.atMobile ? `@${m.atMobile}` : '') },
    at: { atMobiles: m.atMobile ? [m.atMobile] : [], isAtAll: false },
  };
}

/** WeCom group robot (群机器人) markdown message (markdown cannot @ by mobile; the text type could). */
export function weComMessage(m: NoticeMessage): unknown {
  return { msgtype: 'markdown', markdown: { content: markdownText(m, '') } };
}

/** DingTalk: errcode 0 sent; 130101 sent too fast, later; anything else (token, sign, keyword, IP) never. */
const DINGTALK_LATER = new Set([130101, -1]);
/** WeCom: errcode 0 sent; 45009 over the limit and -1 busy, later; anything else (bad key) never. */
const WECOM_LATER = new Set([45009, -1]);

function platformResult(status: number, text: string, later: Set<number>): SendResult {
  const http = httpResult(status, text);
  if (http.outcome !== 'DELIVERED') return http;
  let errcode: number | undefined;
  try {
    errcode = (JSON.parse(text) as { errcode?: number }).errcode;
  } catch {
    return { outcome: 'RETRY', error: `answered ${status} without JSON: ${text.slice(0, 200)}` };
  }
  if (errcode === 0) return { outcome: 'DELIVERED' };
  const error = `errcode ${errcode}: ${text.slice(0, 200)}`;
  return errcode !== undefined && later.has(errcode)
    ? { outcome: 'RETRY', error, retryAfterSeconds: 60 }
    : { outcome: 'PERMANENT', error };
}

/**
 * The group robots of one platform, addressed by name (the channels file lists them with the units they serve).
 * Each robot keeps its platform's limit: sends beyond it wait their turn.
 */
export function robotChannel(
  platform: 'DINGTALK' | 'WECOM',
  robots: () => RobotConfig[],
  deps: { post?: Post; now?: () => number; windowMs?: number } = {},
): Channel {
  const { post = postJson, now = Date.now, windowMs = 60_000 } = deps;
  const limiters = new Map<string, SlidingWindowLimiter>();
  return {
    async send(m, address) {
      const robot = robots().find((r) => r.name === address);
      if (!robot) return { outcome: 'PERMANENT', error: `no ${platform} robot named ${address}` };
      const key = `${robot.name}:${robot.perMinute}`;
      let limiter = limiters.get(key);
      if (!limiter) limiters.set(key, (limiter = new SlidingWindowLimiter(robot.perMinute, windowMs)));
      const slot = await limiter.take();
      const body = JSON.stringify(platform === 'DINGTALK' ? dingTalkMessage(m) : weComMessage(m));
      const url = platform === 'DINGTALK' ? signedDingTalkUrl(robot.url, robot.secret?.reveal(), now()) : robot.url;
      try {
        const { status, text } = await post(url, body);
        return platformResult(status, text, platform === 'DINGTALK' ? DINGTALK_LATER : WECOM_LATER);
      } catch (err) {
        return { outcome: 'RETRY', error: `${platform} robot ${robot.name}: ${(err as Error).message}` };
      } finally {
        slot.done();
      }
    },
  };
}
