import { useState } from 'react';
import { useSession } from '../app/auth';
import { useI18n } from '../lib/i18n';
import { useApi } from '../lib/queries';
import type { Task } from '../lib/types';
import { ActionForm, type ActionFormProps } from './ActionForm';

/**
 * Whether the task's detail offers the reader `verb` now (its `actions`, from the task's machine and the policy); a
 * task read from a list, without them, leaves the choice to the page.
 */
export const offered = (task: Task, verb: string): boolean => !task.actions || task.actions.includes(verb);

interface Upload {
  id: string;
  fileName: string;
  uploadedBy: string;
  step: string | null;
}

/**
 * One action on a task as a form: POST /v1/tasks/{id}/<verb>, its test id `<verb>-form` unless `testId` says
 * otherwise; the rest as ActionForm. Shown only while the task offers the reader that action. With `files`, the form
 * also gives the reader's own uploads to the task not yet given with a step (佐证材料), each ticked unless unticked.
 */
export function TaskActionForm({
  task,
  verb,
  testId = `${verb}-form`,
  files = false,
  ...form
}: Omit<ActionFormProps, 'path'> & { task: Task; verb: string; files?: boolean }) {
  const { t } = useI18n();
  const session = useSession();
  const uploads = useApi<{ items: Upload[] }>(files ? `/v1/tasks/${task.id}/attachments` : null);
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  if (!offered(task, verb)) return null;
  const pending = (uploads.value?.items ?? []).filter((a) => a.step === null && a.uploadedBy === session.person.id);
  const given = pending.filter((a) => !left.has(a.id)).map((a) => a.id);
  const toBody = form.toBody ?? ((b) => b);
  return (
    <ActionForm
      {...form}
      path={`/v1/tasks/${encodeURIComponent(task.id)}/${verb}`}
      testId={testId}
      toBody={(b) => (given.length > 0 ? { ...(toBody(b) as object), attachmentIds: given } : toBody(b))}
    >
      {pending.length > 0 && (
        <fieldset className="field" data-testid={`${verb}-files`}>
          <legend>{t('attachments.give')}</legend>
          {pending.map((a) => (
            <label key={a.id} className="checkbox">
              <input
                type="checkbox"
                checked={!left.has(a.id)}
                onChange={(e) => {
                  const next = new Set(left);
                  if (e.target.checked) next.delete(a.id);
                  else next.add(a.id);
                  setLeft(next);
                }}
              />{' '}
              {a.fileName}
            </label>
          ))}
        </fieldset>
      )}
    </ActionForm>
  );
}
