import type { RequestHandler } from 'express';
import { AppError, said, sendProblem } from './errors';

/**
 * Answers a request that is still running after `ms` with 503 problem+json, so that a client never waits on a
 * Temporal or PostgreSQL that is down (their own clients retry for much longer). The handler runs on; what it
 * answers later is dropped. A retry with the same Idempotency-Key finds what it did (see `api/route.ts`).
 */
export function requestDeadline(ms: number): RequestHandler {
  const seconds = Math.round(ms / 1000);
  return (req, res, next) => {
    // An upload takes as long as the network needs to carry its file: that is no sign of Temporal or the database.
    if (req.is('multipart/form-data')) return next();
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.set('retry-after', '5');
      sendProblem(
        req,
        res,
        new AppError(
          'deadline-exceeded',
          503,
          said(
            `请求未能在 ${seconds} 秒内完成：流程引擎（Temporal）或数据库暂时不可用，请稍后重试`,
            `The request was not answered within ${seconds} s: Temporal or the database is unavailable; please try again later`,
          ),
        ),
      );
    }, ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    res.once('finish', clear).once('close', clear);
    next();
  };
}
