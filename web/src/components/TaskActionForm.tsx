import type { Task } from '../lib/types';
import { ActionForm, type ActionFormProps } from './ActionForm';

/**
 * One action on a task as a form: POST /v1/tasks/{id}/<verb>, its test id `<verb>-form` unless `testId` says
 * otherwise; the rest as ActionForm.
 */
export function TaskActionForm({
  task,
  verb,
  testId = `${verb}-form`,
  ...form
}: Omit<ActionFormProps, 'path'> & { task: Task; verb: string }) {
  return <ActionForm {...form} path={`/v1/tasks/${encodeURIComponent(task.id)}/${verb}`} testId={testId} />;
}
