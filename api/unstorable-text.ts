import { LONE_SURROGATE } from '../db/text-schema';
import { said, type Said } from '../procedures/kernel/said';
import type { FieldProblem } from './errors';

const NUL = '\u0000';

/** Why PostgreSQL would not store `s` (in text or jsonb), if it would not. */
function unstorable(s: string): Said | undefined {
  if (s.includes(NUL)) return said('不能包含 NUL 字符（U+0000）', 'must not contain NUL (U+0000)');
  if (LONE_SURROGATE.test(s))
    return said('包含无效的字符（不成对的 UTF-16 代理项）', 'contains an invalid character (a lone UTF-16 surrogate)');
  return undefined;
}

/**
 * Each string (or object key) of a request's `part` that PostgreSQL would not store, named as a field
 * (`body.content.name`): a NUL (U+0000), stored in no column, or a lone surrogate, refused by jsonb and silently
 * turned into U+FFFD in text. Such a string the route's schema let through (a name in a rule's content, a unit's
 * name) would otherwise answer 500 at the insert. Iterative, so that the deepest JSON a body may carry is walked
 * without exhausting the stack.
 */
export function unstorableFields(value: unknown, part: string): FieldProblem[] {
  const found: FieldProblem[] = [];
  const stack: [unknown, string][] = [[value, part]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const message = unstorable(v);
      if (message) found.push({ field: path, message });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, `${path}[${i}]`]));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, x] of Object.entries(v)) {
        const message = unstorable(key);
        const at = `${path}.${message ? JSON.stringify(key).slice(1, -1) : key}`;
        if (message) found.push({ field: at, message });
        stack.push([x, at]);
      }
    }
  }
  return found.reverse();
}
