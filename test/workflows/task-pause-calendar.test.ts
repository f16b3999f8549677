import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as m from '../../procedures/task/messages';
import * as wd from '../../procedures/time/working-days';
import { announceHoliday } from '../support/calendar-change';
import { actor, createTaskHarness, type TaskHarness } from '../support/task-harness';
import { useHarness } from '../support/use-harness';

const end = (date: string) => wd.localInstant(date, 24).toISOString();

/** The calendar as the task's activities read it, around workflow time now. */
async function calendarNow(h: TaskHarness) {
  const today = wd.localDate(new Date(await h.now()));
  const year = Number(today.slice(0, 4));
  return { today, cal: await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 2) };
}

/** Issue 20: a new calendar table moves the end of a pause's limit (挂账期限) as it moves the deadline. */
describe('a pause in force when the calendar table changes', () => {
  const h = useHarness(createTaskHarness);

  it('re-plans the automatic resumption on the new table, and resumes there, not where the old table put it', async () => {
    const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 5 } });
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    await handle.executeUpdate(m.requestPause, {
      args: [{ actor: actor('lead'), category: 'BUDGET', reason: '专项资金尚未下达' }],
    });
    const paused = await handle.executeUpdate(m.decidePause, {
      args: [{ actor: actor('office'), approve: true, limitWorkingDays: 10 }],
    });
    const { today, cal: before } = await calendarNow(h);
    const planned = end(wd.addWorkingDays(before, today, 10));
    expect(paused.pauses[0]?.until).toBe(planned);

    // The official table makes the third working day of the pause a holiday: the limit ends a working day later.
    expect((await announceHoliday(h, wd.addWorkingDays(before, today, 3))).failed).toBe(0);
    const { cal } = await calendarNow(h);
    const until = end(wd.addWorkingDays(cal, today, 10));
    expect(until).not.toBe(planned);
    const moved = await h.skipTo(new Date(await h.now()).toISOString(), handle, (s) => s.pauses[0]?.until === until);
    expect(moved.light).toBe('PAUSED');
    const entry = (await h.timeline(moved.taskId)).find(
      (e) => e.kind === 'CALENDAR_CHANGED' && e.message.includes('中止计时期限'),
    );
    expect(entry?.message).toBe(
      `工作日历更新，中止计时期限10个工作日重新计算，至迟于${wd.addWorkingDays(cal, today, 10)}恢复计时`,
    );
    const { rows } = await h.db.pool.query('SELECT pauses FROM tasks WHERE id = $1', [moved.taskId]);
    expect(rows[0].pauses[0].until).toBe(until);

    // Where the old table ended the limit, the clock still stands; it runs again at the new end.
    await h.skipTo(planned, handle);
    expect((await handle.query(m.getTaskStatus)).light).toBe('PAUSED');
    const resumed = await h.skipTo(until, handle, (s) => s.pausedWorkingDays === 10);
    expect(resumed.pauses[0]).toMatchObject({ resumedBy: null, pausedWorkingDays: 10, resumedAt: until });
    expect(resumed.light).not.toBe('PAUSED');
    await h.end(handle);
  });
});
