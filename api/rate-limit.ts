import type { RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, said } from './errors';

const WINDOW_SECONDS = 60;
/** A database failure is logged at most this often per process: an outage must not flood the log. */
const WARN_EVERY_MS = 60_000;

export interface RateLimitOptions {
  /** Requests a minute per credential (RATE_LIMIT_PER_MINUTE). */
  perMinute: number;
  /** The pool the budgets live in: every API process on this database shares them. */
  db: Pool;
  log: Logger;
}

/** The headers of draft-ietf-httpapi-ratelimit-headers (the draft-06 fields, as most clients read them). */
function describeBudget(res: Response, perMinute: number, left: RateLimiterRes): number {
  const resetSeconds = Math.max(1, Math.ceil(left.msBeforeNext / 1000));
  res.set({
    'ratelimit-policy': `${perMinute};w=${WINDOW_SECONDS}`,
    'ratelimit-limit': String(perMinute),
    'ratelimit-remaining': String(Math.max(0, left.remainingPoints)),
    'ratelimit-reset': String(resetSeconds),
  });
  return resetSeconds;
}

/**
 * `perMinute` requests per credential in a fixed one-minute window that starts with its first request, counted in
 * the database (table `rate_limit`, db/migrations/016) so that every API process spends the same budget: one
 * upsert per request. Every limited answer carries the `RateLimit-*` headers; beyond the budget a 429 with
 * `Retry-After`. A credential over its budget is then refused from memory until its window ends (no statement).
 * When the database cannot be reached, each process falls back to counting in its own memory (the budget holds
 * per process) and logs a warning: the limiter never takes the API down, nor lets a caller through unlimited.
 */
export function rateLimit({ perMinute, db, log }: RateLimitOptions): RequestHandler {
  const shared = new RateLimiterPostgres({
    storeClient: db,
    storeType: 'pool',
    tableName: 'rate_limit',
    tableCreated: true, // db/migrations/016_rate_limit.sql; the library creates no table at run time
    keyPrefix: 'v1',
    points: perMinute,
    duration: WINDOW_SECONDS,
    inMemoryBlockOnConsumed: perMinute + 1,
  });
  const local = new RateLimiterMemory({ keyPrefix: 'v1', points: perMinute, duration: WINDOW_SECONDS });
  let warnedAt = -Infinity;

  const consume = async (key: string): Promise<RateLimiterRes> => {
    try {
      return await shared.consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw err;
      if (Date.now() - warnedAt > WARN_EVERY_MS) {
        warnedAt = Date.now();
        log.warn({ err: (err as Error).message }, 'rate limit: database unreachable, counting in this process only');
      }
      return local.consume(key);
    }
  };

  return async (req, res, next) => {
    const key = req.identity?.credentialId;
    if (!key) return next();
    let left: RateLimiterRes;
    try {
      left = await consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const seconds = describeBudget(res, perMinute, err);
      res.set('retry-after', String(seconds));
      throw new AppError(
        'rate-limited',
        429,
        said(
          `请求过于频繁：每个访问令牌每分钟最多 ${perMinute} 次请求，请 ${seconds} 秒后重试`,
          `Too many requests: at most ${perMinute} a minute per token; retry in ${seconds} s`,
        ),
      );
    }
    describeBudget(res, perMinute, left);
    next();
  };
}
