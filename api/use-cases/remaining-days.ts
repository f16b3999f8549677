import type { Pool } from 'pg';
import { localDate, workingDaysBetween, type WorkingCalendar } from '../../procedures/time/working-days';
import { readWorkingCalendar } from '../../db/queries/calendar';

/** States in which a task's time limit is running (DOMAIN.md "The supervised task"). */
const RUNNING = new Set(['ASSIGNED', 'SIGNED', 'IN_PROGRESS']);
/** The scan of working-days.ts stops at ten years; a time limit further away shows no count. */
const MAX_YEARS = 9;

/**
 * Adds `remainingWorkingDays` to tasks whose time limit is running, counted on the official calendar the
 * workflows use: working days in (today, due date] and at least 1 before the day it falls due (a deadline on a
 * weekend after today still leaves today), 0 on that day, negative once overdue (at least -1, also on a day off
 * right after the deadline). Other tasks get null. One calendar read for the whole page, of the organisation
 * whose tasks they are (a page never mixes organisations).
 */
export async function withRemainingWorkingDays<T extends { state: string; dueDate: string | null }>(
  db: Pool,
  orgId: string,
  tasks: T[],
  now = new Date(),
): Promise<(T & { remainingWorkingDays: number | null })[]> {
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  const running = tasks.filter((t) => RUNNING.has(t.state) && t.dueDate);
  const years = running.map((t) => Number((t.dueDate ?? today).slice(0, 4)));
  const from = Math.max(year - MAX_YEARS, Math.min(year, ...years));
  const to = Math.min(year + MAX_YEARS, Math.max(year, ...years));
  const calendar = running.length > 0 ? await readWorkingCalendar(db, orgId, from, to) : undefined;
  const signed = calendar
    ? fromToday(
        calendar,
        today,
        running.map((t) => t.dueDate!),
      )
    : new Map<string, number>();
  return tasks.map((t) => {
    const due = t.dueDate;
    if (!calendar || !due || !RUNNING.has(t.state) || Math.abs(Number(due.slice(0, 4)) - year) > MAX_YEARS) {
      return { ...t, remainingWorkingDays: null };
    }
    const between = signed.get(due)!; // workingDaysBetween(calendar, today, due)
    let days: number;
    if (due === today) days = 0;
    else if (due > today) days = Math.max(1, between);
    else days = -Math.max(1, -between);
    return { ...t, remainingWorkingDays: days };
  });
}

/**
 * `workingDaysBetween(calendar, today, date)` for each of `dates` (within MAX_YEARS of today), counted along the
 * dates in order outwards from today, each step adding the days from the previous date: a page's fifty tasks due over
 * a year cost one scan of that year, not fifty.
 */
function fromToday(calendar: WorkingCalendar, today: string, dates: string[]): Map<string, number> {
  const year = Number(today.slice(0, 4));
  const near = [...new Set(dates)].filter((d) => Math.abs(Number(d.slice(0, 4)) - year) <= MAX_YEARS);
  const out = new Map<string, number>();
  for (const side of [
    near.filter((d) => d > today).sort(),
    near
      .filter((d) => d < today)
      .sort()
      .reverse(),
  ]) {
    let [at, count] = [today, 0];
    for (const date of side) {
      count += workingDaysBetween(calendar, at, date);
      out.set(date, count);
      at = date;
    }
  }
  out.set(today, 0);
  return out;
}
