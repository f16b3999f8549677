import { z } from 'zod';
import { describeIssue, FileProblemsError, locateProblem, readYaml, type FileProblem } from '../config/file-problems';
import { schemaMessage } from '../config/issue-text';
import { said, type Said } from '../procedures/kernel/said';

/** Years a table may be given for. */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;

/** Text stored as given: trimmed, bounded, and without NUL (U+0000), which PostgreSQL cannot store. */
const label = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex -- matching NUL is the point
    .regex(/^[^\u0000]*$/, schemaMessage('不能包含 NUL 字符（U+0000）', 'must not contain NUL (U+0000)'));

const calendarDay = z.object({ date: z.iso.date(), name: label(50).describe('e.g. 春节, 春节调休') }).strict();

/**
 * The shape of one year's official working-day table (DOMAIN.md "Time"), as a file (`db/calendar/cn-2026.json`,
 * JSON or YAML) or a request body. The rules across entries are `checkCalendarTable`'s.
 */
export const calendarTableSchema = z
  .object({
    year: z.number().int().min(CALENDAR_YEARS.min).max(CALENDAR_YEARS.max),
    source: label(200).describe('Where the table comes from, e.g. the State Council notice'),
    holidays: z.array(calendarDay).max(366).describe('Statutory holidays: days off, even on a weekday'),
    workdays: z.array(calendarDay).max(366).describe('Make-up working days (调休): weekend days that are worked'),
  })
  .strict();

export type CalendarTable = z.output<typeof calendarTableSchema>;
export type CalendarDay = CalendarTable['holidays'][number];

export interface CalendarFileProblem {
  line?: number;
  column?: number;
  path: string;
  message: Said;
}

/** Thrown when a calendar file does not parse or validate; the message names every problem. */
export class CalendarFileError extends FileProblemsError {
  constructor(source: string, problems: CalendarFileProblem[]) {
    super(source, problems, 'calendar file');
    this.name = 'CalendarFileError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The rules across the entries of a table: every date in its year, no date listed twice or as both a holiday
 * and a workday, and a make-up workday on a Saturday or Sunday (a weekday is a working day already). Reads the
 * table defensively, so that it runs even where the shape check fails; a malformed field is the shape check's.
 */
export function checkCalendarTable(raw: unknown): FileProblem[] {
  if (!isRecord(raw)) return [];
  const year = Number.isInteger(raw.year) ? (raw.year as number) : undefined;
  const problems: FileProblem[] = [];
  const seen = new Map<string, string>();
  for (const list of ['holidays', 'workdays'] as const) {
    const days = Array.isArray(raw[list]) ? (raw[list] as unknown[]) : [];
    days.forEach((day, index) => {
      const date = isRecord(day) ? day.date : undefined;
      if (typeof date !== 'string' || !z.iso.date().safeParse(date).success) return;
      const path = [list, index, 'date'];
      if (year !== undefined && Number(date.slice(0, 4)) !== year) {
        problems.push({ path, message: said(`${date}不在${year}年内`, `${date} is not in ${year}`) });
      }
      const first = seen.get(date);
      if (first !== undefined)
        problems.push({ path, message: said(`${date}已列于${first}`, `${date} is already listed as ${first}`) });
      else seen.set(date, `${list}[${index}]`);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (list === 'workdays' && weekday !== 0 && weekday !== 6) {
        problems.push({
          path,
          message: said(
            `${date}是周一至周五，本来就是工作日；调休上班日须为周六或周日`,
            `${date} is a weekday, a working day anyway; a make-up workday is a weekend day`,
          ),
        });
      }
    });
  }
  return problems;
}

/**
 * Parses and validates a working-day table (YAML, or JSON as a subset of it).
 * @param text the file's contents
 * @param source the file's name, used in problem messages
 * @throws CalendarFileError naming every problem with its line, column and field path
 */
export function parseCalendarFile(text: string, source: string): CalendarTable {
  const read = readYaml(text);
  if ('problems' in read) throw new CalendarFileError(source, read.problems);
  const { doc, lineCounter, raw } = read;
  const parsed = calendarTableSchema.safeParse(raw);
  const found: FileProblem[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) =>
        issue.path.length === 0 && issue.code === 'invalid_type'
          ? [
              {
                path: [],
                message: said(
                  '文件须为包含 year、source、holidays、workdays 的映射',
                  'expected a mapping with year, source, holidays, workdays',
                ),
              },
            ]
          : describeIssue(issue),
      );
  found.push(...checkCalendarTable(raw));
  if (!parsed.success || found.length > 0) {
    const problems = found.map((p) => locateProblem(doc, lineCounter, p));
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new CalendarFileError(source, problems);
  }
  return sortedByDate(parsed.data);
}

/** The table with each list in date order, as it is stored and answered. */
export function sortedByDate(table: CalendarTable): CalendarTable {
  const byDate = (a: CalendarDay, b: CalendarDay) => a.date.localeCompare(b.date);
  return { ...table, holidays: [...table.holidays].sort(byDate), workdays: [...table.workdays].sort(byDate) };
}
