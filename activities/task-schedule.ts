import type { Pool } from 'pg';
import { readWorkingCalendar } from '../db/queries/calendar';
import type { WorkingCalendar } from '../procedures/time/working-days';
import type { TaskPolicy, TimeLimit } from '../procedures/task/messages';
import type { Schedule } from '../procedures/task/rules';
import {
  addWorkingDays,
  isProvisional,
  localDate,
  localInstant,
  workingDaysBetween,
} from '../procedures/time/working-days';

export interface PlanInput {
  orgId: string;
  limit: TimeLimit;
  assignedAt: string;
  /** A deadline set by a decision (approved extension, return), which replaces the computed one. */
  dueDate: string | null;
  /** When the sign-for limit starts: assignment, or the last reassignment. */
  signAnchor: string;
  /** When the progress-report cadence last started (sign-for or last report); null: no cadence. */
  progressAnchor: string | null;
  policy: TaskPolicy;
}

const REMINDER_HOUR = 9; // reminders arrive at the start of the working day, not at midnight

/** The calendar years a task's timers can touch, as `orgId` follows them: from a year before assignment to two after. */
export async function calendarAround(db: Pool, orgId: string, instant: string) {
  const year = Number(localDate(new Date(instant)).slice(0, 4));
  return readWorkingCalendar(db, orgId, year - 1, year + 2);
}

/**
 * Every timer of a task on the official working-day calendar (DOMAIN.md "Time" and "The supervised task"):
 * the deadline (a date, or N working days after the day of assignment, ending 24:00), the sign-for limit,
 * reminders at 09:00 on the working days before it, the start of the yellow window, the next progress
 * report, and the rungs L1 (the deadline) and L2/L3 (the end of the Nth working day after it).
 */
export async function planTaskTimers(db: Pool, p: PlanInput): Promise<Schedule> {
  return scheduleOn(await calendarAround(db, p.orgId, p.assignedAt), p);
}

/** `planTaskTimers` on a calendar already read (`calendarAround` the assignment). */
export function scheduleOn(cal: WorkingCalendar, p: PlanInput): Schedule {
  const assignedDate = localDate(new Date(p.assignedAt));
  const dueDate =
    p.dueDate ?? (p.limit.kind === 'DATE' ? p.limit.date : addWorkingDays(cal, assignedDate, p.limit.days));
  const end = (date: string) => localInstant(date, 24).toISOString();
  const signForDate = addWorkingDays(cal, localDate(new Date(p.signAnchor)), p.policy.signForWorkingDays);
  const l2 = addWorkingDays(cal, dueDate, p.policy.escalation.l2AfterWorkingDays);
  const l3 = addWorkingDays(cal, dueDate, p.policy.escalation.l3AfterWorkingDays);
  return {
    dueDate,
    dueAt: end(dueDate),
    // Provisional while a year up to the limit lacks its official table: a working-day limit may move, and a fixed
    // date (a date limit, a decision's) may turn out a holiday, its reminders counted on a guess.
    provisional: isProvisional(cal, assignedDate, dueDate),
    signForBy: end(signForDate),
    reminders: p.policy.remindWorkingDaysBefore.map((k) => ({
      daysBefore: k,
      at: localInstant(addWorkingDays(cal, dueDate, -k), REMINDER_HOUR).toISOString(),
    })),
    yellowAt: end(addWorkingDays(cal, dueDate, -p.policy.yellowWithinWorkingDays)),
    progressDueAt:
      p.progressAnchor && p.policy.progressEveryWorkingDays
        ? end(addWorkingDays(cal, localDate(new Date(p.progressAnchor)), p.policy.progressEveryWorkingDays))
        : null,
    rungs: [
      { rung: 1, at: end(dueDate) },
      { rung: 2, at: end(l2) },
      { rung: 3, at: end(l3) },
    ],
  };
}

/** Working days from the end of `dueDate` to the day of `at` (0 when on time). */
export async function measureLateness(db: Pool, p: { orgId: string; dueDate: string; at: string }): Promise<number> {
  const cal = await calendarAround(db, p.orgId, p.at);
  return Math.max(0, workingDaysBetween(cal, p.dueDate, localDate(new Date(p.at))));
}

/**
 * The end of a pause's limit (挂账期限): 24:00 of the `workingDays`-th working day after the day it was approved (the
 * start day is not counted, DOMAIN.md "Time").
 */
export async function planPause(db: Pool, p: { orgId: string; since: string; workingDays: number }): Promise<string> {
  const cal = await calendarAround(db, p.orgId, p.since);
  return localInstant(addWorkingDays(cal, localDate(new Date(p.since)), p.workingDays), 24).toISOString();
}

/**
 * What a resumption moves: the working days the clock stood still (the limit, when it ran out; otherwise the working
 * days after the day of approval up to the day of resumption) and the deadline moved by as many working days.
 */
export async function planResume(
  db: Pool,
  p: { orgId: string; since: string; until: string; at: string; limitWorkingDays: number; dueDate: string },
): Promise<{ pausedWorkingDays: number; dueDate: string }> {
  const cal = await calendarAround(db, p.orgId, p.since);
  const pausedWorkingDays =
    Date.parse(p.at) >= Date.parse(p.until)
      ? p.limitWorkingDays
      : Math.max(0, workingDaysBetween(cal, localDate(new Date(p.since)), localDate(new Date(p.at))));
  return { pausedWorkingDays, dueDate: addWorkingDays(cal, p.dueDate, pausedWorkingDays) };
}
