import { z } from 'zod';
import { schemaMessage } from '../config/issue-text';
import { said, type Said } from '../procedures/kernel/said';

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

/** The years a date of Heli's may fall in: the ISO format admits the year 0000, which PostgreSQL refuses. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/** What is wrong with a well-formed YYYY-MM-DD date's year, if anything (a date the database would refuse). */
export function dateOutOfRange(date: string): Said | null {
  const year = Number(date.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR
    ? null
    : said(`年份须在${FIRST_YEAR}年至${LAST_YEAR}年之间`, `the year must be between ${FIRST_YEAR} and ${LAST_YEAR}`);
}

/** A calendar date, YYYY-MM-DD, in the years Heli stores (a file's date: checked as it is read). */
export const isoDate = () =>
  z.iso
    .date()
    .refine(
      (d) => dateOutOfRange(d) === null,
      schemaMessage('年份须在1900年至2199年之间', 'the year must be between 1900 and 2199'),
    );
