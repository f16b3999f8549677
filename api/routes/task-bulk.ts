import { z } from 'zod';
import type { AppDeps } from '../deps';
import { inLanguage, languageOf } from '../errors';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { bulkActOnTasks, bulkBody, DEFAULT_BULK_LIMIT } from '../use-cases/task-bulk';

const bulkAnswer = z.object({
  requestId: z.string(),
  action: z.enum(['cancel', 'reassign', 'extension-decision', 'urge', 'extend']),
  replayed: z.boolean().describe('true: the answer kept from the first request of this requestId'),
  selectedBy: z.enum(['IDS', 'FILTER']),
  ids: z.array(z.string()).describe('The tasks the request named or its filter selected, each once'),
  results: z.array(
    z.object({
      taskId: z.string(),
      outcome: z
        .enum(['ACCEPTED', 'REFUSED', 'NOT_FOUND'])
        .describe('REFUSED: the task’s state does not allow it (reason: the single action’s 409 text)'),
      reason: z.string().nullable(),
      state: z.string().nullable().describe('The task’s state after the action, when accepted'),
      dueDate: z.string().nullable(),
    }),
  ),
  accepted: z.number().int(),
  refused: z.number().int(),
  notFound: z.number().int(),
});

/** `POST /v1/tasks/bulk`: the office's one action on many tasks, applied and audited task by task. */
export const taskBulkRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/tasks/bulk',
    summary:
      'Apply one action (cancel, reassign, decide pending extensions) to many tasks, by ids or by the list’s filter ' +
      `(at most TASK_BULK_LIMIT, ${DEFAULT_BULK_LIMIT} by default): each task as the single action, with its result`,
    tag: 'tasks',
    secured: true,
    body: bulkBody,
    response: bulkAnswer,
    errors: [403, 422],
    handler: async ({ body, req }) => {
      const answer = await bulkActOnTasks(deps, callerOf(req), body, deps.bulkLimit ?? DEFAULT_BULK_LIMIT);
      const language = languageOf(req);
      const results = answer.results.map((r) => ({ ...r, reason: r.reason && inLanguage(r.reason, language) }));
      const count = (o: string) => results.filter((r) => r.outcome === o).length;
      return {
        ...answer,
        results,
        accepted: count('ACCEPTED'),
        refused: count('REFUSED'),
        notFound: count('NOT_FOUND'),
      };
    },
  }),
];
