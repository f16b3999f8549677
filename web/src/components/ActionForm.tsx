import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useAction } from '../lib/queries';
import { ErrorBox } from './ErrorBox';

export interface Field {
  name: string;
  /** i18n key of its label. */
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'number' | 'select' | 'checkbox';
  required?: boolean;
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
}

/** A required choice among `options` (a select whose first, empty option is not an answer). */
export const choice = (name: string, label: string, options: { value: string; label: string }[]): Field => ({
  name,
  label,
  kind: 'select',
  required: true,
  options,
});

type Body = Record<string, string | number | boolean>;

/** What a form sends: every required field, an optional one only when filled in, a number field as a number. */
export function bodyOf(fields: Field[], values: Record<string, string>): Body {
  const body: Body = {};
  for (const f of fields) {
    const value = values[f.name] ?? '';
    if (f.kind === 'checkbox') {
      if (value) body[f.name] = true;
    } else if (f.required || value) body[f.name] = f.kind === 'number' && value ? Number(value) : value;
  }
  return body;
}

export interface ActionFormProps {
  /** i18n key of the title; `<name>Button` is the button's, unless `submitLabel` (a text) says otherwise. */
  name: string;
  submitLabel?: string;
  path: string;
  fields: Field[];
  /** The body sent, from what `bodyOf` makes of the fields (by default, that). */
  toBody?: (body: Body) => unknown;
  onDone: () => void;
  testId?: string;
  /** More of the form after its fields (the files given with the action). */
  children?: ReactNode;
}

/**
 * One action as a form: its fields, sent as JSON to `path` (POST) through the API with the session's CSRF token;
 * the API's refusal shown with the form, success reported to `onDone`.
 */
export function ActionForm({
  name,
  submitLabel,
  path,
  fields,
  toBody = (v) => v,
  onDone,
  testId,
  children,
}: ActionFormProps) {
  const { t } = useI18n();
  const formId = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const { busy, error, perform } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await perform(() => api('POST', path, toBody(bodyOf(fields, values))))) {
      setValues({});
      onDone();
    }
  };
  return (
    <form
      className="action-form"
      onSubmit={(e) => void submit(e)}
      data-testid={testId}
      aria-labelledby={`${formId}-title`}
    >
      <h3 id={`${formId}-title`}>{t(name)}</h3>
      {fields.map((f) => {
        const id = `${formId}-${f.name}`;
        const common = {
          id,
          name: f.name,
          required: f.required,
          value: values[f.name] ?? '',
          onChange: (e: { target: { value: string } }) => setValues({ ...values, [f.name]: e.target.value }),
        };
        return (
          <div className="field" key={f.name}>
            <label htmlFor={id}>{t(f.label)}</label>
            {f.kind === 'textarea' ? (
              <textarea rows={3} {...common} />
            ) : f.kind === 'select' ? (
              <select {...common}>
                <option value="">—</option>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : f.kind === 'checkbox' ? (
              <input
                type="checkbox"
                id={id}
                checked={!!values[f.name]}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.checked ? 'true' : '' })}
              />
            ) : (
              <input type={f.kind} min={f.min} max={f.max} {...common} />
            )}
          </div>
        );
      })}
      {children}
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel ?? t(`${name}Button`)}
      </button>
    </form>
  );
}
