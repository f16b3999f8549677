import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { PROBLEM_STATUSES, problemSchema } from './errors';
import { idempotencyKeyHeader } from './identity';
import type { AnyRoute } from './route';

type JsonSchema = Record<string, unknown>;

const DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * The schemas of the document under components/schemas: every zod schema named by `.meta({ id })` is published
 * once there and `$ref`ed wherever it appears. Its output form (what a response answers) keeps its id; an input form
 * that differs from it (defaults, transforms) is published as `<id>Input`.
 */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  /** The JSON Schema of `schema` as a request (`input`) or a response (`output`) carries it. */
  jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const generated = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
    // The dialect is the document's (jsonSchemaDialect), not each schema's.
    const { $schema: _dialect, $defs, ...body } = generated;
    const defs = ($defs ?? {}) as Record<string, JsonSchema>;
    const names = new Map(Object.keys(defs).map((id) => [id, this.nameOf(id, defs[id]!, io)]));
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => {
          if (k !== '$ref' || typeof v !== 'string' || !v.startsWith('#/$defs/')) return [k, rewrite(v)];
          const id = decodeURIComponent(v.slice('#/$defs/'.length));
          return [k, `#/components/schemas/${names.get(id) ?? id}`];
        }),
      );
    };
    for (const [id, def] of Object.entries(defs)) {
      const name = names.get(id)!;
      const published = rewrite(def) as JsonSchema;
      const existing = this.schemas[name];
      if (existing && !isDeepStrictEqual(existing, published)) {
        throw new Error(`Two different schemas are published as components/schemas/${name}`);
      }
      this.schemas[name] = published;
    }
    return rewrite(body) as JsonSchema;
  }

  /** Responses are converted first: an input form equal to the output one shares its name. */
  private nameOf(id: string, def: JsonSchema, io: 'input' | 'output'): string {
    if (io === 'output') return id;
    const output = this.schemas[id];
    if (!output) return `${id}Input`;
    // Compared before refs are rewritten: a nested ref keeps the same id in either form.
    const same = isDeepStrictEqual(stripRefs(output), stripRefs(def));
    return same ? id : `${id}Input`;
  }
}

const stripRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stripRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) =>
      k === '$ref' && typeof v === 'string' ? [k, v.replace(/^.*\//, '').replace(/Input$/, '')] : [k, stripRefs(v)],
    ),
  );
};

// Headers and parameters stay by hand: OpenAPI's header objects are prose around a schema, which comes from zod.
const idempotencyParameter = (c: Components, description: string) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description,
  schema: c.jsonSchema(idempotencyKeyHeader, 'input'),
});

const reusableParameters = (c: Components) => ({
  IdempotencyKey: idempotencyParameter(
    c,
    'Makes a create safe to retry: the same key with the same body answers the first result again',
  ),
  // On the other mutations the key names the Update the request sends, so that a retry is not applied twice.
  UpdateKey: idempotencyParameter(
    c,
    'Makes an action safe to retry: the same key, path and body get the outcome of the Update already applied',
  ),
});

const integerHeader = (c: Components, description: string) => ({
  schema: c.jsonSchema(z.int().min(0), 'output'),
  description,
});

/** The budget of the caller's token (draft-ietf-httpapi-ratelimit-headers), on a secured route's success and 429. */
const reusableHeaders = (c: Components) => ({
  'Retry-After': integerHeader(c, 'seconds'),
  'RateLimit-Limit': integerHeader(c, 'Requests a minute per token (RATE_LIMIT_PER_MINUTE)'),
  'RateLimit-Remaining': integerHeader(c, 'Requests left in the current minute'),
  'RateLimit-Reset': integerHeader(c, 'Seconds until the current minute ends'),
  'RateLimit-Policy': {
    schema: c.jsonSchema(z.string(), 'output'),
    description: 'The limit and its window, e.g. `600;w=60`',
  },
});

