import type { Task } from '../lib/types';
import { ActionForm, type ActionFormProps } from './ActionForm';
import { useGivenFiles } from './GivenFiles';

/**
 * Whether the task's detail offers the reader `verb` now (its `actions`, from the task's machine and the policy); a
 * task read from a list, without them, leaves the choice to the page.
 */
export const offered = (task: Task, verb: string): boolean => !task.actions || task.actions.includes(verb);

/**
 * One action on a task as a form: POST /v1/tasks/{id}/<verb>, its test id `<verb>-form` unless `testId` says
 * otherwise; the rest as ActionForm. Shown only while the task offers the reader that action. With `files`, the form
 * also gives the reader's own uploads to the task not yet given with a step (佐证材料, useGivenFiles).
 */
export function TaskActionForm({
  task,
  verb,
  testId = `${verb}-form`,
  files = false,
  ...form
}: Omit<ActionFormProps, 'path'> & { task: Task; verb: string; files?: boolean }) {
  const given = useGivenFiles(files ? `/v1/tasks/${task.id}/attachments` : null, `${verb}-files`);
  if (!offered(task, verb)) return null;
  const toBody = form.toBody ?? ((b) => b);
  return (
    <ActionForm
      {...form}
      path={`/v1/tasks/${encodeURIComponent(task.id)}/${verb}`}
      testId={testId}
      toBody={(b) => given.withFiles(toBody(b) as object)}
    >
      {given.picker}
    </ActionForm>
  );
}
