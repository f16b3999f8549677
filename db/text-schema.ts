import { z } from 'zod';
import { schemaMessage } from '../config/issue-text';

/**
 * Free text from a person: trimmed, bounded, and without NUL (U+0000), which PostgreSQL cannot store and
 * which no person types.
 */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // At least one character that no engine counts as white space (JavaScript's trim and Python's \\s
    // differ), and no NUL: the published pattern then admits exactly what this schema accepts.
    .regex(
      // eslint-disable-next-line no-control-regex -- excluding control characters is the point
      /^[^\u0000]*[^\u0000\s\u001c-\u001f\u0085\ufeff][^\u0000]*$/,
      schemaMessage('须有文字内容，且不能包含 NUL 字符（U+0000）', 'must contain text and no NUL (U+0000)'),
    );
