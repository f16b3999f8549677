import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorBox } from '../../../components/ErrorBox';
import { FormErrorContext, LabelledField } from '../../../components/LabelledField';
import { ApiError } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/queries';
import { StaleBox } from './RulesFrame';
import type { PublishedVersion } from './types';

/**
 * The editor's frame of a kind of rules published as it stands, with no impact to preview (the accountability policy,
 * the procedures' defaults): its title and help, its fields (`children`, which read the API's complaints about
 * `content.…` from the form's error), the reason, the refusal (a 409: the stale box) and 发布, which sends
 * `{ baseVersion, reason, content }` to `path`.
 */
export function RuleEditorForm({
  path,
  base,
  title,
  help,
  testId,
  content,
  onPublished,
  onRestart,
  children,
}: {
  /** Where the kind's rules are, e.g. /v1/rules/accountability. */
  path: string;
  /** The version in force when the editing began. */
  base: number;
  title: string;
  help: string;
  testId: string;
  /** The draft as the content the API takes. */
  content: () => unknown;
  onPublished: (published: PublishedVersion) => void;
  /** Starts again from the version now in force (after a 409). */
  onRestart: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const publish = async (e: FormEvent) => {
    e.preventDefault();
    const done = await run<PublishedVersion>('POST', path, { baseVersion: base, reason, content: content() });
    if (done) onPublished(done);
  };
  return (
    <form className="panel action-form" onSubmit={(e) => void publish(e)} noValidate data-testid={testId}>
      <h2>{title}</h2>
      <p className="muted small">{help}</p>
      <FormErrorContext.Provider value={error}>
        {children}
        <LabelledField label={t('rules.reason')} field="reason">
          <textarea rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} />
        </LabelledField>
      </FormErrorContext.Provider>
      <ErrorBox error={error} />
      {error instanceof ApiError && error.status === 409 && <StaleBox onRestart={onRestart} />}
      <div className="action-row">
        <button type="submit" className="primary" disabled={busy}>
          {t('rules.publish')}
        </button>
      </div>
    </form>
  );
}
