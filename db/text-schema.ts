import { z } from 'zod';
import { schemaMessage } from '../config/issue-text';
import { said, type Said } from '../procedures/kernel/said';

/** A UTF-16 surrogate without its pair: no character at all, which PostgreSQL would store as U+FFFD. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Free text from a person: trimmed, bounded, and without control characters (NUL, which PostgreSQL cannot store; an
 * escape sequence, which would colour or rewrite a terminal showing an audit row or a log) but tab and line breaks,
 * and without a lone surrogate (stored, it would silently become U+FFFD). No person types any of them.
 */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // At least one character that no engine counts as white space (JavaScript's trim and Python's \\s
    // differ), and no control character: the published pattern then admits what this schema accepts, but for lone
    // surrogates, which no text in UTF-8 can carry and only a JSON escape produces.
    .regex(
      // eslint-disable-next-line no-control-regex -- excluding control characters is the point
      /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*[^\u0000-\u0008\u000b-\u001f\u007f\s\u0085\ufeff][^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/,
      schemaMessage(
        '须有文字内容，且不能包含控制字符（如 NUL、ESC）',
        'must contain text and no control characters (such as NUL or ESC)',
      ),
    )
    .refine(
      (s) => !LONE_SURROGATE.test(s),
      schemaMessage(
        '包含无效的字符（不成对的 UTF-16 代理项）',
        'contains an invalid character (a lone UTF-16 surrogate)',
      ),
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
