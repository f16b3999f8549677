import { ApiError } from './api';

/** The API's complaint about one body field (problem+json `errors[].field` is `body.<field>`), if any. */
export function fieldProblem(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fields.find((f) => f.field === `body.${field}` || f.field === field)?.message;
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
