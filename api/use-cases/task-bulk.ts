import { createHash } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/client';
import { z } from 'zod';
import { appendAudit } from '../../db/queries/audit';
import { findBulkAnswer, keepBulkAnswer } from '../../db/queries/task-bulk';
import { listTasks, type TaskFilter } from '../../db/queries/task-read';
import * as m from '../../procedures/task/messages';
import { auditingRefusals, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type Text } from '../errors';
import type { Action } from '../policy';
import {
  extensionDecisionBody,
  id,
  officeExtensionBody,
  reasonBody,
  reassignBody,
  taskFilter,
  urgeBody,
} from '../schemas';
import { listScopeOf } from './instances';
import { actOnTask, checkReassignment, refusePastDate } from './tasks';

/** How many tasks one bulk request may name or select, unless the deployment says otherwise (TASK_BULK_LIMIT). */
export const DEFAULT_BULK_LIMIT = 500;
/** How many tasks' Updates are in flight at once: a bulk request never floods the workers. */
export const BULK_CONCURRENCY = 4;

interface BulkAction<I extends z.ZodType> {
  /** The policy's action each task is decided by, as if the office took it on that task alone. */
  action: Action;
  input: I;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry's own input type
  update: UpdateDefinition<m.TaskStatus, [any]>;
  toArgs: (input: z.output<I>) => object;
  /** Checked once, before any task: what the input names (a reassignment's units and leader). */
  check?: (deps: AppDeps, caller: Caller, input: z.output<I>) => Promise<void>;
}

const bulkAction = <I extends z.ZodType>(a: BulkAction<I>) => a as unknown as BulkAction<z.ZodType>;

/**
 * The actions the office may take on many tasks at once, each one the single action of the same name applied task by
 * task (the workflow's validator decides each), urging (督办, `task.urge`) among them. The office's own extension (延期)
 * is one more: each task's deadline in force must be earlier than the new one.
 */
export const BULK_ACTIONS = {
  cancel: bulkAction({ action: 'task.cancel', input: reasonBody, update: m.cancelTask, toArgs: (b) => b }),
  reassign: bulkAction({
    action: 'task.reassign',
    input: reassignBody,
    update: m.reassignTask,
    toArgs: (b) => b,
    check: (deps, caller, b) => checkReassignment(deps, caller, b),
  }),
  urge: bulkAction({ action: 'task.urge', input: urgeBody, update: m.urgeTask, toArgs: (b) => b }),
  'extension-decision': bulkAction({
    action: 'task.decideExtension',
    input: extensionDecisionBody,
    update: m.decideExtension,
    toArgs: (b) => b,
  }),
  extend: bulkAction({
    action: 'task.extend',
    input: officeExtensionBody,
    update: m.extendTask,
    toArgs: (b) => b,
    // A date in the past is refused once, for the whole request; each task's deadline in force is its own refusal.
    check: async (_deps, _caller, b) => refusePastDate(b.newDueDate, 'body.input.newDueDate'),
  }),
};
export type BulkActionName = keyof typeof BULK_ACTIONS;

const selection = {
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,100}$/)
    .describe(
      'The client’s id of this request (8–100 of A-Z a-z 0-9 . _ : -): the same id again answers the same results ' +
        'and applies nothing twice',
    ),
  // At most 3,000 ids of at most 64 characters: the request stays within the API's 256 kB body limit, so a longer
  // list is refused by its schema (400) rather than by its size (413). More tasks at once: by filter.
  ids: z.array(id).min(1).max(3_000).optional().describe('The tasks, by hand (at most 3,000; more by filter)'),
  filter: taskFilter.optional().describe('The tasks the list shows with this filter, in the caller’s scope now'),
};

/** `POST /v1/tasks/bulk`: one action, its input, and the tasks by id or by the list's filter. */
export const bulkBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('cancel'), input: reasonBody, ...selection }).strict(),
  z.object({ action: z.literal('reassign'), input: reassignBody, ...selection }).strict(),
  z.object({ action: z.literal('urge'), input: urgeBody, ...selection }).strict(),
  z.object({ action: z.literal('extension-decision'), input: extensionDecisionBody, ...selection }).strict(),
  z.object({ action: z.literal('extend'), input: officeExtensionBody, ...selection }).strict(),
]);
export type BulkBody = z.output<typeof bulkBody>;

export type BulkOutcome = 'ACCEPTED' | 'REFUSED' | 'NOT_FOUND';

/** One task's result, as kept for a retry: the reason in both languages. */
interface KeptResult {
  taskId: string;
  outcome: BulkOutcome;
  reason: Text | null;
  state: string | null;
  dueDate: string | null;
}

interface KeptAnswer {
  requestId: string;
  action: BulkActionName;
  selectedBy: 'IDS' | 'FILTER';
  ids: string[];
  results: KeptResult[];
}

/** The Update id of one task's action in a bulk request: a retry sends the same, which Temporal applies once. */
const updateIdOf = (caller: Caller, requestId: string, taskId: string) =>
  `bulk-${createHash('sha256').update(`${caller.identity.personId}\n${requestId}\n${taskId}`).digest('hex').slice(0, 40)}`;

const digestOf = (body: BulkBody) =>
  createHash('sha256')
    .update(JSON.stringify([body.action, body.input, body.ids ?? null, body.filter ?? null]))
    .digest('hex');

const problem = (field: string, message: Text, detail: Text) =>
  new AppError('invalid-selection', 422, detail, [{ field, message }]);

