import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { taskFilter, text, timestamp } from '../schemas';
import { changeView, dropView, myView, myViews, saveView } from '../use-cases/saved-views';

const viewParams = z.object({ id: text(128) }).strict();
const name = text(60).describe('The view’s name, unique among the owner’s views (e.g. 我的红灯任务)');
const target = z.enum(['TASKS', 'BOARD']).describe('Where the view is offered: the task list or the board');

const viewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    target,
    filter: z.record(z.string(), z.string()).describe('The task list’s query parameters it applies'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'SavedView' });

const createViewBody = z
  .object({ name, target: target.default('TASKS'), filter: taskFilter })
  .strict()
  .meta({ examples: [{ name: '我的红灯任务', target: 'TASKS', filter: { light: 'RED', state: 'IN_PROGRESS' } }] });
/** A new name, a new filter, or both; neither changes nothing (and answers the view as it is). */
const changeViewBody = z.object({ name: name.optional(), filter: taskFilter.optional() }).strict();

/** A parsed filter in the query-string form it is saved in, so that the web can put it back in a list's address. */
const asQuery = (filter: z.output<typeof taskFilter>): Record<string, string> =>
  Object.fromEntries(Object.entries(filter).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));

/** Saved views (保存的视图): each person's own named task filters, private to them. */
export const viewRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/views',
    summary: 'The caller’s saved views (only their own), by name',
    tag: 'views',
    secured: true,
    response: z.object({ items: z.array(viewSchema) }),
    errors: [403],
    handler: ({ req }) => myViews(deps, callerOf(req)),
  }),
  defineRoute({
    method: 'post',
    path: '/views',
    summary:
      'Save a task filter as a named view; apply it with `GET /v1/tasks?view={id}` or `GET /v1/cycles/{id}/board?view={id}`',
    tag: 'views',
    secured: true,
    body: createViewBody,
    status: 201,
    response: viewSchema,
    errors: [403, 409],
    handler: async ({ body, req, res }) => {
      const view = await saveView(deps, callerOf(req), { ...body, filter: asQuery(body.filter) });
      res.location(`/v1/views/${view.id}`);
      return view;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/views/:id',
    summary: 'One of the caller’s saved views (another person’s: 404, as a missing one)',
    tag: 'views',
    secured: true,
    params: viewParams,
    response: viewSchema,
    errors: [403, 404],
    handler: ({ params, req }) => myView(deps, callerOf(req), params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/views/:id',
    summary: 'Rename one of the caller’s saved views, or replace its filter',
    tag: 'views',
    secured: true,
    params: viewParams,
    body: changeViewBody,
    response: viewSchema,
    errors: [403, 404, 409],
    handler: ({ params, body, req }) =>
      changeView(deps, callerOf(req), params.id, {
        name: body.name,
        filter: body.filter && asQuery(body.filter),
      }),
  }),
  defineRoute({
    method: 'delete',
    path: '/views/:id',
    summary: 'Delete one of the caller’s saved views',
    tag: 'views',
    secured: true,
    params: viewParams,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
    errors: [403, 404],
    handler: ({ params, req }) => dropView(deps, callerOf(req), params.id),
  }),
];
