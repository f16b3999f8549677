import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as m from '../../procedures/task/messages';
import * as wd from '../../procedures/time/working-days';
import { rejected } from '../support/actors';
import { actor, createTaskHarness } from '../support/task-harness';
import { useHarness } from '../support/use-harness';

/** Issue 20 item 7: the office itself extends the time limit (延期); the ladder moves as after an approved extension. */
describe('the office’s own extension (延期)', () => {
  const h = useHarness(createTaskHarness);

  it('moves the ladder: no L1 at the old deadline, L1 after the new one', async () => {
    const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 3 } });
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    const before = await handle.query(m.getTaskStatus);
    const today = wd.localDate(new Date(await h.now()));
    const year = Number(today.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 2);
    const later = wd.addWorkingDays(cal, before.dueDate!, 5);

    await expect(
      handle.executeUpdate(m.extendTask, {
        args: [{ actor: actor('office'), newDueDate: before.dueDate!, reason: '同一天' }],
      }),
    ).rejects.toEqual(rejected(/新的工作时限须晚于现有工作时限/));
    const extended = await handle.executeUpdate(m.extendTask, {
      args: [{ actor: actor('office'), newDueDate: later, reason: '涉及多部门协调' }],
    });
    expect(extended).toMatchObject({ dueDate: later, originalDueDate: before.dueDate, extensionsApproved: 0 });

    // A working day past the old deadline: no rung.
    const oldL1 = wd.localInstant(wd.addWorkingDays(cal, before.dueDate!, 1), 12);
    await h.env.sleep(oldL1.getTime() - (await h.now()));
    expect((await handle.query(m.getTaskStatus)).rung).toBe(0);

    const l1 = await h.skipTo(
      wd.localInstant(wd.addWorkingDays(cal, later, 1), 12).toISOString(),
      handle,
      (s) => s.rung >= 1,
    );
    expect(l1).toMatchObject({ rung: 1, dueDate: later });
    const timeline = await h.timeline(extended.taskId);
    expect(timeline.find((e) => e.kind === 'EXTENDED')?.message).toBe(
      `组织协调室决定延期，工作时限由${before.dueDate}调整为${later}，理由：涉及多部门协调`,
    );
    const { rows } = await h.db.pool.query(
      "SELECT person_id, title FROM notifications WHERE task_id = $1 AND kind = 'EXTENDED'",
      [extended.taskId],
    );
    expect(rows.map((r) => r.person_id)).toContain('p-xie-hua');
    expect(rows[0].title).toMatch(/^【工作时限已延期】/);
    await h.end(handle);
  });
});
