import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { parseInput } from './errors';

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
  /** The success status and its body. */
  status?: number;
  response: R;
  /** Error statuses this route can answer besides 400/401/500, for the OpenAPI document. */
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

export function mountRoutes(router: Router, routes: AnyRoute[]): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const params = parseInput(route.params ?? z.object({}).passthrough(), req.params, 'path');
      const query = parseInput(route.query ?? empty, req.query, 'query');
      const body = route.body ? parseInput(route.body, req.body, 'body') : undefined;
      const result = await route.handler({ params, query, body, req, res });
      res.status((res.locals.status as number | undefined) ?? route.status ?? 200).json(result);
    });
  }
}
