import { useState } from 'react';
import { useSession } from '../app/auth';
import { useI18n } from '../lib/i18n';
import { useApi, useFormAction } from '../lib/queries';
import { FormPanel } from './FormPanel';
import { LabelledField } from './LabelledField';

interface Upload {
  id: string;
  fileName: string;
  uploadedBy: string;
  step: string | null;
}

/**
 * The files an action is given with (佐证材料): the reader's own uploads to what the action is on (`path`, its
 * `…/attachments`; null: none asked) not yet given with a step, each ticked unless unticked. `withFiles(body)` adds
 * the ticked ones as `attachmentIds`; `picker` is their fieldset (nothing when there are none), test id `testId`.
 * A task's action forms, a unit's self-check, the office's findings and a unit's statement take files through it.
 */
export function useGivenFiles(path: string | null, testId: string) {
  const { t } = useI18n();
  const session = useSession();
  const uploads = useApi<{ items: Upload[] }>(path);
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const pending = (uploads.value?.items ?? []).filter((a) => a.step === null && a.uploadedBy === session.person.id);
  const given = pending.filter((a) => !left.has(a.id)).map((a) => a.id);
  const withFiles = <B extends object>(body: B): B | (B & { attachmentIds: string[] }) =>
    given.length > 0 ? { ...body, attachmentIds: given } : body;
  const picker = pending.length > 0 && (
    <fieldset className="field" data-testid={testId}>
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
  );
  return { withFiles, picker, reload: uploads.reload };
}

/**
 * An action that takes a text and files (a unit's self-check report, its statement on a case): POST `action` with
 * `{ [field]: text, attachmentIds }`, the files the reader uploaded to `files` (the owner's `…/attachments`) and not
 * yet gave. Its texts as FormPanel's, from `name`; `label` is the text field's.
 */
export function TextWithFilesForm({
  name,
  action,
  files,
  field,
  label,
  testId,
  onDone,
}: {
  name: string;
  action: string;
  files: string;
  field: string;
  label: string;
  testId: string;
  onDone: () => void;
}) {
  const given = useGivenFiles(files, `${testId}-files`);
  const [text, setText] = useState('');
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', action, given.withFiles({ [field]: text }))) {
      setText('');
      given.reload();
      onDone();
    }
  });
  return (
    <FormPanel name={name} help form={form} testId={`${testId}-form`} noValidate>
      <LabelledField label={label} field={field}>
        <textarea rows={6} value={text} onChange={(e) => setText(e.target.value)} />
      </LabelledField>
      {given.picker}
    </FormPanel>
  );
}
