import { ApiError } from './api';

/**
 * The API's complaint about one body field (problem+json `errors[].field` is `body.<field>`), if any; `withItems`:
 * its items' too (`body.<field>[1]`, a list typed in one input), all of them joined.
 */
export function fieldProblem(error: unknown, field: string, withItems = false): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (!withItems) return error.fields.find((f) => f.field === `body.${field}` || f.field === field)?.message;
  const found = error.fields.filter((f) => f.field === `body.${field}` || f.field.startsWith(`body.${field}[`));
  return found.length > 0 ? [...new Set(found.map((f) => f.message))].join('；') : undefined;
}

/** A datetime-local value (Asia/Shanghai wall time) as an instant with its offset, as the API wants it. */
export const shanghaiInstant = (local: string): string =>
  local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : '';

/** The lines of a text area (topics, a checklist: one a line), trimmed, empty ones left out. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
