import express, { type Express, type RequestHandler } from 'express';
import path from 'node:path';
import { createHeliMetrics } from '../config/heli-metrics';
import type { AppDeps } from './deps';
import { AppError, problemHandler, said } from './errors';
import { authenticate } from './identity';
import { buildOpenApi, publishedRoutes } from './openapi';
import { mountRoutes } from './route';
import { healthRoutes } from './routes/health';
import { v1Routes } from './routes';
import { rateLimit } from './rate-limit';
import { docsInit, docsPage } from './docs-page';
import { requestDeadline } from './request-deadline';
import { toUnavailable } from './unavailable';
import { countRequests, labelRoute, logRequests, metricsHandler } from './observe';
import { webSessionRouter } from './web-session-routes';
import { webWorkspace } from './web-static';

/** Whether `ifNoneMatch` (a list of entity tags, or `*`) names `etag`, compared weakly (RFC 9110 §13.1.2). */
function matchesETag(ifNoneMatch: string | undefined, etag: string | undefined): boolean {
  if (!ifNoneMatch || !etag) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * Every /v1 answer is one person's: no shared cache keeps it (`private`, and it varies with who asks), and a browser
 * asks again each time (`no-cache`), naming the ETag it holds, so an unchanged read is a body-less 304 (express tags
 * every body). The API is the origin, not a cache: a request's own `Cache-Control: no-cache` (fetch adds it to a
 * request naming If-None-Match) still gets its 304, which express's freshness check would refuse it. A mutation's
 * answer is never stored (a webhook's signing secret is shown once).
 */
const personalAnswers: RequestHandler = (req, res, next) => {
  const reads = req.method === 'GET' || req.method === 'HEAD';
  res.set('cache-control', reads ? 'private, no-cache' : 'no-store');
  res.vary('cookie').vary('authorization');
  if (reads) {
    Object.defineProperty(req, 'fresh', {
      configurable: true,
      get: () =>
        ((res.statusCode >= 200 && res.statusCode < 300) || res.statusCode === 304) &&
        matchesETag(req.get('if-none-match'), res.get('etag')),
    });
  }
  next();
};

const YAML = ['application/yaml', 'application/x-yaml', 'text/yaml'];

/**
 * Refuses a request body that is not in one of `types` or not in UTF-8 (the only charset JSON and YAML are read in)
 * with 415 and a problem body, naming what is accepted; a request without a body passes. Once a request has passed
 * here (the plan's route checks first, with its YAML), later checks let it through.
 */
function acceptBodies(types: string[]): RequestHandler {
  return (req, res, next) => {
    const hasBody = req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
    const writes = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH';
    if (res.locals.bodyAccepted || !hasBody || !writes) return next();
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
    if (!req.is(types) || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
      const wanted = said(
        `请求体须为 UTF-8 编码的 ${types.join('、')}`,
        `The request body must be ${types.join(' or ')} in UTF-8`,
      );
      throw new AppError('unsupported-media-type', 415, wanted, [
        {
          field: 'header.content-type',
          message: said(`须为 UTF-8 编码的 ${types.join('、')}`, `expected ${types.join(' or ')} in UTF-8`),
        },
      ]);
    }
    res.locals.bodyAccepted = true;
    next();
  };
}

/** Builds the HTTP API from its dependencies; listening happens elsewhere. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (deps.trustProxy && deps.trustProxy.length > 0) app.set('trust proxy', deps.trustProxy);
  // First: every request has its id (X-Request-Id) before anything can answer it.
  app.use(logRequests(deps.log));
  app.use((_req, res, next) => {
    // No response is ever read as another type than the one it declares.
    res.set('x-content-type-options', 'nosniff');
    next();
  });
  const metrics = deps.metrics ?? createHeliMetrics();
  app.use(countRequests(metrics));
  // A year's plan (up to 2,000 tasks) is the one large body: as JSON or as the YAML file the office keeps.
  const json = ['application/json', 'application/*+json'];
  // Not strict: a JSON string is the plan's YAML text, as the route documents.
  // A body in any other media type, or in a charset other than UTF-8, is refused (415) before a parser sees it.
  app.use('/v1/cycles/:id/plan', acceptBodies([...json, ...YAML]));
  // An attachment (a task's, a unit's part of a round's, a case's) is uploaded as multipart/form-data, streamed by its
  // route (never parsed into memory here): every route that declares an upload.
  const v1 = v1Routes(deps);
  for (const route of v1) {
    if (route.upload && route.method === 'post') app.use(`/v1${route.path}`, acceptBodies(['multipart/form-data']));
  }
  app.use(acceptBodies(json));
  app.use('/v1/cycles/:id/plan', express.json({ limit: '8mb', type: json, strict: false }));
  app.use('/v1/cycles/:id/plan', express.text({ limit: '8mb', type: YAML }));
  app.use(express.json({ limit: '256kb', type: json }));

  const system = healthRoutes(deps);
  const openApi = buildOpenApi(publishedRoutes(system, v1), deps.version);

  const root = express.Router();
  mountRoutes(root, system, deps);
  root.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  const swaggerAssets = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  // Outside /v1 and its tokens: a scraper is no person of the organisation (METRICS_TOKEN guards it if set).
  root.get('/metrics', metricsHandler(metrics, deps.metricsToken));
  root.use('/docs/assets', labelRoute('/docs/assets'), express.static(swaggerAssets, { index: false }));
  root.get('/docs/init.js', (_req, res) => {
    res.type('text/javascript').send(docsInit);
  });
  root.get('/docs', (_req, res) => {
    res.type('html').send(docsPage);
  });
  app.use(root);

  const api = express.Router();
  // Until a route matches (a 401 or 429 comes first, or none does), its requests count as `/v1/*`.
  api.use(labelRoute('/v1/*'));
  api.use(personalAnswers);
  api.use(requestDeadline((deps.requestDeadlineSeconds ?? 8) * 1000));
  api.use(authenticate(deps.identity, deps.db));
  api.use(rateLimit({ perMinute: deps.rateLimitPerMinute, db: deps.db, log: deps.log }));
  mountRoutes(api, v1, deps);
  app.use('/v1', api);
  app.use('/auth', labelRoute('/auth/session'), webSessionRouter(deps));
  app.use(webWorkspace());

  app.use(() => {
    throw AppError.notFound(said('没有这个接口', 'There is no such endpoint'));
  });
  app.use(toUnavailable);
  app.use(problemHandler(deps.log));
  return app;
}
