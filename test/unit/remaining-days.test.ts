import type { Pool } from 'pg';
import { withRemainingWorkingDays } from '../../api/use-cases/remaining-days';
import { NATIONAL } from '../../db/queries/calendar';
import { workingDaysBetween } from '../../procedures/time/working-days';

/** A pool that answers the calendar's query: 2026's table loaded, with one make-up workday and one holiday. */
const calendarPool = {
  query: async () => ({
    rows: [
      { year: 2026, date: '2026-10-10', kind: 'WORKDAY' },
      { year: 2026, date: '2026-10-08', kind: 'HOLIDAY' },
    ],
  }),
} as unknown as Pool;

// Friday 2026-10-09, 10:00 in Shanghai.
const NOW = new Date('2026-10-09T02:00:00Z');
const running = (dueDate: string) => ({ state: 'SIGNED', dueDate });

describe('remaining working days of a task', () => {
  it('counts the working days up to the time limit on the official calendar, make-up workdays included', async () => {
    const [task] = await withRemainingWorkingDays(calendarPool, NATIONAL, [running('2026-10-13')], NOW);

    expect(task?.remainingWorkingDays).toBe(3); // Sat 10 (调休), Mon 12, Tue 13
  });

  it('is 0 on the day the time limit falls, and at least 1 before it even across a weekend', async () => {
    const tasks = await withRemainingWorkingDays(
      calendarPool,
      NATIONAL,
      [running('2026-10-09'), running('2026-10-11')],
      NOW,
    );

    expect(tasks.map((t) => t.remainingWorkingDays)).toEqual([0, 1]);
  });

  it('is negative once overdue, skipping the holiday', async () => {
    const [task] = await withRemainingWorkingDays(calendarPool, NATIONAL, [running('2026-10-06')], NOW);

    expect(task?.remainingWorkingDays).toBe(-2); // Wed 7, Fri 9 (Thu 8 is a holiday)
  });

  it('is null for a task whose time limit no longer runs', async () => {
    const tasks = await withRemainingWorkingDays(
      calendarPool,
      NATIONAL,
      [
        { state: 'SUBMITTED', dueDate: '2026-10-13' },
        { state: 'ACCEPTED', dueDate: '2026-10-13' },
      ],
      NOW,
    );

    expect(tasks.map((t) => t.remainingWorkingDays)).toEqual([null, null]);
  });

  it('counts a page of tasks due on many days, before and after today, each as if counted alone', async () => {
    const calendar = {
      years: new Set([2026]),
      overrides: new Map([
        ['2026-10-10', 'WORKDAY' as const],
        ['2026-10-08', 'HOLIDAY' as const],
      ]),
    };
    const day = (n: number) => new Date(Date.UTC(2026, 9, 9) + n * 86_400_000).toISOString().slice(0, 10);
    const dues = [-400, -30, -3, -2, -1, 0, 1, 2, 2, 3, 45, 46, 200, 365, 700].map(day);
    const tasks = await withRemainingWorkingDays(calendarPool, NATIONAL, dues.map(running), NOW);

    expect(tasks.map((t) => t.remainingWorkingDays)).toEqual(
      dues.map((due) => {
        const n = workingDaysBetween(calendar, '2026-10-09', due);
        return due === '2026-10-09' ? 0 : due > '2026-10-09' ? Math.max(1, n) : -Math.max(1, -n);
      }),
    );
  });
});
