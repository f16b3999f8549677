import type { FormEvent, ReactNode } from 'react';
import { ErrorBox } from './ErrorBox';

/**
 * One action of a page as a form in a panel: its title, an optional help line, its fields, the API's refusal (the
 * fields also show their own, through LabelledField) and the submit button, disabled while the action runs.
 * `noValidate`: the browser's own checks are off, so the API's words are the ones shown.
 */
export function FormPanel({
  title,
  help,
  submitLabel,
  onSubmit,
  action,
  testId,
  noValidate,
  children,
}: {
  title: string;
  help?: string;
  submitLabel: string;
  onSubmit: () => Promise<void>;
  /** The action's state, as `useAction` keeps it. */
  action: { busy: boolean; error: unknown };
  testId: string;
  noValidate?: boolean;
  children: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit();
  };
  return (
    <form className="panel action-form" onSubmit={submit} data-testid={testId} noValidate={noValidate}>
      <h2>{title}</h2>
      {help && <p className="muted small">{help}</p>}
      {children}
      <ErrorBox error={action.error} />
      <button type="submit" className="primary" disabled={action.busy}>
        {submitLabel}
      </button>
    </form>
  );
}
