import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { declaredRoutes, openApiDocument } from '../../api/openapi-document';

/**
 * The API contract stays: the document main published before its schemas moved under components/schemas
 * (test/fixtures/openapi/main-baseline.json.gz) against the one built now. Only additions may show: every path,
 * operation, parameter, request body, response status, header and schema property of the baseline is still there
 * with the same type, and what was required still is. A response may promise more (a property it always had becomes
 * required); a request may not ask more (what it did not require stays optional). An enum may gain values and never
 * lose one: a new kind of unit (ENFORCEMENT, issue 18) is an addition, and clients are told (README, "The API") to
 * read an enum value they do not know as "other".
 */

type Json = Record<string, unknown>;
type Direction = 'request' | 'response';

const baseline = JSON.parse(
  gunzipSync(readFileSync(join(__dirname, '../fixtures/openapi/main-baseline.json.gz'))).toString('utf8'),
) as Json;
const current = openApiDocument('0.0.0') as Json;

const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/** Follows `#/components/...` refs (schemas, parameters, headers) in the current document. */
function resolve(schema: unknown): Json {
  let s = obj(schema);
  for (let hops = 0; typeof s.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`ref loop at ${String(s.$ref)}`);
    const target = (s.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((at, key) => obj(at)[decodeURIComponent(key)], current);
    if (target === undefined) throw new Error(`unresolved ${String(s.$ref)}`);
    const { $ref: _ref, ...siblings } = s;
    s = { ...obj(target), ...siblings };
  }
  return s;
}

/** Every way `next` fails to keep what `base` promised, as `where: what`. */
function compareSchemas(base: Json, nextRaw: unknown, where: string, dir: Direction, out: string[]): void {
  const next = resolve(nextRaw);
  for (const key of ['type', 'const', 'format'] as const) {
    if (key in base && JSON.stringify(base[key]) !== JSON.stringify(next[key])) {
      out.push(`${where}: ${key} ${JSON.stringify(base[key])} became ${JSON.stringify(next[key])}`);
    }
  }
  if (Array.isArray(base.enum)) {
    const values = Array.isArray(next.enum) ? (next.enum as unknown[]).map((v) => JSON.stringify(v)) : undefined;
    const lost = base.enum.filter((v) => !values?.includes(JSON.stringify(v)));
    if (!values) out.push(`${where}: enum ${JSON.stringify(base.enum)} removed`);
    else if (lost.length > 0) out.push(`${where}: enum lost ${JSON.stringify(lost)}`);
  }
  if ('additionalProperties' in base && base.additionalProperties === false && next.additionalProperties !== false) {
    if (dir === 'response') out.push(`${where}: closed object is now open`);
  }
  const baseProps = obj(base.properties);
  const nextProps = obj(next.properties);
  const baseRequired = new Set((base.required as string[] | undefined) ?? []);
  const nextRequired = new Set((next.required as string[] | undefined) ?? []);
  for (const [name, prop] of Object.entries(baseProps)) {
    if (!(name in nextProps)) {
      out.push(`${where}.${name}: property removed`);
      continue;
    }
    if (baseRequired.has(name) && !nextRequired.has(name) && dir === 'response') {
      out.push(`${where}.${name}: no longer required in a response`);
    }
    if (!baseRequired.has(name) && nextRequired.has(name) && dir === 'request') {
      out.push(`${where}.${name}: now required in a request`);
    }
    if (baseRequired.has(name) && !nextRequired.has(name) && dir === 'request') {
      // A request may ask less: fine. Kept explicit so that the rule reads in one place.
    }
    compareSchemas(obj(prop), nextProps[name], `${where}.${name}`, dir, out);
  }
  if (base.items) compareSchemas(obj(base.items), next.items, `${where}[]`, dir, out);
  if (base.additionalProperties && typeof base.additionalProperties === 'object') {
    compareSchemas(obj(base.additionalProperties), next.additionalProperties, `${where}{}`, dir, out);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const baseBranches = (base[key] as Json[] | undefined) ?? [];
    const nextBranches = (next[key] as unknown[] | undefined) ?? [];
    if (baseBranches.length !== nextBranches.length) {
      out.push(`${where}: ${key} had ${baseBranches.length} branches, has ${nextBranches.length}`);
      continue;
    }
    baseBranches.forEach((b, i) => compareSchemas(b, nextBranches[i], `${where}.${key}[${i}]`, dir, out));
  }
}

function compareContent(base: unknown, next: unknown, where: string, dir: Direction, out: string[]): void {
  for (const [type, media] of Object.entries(obj(base))) {
    const nextMedia = obj(next)[type];
    if (!nextMedia) out.push(`${where}: ${type} removed`);
    else compareSchemas(obj(obj(media).schema), obj(nextMedia).schema, `${where} ${type}`, dir, out);
  }
}

