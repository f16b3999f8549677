import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  addCalendarDays,
  addWorkingDays,
  endOfCalendarPeriod,
  isProvisional,
  isWorkingDay,
  localDate,
  localInstant,
  workingDaysBetween,
  type DayKind,
  type WorkingCalendar,
} from '../../procedures/time/working-days';
import { parseCalendarFile } from '../../db/calendar-file';

/**
 * The official 2026 table as Heli ships it (db/calendar/cn-2026.json, from the State Council notice):
 *   春节 2026-02-15 (Sun) to 02-23 (Mon) off; 02-14 (Sat) and 02-28 (Sat) worked;
 *   中秋 09-25 (Fri) to 09-27 (Sun) off; 国庆 10-01 (Thu) to 10-07 (Wed) off; 09-20 (Sun) and 10-10 (Sat) worked.
 * The expected dates below are counted by hand from these lines, not computed.
 */
function calendarOf(...files: string[]): WorkingCalendar {
  const tables = files.map((f) =>
    parseCalendarFile(readFileSync(path.join(__dirname, '../../db/calendar', f), 'utf8'), f),
  );
  const overrides = new Map<string, DayKind>();
  for (const t of tables) {
    t.holidays.forEach((d) => overrides.set(d.date, 'HOLIDAY'));
    t.workdays.forEach((d) => overrides.set(d.date, 'WORKDAY'));
  }
  return { years: new Set(tables.map((t) => t.year)), overrides };
}

const cal2026 = calendarOf('cn-2026.json');
const noTables: WorkingCalendar = { years: new Set(), overrides: new Map() };

