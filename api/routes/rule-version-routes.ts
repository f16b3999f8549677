import { z } from 'zod';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import {
  diffQuery,
  publishBodyOf,
  restoreBody,
  rulesSchemaOf,
  versionEntrySchema,
  versionParams,
} from './rule-version-schemas';

type Edit = { baseVersion: number; reason: string };

/** What the five routes of a kind call: the use-case side of `ruleVersionsOf` (api/use-cases/rule-kinds.ts). */
export interface RuleVersionUseCases<P, R> {
  read(deps: AppDeps, caller: Caller): Promise<unknown>;
  readVersion(deps: AppDeps, caller: Caller, n: number): Promise<unknown>;
  diff(deps: AppDeps, caller: Caller, from: number, to: number): Promise<unknown>;
  publish(deps: AppDeps, caller: Caller, body: P): Promise<unknown>;
  restore(deps: AppDeps, caller: Caller, n: number, body: R): Promise<unknown>;
}

export interface RuleVersionRoutesSpec<P extends Edit, R extends Edit> {
  kind: string;
  /** Under /v1, e.g. `/rules/scoring-model`. */
  path: string;
  /** The content as answered (a version's, the one in force). */
  contentSchema: z.ZodType;
  /** The content in a publish body, when it differs from `contentSchema` (a draft's shape, or without a description). */
  draftSchema?: z.ZodType;
  /** The OpenAPI id of one version with its content, e.g. `ScoringModelVersion`. */
  versionId: string;
  /** What version 0 is, ending "The version in force; 0: none published yet, …". */
  unpublished: string;
  /** One change of a diff: its fields, and `text`, the change in a sentence. */
  changeSchema: z.ZodType;
  summaries: { read: string; publish: string; diff: string; version: string; restore: string };
  /** The publish body, when the kind asks for more than `{ baseVersion, reason, content }`. */
  publishBody?: z.ZodType<P>;
  restoreBody?: z.ZodType<R>;
  /** What publish and restore answer, given the version schema; the version itself by default. */
  publishedSchema?: (version: z.ZodObject<z.ZodRawShape>) => z.ZodType;
  /** Status codes publishing may answer besides 201; `[403, 409, 422]` by default. */
  publishErrors?: number[];
  useCases: RuleVersionUseCases<P, R>;
  /** Routes of the kind's own, listed right after publishing (the task types' preview). */
  extra?: AnyRoute[];
}

/**
 * The routes of one kind of the office's rules (issue 22), as every kind has them: read (the version in force with
 * every version), publish, diff, one version, restore. Office only: the use-cases authorise.
 */
export function ruleVersionRoutes<P extends Edit, R extends Edit>(deps: AppDeps, spec: RuleVersionRoutesSpec<P, R>) {
  const { path, summaries, useCases } = spec;
  const versionSchema = versionEntrySchema.extend({ content: spec.contentSchema }).meta({ id: spec.versionId });
  const publishedSchema: z.ZodType = spec.publishedSchema?.(versionSchema) ?? versionSchema;
  const diffSchema: z.ZodType = z.object({
    from: z.number().int(),
    to: z.number().int(),
    changes: z.array(spec.changeSchema),
  });
  return [
    defineRoute({
      method: 'get',
      path,
      summary: summaries.read,
      tag: 'rules',
      secured: true,
      response: rulesSchemaOf(spec.kind, spec.contentSchema, spec.unpublished) as z.ZodType,
      errors: [403],
      handler: ({ req }) => useCases.read(deps, callerOf(req)),
    }),
    defineRoute({
      method: 'post',
      path,
      summary: summaries.publish,
      tag: 'rules',
      secured: true,
      body: (spec.publishBody ?? publishBodyOf(spec.draftSchema ?? spec.contentSchema)) as z.ZodType<P>,
      status: 201,
      response: publishedSchema,
      errors: spec.publishErrors ?? [403, 409, 422],
      handler: ({ body, req }) => useCases.publish(deps, callerOf(req), body),
    }),
    ...(spec.extra ?? []),
    defineRoute({
      method: 'get',
      path: `${path}/diff`,
      summary: summaries.diff,
      tag: 'rules',
      secured: true,
      query: diffQuery,
      response: diffSchema,
      errors: [403, 404],
      handler: ({ query, req }) => useCases.diff(deps, callerOf(req), query.from, query.to),
    }),
    defineRoute({
      method: 'get',
      path: `${path}/versions/:n`,
      summary: summaries.version,
      tag: 'rules',
      secured: true,
      params: versionParams,
      response: versionSchema as z.ZodType,
      errors: [403, 404],
      handler: ({ params, req }) => useCases.readVersion(deps, callerOf(req), params.n),
    }),
    defineRoute({
      method: 'post',
      path: `${path}/versions/:n/restore`,
      summary: summaries.restore,
      tag: 'rules',
      secured: true,
      params: versionParams,
      body: (spec.restoreBody ?? restoreBody) as z.ZodType<R>,
      status: 201,
      response: publishedSchema,
      errors: [403, 404, 409],
      handler: ({ params, body, req }) => useCases.restore(deps, callerOf(req), params.n, body),
    }),
  ];
}
