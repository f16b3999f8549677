import { readWorkingCalendar } from '../../db/queries/calendar';
import * as rm from '../../procedures/rotation/messages';
import { addMonths, nextDay } from '../../procedures/rotation/windows';
import { addWorkingDays, localDate, localInstant } from '../../procedures/time/working-days';
import { createRotationHarness, officeActor as office } from '../support/rotation-harness';
import { useHarness } from '../support/use-harness';
import { rejected, apiActor as person } from '../support/actors';
import { announceHoliday } from '../support/calendar-change';

const dongguan = (r: string) => person('p-xie-hua', 'town-dongguan', ['UNIT'], r); // head of 东关街道
const finance = (r: string) => person('p-lin-feng', 'dept-finance', ['UNIT'], r); // head of 区财政局
const xicheng = (r: string) => person('p-han-bing', 'town-xicheng', ['UNIT'], r); // head of 西城街道
const hekou = (r: string) => person('p-lu-shuigen', 'village-hekou', ['UNIT'], r);
const OFFICE = ['p-huang-min', 'p-yang-fan', 'p-zhang-wei'];

/** The last day of a window of `months` calendar months from `start`. */
const lastDay = (start: string, months: number) => {
  const end = addMonths(start, months);
  return new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
};

describe('the rotation plan workflow (轮训)', () => {
  const h = useHarness(createRotationHarness);

  /** The first day of the month two months after the server's today: windows always lie ahead. */
  const firstStart = async () => `${addMonths(localDate(new Date(await h.now())), 2).slice(0, 7)}-01`;

  it('takes windows through a confirmation, an approved swap, a denied swap and a missed confirmation to their end', async () => {
    const s = await firstStart();
    const windows: rm.WindowPlan[] = [
      { windowId: 'w1', personId: 'p-yu-hong', unitId: 'town-dongguan', start: s, end: lastDay(s, 2) },
      { windowId: 'w2', personId: 'p-tian-xin', unitId: 'dept-finance', start: s, end: lastDay(s, 3) },
      { windowId: 'w3', personId: 'p-han-bing', unitId: 'town-xicheng', start: s, end: lastDay(s, 2) },
      { windowId: 'w4', personId: 'p-lu-shuigen', unitId: 'village-hekou', start: s, end: lastDay(s, 2) },
    ];
    const { handle, planId, workflowId } = await h.start(2901, windows);
    const created = await handle.query(rm.getRotationStatus);
    expect(created).toMatchObject({ planId: 'district-2901', state: 'OPEN' });
    expect(created.windows.every((w) => w.state === 'PENDING' && w.dueAt === created.dueAt)).toBe(true);
    // Each window's unit head and trainee are told of it.
    expect(await h.notified(workflowId, 'ROTATION_PLANNED')).toEqual(
      ['p-han-bing', 'p-lin-feng', 'p-lu-shuigen', 'p-tian-xin', 'p-xie-hua', 'p-yu-hong'].sort(),
    );

    // w1: 东关街道 confirms; another unit may not.
    await expect(
      handle.executeUpdate(rm.confirmWindow, { args: [{ actor: xicheng('req-x'), windowId: 'w1' }] }),
    ).rejects.toEqual(rejected(/由选派单位确认/));
    const afterConfirm = await handle.executeUpdate(rm.confirmWindow, {
      args: [{ actor: dongguan('req-w1-confirm'), windowId: 'w1' }],
    });
    expect(afterConfirm.windows[0]).toMatchObject({
      state: 'CONFIRMED',
      confirmedBy: 'p-xie-hua',
      confirmedLate: false,
    });
    expect(await h.notified(workflowId, 'ROTATION_CONFIRMED')).toEqual(OFFICE);
    await expect(
      handle.executeUpdate(rm.confirmWindow, { args: [{ actor: dongguan('req-w1-again'), windowId: 'w1' }] }),
    ).rejects.toEqual(rejected(/已确认，不能确认/));

    // w2: 区财政局 asks for a later, shorter window; a 7-month proposal is refused; the office approves.
    const later = addMonths(s, 1);
    await expect(
      handle.executeUpdate(rm.requestSwap, {
        args: [
          { actor: finance('req-w2-long'), windowId: 'w2', start: later, end: lastDay(later, 7), reason: '年中工作' },
        ],
      }),
    ).rejects.toEqual(rejected(/轮训时段应为2至6个月/));
    await handle.executeUpdate(rm.requestSwap, {
      args: [
        { actor: finance('req-w2-swap'), windowId: 'w2', start: later, end: lastDay(later, 2), reason: '预算编制期间' },
      ],
    });
    expect(await h.notified(workflowId, 'ROTATION_SWAP_REQUESTED')).toEqual(OFFICE);
    await expect(
      handle.executeUpdate(rm.decideSwap, { args: [{ actor: finance('req-w2-self'), windowId: 'w2', approve: true }] }),
    ).rejects.toEqual(rejected(/由组织协调室决定/));
    const approved = await handle.executeUpdate(rm.decideSwap, {
      args: [{ actor: office('req-w2-approve'), windowId: 'w2', approve: true }],
    });
    expect(approved.windows[1]).toMatchObject({
      state: 'CONFIRMED',
      start: later,
      end: lastDay(later, 2),
      confirmedLate: false,
      original: { personId: 'p-tian-xin', start: s, end: lastDay(s, 3) },
      swaps: [expect.objectContaining({ decision: 'APPROVED', reason: '预算编制期间', decidedBy: 'p-huang-min' })],
    });
    expect(await h.notified(workflowId, 'ROTATION_SWAP_APPROVED')).toEqual(['p-lin-feng', 'p-tian-xin']);

    // w3: 西城街道 asks for another month; denied, the original stands and must be confirmed.
    await handle.executeUpdate(rm.requestSwap, {
      args: [
        { actor: xicheng('req-w3-swap'), windowId: 'w3', start: later, end: lastDay(later, 2), reason: '换届选举' },
      ],
    });
    await expect(
      handle.executeUpdate(rm.decideSwap, { args: [{ actor: office('req-w3-bare'), windowId: 'w3', approve: false }] }),
    ).rejects.toEqual(rejected(/应说明理由/));
    const denied = await handle.executeUpdate(rm.decideSwap, {
      args: [{ actor: office('req-w3-deny'), windowId: 'w3', approve: false, note: '该时段名额已满' }],
    });
    expect(denied.windows[2]).toMatchObject({ state: 'PENDING', start: s, personId: 'p-han-bing' });
    expect(await h.notified(workflowId, 'ROTATION_SWAP_DENIED')).toEqual(['p-han-bing']);
    await handle.executeUpdate(rm.confirmWindow, { args: [{ actor: xicheng('req-w3-confirm'), windowId: 'w3' }] });

    // w4: 河口村 never answers: urged at the deadline (L1), its responsible leader told 3 working days later (L2).
    const overdue = await h.skipTo(created.dueAt!, handle, (st) => st.windows[3]!.overdueAt !== null);
    expect(overdue.windows[3]).toMatchObject({ state: 'PENDING', overdueAt: created.dueAt, confirmedLate: true });
    expect(overdue.windows.slice(0, 3).every((w) => w.overdueAt === null)).toBe(true);
    expect(await h.notified(workflowId, 'ROTATION_CONFIRMATION_OVERDUE')).toEqual(['p-lu-shuigen']);
    await expect(
      handle.executeUpdate(rm.requestSwap, {
        args: [{ actor: hekou('req-w4-swap'), windowId: 'w4', start: later, end: lastDay(later, 2), reason: '农忙' }],
      }),
    ).rejects.toEqual(rejected(/确认期限.*已过，不能再申请调换/));
    const escalated = await h.skipTo(created.escalateAt!, handle, (st) => st.windows[3]!.escalatedAt !== null);
    expect(escalated.windows[3]!.escalatedAt).toBe(created.escalateAt);
    expect(await h.notified(workflowId, 'ROTATION_CONFIRMATION_ESCALATED')).toEqual(['p-fang-liang', ...OFFICE].sort());
    // The office records that the trainee will not come.
    await handle.executeUpdate(rm.endWindow, {
      args: [{ actor: office('req-w4-absent'), windowId: 'w4', reason: '本人病休' }],
    });

    // The start: w1 and w3 begin (w2 a month later).
    const startAt = localInstant(s, 0).toISOString();
    const started = await h.skipTo(
      startAt,
      handle,
      (st) => st.windows[0]!.state === 'STARTED' && st.windows[2]!.state === 'STARTED',
    );
    expect(started.windows.map((w) => w.state)).toEqual(['STARTED', 'CONFIRMED', 'STARTED', 'ABSENT']);
    expect(started.windows[0]!.startedAt).toBe(startAt);
    expect(await h.notified(workflowId, 'ROTATION_STARTED')).toEqual(
      ['p-han-bing', 'p-xie-hua', 'p-yu-hong', ...OFFICE].sort(),
    );
    // The office ends w3 early.
    await handle.executeUpdate(rm.endWindow, {
      args: [{ actor: office('req-w3-end'), windowId: 'w3', reason: '单位工作需要，提前召回' }],
    });

    // The end of w1, then of w2 (its swapped window): finished, the unit told; then the plan closes.
    const w1End = localInstant(lastDay(s, 2), 24).toISOString();
    const finished = await h.skipTo(w1End, handle, (st) => st.windows[0]!.state === 'FINISHED');
    expect(finished.windows[0]!.endedAt).toBe(w1End);
    expect(await h.notified(workflowId, 'ROTATION_FINISHED')).toEqual(['p-xie-hua', 'p-yu-hong']);
    const w2End = localInstant(nextDay(lastDay(later, 2)), 0).toISOString();
    const closed = await h.skipTo(w2End, handle, (st) => st.state === 'CLOSED');
    expect(closed.windows.map((w) => w.state)).toEqual(['FINISHED', 'FINISHED', 'ENDED_EARLY', 'ABSENT']);
    expect(closed.windows[1]!.startedAt).toBe(localInstant(later, 0).toISOString());

    const timeline = await h.timeline(planId);
    // w1 and w3 start at the same instant, in either order.
    const steps = timeline.map((e) => [e.kind, e.windowId]);
    steps.splice(10, 2, ...steps.slice(10, 12).sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
    expect(steps).toEqual([
      ['CREATED', null],
      ['CONFIRMED', 'w1'],
      ['SWAP_REQUESTED', 'w2'],
      ['SWAP_DECIDED', 'w2'],
      ['SWAP_REQUESTED', 'w3'],
      ['SWAP_DECIDED', 'w3'],
      ['CONFIRMED', 'w3'],
      ['CONFIRMATION_OVERDUE', 'w4'],
      ['ESCALATED', 'w4'],
      ['ENDED_EARLY', 'w4'],
      ['STARTED', 'w1'],
      ['STARTED', 'w3'],
      ['ENDED_EARLY', 'w3'],
      ['STARTED', 'w2'],
      ['FINISHED', 'w1'],
      ['FINISHED', 'w2'],
      ['CLOSED', null],
    ]);
    // Units and people are named, never by id.
    expect(timeline[1]!.message).toMatch(/东关街道确认于红同志/);
    expect(timeline[5]!.message).toMatch(/不同意调换.*该时段名额已满/);
    expect(timeline[9]!.message).toMatch(/未到岗.*本人病休/);

    expect((await h.audit('rotation', planId)).map((a) => [a.action, a.request_id])).toEqual([
      ['rotation.create', 'req-create-2901'],
      ['rotation.confirm', 'req-w1-confirm'],
      ['rotation.swapRequest', 'req-w2-swap'],
      ['rotation.swapDecision', 'req-w2-approve'],
      ['rotation.swapRequest', 'req-w3-swap'],
      ['rotation.swapDecision', 'req-w3-deny'],
      ['rotation.confirm', 'req-w3-confirm'],
      ['rotation.urge', null],
      ['rotation.escalate', null],
      ['rotation.endEarly', 'req-w4-absent'],
      ['rotation.start', null],
      ['rotation.start', null],
      ['rotation.endEarly', 'req-w3-end'],
      ['rotation.start', null],
      ['rotation.finish', null],
      ['rotation.finish', null],
      ['rotation.close', null],
    ]);

    // The read model: the confirmations' timeliness, as the assessment counts them.
    const { rows } = await h.db.pool.query(
      `SELECT window_id, state, person_id, to_char(start_date, 'YYYY-MM-DD') AS start, confirmed_late,
              answered_at IS NOT NULL AS answered, overdue_at IS NOT NULL AS urged
       FROM rotation_windows WHERE plan_id = $1 ORDER BY window_id`,
      [planId],
    );
    expect(rows).toEqual([
      {
        window_id: 'w1',
        state: 'FINISHED',
        person_id: 'p-yu-hong',
        start: s,
        confirmed_late: false,
        answered: true,
        urged: false,
      },
      {
        window_id: 'w2',
        state: 'FINISHED',
        person_id: 'p-tian-xin',
        start: later,
        confirmed_late: false,
        answered: true,
        urged: false,
      },
      {
        window_id: 'w3',
        state: 'ENDED_EARLY',
        person_id: 'p-han-bing',
        start: s,
        confirmed_late: false,
        answered: true,
        urged: false,
      },
      {
        window_id: 'w4',
        state: 'ABSENT',
        person_id: 'p-lu-shuigen',
        start: s,
        confirmed_late: true,
        answered: false,
        urged: true,
      },
    ]);
    expect((await h.db.pool.query('SELECT state FROM rotation_plans WHERE id = $1', [planId])).rows).toEqual([
      { state: 'CLOSED' },
    ]);
  }, 120_000);

  it('refuses a swap to another person’s overlapping window, an unknown window and a blank reason', async () => {
    const s = await firstStart();
    const windows: rm.WindowPlan[] = [
      { windowId: 'w1', personId: 'p-xie-hua', unitId: 'town-dongguan', start: s, end: lastDay(s, 2) },
      {
        windowId: 'w2',
        personId: 'p-yu-hong',
        unitId: 'town-dongguan',
        start: addMonths(s, 3),
        end: lastDay(addMonths(s, 3), 2),
      },
    ];
    const { handle } = await h.start(2902, windows);
    await expect(
      handle.executeUpdate(rm.requestSwap, {
        args: [
          {
            actor: dongguan('r1'),
            windowId: 'w1',
            personId: 'p-yu-hong',
            start: addMonths(s, 3),
            end: lastDay(addMonths(s, 3), 2),
            reason: '调整',
          },
        ],
      }),
    ).rejects.toEqual(rejected(/已有轮训安排，时段不能重叠/));
    await expect(
      handle.executeUpdate(rm.confirmWindow, { args: [{ actor: dongguan('r2'), windowId: 'w9' }] }),
    ).rejects.toEqual(rejected(/没有轮训时段w9/));
    await expect(
      handle.executeUpdate(rm.requestSwap, {
        args: [{ actor: dongguan('r3'), windowId: 'w1', personId: 'p-yu-hong', reason: ' ' }],
      }),
    ).rejects.toEqual(rejected(/调换理由不能为空/));
    await expect(
      handle.executeUpdate(rm.requestSwap, { args: [{ actor: dongguan('r4'), windowId: 'w1', reason: '无变化' }] }),
    ).rejects.toEqual(rejected(/应提出另一时段或另一人选/));
    await handle.terminate('test done');
  });

  it('moves the confirmation deadline when the official calendar adds a holiday, and urges at the new one', async () => {
    const s = await firstStart();
    const { handle, planId, workflowId } = await h.start(2903, [
      { windowId: 'w1', personId: 'p-lu-shuigen', unitId: 'village-hekou', start: s, end: lastDay(s, 2) },
    ]);
    const before = await handle.query(rm.getRotationStatus);
    // The official table of the year makes the second working day after the plan a holiday.
    const madeOn = localDate(new Date(before.createdAt!));
    const year = Number(madeOn.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, 'district', year - 1, year + 1);
    const holiday = addWorkingDays(cal, madeOn, 2);
    const told = await announceHoliday(h, holiday);
    expect(told.failed).toBe(0);
    const moved = await h.skipTo(before.createdAt!, handle, (st) => st.dueAt !== before.dueAt);

    expect(Date.parse(moved.dueAt!)).toBeGreaterThan(Date.parse(before.dueAt!));
    expect(moved.windows[0]!.dueAt).toBe(moved.dueAt);
    expect((await h.timeline(planId)).map((e) => e.kind)).toEqual(['CREATED', 'CALENDAR_CHANGED']);
    expect(await h.notified(workflowId, 'ROTATION_DEADLINE_CHANGED')).toEqual(['p-lu-shuigen']);

    // The old deadline passes quietly; the urging comes at the new one.
    expect((await h.skipTo(before.dueAt!, handle)).windows[0]!.overdueAt).toBeNull();
    const overdue = await h.skipTo(moved.dueAt!, handle, (st) => st.windows[0]!.overdueAt !== null);
    expect(overdue.windows[0]!.overdueAt).toBe(moved.dueAt);
    await handle.terminate('test done');
  });
});
