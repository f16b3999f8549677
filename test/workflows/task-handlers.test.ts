import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as m from '../../procedures/task/messages';
import * as wd from '../../procedures/time/working-days';
import { rejected } from '../support/actors';
import { actor, createTaskHarness, type TaskHarness } from '../support/task-harness';
import { useHarness } from '../support/use-harness';

/** Issue 20 item 5, handlers (承办人): a unit names who handles the task; its notices then reach the handler too. */
const HANDLER = 'p-yu-hong'; // 于红, staff of town-dongguan (the lead unit)

async function notified(h: TaskHarness, taskId: string, kind: string): Promise<string[]> {
  const { rows } = await h.db.pool.query<{ person_id: string }>(
    'SELECT person_id FROM notifications WHERE task_id = $1 AND kind = $2 ORDER BY person_id',
    [taskId, kind],
  );
  return rows.map((r) => r.person_id);
}

describe('handlers (承办人) of a supervised task', () => {
  const h = useHarness(createTaskHarness);

  it('sends the lead unit’s first rung to its handler as well as its head, and tells the handler when named', async () => {
    const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 2 } });
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    const named = await handle.executeUpdate(m.nameHandler, { args: [{ actor: actor('lead'), handlerId: HANDLER }] });
    expect(named.handlers).toEqual({ 'town-dongguan': HANDLER });
    expect(await notified(h, named.taskId, 'HANDLER_NAMED')).toEqual([HANDLER]);

    // Past the deadline: L1 (催办) goes to the unit's head and the office — and now to the handler.
    const today = wd.localDate(new Date(await h.now()));
    const year = Number(today.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 2);
    const due = wd.addWorkingDays(cal, today, 2);
    const l1 = await h.skipTo(
      wd.localInstant(wd.addWorkingDays(cal, due, 1), 10).toISOString(),
      handle,
      (s) => s.rung >= 1,
    );
    expect(l1.rung).toBeGreaterThanOrEqual(1);
    const told = await notified(h, named.taskId, 'ESCALATION_L1');
    expect(told).toEqual(expect.arrayContaining(['p-xie-hua', HANDLER, 'p-huang-min']));

    const timeline = await h.timeline(named.taskId);
    expect(timeline.find((e) => e.kind === 'HANDLER_NAMED')?.message).toBe('东关街道指定于红为承办人');
    await h.end(handle);
  });

  it('records a new handler with the one replaced, and refuses the same one again and a unit not on the task', async () => {
    const handle = await h.start({ coUnitIds: ['dept-finance'] });
    await handle.executeUpdate(m.nameHandler, { args: [{ actor: actor('lead'), handlerId: HANDLER }] });
    await expect(
      handle.executeUpdate(m.nameHandler, { args: [{ actor: actor('lead'), handlerId: HANDLER }] }),
    ).rejects.toEqual(rejected(/该人员已是本单位的承办人/));
    const replaced = await handle.executeUpdate(m.nameHandler, {
      args: [{ actor: actor('lead'), handlerId: 'p-xie-hua' }],
    });
    expect(replaced.handlers?.['town-dongguan']).toBe('p-xie-hua');
    // The co-organising unit names its own; a unit not on the task may not.
    const co = await handle.executeUpdate(m.nameHandler, { args: [{ actor: actor('co'), handlerId: 'p-lin-feng' }] });
    expect(co.handlers).toEqual({ 'town-dongguan': 'p-xie-hua', 'dept-finance': 'p-lin-feng' });
    await expect(
      handle.executeUpdate(m.nameHandler, { args: [{ actor: actor('other'), handlerId: 'p-han-bing' }] }),
    ).rejects.toEqual(rejected(/只有牵头单位和协办单位可以指定本单位的承办人/));
    const timeline = await h.timeline(replaced.taskId);
    expect(timeline.filter((e) => e.kind === 'HANDLER_NAMED').map((e) => e.message)).toEqual([
      '东关街道指定于红为承办人',
      '东关街道指定谢华为承办人（原承办人：于红）',
      '区财政局指定林峰为承办人',
    ]);
    const { rows } = await h.db.pool.query('SELECT handlers FROM tasks WHERE id = $1', [replaced.taskId]);
    expect(rows[0].handlers).toEqual({ 'town-dongguan': 'p-xie-hua', 'dept-finance': 'p-lin-feng' });
    await h.end(handle);
  });
});
