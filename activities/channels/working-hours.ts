import { isWorkingDay, localDate, localInstant, type WorkingCalendar } from '../../procedures/time/working-days';

/** Office hours of a working day, local time (Asia/Shanghai). */
export const OFFICE_HOURS = { start: 9, end: 17 } as const;

/**
 * The instant `hours` working hours after `from`: only office hours of working days count (the organisation's
 * calendar: holidays off, adjusted working weekends on).
 */
export function addWorkingHours(cal: WorkingCalendar, from: Date, hours: number, day = OFFICE_HOURS): Date {
  let t = from.getTime();
  let left = hours * 3_600_000;
  for (let i = 0; i < 400; i++) {
    const date = localDate(new Date(t));
    if (isWorkingDay(cal, date)) {
      const open = localInstant(date, day.start).getTime();
      const close = localInstant(date, day.end).getTime();
      if (t < open) t = open;
      if (t < close) {
        if (left <= close - t) return new Date(t + left);
        left -= close - t;
      }
    }
    t = localInstant(date, 24).getTime();
  }
  throw new Error(`${hours} working hours from ${from.toISOString()} span more than 400 days`);
}
