import type { Request } from 'express';
import { z } from 'zod';
import type { Caller } from '../authorise';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { pageOf, pageQuery, text } from '../schemas';

// Any short text: an id that names nothing the caller may see is a 404, whatever its shape.
export const instanceParams = z.object({ id: text(128) }).strict();

/**
 * One human action on an instance of a procedure, `POST /{kind}/{id}/{verb}` (docs/architecture.md): the body parsed
 * with its schema (422 naming every field), then the use-case, which finds the instance in the caller's scope (404),
 * authorises the action (403) and sends it to the workflow through `act` (409 with the machine's reason). Every
 * procedure's actions are declared with it, so they answer alike.
 */
export function actionRoute<B extends z.ZodType, R extends z.ZodType>(spec: {
  kind: string;
  verb: string;
  summary: string;
  /** The action's input; none for an action that takes none. */
  body?: B;
  response: R;
  handler: (id: string, body: z.output<B>, req: Request) => Promise<z.input<R>>;
}): AnyRoute {
  return defineRoute({
    method: 'post',
    path: `/${spec.kind}/:id/${spec.verb}`,
    summary: spec.summary,
    tag: spec.kind,
    secured: true,
    params: instanceParams,
    body: spec.body,
    response: spec.response,
    errors: [403, 404, 409, 422],
    handler: ({ params, body, req }) => spec.handler(params.id, body, req),
  });
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

/**
 * `GET /{kind}`: a page (or list) of the instances the caller may see, read with the one scope rule of their roles
 * (api/use-cases/instances.ts); 403 for a role that may never read them.
 */
export function listRoute<Q extends AnyObject, R extends z.ZodType>(spec: {
  kind: string;
  summary: string;
  query?: Q;
  response: R;
  /** Statuses besides 403 (e.g. 404 for a saved view named in the query that the caller does not have). */
  errors?: number[];
  handler: (query: z.output<Q>, caller: Caller) => Promise<z.input<R>>;
}): AnyRoute {
  return defineRoute({
    method: 'get',
    path: `/${spec.kind}`,
    summary: spec.summary,
    tag: spec.kind,
    secured: true,
    query: spec.query,
    response: spec.response,
    errors: [403, ...(spec.errors ?? [])],
    handler: ({ query, req }) => spec.handler(query, callerOf(req)),
  });
}

/**
 * `GET /{kind}/{id}` (or a view of it, `/{kind}/{id}/{view}`): one instance, 404 alike whether it is missing or out
 * of the caller's scope, 403 for a role that may never read it.
 */
export function detailRoute<Q extends AnyObject, R extends z.ZodType>(spec: {
  kind: string;
  view?: string;
  summary: string;
  query?: Q;
  response: R;
  handler: (id: string, caller: Caller, query: z.output<Q>) => Promise<z.input<R>>;
}): AnyRoute {
  return defineRoute({
    method: 'get',
    path: `/${spec.kind}/:id${spec.view ? `/${spec.view}` : ''}`,
    summary: spec.summary,
    tag: spec.kind,
    secured: true,
    params: instanceParams,
    query: spec.query,
    response: spec.response,
    errors: [403, 404],
    handler: ({ params, query, req }) => spec.handler(params.id, callerOf(req), query),
  });
}

/**
 * `GET /{kind}?limit&offset&…filters`: a page of the instances the caller may see, newest first, with the total
 * before paging; `filters` are the query's other parameters (every one optional).
 */
export function pageRoute<F extends z.ZodRawShape, R extends z.ZodType>(spec: {
  kind: string;
  summary: string;
  filters: F;
  item: R;
  handler: (
    filter: Omit<z.output<z.ZodObject<F>>, 'limit' | 'offset'>,
    page: { limit: number; offset: number },
    caller: Caller,
  ) => Promise<z.input<ReturnType<typeof pageOf<R>>>>;
}): AnyRoute {
  return listRoute({
    kind: spec.kind,
    summary: spec.summary,
    query: z.object({ ...pageQuery, ...spec.filters }).strict(),
    response: pageOf(spec.item),
    handler: (query, caller) => {
      const { limit, offset, ...filter } = query as { limit: number; offset: number };
      return spec.handler(filter as Omit<z.output<z.ZodObject<F>>, 'limit' | 'offset'>, { limit, offset }, caller);
    },
  });
}

/**
 * `POST {path}`: starts an instance of a procedure (201 with its Location, `/v1/{kind}/{id}`); a retry with the same
 * Idempotency-Key answers the first answer again.
 */
export function createRoute<P extends AnyObject, B extends z.ZodType, R extends z.ZodType>(spec: {
  path: string;
  kind: string;
  summary: string;
  params?: P;
  body: B;
  response: R;
  errors: number[];
  handler: (
    body: z.output<B>,
    caller: Caller,
    idempotencyKey: string | undefined,
    params: z.output<P>,
  ) => Promise<z.input<R> & { id: string }>;
}): AnyRoute {
  return defineRoute({
    method: 'post',
    path: spec.path,
    summary: spec.summary,
    tag: spec.kind,
    secured: true,
    params: spec.params,
    body: spec.body,
    idempotent: true,
    status: 201,
    response: spec.response,
    errors: spec.errors,
    handler: async ({ params, body, req, res }) => {
      const created = await spec.handler(body, callerOf(req), req.get('idempotency-key'), params);
      res.location(`/v1/${spec.kind}/${created.id}`);
      return created;
    },
  });
}
