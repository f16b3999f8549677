import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as m from '../../procedures/task/messages';
import * as wd from '../../procedures/time/working-days';
import { rejected } from '../support/actors';
import { actor, createTaskHarness } from '../support/task-harness';
import { useHarness } from '../support/use-harness';

/** Issue 20 item 6, cascade (三级联动): a town's task split into sub-tasks for its villages rolls its light up. */
describe('cascade (三级联动) of a supervised task', () => {
  const h = useHarness(createTaskHarness);

  it('turns the parent yellow, not red, when a village sub-task is late', async () => {
    const parent = await h.start({ leadUnitId: 'town-qingshi', limit: { kind: 'WORKING_DAYS', days: 20 } });
    const parentId = (await parent.query(m.getTaskStatus)).taskId;
    const sub = await h.start({
      taskId: `${parentId}.1`,
      parentTaskId: parentId,
      leadUnitId: 'village-dongling',
      limit: { kind: 'WORKING_DAYS', days: 6 },
    });
    const told = await h.skipTo(new Date(await h.now()).toISOString(), parent, (s) => (s.subtasks?.length ?? 0) > 0);
    expect(told.subtasks).toEqual([
      expect.objectContaining({ id: `${parentId}.1`, unitId: 'village-dongling', state: 'ASSIGNED' }),
    ]);
    expect(told.light).toBe('GREEN');

    // One working day past the village's deadline: the sub-task is red, the parent (not itself late) yellow.
    const today = wd.localDate(new Date(await h.now()));
    const year = Number(today.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 2);
    const due = wd.addWorkingDays(cal, today, 6);
    const late = wd.localInstant(wd.addWorkingDays(cal, due, 1), 10).toISOString();
    const subLate = await h.skipTo(late, sub, (s) => s.light === 'RED');
    expect(subLate.light).toBe('RED');
    const rolled = await h.skipTo(late, parent, (s) => s.light === 'YELLOW');
    expect(rolled.light).toBe('YELLOW');
    expect(rolled.subtasks?.[0]).toMatchObject({ light: 'RED' });
    const timeline = await h.timeline(parentId);
    expect(timeline.map((e) => e.message)).toContain('指示灯变为黄灯');
    await h.end(sub);
    await h.end(parent);
  });

  it('refuses the parent’s submission while a village sub-task is open', async () => {
    const parent = await h.start();
    const parentId = (await parent.query(m.getTaskStatus)).taskId;
    const sub = await h.start({ taskId: `${parentId}.1`, parentTaskId: parentId, leadUnitId: 'village-dongling' });
    await h.skipTo(new Date(await h.now()).toISOString(), parent, (s) => (s.subtasks?.length ?? 0) > 0);
    await parent.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    await expect(
      parent.executeUpdate(m.submitTask, { args: [{ actor: actor('lead'), summary: '已完成' }] }),
    ).rejects.toEqual(rejected(new RegExp(`子任务尚未办结：village-dongling（${parentId}\\.1）`)));

    // The village's sub-task done and accepted: the parent may submit.
    await sub.executeUpdate(m.cancelTask, { args: [{ actor: actor('office'), reason: '村级任务并入镇级办理' }] });
    await h.skipTo(new Date(await h.now()).toISOString(), parent, (s) => s.subtasks?.[0]?.state === 'CANCELLED');
    const submitted = await parent.executeUpdate(m.submitTask, { args: [{ actor: actor('lead'), summary: '已完成' }] });
    expect(submitted.state).toBe('SUBMITTED');
    await h.end(parent);
  });
});
