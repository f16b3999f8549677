import type { Request } from 'express';
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../route';
import { text } from '../schemas';

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
