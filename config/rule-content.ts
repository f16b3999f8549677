import { said, type Said } from '../procedures/kernel/said';

/*
 * What the simpler kinds of the office's rules (issue 22: the accountability measures, the procedures' defaults) share
 * to check a content's meaning and to say what changed between two versions.
 */

/** A problem of a well-shaped content: the path of its field under the content, and what is wrong. */
export interface ContentProblem {
  path: (string | number)[];
  message: Said;
}

/** One change between two versions: a field (a scalar, or a list's item `item`) added, removed or changed. */
export interface RuleChange {
  /** e.g. `statementWorkingDays`, `meeting.minutesWorkingDays`, `name`; null for a list's item added or removed. */
  field: string | null;
  /** The list item concerned (a measure's code, a checklist's line); null for a field of the content itself. */
  item: string | null;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  before: unknown;
  after: unknown;
  /** The change in a sentence (Chinese). */
  text: string;
}

/** `value` outside `min`–`max`: a problem naming the field and the range. */
export function outOfRange(path: (string | number)[], value: number, min: number, max: number): ContentProblem[] {
  if (value >= min && value <= max) return [];
  return [{ path, message: said(`须在${min}至${max}之间`, `must be from ${min} to ${max}`) }];
}

/** Each item whose `key` an earlier item has already, named at `path(i)`: "listed twice (as item n)". */
export function listedTwice<T>(
  items: readonly T[],
  key: (item: T) => string,
  path: (i: number) => (string | number)[],
  what: Said,
): ContentProblem[] {
  return items.flatMap((item, i) => {
    const first = items.findIndex((x) => key(x) === key(item));
    if (first === i) return [];
    const message = said(`${what.zh}重复（与第${first + 1}项相同）`, `lists the ${what.en} of item ${first + 1} again`);
    return [{ path: path(i), message }];
  });
}

/** A scalar field of a content, with how a change of it reads: 「说明情况时限由5个工作日改为3个工作日」. */
export interface ScalarField<C> {
  field: string;
  read: (c: C) => unknown;
  /** The value in the sentence, e.g. `5个工作日`. */
  show: (v: unknown) => string;
  /** The field's name in the sentence, e.g. `说明情况时限`. */
  name: string;
}

/** The changes of scalar fields from `a` to `b`, in the order of `fields`. */
export function scalarChanges<C>(fields: readonly ScalarField<C>[], a: C, b: C): RuleChange[] {
  return fields.flatMap(({ field, read, show, name }) => {
    const [x, y] = [read(a), read(b)];
    if (JSON.stringify(x) === JSON.stringify(y)) return [];
    return [
      { field, item: null, change: 'CHANGED' as const, before: x, after: y, text: `${name}由${show(x)}改为${show(y)}` },
    ];
  });
}

/** Working days in a sentence. */
export const workingDaysText = (v: unknown) => `${String(v)}个工作日`;
