import { createHash } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../db/queries/idempotency';
import type { AppDeps } from './deps';
import { AppError, parseInput, said } from './errors';
import { idempotencyKeyHeader, identityOf } from './identity';

/** An Excel workbook (.xlsx): a document route answers it as a Buffer. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType> {
  method: Method;
  /** Express path, e.g. `/tasks/:id`; written `/tasks/{id}` in the OpenAPI document. */
  path: string;
  summary: string;
  tag: string;
  /** Whether the route needs a bearer token (every /v1 route does). */
  secured: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * A file upload: the JSON Schema of its multipart/form-data body, for the OpenAPI document (the handler streams the
   * request itself; nothing parses it before).
   */
  upload?: Record<string, unknown>;
  /** A create that honours the Idempotency-Key header. */
  idempotent?: boolean;
  /** The success status and its body. */
  status?: number;
  /** Other success statuses answering the same body (e.g. 200 when a create finds what exists). */
  alsoStatus?: number[];
  response: R;
  /**
   * A document instead of JSON: the handler answers a string (checked by `response`), sent with this type; or any
   * type, for a download the handler streams itself in the type of the file it serves.
   */
  produces?: 'text/html' | 'text/csv' | 'application/pdf' | 'application/octet-stream' | '*/*' | typeof XLSX_TYPE;
  /** Error statuses this route can answer besides the ones every route can, for the OpenAPI document. */
  errors?: number[];
  handler: (input: {
    params: z.output<P>;
    query: z.output<Q>;
    body: z.output<B>;
    req: Request;
    res: Response;
  }) => Promise<z.input<R>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any>;

const empty = z.object({}).strict();

/** Declares a route once: express gets a handler that parses every input with zod, OpenAPI gets its spec. */
export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType>(
  spec: RouteSpec<P, Q, B, R>,
): RouteSpec<P, Q, B, R> {
  return spec;
}

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

async function answer(route: AnyRoute, req: Request, res: Response): Promise<Answer> {
  const params = parseInput(route.params ?? z.object({}).passthrough(), req.params, 'path');
  const query = parseInput(route.query ?? empty, req.query, 'query');
  const body = route.body ? parseInput(route.body, req.body, 'body') : undefined;
  const result = await route.handler({ params, query, body, req, res });
  // The answer is checked against the same schema the OpenAPI document publishes.
  const checked = route.response.parse(result);
  const location = res.getHeader('location');
  return {
    status: (res.locals.status as number | undefined) ?? route.status ?? 200,
    body: checked,
    headers: typeof location === 'string' ? { location } : {},
  };
}

/** JSON with every object's keys in order: the same body with its keys reordered is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Runs a create at most once per Idempotency-Key: a retry replays the first answer. */
async function answerOnce(deps: Pick<AppDeps, 'db'>, route: AnyRoute, req: Request, res: Response): Promise<Answer> {
  const key = parseInput(idempotencyKeyHeader, req.get('idempotency-key'), 'header.Idempotency-Key');
  if (key === undefined) return answer(route, req, res);
  const { personId } = identityOf(req);
  const bodyHash = createHash('sha256')
    .update(canonicalJson(req.body ?? null))
    .digest('hex');
  const claim = await claimIdempotencyKey(deps.db, { personId, key, method: req.method, path: req.path, bodyHash });
  if (claim.kind === 'mismatch') {
    const reused = said('该 Idempotency-Key 已用于另一个请求', 'This Idempotency-Key was used for another request');
    throw new AppError('idempotency-key-reused', 422, reused, [
      { field: 'header.Idempotency-Key', message: said('已用于另一个请求', 'already used with a different request') },
    ]);
  }
  if (claim.kind === 'in-progress') {
    throw AppError.conflict(
      said('使用同一 Idempotency-Key 的请求正在处理中', 'A request with the same Idempotency-Key is in progress'),
    );
  }
  if (claim.kind === 'replay') {
    return { status: claim.status, body: claim.response, headers: { ...claim.headers, 'idempotent-replayed': 'true' } };
  }
  try {
    const result = await answer(route, req, res);
    await completeIdempotencyKey(deps.db, personId, key, { ...result, response: result.body });
    return result;
  } catch (err) {
    await releaseIdempotencyKey(deps.db, personId, key).catch(() => undefined);
    throw err;
  }
}

export function mountRoutes(router: Router, routes: AnyRoute[], deps: Pick<AppDeps, 'db'>): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      res.locals.route = `${req.baseUrl}${route.path}`;
      const result = route.idempotent ? await answerOnce(deps, route, req, res) : await answer(route, req, res);
      if (res.headersSent) return; // the request deadline answered 503 meanwhile
      res.set(result.headers).status(result.status);
      if (route.produces === 'text/html') {
        // A document of user text: no script, no frame; nothing fetched but its inline style and the project's font.
        res.set(
          'content-security-policy',
          "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; frame-ancestors 'none'",
        );
      }
      if (route.produces) res.type(route.produces).send(result.body);
      else res.json(result.body);
    });
  }
  // A known path with a method it does not take: 405 with the methods it does (RFC 9110 §15.5.6).
  const methodsByPath = new Map<string, string[]>();
  for (const r of routes) methodsByPath.set(r.path, [...(methodsByPath.get(r.path) ?? []), r.method.toUpperCase()]);
  for (const [path, methods] of methodsByPath) {
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : [])].join(', ');
    router.all(path, (req: Request, res: Response) => {
      res.locals.route = `${req.baseUrl}${path}`;
      if (req.method === 'OPTIONS') {
        res.set('allow', allow).status(204).end();
        return;
      }
      res.set('allow', allow);
      const method = req.method;
      throw new AppError(
        'method-not-allowed',
        405,
        said(`此接口不支持 ${method} 方法`, `This endpoint does not allow ${method}`),
      );
    });
  }
}