describe('working days in the official 2026 table', () => {
  it('counts the 调休 Saturday 2026-02-14 as a working day', () => {
    expect(isWorkingDay(cal2026, '2026-02-14')).toBe(true);
    expect(isWorkingDay(noTables, '2026-02-14')).toBe(false);
  });

  it('takes the Spring Festival weekdays off, and keeps ordinary weekdays and weekends as they are', () => {
    expect(isWorkingDay(cal2026, '2026-02-16')).toBe(false); // Monday, 春节
    expect(isWorkingDay(cal2026, '2026-02-15')).toBe(false); // Sunday, 春节
    expect(isWorkingDay(cal2026, '2026-03-04')).toBe(true); // an ordinary Wednesday
    expect(isWorkingDay(cal2026, '2026-03-07')).toBe(false); // an ordinary Saturday
  });

  it('lands 5 working days after Thursday 2026-02-12 on 2026-02-26, across the Spring Festival', () => {
    // 02-13 Fri (1), 02-14 Sat 调休 (2), 02-15..02-23 off, 02-24 Tue (3), 02-25 Wed (4), 02-26 Thu (5)
    expect(addWorkingDays(cal2026, '2026-02-12', 5)).toBe('2026-02-26');
  });

  it('lands 5 working days after Tuesday 2026-09-29 on 2026-10-12, across National Day', () => {
    // 09-30 Wed (1), 10-01..10-07 off, 10-08 Thu (2), 10-09 Fri (3), 10-10 Sat 调休 (4), 10-11 Sun off, 10-12 Mon (5)
    expect(addWorkingDays(cal2026, '2026-09-29', 5)).toBe('2026-10-12');
  });

  it('counts backwards over the holiday to the 调休 Saturday and the Friday before it', () => {
    expect(addWorkingDays(cal2026, '2026-02-24', -1)).toBe('2026-02-14');
    expect(addWorkingDays(cal2026, '2026-02-24', -2)).toBe('2026-02-13');
    expect(addWorkingDays(cal2026, '2026-10-12', -5)).toBe('2026-09-29');
  });

  it('answers the date itself for 0 working days, even on a holiday', () => {
    expect(addWorkingDays(cal2026, '2026-10-01', 0)).toBe('2026-10-01');
  });

  it('counts the working days between two dates, the first not counted, negative backwards', () => {
    expect(workingDaysBetween(cal2026, '2026-02-12', '2026-02-26')).toBe(5);
    expect(workingDaysBetween(cal2026, '2026-02-26', '2026-02-12')).toBe(-5);
    expect(workingDaysBetween(cal2026, '2026-10-01', '2026-10-07')).toBe(0);
    expect(workingDaysBetween(cal2026, '2026-03-04', '2026-03-04')).toBe(0);
  });

  it('ends a calendar-day period whose last day is a holiday on the next working day', () => {
    // 2026-09-24 + 7 days = 10-01, 国庆 to 10-07: the period ends on Thursday 10-08
    expect(endOfCalendarPeriod(cal2026, '2026-09-24', 7)).toBe('2026-10-08');
  });

  it('ends a calendar-day period on its last day when that is a working day, 调休 included', () => {
    expect(endOfCalendarPeriod(cal2026, '2026-03-02', 2)).toBe('2026-03-04');
    expect(endOfCalendarPeriod(cal2026, '2026-02-07', 7)).toBe('2026-02-14'); // the 调休 Saturday
    expect(endOfCalendarPeriod(cal2026, '2026-03-06', 1)).toBe('2026-03-09'); // a Saturday: the Monday after
  });

  it('adds calendar days across month and leap-year ends', () => {
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('provisional dates', () => {
  it('is provisional for a date in 2027 when only 2026 is loaded', () => {
    expect(isProvisional(cal2026, '2027-01-15')).toBe(true);
    expect(isProvisional(cal2026, '2026-12-01', '2027-01-15')).toBe(true);
  });

  it('is provisional when a year between the dates is missing', () => {
    const cal = { ...cal2026, years: new Set([2025, 2027]) };

    expect(isProvisional(cal, '2025-12-01', '2027-01-15')).toBe(true);
  });

  it('is final when every year from the earliest to the latest date is loaded', () => {
    expect(isProvisional(cal2026, '2026-02-12', '2026-10-12')).toBe(false);
    expect(isProvisional(calendarOf('cn-2025.json', 'cn-2026.json'), '2026-03-01', '2025-12-01')).toBe(false);
    expect(isProvisional(cal2026)).toBe(false);
  });
});

describe('local dates and instants in Asia/Shanghai (UTC+8)', () => {
  it('turns the instant of local midnight into the new date', () => {
    expect(localDate(new Date('2026-01-31T15:59:59.999Z'))).toBe('2026-01-31');
    expect(localDate(new Date('2026-01-31T16:00:00.000Z'))).toBe('2026-02-01');
    expect(localDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('places a local time on a date, hour 24 being 00:00 of the next day', () => {
    expect(localInstant('2026-02-01', 0).toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(localInstant('2026-01-31', 24).toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(localInstant('2026-10-08', 9, 30).toISOString()).toBe('2026-10-08T01:30:00.000Z');
  });

  it('gives back the date of any local time on it', () => {
    expect(localDate(localInstant('2026-02-14', 0))).toBe('2026-02-14');
    expect(localDate(localInstant('2026-02-14', 23, 59))).toBe('2026-02-14');
  });
});

describe('bad arguments', () => {
  it('refuses dates that do not exist or are not YYYY-MM-DD', () => {
    expect(() => isWorkingDay(cal2026, '2026-02-30')).toThrow(/not a date/);
    expect(() => addCalendarDays('2026-2-3', 1)).toThrow(/not a date/);
    expect(() => localDate(new Date('nonsense'))).toThrow(/not an instant/);
  });

  it('refuses fractional counts and impossible times', () => {
    expect(() => addWorkingDays(cal2026, '2026-03-04', 1.5)).toThrow(/whole number/);
    expect(() => localInstant('2026-03-04', 24, 30)).toThrow(/not a time of day/);
    expect(() => localInstant('2026-03-04', 25)).toThrow(/not a time of day/);
    expect(() => endOfCalendarPeriod(cal2026, '2026-03-04', -1)).toThrow(/a period is/);
  });

  it('stops scanning after 3660 days instead of hanging', () => {
    const allOff: WorkingCalendar = { years: new Set(), overrides: { get: () => 'HOLIDAY' } as never };

    expect(() => addWorkingDays(cal2026, '2026-03-04', 100_000)).toThrow(/3660/);
    expect(() => addWorkingDays(allOff, '2026-03-04', 1)).toThrow(/3660/);
    expect(() => endOfCalendarPeriod(allOff, '2026-03-04', 1)).toThrow(/3660/);
    expect(() => workingDaysBetween(cal2026, '2000-01-01', '2026-01-01')).toThrow(/3660/);
  });
});
