import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import type { DayKind, WorkingCalendar } from '../../procedures/time/working-days';
import { fromProject } from '../../config/paths';
import {
  checkCalendarTable,
  parseCalendarFile,
  sortedByDate,
  type CalendarDay,
  type CalendarTable,
} from '../calendar-file';
import { inTransaction } from '../transaction';
import { appendAudit, type AuditEntry } from './audit';
import type { Queryable } from '../transaction';

export interface CalendarLoadResult {
  year: number;
  holidays: number;
  workdays: number;
  /** Whether the year's days off and make-up workdays differ from what was stored, or the year is new. */
  changed: boolean;
}

/** A loaded year's table, as the API answers it. */
export interface CalendarYear {
  year: number;
  source: string;
  loadedAt: Date;
  holidays: CalendarDay[];
  workdays: CalendarDay[];
}

/** Who loads, beyond the actor id, for the audit row: the API passes the caller's organisation, roles and request. */
export type CalendarLoadContext = Pick<AuditEntry, 'orgId' | 'actorRoles' | 'tokenId' | 'requestId'>;

/** Where the tables Heli ships are: `cn-<year>.json`, written by scripts/export-calendar.mjs. */
const SHIPPED_DIR = 'db/calendar';
const SHIPPED_FILE = /^cn-(\d{4})\.json$/;

async function storedDays(client: PoolClient, year: number): Promise<Set<string> | undefined> {
  const { rows } = await client.query<{ day: string | null }>({
    text: `SELECT to_char(d.date, 'YYYY-MM-DD') || ' ' || d.kind AS day
           FROM calendar_years y LEFT JOIN calendar_days d ON d.year = y.year WHERE y.year = $1`,
    values: [year],
  });
  if (rows.length === 0) return undefined;
  return new Set(rows.flatMap((r) => (r.day === null ? [] : [r.day])));
}

