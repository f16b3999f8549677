import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { HeliMetrics } from '../config/heli-metrics';
import { PROMETHEUS_CONTENT_TYPE, scrapeAllowed } from '../config/metrics';
import { AppError, said } from './errors';

/**
 * The route pattern a request matched (`/v1/tasks/:id`), never the raw path, so that ids do not make a metric
 * series each. `mountRoutes` records it while the router's base URL is known; other routes name their own.
 */
export function routeOf(req: Request, res: Response): string {
  const recorded = res.locals.route as string | undefined;
  if (recorded) return recorded;
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? route : 'unmatched';
}

/** Names the route pattern of what follows it (for routes `mountRoutes` does not declare, e.g. static files). */
export const labelRoute =
  (pattern: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.route = pattern;
    next();
  };

/** Counts and times every request, and writes one log line for it carrying its request id. */
export function observeRequests(metrics: HeliMetrics, log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req, res);
      metrics.httpRequests.inc({ method: req.method, route, status: res.statusCode });
      metrics.httpDuration.observe({ method: req.method, route }, seconds);
      if (route === '/metrics' || route === '/healthz') return; // scrapes and probes would drown the log
      log.info(
        {
          requestId: req.id,
          method: req.method,
          route,
          status: res.statusCode,
          durationMs: Math.round(seconds * 1000),
          personId: req.identity?.personId,
        },
        'request',
      );
    });
    next();
  };
}

/** `GET /metrics` in the Prometheus text format; with a token configured, only for `Authorization: Bearer <token>`. */
export function metricsHandler(metrics: HeliMetrics, token?: string): RequestHandler {
  return (req, res) => {
    if (!scrapeAllowed(req.get('authorization'), token))
      throw AppError.unauthorised(said('需要 METRICS_TOKEN', 'METRICS_TOKEN is required'));
    res.type(PROMETHEUS_CONTENT_TYPE).send(metrics.registry.render());
  };
}
