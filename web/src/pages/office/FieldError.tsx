import type { FieldProblem } from '../../lib/api';

/** The API's problems with one form field (`body.<name>`), shown under it and tied to it by `aria-describedby`. */
export function fieldProblems(fields: FieldProblem[], name: string): string[] {
  return fields.filter((f) => f.field === `body.${name}` || f.field.startsWith(`body.${name}[`)).map((f) => f.message);
}

export function FieldError({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} className="field-error">
      {messages.join('；')}
    </p>
  );
}
