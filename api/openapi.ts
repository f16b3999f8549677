import { z } from 'zod';
import type { AnyRoute } from './route';

const problem = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  description: 'RFC 9457 problem; `detail` and each `errors[].message` in Chinese, or English with Accept-Language: en',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Makes a create safe to retry: the same key with the same body answers the first result again',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
};

/** On the other mutations the key names the Update the request sends, so that a retry is not applied twice. */
const updateKeyHeader = {
  ...idempotencyHeader,
  description:
    'Makes an action safe to retry: the same key, path and body get the outcome of the Update already applied',
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input; `errors` names each bad field',
  401: 'Missing, invalid, expired or revoked token',
  403: 'The caller’s role may not do this',
  404: 'No such object in the caller’s scope',
  409: 'The action does not fit the object’s current state (or a request with the same Idempotency-Key is still running); `detail` says why',
  413: 'Request body too large',
  415: 'The body is not in a media type the route reads (JSON; a plan also YAML) or not in UTF-8',
  422: 'Well-formed, but names a unit or person that does not exist, or reuses an Idempotency-Key with another request',
  429: 'Too many requests for this token; see Retry-After',
  500: 'Unexpected error',
  503: 'A dependency (Temporal or PostgreSQL) is unavailable',
};

const seconds = { schema: { type: 'integer' }, description: 'seconds' };
/** The budget of the caller's token (draft-ietf-httpapi-ratelimit-headers), on a secured route's success and 429. */
const rateLimitHeaders = {
  'RateLimit-Limit': {
    schema: { type: 'integer' },
    description: 'Requests a minute per token (RATE_LIMIT_PER_MINUTE)',
  },
  'RateLimit-Remaining': { schema: { type: 'integer' }, description: 'Requests left in the current minute' },
  'RateLimit-Reset': { ...seconds, description: 'Seconds until the current minute ends' },
  'RateLimit-Policy': { schema: { type: 'string' }, description: 'The limit and its window, e.g. `600;w=60`' },
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });

function parameters(schema: z.ZodObject<z.ZodRawShape> | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType, 'input'),
    ...((field as z.ZodType).description ? { description: (field as z.ZodType).description } : {}),
  }));
}

/** The OpenAPI 3.1 document of every declared route, generated from the same zod schemas that parse them. */
export function buildOpenApi(routes: AnyRoute[], version: string): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const statuses = [
      ...new Set([
        400,
        500,
        ...(r.secured ? [401, 429, 503] : []),
        ...(r.body ? [413] : []),
        ...(r.method === 'post' || r.method === 'put' || r.method === 'patch' ? [415] : []),
        ...(r.idempotent ? [409, 422] : []),
        ...(r.errors ?? []),
      ]),
    ].sort();
    const budget = r.secured ? { headers: rateLimitHeaders } : {};
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method}${path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      ...(r.secured ? { security: [{ bearer: [] }] } : { security: [] }),
      parameters: [
        ...parameters(r.params, 'path'),
        ...parameters(r.query, 'query'),
        ...(r.idempotent ? [idempotencyHeader] : r.secured && r.method !== 'get' ? [updateKeyHeader] : []),
      ],
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } }
        : {}),
      responses: {
        ...Object.fromEntries(
          (r.alsoStatus ?? []).map((s) => [
            String(s),
            {
              description: 'Success',
              ...budget,
              content: { 'application/json': { schema: jsonSchema(r.response, 'output') } },
            },
          ]),
        ),
        [String(r.status ?? 200)]: {
          description: 'Success',
          ...budget,
          content: r.produces
            ? { [r.produces]: { schema: { type: 'string' } } }
            : { 'application/json': { schema: jsonSchema(r.response, 'output') } },
        },
        ...Object.fromEntries(
          statuses.map((s) => [
            String(s),
            {
              description: ERROR_TEXT[s] ?? 'Error',
              ...(s === 429 ? { headers: { 'Retry-After': seconds, ...rateLimitHeaders } } : {}),
              content: { 'application/problem+json': { schema: problem } },
            },
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Heli (合力) API',
      version,
      description: 'Coordination procedure of a district discipline-inspection commission as durable workflows.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: '`npx heli token issue <person-id>`' },
      },
    },
    paths,
  };
}
