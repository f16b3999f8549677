import type { Task } from '../lib/types';
import { ActionForm, type ActionFormProps } from './ActionForm';

/**
 * Whether the task's detail offers the reader `verb` now (its `actions`, from the task's machine and the policy); a
 * task read from a list, without them, leaves the choice to the page.
 */
export const offered = (task: Task, verb: string): boolean => !task.actions || task.actions.includes(verb);

/**
 * One action on a task as a form: POST /v1/tasks/{id}/<verb>, its test id `<verb>-form` unless `testId` says
 * otherwise; the rest as ActionForm. Shown only while the task offers the reader that action.
 */
export function TaskActionForm({
  task,
  verb,
  testId = `${verb}-form`,
  ...form
}: Omit<ActionFormProps, 'path'> & { task: Task; verb: string }) {
  if (!offered(task, verb)) return null;
  return <ActionForm {...form} path={`/v1/tasks/${encodeURIComponent(task.id)}/${verb}`} testId={testId} />;
}