/** The tasks a request selects: its ids (each once, in order), or its filter resolved in the caller's scope now. */
async function resolve(deps: AppDeps, caller: Caller, body: BulkBody, cap: number): Promise<string[]> {
  if ((body.ids === undefined) === (body.filter === undefined)) {
    const message = said('须给出 ids 或 filter 之一', 'give either ids or filter');
    throw problem(
      'body.ids',
      message,
      said('请按编号或按筛选条件选择任务（二者选一）', 'Select tasks by ids or by a filter, not both'),
    );
  }
  const tooMany = (n: number) =>
    problem(
      body.ids ? 'body.ids' : 'body.filter',
      said(`不能超过 ${cap} 项`, `at most ${cap} tasks`),
      said(
        `一次批量操作最多 ${cap} 项任务，本次选中 ${n} 项，请缩小范围分批办理`,
        `One bulk action takes at most ${cap} tasks; ${n} were selected: narrow the selection`,
      ),
    );
  if (body.ids) {
    const ids = [...new Set(body.ids)];
    if (ids.length > cap) throw tooMany(ids.length);
    return ids;
  }
  await authoriseFunction(deps, caller, 'task.list', { type: 'task' });
  const filter = body.filter as TaskFilter;
  const { items, total } = await listTasks(
    deps.db,
    listScopeOf(caller),
    filter,
    { by: 'dueDate', order: 'asc' },
    {
      limit: cap + 1,
      offset: 0,
    },
  );
  if (total > cap) throw tooMany(total);
  return items.map((t) => t.id);
}

/** Runs `work` over `items`, at most `concurrency` at a time, answering in the items' order. */
export async function pooled<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * One action on many tasks (批量操作): each task is found in the caller's scope, authorised and sent its Update exactly
 * as the single action would be (so each is audited, and the workflow's validator decides each), at most
 * `BULK_CONCURRENCY` at a time; the answer gives each task's result. Kept by requestId: the same request again answers
 * the kept results, and a request cut short (the request deadline, a restart) applies nothing twice when retried,
 * each task's Update id deriving from the request id and the task.
 */
export async function bulkActOnTasks(
  deps: AppDeps,
  caller: Caller,
  body: BulkBody,
  cap = DEFAULT_BULK_LIMIT,
): Promise<KeptAnswer & { replayed: boolean }> {
  await authoriseFunction(deps, caller, 'task.bulk', { type: 'task' });
  // A request refused as a whole (its selection, its input, its requestId) is audited as the bulk's refusal.
  return auditingRefusals(deps, caller, 'task.bulk', { type: 'taskBulk', id: body.requestId }, () =>
    applyBulk(deps, caller, body, cap),
  );
}

async function applyBulk(
  deps: AppDeps,
  caller: Caller,
  body: BulkBody,
  cap: number,
): Promise<KeptAnswer & { replayed: boolean }> {
  const { personId, orgId } = caller.identity;
  const digest = digestOf(body);
  const kept = await findBulkAnswer(deps.db, personId, body.requestId);
  if (kept) {
    if (kept.digest !== digest) {
      throw new AppError(
        'request-id-reused',
        422,
        said('该 requestId 已用于另一批量操作', 'This requestId was used for another bulk request'),
        [{ field: 'body.requestId', message: said('已用于另一请求', 'already used for another request') }],
      );
    }
    return { ...(kept.answer as KeptAnswer), replayed: true };
  }
  const spec = BULK_ACTIONS[body.action];
  const input = body.input as never;
  await spec.check?.(deps, caller, input);
  const ids = await resolve(deps, caller, body, cap);
  const args = spec.toArgs(input);
  const results = await pooled(ids, BULK_CONCURRENCY, async (taskId): Promise<KeptResult> => {
    const one = { ...caller, updateId: updateIdOf(caller, body.requestId, taskId) };
    try {
      const status = await actOnTask(deps, one, taskId, { action: spec.action, update: spec.update }, args as never);
      return { taskId, outcome: 'ACCEPTED', reason: null, state: status.state, dueDate: status.dueDate };
    } catch (err) {
      if (!(err instanceof AppError) || ![403, 404, 409].includes(err.status)) throw err;
      const outcome = err.status === 404 ? 'NOT_FOUND' : 'REFUSED';
      return { taskId, outcome, reason: err.text, state: null, dueDate: null };
    }
  });
  const answer: KeptAnswer = {
    requestId: body.requestId,
    action: body.action,
    selectedBy: body.ids ? 'IDS' : 'FILTER',
    ids,
    results,
  };
  const count = (o: BulkOutcome) => results.filter((r) => r.outcome === o).length;
  if (
    await keepBulkAnswer(deps.db, { personId, requestId: body.requestId, orgId, action: body.action, digest, answer })
  ) {
    await appendAudit(deps.db, {
      orgId,
      actorId: personId,
      actorRoles: caller.identity.roles,
      tokenId: caller.identity.credentialId,
      action: 'task.bulk',
      objectType: 'taskBulk',
      objectId: body.requestId,
      payload: {
        action: body.action,
        selectedBy: answer.selectedBy,
        ...(body.filter ? { filter: body.filter } : {}),
        ids,
        accepted: count('ACCEPTED'),
        refused: count('REFUSED'),
        notFound: count('NOT_FOUND'),
      },
      outcome: 'DONE',
      requestId: caller.requestId,
    });
    return { ...answer, replayed: false };
  }
  // A concurrent retry kept its answer first: the same Updates, so the same results; answer the kept one.
  const first = await findBulkAnswer(deps.db, personId, body.requestId);
  return { ...((first?.answer as KeptAnswer | undefined) ?? answer), replayed: true };
}
