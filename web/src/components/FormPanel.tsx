import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import type { FormAction } from '../lib/queries';
import { ErrorBox } from './ErrorBox';
import { FormErrorContext } from './LabelledField';

/**
 * One action of a page as a form in a panel: its title, an optional help line, its fields, the API's refusal (the
 * fields also show their own, through LabelledField, which reads it from here) and the submit button, disabled while
 * the action runs. Its texts are i18n keys: `name` the title, `<name>Help` the help line (with `help`) and
 * `<name>Button` the button, unless `submitLabel` says otherwise.
 * `noValidate`: the browser's own checks are off, so the API's words are the ones shown.
 */
export function FormPanel({
  name,
  help,
  submitLabel,
  form,
  testId,
  noValidate,
  children,
}: {
  name: string;
  help?: boolean;
  submitLabel?: string;
  /** The action's state and what submitting does, as `useFormAction` keeps them. */
  form: FormAction;
  testId: string;
  noValidate?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit();
  };
  return (
    <form className="panel action-form" onSubmit={submit} data-testid={testId} noValidate={noValidate}>
      <h2>{t(name)}</h2>
      {help && <p className="muted small">{t(`${name}Help`)}</p>}
      <FormErrorContext.Provider value={form.error}>{children}</FormErrorContext.Provider>
      <ErrorBox error={form.error} />
      <button type="submit" className="primary" disabled={form.busy}>
        {submitLabel ?? t(`${name}Button`)}
      </button>
    </form>
  );
}
