import { useState, type FormEvent, type ReactNode } from 'react';
import { FormErrorContext, LabelledField } from '../../../components/LabelledField';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/queries';
import type { OrgContent, OrgVersion } from './org-data';
import { OrgProblems } from './OrgProblems';

/** One edit of the organisation: its reason, its refusal, and the version it made (or that it changed nothing). */
export interface OrgEdit {
  busy: boolean;
  error: unknown;
  reason: string;
  setReason: (reason: string) => void;
  /** 「已保存，形成第N版。」 or 「没有改动」, until the next try. */
  note: { saved: number } | 'UNCHANGED' | undefined;
  /** Sends `body` with the reason; the new version, or undefined when refused (kept in `error`). */
  send: (method: string, path: string, body: Record<string, unknown>) => Promise<OrgVersion | undefined>;
  /** Says that nothing changed, and sends nothing. */
  unchanged: () => void;
}

export function useOrgEdit(): OrgEdit {
  const { busy, error, run } = useAction();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<OrgEdit['note']>();
  return {
    busy,
    error,
    reason,
    setReason,
    note,
    send: async (method, path, body) => {
      setNote(undefined);
      const done = await run<OrgVersion>(method, path, { ...body, reason });
      if (done) {
        setNote({ saved: done.version });
        setReason('');
      }
      return done;
    },
    unchanged: () => setNote('UNCHANGED'),
  };
}

/**
 * A form that edits the organisation: its title and help, the refusal at its top (the API's words and every problem
 * no field of it shows), its fields with their own problems beside them, the reason every change needs, and what
 * the last try made. `placed`: the body fields it shows (`name`, `parent`...); `error`: the refusal as its fields
 * name them, when the form renames the API's (`renamed`).
 */
export function OrgForm({
  title,
  help,
  testId,
  submitLabel,
  edit,
  placed,
  content,
  error = edit.error,
  onSubmit,
  after,
  confirm,
  children,
}: {
  title: string;
  help?: string;
  testId: string;
  submitLabel: string;
  edit: OrgEdit;
  placed: string[];
  content: OrgContent;
  error?: unknown;
  onSubmit: () => void;
  /** Shown under the refusal (e.g. where to go instead). */
  after?: ReactNode;
  /** Shown instead of the submit button, once it was pressed: a confirmation of what cannot be undone. */
  confirm?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="panel action-form" onSubmit={submit} noValidate data-testid={testId}>
      <h2>{title}</h2>
      {help && <p className="muted small">{help}</p>}
      <OrgProblems error={error} placed={[...placed, 'reason']} content={content} />
      {error !== undefined && after}
      <FormErrorContext.Provider value={error}>
        {children}
        <LabelledField label={t('org.reason')} hint={t('org.reasonHint')} field="reason">
          <textarea rows={2} required value={edit.reason} onChange={(e) => edit.setReason(e.target.value)} />
        </LabelledField>
      </FormErrorContext.Provider>
      {confirm ?? (
        <div className="action-row">
          <button type="submit" className="primary" disabled={edit.busy}>
            {submitLabel}
          </button>
        </div>
      )}
      <div role="status" data-testid={`${testId}-done`}>
        {edit.note === 'UNCHANGED' && <p className="muted">{t('org.unchanged')}</p>}
        {edit.note && edit.note !== 'UNCHANGED' && <p className="ok-box">{t('org.saved', { n: edit.note.saved })}</p>}
      </div>
    </form>
  );
}
