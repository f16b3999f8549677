import { createContext, useContext, useId, type InputHTMLAttributes, type ReactElement, cloneElement } from 'react';
import { fieldProblem } from '../lib/fields';

/** The API's refusal of the form the fields stand in (FormPanel provides it). */
export const FormErrorContext = createContext<unknown>(undefined);

/**
 * A label, its control and the API's complaint about the field, wired together (htmlFor, aria-describedby,
 * aria-invalid). `field` is the body path the API names, e.g. `resolutions[0].dueDate`; the complaint is read from
 * the refusal of the form it stands in (FormErrorContext, which FormPanel provides). `withItems`: the complaints
 * about its items too (`reminders[1]`), for a list typed in one control.
 */
export function LabelledField({
  label,
  field,
  hint,
  withItems,
  children,
}: {
  label: string;
  field?: string;
  hint?: string;
  withItems?: boolean;
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const formError = useContext(FormErrorContext);
  const problem = field ? fieldProblem(formError, field, withItems) : undefined;
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-describedby': described, 'aria-invalid': problem ? true : undefined })}
      {hint && (
        <span className="muted small" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {problem && (
        <span className="field-error" id={`${id}-error`} data-field={field}>
          {problem}
        </span>
      )}
    </div>
  );
}

/** A control's binding to a form's value (`useFields().bind(name)`). */
type Binding = { value: string; onChange: (e: { target: { value: string } }) => void };

/**
 * A LabelledField whose control is an input: the other props (type, required…) are the input's. With `bind` (the
 * form's `useFields().bind`), the input shows and changes the form's value named `field`.
 */
export function InputField<F extends string>({
  label,
  field,
  hint,
  bind,
  ...input
}: { label: string; field?: F; hint?: string; bind?: (name: F) => Binding } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <LabelledField label={label} field={field} hint={hint}>
      <input {...input} {...(bind && field ? bind(field) : {})} />
    </LabelledField>
  );
}
