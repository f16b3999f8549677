import { randomBytes } from 'node:crypto';
import { appendAudit } from '../../db/queries/audit';
import {
  deleteSavedView,
  findSavedView,
  insertSavedView,
  listSavedViews,
  updateSavedView,
  type SavedView,
} from '../../db/queries/saved-views';
import type { TaskFilter } from '../../db/queries/task-read';
import { auditActorOf, auditRefusal, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, parseInput, said } from '../errors';
import { taskFilter } from '../schemas';

/** What a caller answers for a view that is not theirs as for one that does not exist. */
const MISSING = said('视图不存在', 'There is no such view');

const nameTaken = (name: string) =>
  new AppError('conflict', 409, said(`已有名为“${name}”的视图`, `You already have a view named “${name}”`), [
    { field: 'body.name', message: said('与已有视图重名', 'already the name of one of your views') },
  ]);

/** Who changed which view, for the audit log. */
async function audit(deps: AppDeps, caller: Caller, change: string, view: { id: string; name: string }) {
  await appendAudit(deps.db, {
    ...auditActorOf(caller),
    action: 'view.update',
    objectType: 'view',
    objectId: view.id,
    payload: { change, name: view.name },
    outcome: 'DONE',
  });
}

/** The caller's own views, by name. */
export async function myViews(deps: AppDeps, caller: Caller): Promise<{ items: SavedView[] }> {
  await authoriseFunction(deps, caller, 'view.read', { type: 'view' });
  return { items: await listSavedViews(deps.db, caller.identity.personId) };
}

/**
 * One of the caller's views, before any role check: another person's answers 404 as a missing one does, whoever asks
 * and whatever for (a refused change audited).
 */
async function ownView(deps: AppDeps, caller: Caller, id: string, action: 'view.read' | 'view.update') {
  const view = await findSavedView(deps.db, caller.identity.personId, id);
  if (!view) {
    await auditRefusal(deps, caller, action, { type: 'view', id }, 'no such view');
    throw AppError.notFound(MISSING);
  }
  await authoriseFunction(deps, caller, action, { type: 'view', id });
  return view;
}

/** One of the caller's views: another person's answers 404, as a missing one does. */
export const myView = (deps: AppDeps, caller: Caller, id: string): Promise<SavedView> =>
  ownView(deps, caller, id, 'view.read');

/** Refuses a name the caller has given another view of theirs (409, audited). */
async function refuseName(deps: AppDeps, caller: Caller, name: string, id?: string): Promise<never> {
  const error = nameTaken(name);
  await auditRefusal(deps, caller, 'view.update', { type: 'view', id }, error.message);
  throw error;
}

/** Saves the caller's filter under a name of theirs (409 when they have a view of that name). */
export async function saveView(
  deps: AppDeps,
  caller: Caller,
  body: { name: string; target: 'TASKS' | 'BOARD'; filter: Record<string, string> },
): Promise<SavedView> {
  await authoriseFunction(deps, caller, 'view.update', { type: 'view' });
  const id = `v-${randomBytes(6).toString('hex')}`;
  const { orgId, personId } = caller.identity;
  const saved = await insertSavedView(deps.db, { id, orgId, ownerId: personId, ...body });
  if (!saved) return refuseName(deps, caller, body.name);
  await audit(deps, caller, 'create', saved);
  return saved;
}

/** Renames one of the caller's views, or replaces its filter. */
export async function changeView(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: { name?: string; filter?: Record<string, string> },
): Promise<SavedView> {
  const view = await ownView(deps, caller, id, 'view.update');
  if (body.name === undefined && body.filter === undefined) return view; // nothing to change
  const changed = await updateSavedView(deps.db, caller.identity.personId, id, body);
  if (changed === 'taken') return refuseName(deps, caller, body.name ?? '', id);
  if (!changed) throw AppError.notFound(MISSING); // deleted meanwhile
  await audit(deps, caller, body.filter ? 'refilter' : 'rename', changed);
  return changed;
}

/** Deletes one of the caller's views. */
export async function dropView(deps: AppDeps, caller: Caller, id: string): Promise<{ id: string; deleted: true }> {
  const view = await ownView(deps, caller, id, 'view.update');
  if (!(await deleteSavedView(deps.db, caller.identity.personId, id))) throw AppError.notFound(MISSING);
  await audit(deps, caller, 'delete', view);
  return { id, deleted: true };
}

/**
 * The filter of the caller's view `id`, parsed with the list's own schema, under `given` (the request's own filter
 * parameters win). Only ever a filter: the list applies it within the caller's current scope, so a view saved by a
 * person who has since moved unit shows what they see now, never what they saw.
 */
export async function filterOfView(
  deps: AppDeps,
  caller: Caller,
  id: string,
  given: TaskFilter,
  target?: SavedView['target'],
): Promise<TaskFilter> {
  const view = await findSavedView(deps.db, caller.identity.personId, id);
  if (!view || (target && view.target !== target)) throw AppError.notFound(MISSING);
  const saved: TaskFilter = parseInput(taskFilter, view.filter, 'view.filter');
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return { ...saved, ...defined };
}
