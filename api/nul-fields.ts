import { said } from '../procedures/kernel/said';
import type { FieldProblem } from './errors';

const NUL = '\u0000';

/**
 * Each string (or object key) of a request's `part` that carries NUL (U+0000), named as a field (`body.content.name`).
 * PostgreSQL stores NUL in no column, text or jsonb: a NUL the route's schema let through (a name in a rule's
 * content, a unit's name) would answer 500 at the insert. Iterative, so that the deepest JSON a body may carry is
 * walked without exhausting the stack.
 */
export function nulFields(value: unknown, part: string): FieldProblem[] {
  const found: FieldProblem[] = [];
  const stack: [unknown, string][] = [[value, part]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes(NUL)) found.push({ field: path, message: NUL_MESSAGE });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, `${path}[${i}]`]));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, x] of Object.entries(v)) {
        const at = `${path}.${key.replaceAll(NUL, '\\u0000')}`;
        if (key.includes(NUL)) found.push({ field: at, message: NUL_MESSAGE });
        stack.push([x, at]);
      }
    }
  }
  return found.reverse();
}

const NUL_MESSAGE = said('不能包含 NUL 字符（U+0000）', 'must not contain NUL (U+0000)');
