import { ApplicationFailure } from '@temporalio/common';

/*
 * The working-day calendar (DOMAIN.md "Time"), as pure functions: no I/O and no clock, so that activities, the
 * API and tests get the same answer from the same calendar. Dates are local dates 'YYYY-MM-DD' in Asia/Shanghai.
 * Monday to Friday are working days unless a loaded year's official table says otherwise for a single day.
 */

/** HOLIDAY: a statutory day off, even on a weekday. WORKDAY: a make-up working day (调休), usually a weekend day. */
export type DayKind = 'HOLIDAY' | 'WORKDAY';

/** The official tables of some years. */
export interface WorkingCalendar {
  /** Years whose official table is loaded; every other year follows Monday–Friday, provisionally. */
  years: ReadonlySet<number>;
  /** The days that differ from Monday–Friday, by date. */
  overrides: ReadonlyMap<string, DayKind>;
}

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** No period in the procedure spans ten years: a longer scan means a bad argument, and must not hang a worker. */
const MAX_SCAN_DAYS = 3660;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A bad argument is a permanent failure: retrying an activity would not make it good. */
function invalid(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'InvalidCalendarArgument', message, nonRetryable: true });
}

/** Days since 1970-01-01 of a local date. */
function toDay(date: string): number {
  const m = typeof date === 'string' ? DATE.exec(date) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
    const t = new Date(0);
    t.setUTCFullYear(y, mo, d); // unlike Date.UTC, keeps the years 0–99 as they are
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo && t.getUTCDate() === d) return t.getTime() / DAY_MS;
  }
  throw invalid(`not a date (YYYY-MM-DD): ${String(date)}`);
}

function fromDay(day: number): string {
  const iso = new Date(day * DAY_MS).toISOString(); // years past 9999 come out as +010000-…
  if (!/^\d{4}-/.test(iso)) throw invalid(`date out of range: day ${day} since 1970-01-01`);
  return iso.slice(0, 10);
}

function wholeNumber(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw invalid(`${what} must be a whole number, got ${value}`);
  return value;
}

function workingDay(cal: WorkingCalendar, day: number): boolean {
  const override = cal.overrides.get(fromDay(day));
  if (override !== undefined) return override === 'WORKDAY';
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
  return weekday !== 0 && weekday !== 6;
}

/** Whether people work on `date`: its override if the table has one, otherwise Monday to Friday. */
export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  return workingDay(cal, toDay(date));
}

/** n >= 1: the n-th working day after `date` (date itself not counted); n <= -1: the |n|-th working day before it; 0: date. */
export function addWorkingDays(cal: WorkingCalendar, date: string, n: number): string {
  let day = toDay(date);
  let left = Math.abs(wholeNumber(n, 'n'));
  const step = Math.sign(n);
  for (let scanned = 1; left > 0; scanned++) {
    if (scanned > MAX_SCAN_DAYS) throw invalid(`${n} working days from ${date} span more than ${MAX_SCAN_DAYS} days`);
    day += step;
    if (workingDay(cal, day)) left--;
  }
  return fromDay(day);
}

/** Working days in (from, to]; negative when to < from (then minus the working days in (to, from]). */
export function workingDaysBetween(cal: WorkingCalendar, from: string, to: string): number {
  const [a, b] = [toDay(from), toDay(to)];
  if (Math.abs(b - a) > MAX_SCAN_DAYS) throw invalid(`${from} to ${to} spans more than ${MAX_SCAN_DAYS} days`);
  const [low, high] = a <= b ? [a, b] : [b, a];
  let count = 0;
  for (let day = low + 1; day <= high; day++) if (workingDay(cal, day)) count++;
  return a <= b ? count : -count;
}

/** DOMAIN "Calendar-day periods": start day not counted; if the last day is not a working day, the next working day. */
export function endOfCalendarPeriod(cal: WorkingCalendar, start: string, days: number): string {
  if (wholeNumber(days, 'days') < 0 || days > MAX_SCAN_DAYS) {
    throw invalid(`a period is 0 to ${MAX_SCAN_DAYS} days, got ${days}`);
  }
  let day = toDay(start) + days;
  for (let scanned = 1; !workingDay(cal, day); scanned++) {
    if (scanned > MAX_SCAN_DAYS) throw invalid(`no working day within ${MAX_SCAN_DAYS} days after ${fromDay(day)}`);
    day++;
  }
  return fromDay(day);
}

/** The date `n` calendar days after `date` (before it when n < 0). */
export function addCalendarDays(date: string, n: number): string {
  return fromDay(toDay(date) + wholeNumber(n, 'n'));
}

/** True when any year from the earliest to the latest of `dates` has no official table loaded. */
export function isProvisional(cal: WorkingCalendar, ...dates: string[]): boolean {
  if (dates.length === 0) return false;
  const years = dates.map((d) => new Date(toDay(d) * DAY_MS).getUTCFullYear());
  for (let year = Math.min(...years); year <= Math.max(...years); year++) if (!cal.years.has(year)) return true;
  return false;
}

/** The local (Asia/Shanghai) date of an instant. */
export function localDate(instant: Date): string {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(ms)) throw invalid(`not an instant: ${String(instant)}`);
  return fromDay(Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** The instant of a local wall-clock time on a date; hour 24 means the end of that day (00:00 of the next). */
export function localInstant(date: string, hour: number, minute = 0): Date {
  const valid =
    Number.isInteger(hour) && Number.isInteger(minute) && hour >= 0 && minute >= 0 && minute < 60 && hour <= 24;
  if (!valid || (hour === 24 && minute !== 0)) throw invalid(`not a time of day: ${hour}:${minute}`);
  return new Date(toDay(date) * DAY_MS + hour * 3_600_000 + minute * 60_000 - SHANGHAI_OFFSET_MS);
}
