import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute } from '../route';
import { cancelTaskBody, createTaskBody, id, startedTaskSchema, taskSchema, taskStatusSchema } from '../schemas';
import { cancelTask, createTask, getTask } from '../use-cases/tasks';

const taskParams = z.object({ id }).strict();

export const taskRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'post',
    path: '/tasks',
    summary: 'Assign an ad-hoc supervised task (office); its read model appears once the workflow has recorded it',
    tag: 'tasks',
    secured: true,
    body: createTaskBody,
    idempotent: true,
    status: 201,
    response: startedTaskSchema,
    errors: [403, 422],
    handler: async ({ body, req, res }) => {
      const started = await createTask(deps, callerOf(req), body, req.get('idempotency-key'));
      res.location(`/v1/tasks/${started.id}`);
      return started;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/tasks/:id',
    summary: 'A task with its timeline',
    tag: 'tasks',
    secured: true,
    params: taskParams,
    response: taskSchema,
    errors: [403, 404],
    handler: ({ params, req }) => getTask(deps, callerOf(req), params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/tasks/:id/cancel',
    summary: 'Withdraw a task (撤销, office); 409 when its state no longer allows it',
    tag: 'tasks',
    secured: true,
    params: taskParams,
    body: cancelTaskBody,
    response: taskStatusSchema,
    errors: [403, 404, 409],
    handler: ({ params, body, req }) => cancelTask(deps, callerOf(req), params.id, body),
  }),
];
