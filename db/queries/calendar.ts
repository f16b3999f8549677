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

/**
 * Whose table a year's is: `NATIONAL` (the State Council's, which every organisation follows) or an organisation's
 * own, which replaces the national one for that organisation alone (a local day off, a make-up day of its own).
 */
export const NATIONAL = '';

/** A loaded year's table, as the API answers it. */
export interface CalendarYear {
  year: number;
  /** Whose table it is: the organisation's own, or the national one it follows. */
  scope: 'ORGANISATION' | 'NATIONAL';
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

async function storedDays(client: PoolClient, orgId: string, year: number): Promise<Set<string> | undefined> {
  const { rows } = await client.query<{ day: string | null }>({
    text: `SELECT to_char(d.date, 'YYYY-MM-DD') || ' ' || d.kind AS day
           FROM calendar_years y LEFT JOIN calendar_days d ON d.org_id = y.org_id AND d.year = y.year
           WHERE y.org_id = $1 AND y.year = $2`,
    values: [orgId, year],
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
  orgId: string,
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
    const before = await storedDays(client, orgId, table.year);
    if (ifAbsent && before !== undefined) return undefined;
    await client.query({
      text: `INSERT INTO calendar_years (org_id, year, source, loaded_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (org_id, year) DO UPDATE
               SET source = EXCLUDED.source, loaded_by = EXCLUDED.loaded_by, loaded_at = now()`,
      values: [orgId, table.year, table.source, actorId],
    });
    await client.query({
      text: 'DELETE FROM calendar_days WHERE org_id = $1 AND year = $2',
      values: [orgId, table.year],
    });
    await client.query({
      text: `INSERT INTO calendar_days (org_id, date, year, kind, name)
             SELECT $1, d.date, $2, d.kind, d.name FROM jsonb_to_recordset($3::jsonb) AS d (date date, kind text, name text)`,
      values: [orgId, table.year, JSON.stringify(days)],
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
      payload: {
        source: table.source,
        scope: orgId === NATIONAL ? 'NATIONAL' : orgId,
        holidays: result.holidays,
        workdays: result.workdays,
        changed,
      },
      outcome: 'DONE',
    });
    return result;
  });
}

/**
 * Replaces a year's official table in one transaction (its days, its source, who loaded it) and audits the load.
 * @param orgId whose table: `NATIONAL` (the default), or an organisation's own, which only its tasks follow
 * @throws Error when the table breaks a rule of checkCalendarTable (parse it with parseCalendarFile first)
 */
export async function loadCalendarYear(
  pool: Pool,
  cal: CalendarTable,
  actorId: string,
  context: CalendarLoadContext = {},
  orgId: string = NATIONAL,
): Promise<CalendarLoadResult> {
  return (await loadYear(pool, sortedByDate(cal), actorId, context, false, orgId)) as CalendarLoadResult;
}

/**
 * Drops an organisation's own table of a year, in one transaction with its audit row: the organisation follows the
 * national table of that year again (or none, when the year has none).
 * @returns whether there was a table to drop
 */
export async function dropOrganisationCalendarYear(
  pool: Pool,
  orgId: string,
  year: number,
  actorId: string,
  context: CalendarLoadContext = {},
): Promise<boolean> {
  if (orgId === NATIONAL) throw new Error('the national table is replaced, never dropped');
  return inTransaction(pool, async (client) => {
    await client.query({ text: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', values: ['heli:calendar'] });
    const { rowCount } = await client.query({
      text: 'DELETE FROM calendar_years WHERE org_id = $1 AND year = $2',
      values: [orgId, year],
    });
    const dropped = (rowCount ?? 0) > 0;
    if (dropped) {
      await appendAudit(client, {
        actorId,
        actorRoles: ['SYSTEM'],
        ...context,
        action: 'calendar.drop',
        objectType: 'calendar',
        objectId: String(year),
        payload: { scope: orgId },
        outcome: 'DONE',
      });
    }
    return dropped;
  });
}

/**
 * Reads, validates and loads a calendar file (format: db/calendar/cn-2026.json).
 * @throws CalendarFileError when the file does not validate; nothing is written then
 */
export async function loadCalendarFile(pool: Pool, filePath: string, actorId: string): Promise<CalendarLoadResult> {
  return loadCalendarYear(pool, parseCalendarFile(await readFile(filePath, 'utf8'), filePath), actorId);
}

/**
 * Of each year from `fromYear` to `toYear`, the table `orgId` follows — its own where it loaded one, else the
 * national one — and that table's days off and make-up workdays. `NATIONAL` reads the national tables alone.
 */
export async function readWorkingCalendar(
  pool: Queryable,
  orgId: string,
  fromYear: number,
  toYear: number,
): Promise<WorkingCalendar> {
  const { rows } = await pool.query<{ year: number; date: string | null; kind: DayKind | null }>({
    // '' (national) sorts before any organisation's id: DESC puts the organisation's own table first.
    text: `WITH chosen AS (
             SELECT DISTINCT ON (year) org_id, year FROM calendar_years
             WHERE year BETWEEN $2 AND $3 AND org_id IN ('', $1) ORDER BY year, org_id DESC)
           SELECT c.year, to_char(d.date, 'YYYY-MM-DD') AS date, d.kind
           FROM chosen c LEFT JOIN calendar_days d ON d.org_id = c.org_id AND d.year = c.year`,
    values: [orgId, fromYear, toYear],
  });
  return {
    years: new Set(rows.map((r) => r.year)),
    overrides: new Map(rows.flatMap((r) => (r.date && r.kind ? [[r.date, r.kind] as const] : []))),
  };
}

/** The table of a year `orgId` follows (its own, else the national one), or undefined when there is none. */
export async function getCalendarYear(pool: Pool, orgId: string, year: number): Promise<CalendarYear | undefined> {
  const { rows } = await pool.query<CalendarYear>({
    text: `SELECT y.year, CASE WHEN y.org_id = '' THEN 'NATIONAL' ELSE 'ORGANISATION' END AS scope,
             y.source, y.loaded_at AS "loadedAt",
             COALESCE(jsonb_agg(jsonb_build_object('date', to_char(d.date, 'YYYY-MM-DD'), 'name', d.name) ORDER BY d.date)
                      FILTER (WHERE d.kind = 'HOLIDAY'), '[]') AS holidays,
             COALESCE(jsonb_agg(jsonb_build_object('date', to_char(d.date, 'YYYY-MM-DD'), 'name', d.name) ORDER BY d.date)
                      FILTER (WHERE d.kind = 'WORKDAY'), '[]') AS workdays
           FROM calendar_years y LEFT JOIN calendar_days d ON d.org_id = y.org_id AND d.year = y.year
           WHERE y.year = $2 AND y.org_id IN ('', $1) GROUP BY y.org_id, y.year ORDER BY y.org_id DESC LIMIT 1`,
    values: [orgId, year],
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
    const result = await loadYear(pool, sortedByDate(table), 'system:start', {}, true, NATIONAL);
    if (result) loaded.push(result);
  }
  return loaded;
}