function differences(): string[] {
  const out: string[] = [];
  for (const [path, baseItem] of Object.entries(obj(baseline.paths))) {
    const nextItem = obj(obj(current.paths)[path]);
    for (const [method, baseOp] of Object.entries(obj(baseItem))) {
      const op = `${method.toUpperCase()} ${path}`;
      const nextOp = obj(nextItem[method]);
      if (!nextItem[method]) {
        out.push(`${op}: operation removed`);
        continue;
      }
      const b = obj(baseOp);
      for (const key of ['operationId', 'security', 'tags'] as const) {
        if (JSON.stringify(b[key]) !== JSON.stringify(nextOp[key])) out.push(`${op}: ${key} changed`);
      }
      for (const param of (b.parameters as Json[] | undefined) ?? []) {
        const found = ((nextOp.parameters as Json[] | undefined) ?? [])
          .map(resolve)
          .find((p) => p.name === param.name && p.in === param.in);
        const where = `${op} ${String(param.in)} ${String(param.name)}`;
        if (!found) out.push(`${where}: parameter removed`);
        else {
          if (found.required !== param.required) out.push(`${where}: required ${String(param.required)} changed`);
          compareSchemas(obj(param.schema), found.schema, where, 'request', out);
        }
      }
      if (b.requestBody) {
        const body = obj(nextOp.requestBody);
        if (obj(b.requestBody).required !== body.required) out.push(`${op} body: required changed`);
        compareContent(obj(b.requestBody).content, body.content, `${op} body`, 'request', out);
      }
      for (const [status, baseResponse] of Object.entries(obj(b.responses))) {
        const response = resolve(obj(nextOp.responses)[status]);
        const where = `${op} ${status}`;
        if (!obj(nextOp.responses)[status]) {
          out.push(`${where}: response removed`);
          continue;
        }
        compareContent(obj(baseResponse).content, response.content, where, 'response', out);
        for (const [name, header] of Object.entries(obj(obj(baseResponse).headers))) {
          const nextHeader = resolve(obj(response.headers)[name]);
          if (!obj(response.headers)[name]) out.push(`${where} header ${name}: removed`);
          else compareSchemas(obj(obj(header).schema), nextHeader.schema, `${where} header ${name}`, 'response', out);
        }
      }
    }
  }
  return out;
}

describe('the OpenAPI document against main’s', () => {
  it('changes only by additions: every path, operation, parameter, status and property keeps its type', () => {
    expect(differences()).toEqual([]);
  });

  it('notices a removed property, a changed type and a newly required request field (the check itself)', () => {
    const out: string[] = [];
    const base = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'string' } },
      required: ['a'],
    };
    compareSchemas(
      base,
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a', 'b'] },
      'x',
      'request',
      out,
    );
    expect(out).toEqual([
      'x.b: now required in a request',
      'x.b: type "integer" became "string"',
      'x.c: property removed',
    ]);
  });

  it('lets an enum gain values and notices one that loses a value (the check itself)', () => {
    const out: string[] = [];
    const base = { type: 'string', enum: ['OFFICE', 'TOWN'] };

    compareSchemas(base, { type: 'string', enum: ['OFFICE', 'TOWN', 'ENFORCEMENT'] }, 'gained', 'response', out);
    compareSchemas(base, { type: 'string', enum: ['OFFICE'] }, 'lost', 'response', out);

    expect(out).toEqual(['lost: enum lost ["TOWN"]']);
  });

  it('publishes each named schema once under components/schemas and refers to it', () => {
    const schemas = obj(obj(current.components).schemas);
    const text = JSON.stringify(current.paths);

    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Problem', 'Task', 'TaskSummary', 'TimelineEntry']));
    for (const name of Object.keys(schemas))
      expect(text + JSON.stringify(schemas)).toContain(`"#/components/schemas/${name}"`);
    expect(text).not.toContain('#/$defs/');
  });

  it('shows examples on the key request bodies, each one its route accepts', () => {
    const examples = declaredRoutes().flatMap((r) =>
      ((r.body && (z.globalRegistry.get(r.body)?.examples as unknown[] | undefined)) ?? []).map((example: unknown) => ({
        route: `${r.method} ${r.path}`,
        example,
        accepted: (r.body as z.ZodType).safeParse(example).success,
      })),
    );
    const createTask = obj(obj(obj(obj(current.paths)['/v1/tasks']).post).requestBody);

    expect(JSON.stringify(createTask)).toContain('"examples":[{"title":"开展节日期间作风建设专项检查"');
    expect(examples.length).toBeGreaterThanOrEqual(6);
    expect(examples.filter((e) => !e.accepted)).toEqual([]);
  });
});
