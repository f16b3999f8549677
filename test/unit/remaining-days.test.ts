import type { Pool } from 'pg';
import { withRemainingWorkingDays } from '../../api/use-cases/remaining-days';
import { NATIONAL } from '../../db/queries/calendar';

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
});
