import * as wd from '../../procedures/time/working-days';
import { planTaskTimers } from '../../activities/task-schedule';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { loadCalendarYear } from '../../db/queries/calendar';
import * as m from '../../procedures/task/messages';
import { actor, createTaskHarness } from '../support/task-harness';
import { useHarness } from '../support/use-harness';

const routine = loadTaskPolicies(fromProject('config/task-policies.yaml')).get('ROUTINE')!;
const at = (date: string, hour: number) => wd.localInstant(date, hour).toISOString();

describe('deadlines on the official working-day calendar', () => {
  const h = useHarness(createTaskHarness);

  const plan = (assignedDate: string, days: number) =>
    planTaskTimers(h.db.pool, {
      orgId: 'district',
      limit: { kind: 'WORKING_DAYS', days },
      assignedAt: at(assignedDate, 10),
      dueDate: null,
      signAnchor: at(assignedDate, 10),
      progressAnchor: null,
      policy: routine,
    });

  it('lands 5 working days after a day just before the 2026 Spring Festival where the official table says', async () => {
    // Assigned Thu 12 Feb: Fri 13 (1), Sat 14 is a make-up workday (2), 15–23 Feb are off, Tue 24 (3), 25 (4), 26 (5).
    const schedule = await plan('2026-02-12', 5);

    expect(schedule).toMatchObject({ dueDate: '2026-02-26', provisional: false });
  });

  it('lands 5 working days after a day just before National Day 2026 where the official table says', async () => {
    // Assigned Tue 29 Sep: Wed 30 (1), 1–7 Oct are off, Thu 8 (2), Fri 9 (3), Sat 10 is a make-up workday (4), Mon 12 (5).
    const schedule = await plan('2026-09-29', 5);

    expect(schedule.dueDate).toBe('2026-10-12');
    expect(schedule.rungs[1]?.at).toBe(at('2026-10-15', 24)); // L2: three working days after 12 Oct
  });

  it('fires the reminder on a make-up Saturday and every rung on working days, at their instants', async () => {
    // A test table for a coming year (replacing any shipped one in this test's database): a holiday week and
    // a make-up Saturday after it.
    const year = new Date(await h.now()).getUTCFullYear() + 2;
    const firstThursday = [...Array(7).keys()]
      .map((i) => `${year}-02-0${i + 1}`)
      .find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 4)!;
    const day = (n: number) => wd.addCalendarDays(firstThursday, n);
    await loadCalendarYear(
      h.db.pool,
      {
        year,
        source: 'test fixture',
        holidays: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ date: day(n), name: '春节' })),
        workdays: [{ date: day(9), name: '春节调休' }],
      },
      'test',
    );
    const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 5 }, assignedAt: at(firstThursday, 10) });
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });

    // Fri +8 (1), Sat +9 make-up (2), Mon +11 (3), Tue +12 (4), Wed +13 (5).
    const status = await handle.query(m.getTaskStatus);
    expect(status.dueDate).toBe(day(13));
    // Three working days before Wed +13 is the make-up Saturday +9.
    await h.env.sleep(Date.parse(at(day(9), 9)) - (await h.now()) - 60_000);
    expect((await h.timeline(status.taskId)).filter((e) => e.kind === 'REMINDER')).toHaveLength(0);
    await h.skipTo(at(day(9), 9), handle, (s) => s.version > status.version);
    expect((await h.timeline(status.taskId)).filter((e) => e.kind === 'REMINDER')).toHaveLength(1);
    // L2 three working days after +13: Thu +14, Fri +15, Mon +18.
    await h.env.sleep(Date.parse(at(day(18), 24)) - (await h.now()) - 60_000);
    expect((await handle.query(m.getTaskStatus)).rung).toBe(1);
    await h.skipTo(at(day(18), 24), handle, (s) => s.rung === 2);
    await h.end(handle);
  });

  it('moves a provisional deadline in a running task when next year’s table is loaded', async () => {
    await h.db.pool.query('DELETE FROM calendar_years WHERE year = 2027');
    // Assigned Mon 28 Dec 2026 with 4 working days: without a 2027 table, Fri 1 Jan 2027 counts as a working day.
    const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 4 }, assignedAt: at('2026-12-28', 10) });
    expect(await handle.query(m.getTaskStatus)).toMatchObject({ dueDate: '2027-01-01', provisional: true });

    await loadCalendarYear(
      h.db.pool,
      { year: 2027, source: 'test fixture', holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] },
      'test',
    );
    await handle.signal(m.calendarChanged, { year: 2027 });
    const moved = await h.skipTo(new Date(await h.now()).toISOString(), handle, (s) => !s.provisional);

    expect(moved.dueDate).toBe('2027-01-04');
    const entries = await h.timeline(moved.taskId);
    expect(entries.find((e) => e.kind === 'CALENDAR_CHANGED')?.message).toContain('2027-01-04');
    const { rows } = await h.db.pool.query(
      'SELECT to_char(due_date, $2) AS due, provisional FROM tasks WHERE id = $1',
      [moved.taskId, 'YYYY-MM-DD'],
    );
    expect(rows).toEqual([{ due: '2027-01-04', provisional: false }]);
    await h.end(handle);
  });

  it('ignores a table for a year none of its timers counts through, and replans for one they do', async () => {
    const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 10 } });
    const { dueDate } = await handle.query(m.getTaskStatus);
    /** How often the task asked the calendar for its timers. */
    const plans = async () =>
      (await handle.fetchHistory()).events!.filter(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'planTaskTimers',
      ).length;
    // Signing replans (the sign-for anchor moves): counted once it is done.
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    await h.env.sleep(60_000);
    const before = await plans();
    const far = Number(dueDate!.slice(0, 4)) + 3;
    await handle.signal(m.calendarChanged, { year: far });
    await handle.executeUpdate(m.commentOnTask, { args: [{ actor: actor('office'), text: '请加快进度' }] });
    await h.env.sleep(60_000);
    expect(await plans()).toBe(before);
    await handle.signal(m.calendarChanged, { year: Number(dueDate!.slice(0, 4)) });
    await handle.executeUpdate(m.commentOnTask, { args: [{ actor: actor('office'), text: '请加快进度' }] });
    await h.env.sleep(60_000);
    expect(await plans()).toBe(before + 1);
    await h.end(handle);
  });
});
