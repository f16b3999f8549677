import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as m from '../../procedures/task/messages';
import * as wd from '../../procedures/time/working-days';
import { rejected } from '../support/actors';
import { announceHoliday } from '../support/calendar-change';
import { actor, createTaskHarness, type TaskHarness } from '../support/task-harness';
import { useHarness } from '../support/use-harness';

const end = (date: string) => wd.localInstant(date, 24).toISOString();
const at = (date: string, hour: number) => wd.localInstant(date, hour).toISOString();

/** The calendar as the task's activities read it, around workflow time now. */
async function calendarNow(h: TaskHarness) {
  const today = wd.localDate(new Date(await h.now()));
  const year = Number(today.slice(0, 4));
  return { today, cal: await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 2) };
}

const refuse = { actor: actor('lead'), proposedUnitId: 'town-xicheng', reason: '该村位于西城街道辖区' };

const askPause = (category: m.PauseCategory = 'COURT') => ({
  actor: actor('lead'),
  category,
  reason: '涉及的土地权属纠纷尚在法院审理',
});

describe('pause and refusal of a supervised task', () => {
  const h = useHarness(createTaskHarness);

  describe('refusal (退单)', () => {
    it('holds the sign-for limit while the refusal awaits the ruling, and counts it afresh when the office insists', async () => {
      const handle = await h.start();
      const { today, cal } = await calendarNow(h);
      const signForBy = end(wd.addWorkingDays(cal, today, 1));
      await handle.executeUpdate(m.refuseTask, { args: [refuse] });
      await expect(handle.executeUpdate(m.refuseTask, { args: [refuse] })).rejects.toEqual(
        rejected(/本单位已就该任务退单一次/),
      );
      await h.skipTo(signForBy, handle);
      expect((await handle.query(m.getTaskStatus)).urgings).toBe(0);

      const ruled = await handle.executeUpdate(m.arbitrateRefusal, {
        args: [{ actor: actor('office'), ruling: 'INSIST', reason: '属东岗镇职责' }],
      });
      expect(ruled).toMatchObject({ leadUnitId: 'town-dongguan', state: 'ASSIGNED' });
      const ruledOn = wd.localDate(new Date(await h.now()));
      const urged = await h.skipTo(end(wd.addWorkingDays(cal, ruledOn, 1)), handle, (s) => s.urgings === 1);
      expect(urged.state).toBe('ASSIGNED');
      // One refusal per unit and task: the ruling does not give it another.
      await expect(handle.executeUpdate(m.refuseTask, { args: [refuse] })).rejects.toEqual(
        rejected(/每个单位对同一任务只能退单一次/),
      );
      expect((await h.timeline(urged.taskId)).map((e) => e.kind)).toEqual([
        'ASSIGNED',
        'REFUSED',
        'REFUSAL_INSISTED',
        'SIGN_FOR_OVERDUE',
      ]);
      await h.end(handle);
    });

    it('refuses a refusal after the sign-for limit, with the reason', async () => {
      const handle = await h.start();
      const { today, cal } = await calendarNow(h);
      await h.skipTo(end(wd.addWorkingDays(cal, today, 1)), handle, (s) => s.urgings === 1);
      await expect(handle.executeUpdate(m.refuseTask, { args: [refuse] })).rejects.toEqual(
        rejected(/已超过签收时限，不能再退单/),
      );
      await h.end(handle);
    });
  });

  describe('pause (挂账)', () => {
    it('a task paused for 5 working days across a holiday finishes with lateness computed without the pause', async () => {
      const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 10 } });
      await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
      const { today, cal: before } = await calendarNow(h);
      // The official table makes the second working day from now a holiday: the pause spans it.
      const holiday = wd.addWorkingDays(before, today, 2);
      expect((await announceHoliday(h, holiday)).failed).toBe(0);
      const { cal } = await calendarNow(h);
      const due = wd.addWorkingDays(cal, today, 10);
      await h.skipTo(new Date(await h.now()).toISOString(), handle, (s) => s.dueDate === due);

      await handle.executeUpdate(m.requestPause, { args: [askPause()] });
      const paused = await handle.executeUpdate(m.decidePause, {
        args: [{ actor: actor('office'), approve: true, comment: '待判决后恢复' }],
      });
      expect(paused.light).toBe('PAUSED');
      expect(paused.pauses[0]).toMatchObject({ decision: 'APPROVED', limitWorkingDays: 20 });

      // The unit resumes on the 5th working day after the approval (the holiday not counted).
      const resumeDay = wd.addWorkingDays(cal, today, 5);
      await h.skipTo(at(resumeDay, 10), handle);
      const resumed = await handle.executeUpdate(m.resumeTask, { args: [{ actor: actor('lead') }] });
      const newDue = wd.addWorkingDays(cal, due, 5);
      expect(resumed).toMatchObject({ pausedWorkingDays: 5, dueDate: newDue, originalDueDate: paused.originalDueDate });
      expect(resumed.light).not.toBe('PAUSED');

      // Submitted at noon two working days after the moved deadline: 2 working days late, not 7.
      await h.skipTo(at(wd.addWorkingDays(cal, newDue, 2), 12), handle);
      const submitted = await handle.executeUpdate(m.submitTask, {
        args: [{ actor: actor('lead'), summary: '已完成' }],
      });
      expect(submitted.lateWorkingDays).toBe(2);

      const timeline = await h.timeline(submitted.taskId);
      const resumedEntry = timeline.find((e) => e.kind === 'RESUMED');
      expect(resumedEntry?.message).toBe(
        `牵头单位恢复计时，本次中止计时5个工作日（等待司法程序：涉及的土地权属纠纷尚在法院审理），工作时限由${due}顺延至${newDue}`,
      );
      const { rows } = await h.db.pool.query(
        'SELECT paused_working_days, late_working_days, light, pauses FROM tasks WHERE id = $1',
        [submitted.taskId],
      );
      expect(rows[0]).toMatchObject({ paused_working_days: 5, late_working_days: 2 });
      expect(rows[0].pauses).toEqual([expect.objectContaining({ category: 'COURT', pausedWorkingDays: 5 })]);
      // Paused, the task sent no reminder and climbed no rung for the deadline it had then.
      const kinds = timeline.map((e) => e.kind);
      expect(kinds.slice(0, kinds.indexOf('RESUMED') + 1)).toEqual([
        'ASSIGNED',
        'SIGNED',
        ...kinds.slice(2, kinds.indexOf('PAUSE_REQUESTED')),
        'PAUSE_REQUESTED',
        'PAUSE_APPROVED',
        'RESUMED',
      ]);
      await h.end(handle);
    });

    it('sends no reminder and climbs no rung while paused, and resumes by itself at the limit', async () => {
      const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 3 } });
      await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
      await handle.executeUpdate(m.requestPause, { args: [askPause('BUDGET')] });
      const paused = await handle.executeUpdate(m.decidePause, {
        args: [{ actor: actor('office'), approve: true, limitWorkingDays: 10 }],
      });
      const { today, cal } = await calendarNow(h);
      const due = paused.dueDate!;
      const until = end(wd.addWorkingDays(cal, today, 10));
      expect(paused.pauses[0]?.until).toBe(until);

      // Past the deadline and the L1 and L2 instants it had: still paused, nothing sent.
      await h.skipTo(end(wd.addWorkingDays(cal, due, 3)), handle);
      const still = await handle.query(m.getTaskStatus);
      expect(still).toMatchObject({ light: 'PAUSED', rung: 0, dueDate: due });
      const quiet = (await h.timeline(still.taskId)).map((e) => e.kind);
      expect(quiet.slice(quiet.indexOf('PAUSE_APPROVED') + 1)).toEqual([]);

      const resumed = await h.skipTo(until, handle, (s) => s.pausedWorkingDays === 10);
      expect(resumed).toMatchObject({ dueDate: wd.addWorkingDays(cal, due, 10), rung: 0 });
      expect(resumed.light).not.toBe('PAUSED');
      expect(resumed.pauses[0]).toMatchObject({ resumedBy: null, pausedWorkingDays: 10, resumedAt: until });
      const timeline = await h.timeline(resumed.taskId);
      expect(timeline.at(-1)?.message).toMatch(/^中止计时期满，自动恢复计时，本次中止计时10个工作日（等待预算资金/);
      // The timers run again from the moved deadline: L1 comes at its end.
      const l1 = await h.skipTo(end(resumed.dueDate!), handle, (s) => s.rung === 1);
      expect(l1.light).toBe('RED');
      await h.end(handle);
    });

    it('refuses a pause the office has not approved and a limit above the policy maximum', async () => {
      const handle = await h.start();
      await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
      await expect(handle.executeUpdate(m.resumeTask, { args: [{ actor: actor('lead') }] })).rejects.toEqual(
        rejected(/任务未中止计时，无需恢复/),
      );
      await handle.executeUpdate(m.requestPause, { args: [askPause()] });
      await expect(
        handle.executeUpdate(m.decidePause, {
          args: [{ actor: actor('office'), approve: true, limitWorkingDays: 61 }],
        }),
      ).rejects.toEqual(rejected(/中止计时期限应为1至60个工作日/));
      const denied = await handle.executeUpdate(m.decidePause, {
        args: [{ actor: actor('office'), approve: false, comment: '不属于客观原因' }],
      });
      expect(denied.light).toBe('GREEN');
      expect(denied.pauses[0]).toMatchObject({ decision: 'DENIED', comment: '不属于客观原因' });
      await h.end(handle);
    });
  });

  // Last: a reassignment replans in the workflow task after its Update; the time skips of other tests come first.
  describe('refusal (退单) upheld', () => {
    it('a refusal arbitrated to another unit moves the task with its history', async () => {
      const handle = await h.start();
      await handle.executeUpdate(m.refuseTask, { args: [refuse] });
      const moved = await handle.executeUpdate(m.arbitrateRefusal, {
        args: [{ actor: actor('office'), ruling: 'REASSIGN', reason: '属地管理' }],
      });
      expect(moved).toMatchObject({ state: 'ASSIGNED', leadUnitId: 'town-xicheng' });
      expect(moved.refusals).toEqual([
        expect.objectContaining({ unitId: 'town-dongguan', proposedUnitId: 'town-xicheng', ruling: 'REASSIGN' }),
      ]);
      const timeline = await h.timeline(moved.taskId);
      expect(timeline.map((e) => e.kind)).toEqual(['ASSIGNED', 'REFUSED', 'REFUSAL_REASSIGNED', 'REASSIGNED']);
      const { rows } = await h.db.pool.query('SELECT lead_unit_id, refusals FROM tasks WHERE id = $1', [moved.taskId]);
      expect(rows[0].lead_unit_id).toBe('town-xicheng');
      // The new lead unit signs for it; the old one may no longer.
      await expect(handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] })).rejects.toEqual(
        rejected(/只有牵头单位可以签收/),
      );
      expect((await handle.executeUpdate(m.signFor, { args: [{ actor: actor('other') }] })).state).toBe('SIGNED');
      await h.end(handle);
    });
  });
});
