import { computeBulletin } from '../../db/queries/bulletins';
import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import { cycleBoard } from '../../db/queries/cycle-board';
import * as m from '../../procedures/task/messages';
import * as wd from '../../procedures/time/working-days';
import { rejected } from '../support/actors';
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

describe('milestones (序时进度) of a supervised task', () => {
  const h = useHarness(createTaskHarness);

  it('a missed milestone turns the light yellow and reminds the unit, and does not escalate', async () => {
    const { today, cal } = await calendarNow(h);
    const milestoneDay = wd.addWorkingDays(cal, today, 3);
    const handle = await h.start({
      limit: { kind: 'WORKING_DAYS', days: 15 },
      cycleId: 'c-milestones',
      milestones: [{ date: milestoneDay, expected: '完成走访', percent: 30 }],
    });
    const signed = await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    expect(signed.light).toBe('GREEN');
    expect(signed.milestones).toEqual([
      expect.objectContaining({ id: 'm1', state: 'PENDING', dueAt: end(milestoneDay) }),
    ]);

    const missed = await h.skipTo(end(milestoneDay), handle, (s) => s.milestones?.[0]?.state === 'MISSED');
    expect(missed).toMatchObject({ light: 'YELLOW', rung: 0, urgings: 0 });
    const timeline = await h.timeline(missed.taskId);
    expect(timeline.map((e) => e.kind)).toEqual(['ASSIGNED', 'SIGNED', 'MILESTONE_MISSED']);
    expect(timeline.at(-1)?.message).toBe(
      `序时进度节点（${milestoneDay}，完成走访，完成30%）未按期完成，亮黄灯，已提醒牵头单位`,
    );
    const { rows } = await h.db.pool.query(
      `SELECT DISTINCT title FROM notifications WHERE workflow_id = $1 AND kind = 'MILESTONE_MISSED'`,
      [`task:${missed.taskId}`],
    );
    expect(rows).toEqual([{ title: '【序时进度提醒】开展作风建设专项检查' }]);
    const read = await h.db.pool.query('SELECT light, milestones_missed, rung FROM tasks WHERE id = $1', [
      missed.taskId,
    ]);
    expect(read.rows[0]).toEqual({ light: 'YELLOW', milestones_missed: 1, rung: 0 });

    // The bulletin of the period counts the miss against the lead unit.
    const bulletin = await computeBulletin(h.db.pool, {
      orgId: 'district',
      from: today,
      to: milestoneDay,
      asOf: new Date(await h.now()),
    });
    expect(bulletin.milestones?.byUnit.find((u) => u.unitId === 'town-dongguan')).toMatchObject({ missed: 1 });

    // The board shows the lag in the lead unit's cell.
    const board = await cycleBoard(h.db.pool, 'c-milestones', 'month', { orgId: 'district', wholeOrg: true });
    expect(board.cells).toEqual([expect.objectContaining({ unitId: 'town-dongguan', yellow: 1, milestonesMissed: 1 })]);

    // A week on: still yellow, no rung, nothing more sent.
    const later = await h.skipTo(end(wd.addWorkingDays(cal, milestoneDay, 5)), handle);
    expect(later).toMatchObject({ light: 'YELLOW', rung: 0 });
    expect((await h.timeline(later.taskId)).length).toBe(3);

    // Reported late against it: the lag is made good, the milestone stays missed.
    const made = await handle.executeUpdate(m.reportProgress, {
      args: [{ actor: actor('lead'), text: '走访已完成', milestoneId: 'm1', percent: 35 }],
    });
    expect(made.light).toBe('GREEN');
    expect(made.milestones?.[0]).toMatchObject({ state: 'MISSED', reportedPercent: 35 });
    await h.end(handle);
  });

  it('a milestone met by its day does nothing at its end', async () => {
    const { today, cal } = await calendarNow(h);
    const milestoneDay = wd.addWorkingDays(cal, today, 2);
    const handle = await h.start({ milestones: [{ date: milestoneDay, percent: 40 }] });
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    await h.skipTo(at(milestoneDay, 10), handle);
    // A percentage at least the planned one meets it without naming it.
    const met = await handle.executeUpdate(m.reportProgress, {
      args: [{ actor: actor('lead'), text: '已完成四成', percent: 45 }],
    });
    expect(met.milestones?.[0]).toMatchObject({ state: 'MET', reportedPercent: 45 });

    const after = await h.skipTo(end(wd.addWorkingDays(cal, milestoneDay, 1)), handle);
    expect(after).toMatchObject({ light: 'GREEN', rung: 0 });
    expect((await h.timeline(after.taskId)).map((e) => e.kind)).toEqual([
      'ASSIGNED',
      'SIGNED',
      'PROGRESS',
      'MILESTONE_MET',
    ]);
    await h.end(handle);
  });

  it('the office sets milestones on an open task, within its life and with increasing percentages', async () => {
    const { today, cal } = await calendarNow(h);
    const handle = await h.start();
    const status = await handle.query(m.getTaskStatus);
    await expect(
      handle.executeUpdate(m.setMilestones, {
        args: [
          { actor: actor('office'), milestones: [{ date: wd.addWorkingDays(cal, status.dueDate!, 1), percent: 10 }] },
        ],
      }),
    ).rejects.toEqual(rejected(/序时进度节点不能晚于工作时限/));
    await expect(
      handle.executeUpdate(m.setMilestones, {
        args: [{ actor: actor('office'), milestones: [{ date: wd.addWorkingDays(cal, today, -1), percent: 10 }] }],
      }),
    ).rejects.toEqual(rejected(/序时进度节点不能早于今天/));
    const first = wd.addWorkingDays(cal, today, 2);
    const second = wd.addWorkingDays(cal, today, 4);
    await expect(
      handle.executeUpdate(m.setMilestones, {
        args: [
          {
            actor: actor('office'),
            milestones: [
              { date: first, percent: 50 },
              { date: second, percent: 40 },
            ],
          },
        ],
      }),
    ).rejects.toEqual(rejected(/各节点的完成比例应随日期递增/));
    const set = await handle.executeUpdate(m.setMilestones, {
      args: [
        {
          actor: actor('office'),
          milestones: [
            { date: second, percent: 60 },
            { date: first, expected: '制定方案' },
          ],
          reason: '细化进度',
        },
      ],
    });
    expect(set.milestones?.map((x) => [x.id, x.date])).toEqual([
      ['m1', first],
      ['m2', second],
    ]);
    const timeline = await h.timeline(set.taskId);
    expect(timeline.at(-1)).toMatchObject({ kind: 'MILESTONES_SET' });
    await h.end(handle);
  });
});
