import type { RequestHandler } from 'express';
import { AppError } from './errors';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per credential: `perMinute` requests a minute, with bursts up to the same number. Kept in
 * memory, so each API process limits on its own; a 429 says when to retry.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now): RequestHandler {
  const buckets = new Map<string, Bucket>();
  const perMs = perMinute / 60_000;
  return (req, res, next) => {
    const key = req.identity?.credentialId;
    if (!key) return next();
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: perMinute, updatedAt: t };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.updatedAt) * perMs);
    bucket.updatedAt = t;
    buckets.set(key, bucket);
    if (buckets.size > 100_000) buckets.clear(); // bounded memory; a reset only ever lets requests through
    if (bucket.tokens < 1) {
      res.set('retry-after', String(Math.ceil((1 - bucket.tokens) / perMs / 1000)));
      throw new AppError('rate-limited', 429, '请求过于频繁，请稍后重试');
    }
    bucket.tokens -= 1;
    next();
  };
}