/** Loads one year, or, with `ifAbsent`, only a year not loaded yet (then undefined when it was). */
async function loadYear(
  pool: Pool,
  table: CalendarTable,
  actorId: string,
  context: CalendarLoadContext,
  ifAbsent: boolean,
): Promise<CalendarLoadResult | undefined> {
  const problems = checkCalendarTable(table);
  if (problems.length > 0) throw new Error(`calendar ${table.year}: ${problems.map((p) => p.message).join('; ')}`);
  const days = [
    ...table.holidays.map((d) => ({ ...d, kind: 'HOLIDAY' as DayKind })),
    ...table.workdays.map((d) => ({ ...d, kind: 'WORKDAY' as DayKind })),
  ];
  return inTransaction(pool, async (client) => {
    // One load at a time, so that `changed` compares with what the previous load committed.
    await client.query({ text: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', values: ['heli:calendar'] });
    const before = await storedDays(client, table.year);
    if (ifAbsent && before !== undefined) return undefined;
    await client.query({
      text: `INSERT INTO calendar_years (year, source, loaded_by) VALUES ($1, $2, $3)
             ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, loaded_by = EXCLUDED.loaded_by, loaded_at = now()`,
      values: [table.year, table.source, actorId],
    });
    await client.query({ text: 'DELETE FROM calendar_days WHERE year = $1', values: [table.year] });
    await client.query({
      text: `INSERT INTO calendar_days (date, year, kind, name)
             SELECT d.date, $1, d.kind, d.name FROM jsonb_to_recordset($2::jsonb) AS d (date date, kind text, name text)`,
      values: [table.year, JSON.stringify(days)],
    });
    const after = new Set(days.map((d) => `${d.date} ${d.kind}`));
    const changed = before === undefined || before.size !== after.size || [...after].some((d) => !before.has(d));
    const result = { year: table.year, holidays: table.holidays.length, workdays: table.workdays.length, changed };
    await appendAudit(client, {
      actorId,
      actorRoles: ['SYSTEM'],
      ...context,
      action: 'calendar.load',
      objectType: 'calendar',
      objectId: String(table.year),
      payload: { source: table.source, holidays: result.holidays, workdays: result.workdays, changed },
      outcome: 'DONE',
    });
    return result;
  });
}

/**
 * Replaces a year's official table in one transaction (its days, its source, who loaded it) and audits the load.
 * @throws Error when the table breaks a rule of checkCalendarTable (parse it with parseCalendarFile first)
 */
export async function loadCalendarYear(
  pool: Pool,
  cal: CalendarTable,
  actorId: string,
  context: CalendarLoadContext = {},
): Promise<CalendarLoadResult> {
  return (await loadYear(pool, sortedByDate(cal), actorId, context, false)) as CalendarLoadResult;
}

/**
 * Reads, validates and loads a calendar file (format: db/calendar/cn-2026.json).
 * @throws CalendarFileError when the file does not validate; nothing is written then
 */
export async function loadCalendarFile(pool: Pool, filePath: string, actorId: string): Promise<CalendarLoadResult> {
  return loadCalendarYear(pool, parseCalendarFile(await readFile(filePath, 'utf8'), filePath), actorId);
}

/** The loaded years from `fromYear` to `toYear` and their days off and make-up workdays. */
export async function readWorkingCalendar(pool: Queryable, fromYear: number, toYear: number): Promise<WorkingCalendar> {
  const [years, days] = await Promise.all([
    pool.query<{ year: number }>({
      text: 'SELECT year FROM calendar_years WHERE year BETWEEN $1 AND $2',
      values: [fromYear, toYear],
    }),
    pool.query<{ date: string; kind: DayKind }>({
      text: `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_days WHERE year BETWEEN $1 AND $2`,
      values: [fromYear, toYear],
    }),
  ]);
  return {
    years: new Set(years.rows.map((r) => r.year)),
    overrides: new Map(days.rows.map((r) => [r.date, r.kind])),
  };
}

/** A loaded year's table, or undefined when the year has none. */
export async function getCalendarYear(pool: Pool, year: number): Promise<CalendarYear | undefined> {
  const { rows } = await pool.query<CalendarYear>({
    text: `SELECT y.year, y.source, y.loaded_at AS "loadedAt",
             COALESCE(jsonb_agg(jsonb_build_object('date', to_char(d.date, 'YYYY-MM-DD'), 'name', d.name) ORDER BY d.date)
                      FILTER (WHERE d.kind = 'HOLIDAY'), '[]') AS holidays,
             COALESCE(jsonb_agg(jsonb_build_object('date', to_char(d.date, 'YYYY-MM-DD'), 'name', d.name) ORDER BY d.date)
                      FILTER (WHERE d.kind = 'WORKDAY'), '[]') AS workdays
           FROM calendar_years y LEFT JOIN calendar_days d ON d.year = y.year
           WHERE y.year = $1 GROUP BY y.year`,
    values: [year],
  });
  return rows[0];
}

/**
 * Loads each table Heli ships (db/calendar/cn-<year>.json) whose year has none yet, as 'system:start'. A year
 * already loaded is left alone: a table loaded at run time is newer than the one shipped.
 * @returns what was loaded
 */
export async function loadShippedCalendars(pool: Pool, dir = fromProject(SHIPPED_DIR)): Promise<CalendarLoadResult[]> {
  const files = (await readdir(dir).catch(() => [])).filter((f) => SHIPPED_FILE.test(f)).sort();
  const loaded: CalendarLoadResult[] = [];
  for (const file of files) {
    const source = path.join(dir, file);
    const table = parseCalendarFile(await readFile(source, 'utf8'), source);
    if (String(table.year) !== SHIPPED_FILE.exec(file)?.[1]) throw new Error(`${source}: holds the year ${table.year}`);
    const result = await loadYear(pool, sortedByDate(table), 'system:start', {}, true);
    if (result) loaded.push(result);
  }
  return loaded;
}
