import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { PROMETHEUS_CONTENT_TYPE, scrapeAllowed, type HeliMetrics } from '../config/heli-metrics';
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

/** Counts and times every request by its route pattern and status. */
export function countRequests(metrics: HeliMetrics): RequestHandler {
  return (req, res, next) => {
    const timed = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = routeOf(req, res);
      metrics.httpRequests.inc({ method: req.method, route, status: res.statusCode });
      timed({ method: req.method, route });
    });
    next();
  };
}

/** Scrapes and probes would drown the log. */
const NOT_LOGGED = new Set(['/metrics', '/healthz']);
/** Credentials a client may put in a query string (`?token=`, `?access_token=`): never written to the log. */
const QUERY_CREDENTIAL = /([?&](?:access_)?token=)[^&#]*/gi;
/** What the request lines never carry (pino's redaction): tokens, session cookies, the CSRF token. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.query.token',
  'req.query.access_token',
  'res.headers["set-cookie"]',
];

/**
 * Gives every request its id (the `X-Request-Id` it came with when that is a plain token of up to 64 characters,
 * else a new UUID, echoed on the response and stored in the audit log) and writes one line for it when it is
 * answered (pino-http): `req` (id, method, url, headers), `res` (statusCode, headers), `responseTime` (ms), and the
 * `route` pattern and `personId` it was answered for. Credentials are redacted.
 */
export function logRequests(log: Logger): RequestHandler {
  return pinoHttp<Request, Response>({
    logger: log,
    genReqId(req, res) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => NOT_LOGGED.has((req.url ?? '/').split('?')[0] ?? '/') },
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    serializers: {
      req(req: { url?: string }) {
        if (req.url) req.url = req.url.replace(QUERY_CREDENTIAL, '$1[Redacted]');
        return req;
      },
    },
    customSuccessObject: (req, res, fields: object) => ({
      ...fields,
      route: routeOf(req, res),
      personId: req.identity?.personId,
    }),
    customErrorObject: (req, res, _err, fields: object) => ({
      ...fields,
      route: routeOf(req, res),
      personId: req.identity?.personId,
    }),
  });
}

/** `GET /metrics` in the Prometheus text format; with a token configured, only for `Authorization: Bearer <token>`. */
export function metricsHandler(metrics: HeliMetrics, token?: string): RequestHandler {
  return async (req, res) => {
    if (!scrapeAllowed(req.get('authorization'), token))
      throw AppError.unauthorised(said('需要 METRICS_TOKEN', 'METRICS_TOKEN is required'));
    res.type(PROMETHEUS_CONTENT_TYPE).send(await metrics.scrape());
  };
}