const ref = (kind: 'headers' | 'parameters', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const budgetHeaders = Object.fromEntries(
  ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy'].map((h) => [h, ref('headers', h)]),
);

function parameters(c: Components, schema: z.ZodObject<z.ZodRawShape> | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
    schema: c.jsonSchema(field as z.ZodType, 'input'),
    ...((field as z.ZodType).description ? { description: (field as z.ZodType).description } : {}),
  }));
}

/** The routes the document publishes: the system's at the root, the API's under /v1. */
export const publishedRoutes = (system: AnyRoute[], v1: AnyRoute[]): AnyRoute[] => [
  ...system,
  ...v1.map((r): AnyRoute => ({ ...r, path: `/v1${r.path}` })),
];

const operationIdOf = (method: string, path: string) =>
  `${method}${path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase())}`;

/** The OpenAPI 3.1 document of every declared route, generated from the same zod schemas that parse them. */
export function buildOpenApi(routes: AnyRoute[], version: string): object {
  const c = new Components();
  // Responses first, so that an input form equal to a response's shares its component (see Components.nameOf).
  const responseSchemas = new Map(routes.map((r) => [r, c.jsonSchema(r.response, 'output')]));
  const problem = c.jsonSchema(problemSchema, 'output');
  const headers = reusableHeaders(c);
  const reusedParameters = reusableParameters(c);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const statuses = [
      ...new Set([
        400,
        500,
        ...(r.secured ? [401, 429, 503] : []),
        ...(r.body ? [413] : []),
        // Text its schema admits but no database stores (a NUL, a lone surrogate): parseInput's 422.
        ...(r.body || r.query || r.params || r.path.includes(':') ? [422] : []),
        ...(r.method === 'post' || r.method === 'put' || r.method === 'patch' ? [415] : []),
        ...(r.idempotent ? [409, 422] : []),
        ...(r.errors ?? []),
      ]),
    ].sort();
    const budget = r.secured ? { headers: budgetHeaders } : {};
    const success = { 'application/json': { schema: responseSchemas.get(r) } };
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      operationId: operationIdOf(r.method, path),
      ...(r.secured ? { security: [{ bearer: [] }] } : { security: [] }),
      parameters: [
        ...parameters(c, r.params, 'path'),
        ...parameters(c, r.query, 'query'),
        ...(r.idempotent
          ? [ref('parameters', 'IdempotencyKey')]
          : r.secured && r.method !== 'get'
            ? [ref('parameters', 'UpdateKey')]
            : []),
      ],
      ...(r.upload
        ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: r.upload } } } }
        : {}),
      ...(r.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: c.jsonSchema(r.body, 'input') } } },
          }
        : {}),
      responses: {
        ...Object.fromEntries(
          (r.alsoStatus ?? []).map((s) => [String(s), { description: 'Success', ...budget, content: success }]),
        ),
        [String(r.status ?? 200)]: {
          description: 'Success',
          ...budget,
          // A document (HTML, CSV, a workbook) is the text or bytes the handler made, not a schema of its own.
          content: r.produces ? { [r.produces]: { schema: c.jsonSchema(z.string(), 'output') } } : success,
        },
        ...Object.fromEntries(
          statuses.map((s) => [
            String(s),
            {
              description: PROBLEM_STATUSES[s]?.meaning ?? 'Error',
              ...(s === 429 ? { headers: { 'Retry-After': ref('headers', 'Retry-After'), ...budgetHeaders } } : {}),
              content: { 'application/problem+json': { schema: problem } },
            },
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: DIALECT,
    info: {
      title: 'Heli (合力) API',
      version,
      description: 'Coordination procedure of a district discipline-inspection commission as durable workflows.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas: Object.fromEntries(Object.entries(c.schemas).sort(([a], [b]) => a.localeCompare(b))),
      parameters: reusedParameters,
      headers,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: '`npx heli token issue <person-id>`' },
      },
    },
    paths,
  };
}
