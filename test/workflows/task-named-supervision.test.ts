import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as m from '../../procedures/task/messages';
import * as wd from '../../procedures/time/working-days';
import { rejected } from '../support/actors';
import { actor, createTaskHarness, type TaskHarness } from '../support/task-harness';
import { useHarness } from '../support/use-harness';

const end = (date: string) => wd.localInstant(date, 24).toISOString();

/** The rungs' instants of a deadline, on the shipped calendar: L1 at it, L2 and L3 after 3 and 10 working days. */
async function rungsOf(h: TaskHarness, dueDate: string) {
  const year = Number(dueDate.slice(0, 4));
  const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 1);
  return {
    l1: end(dueDate),
    l2: end(wd.addWorkingDays(cal, dueDate, 3)),
    l3: end(wd.addWorkingDays(cal, dueDate, 10)),
  };
}

const rungKinds = async (h: TaskHarness, taskId: string) =>
  (await h.timeline(taskId)).filter((e) => e.kind.startsWith('ESCALATION_'));

/**
 * Issue 20 item 3: a leader's written instruction (批示件) starts the ladder at its severity's rung; named
 * supervision (挂牌督办) raises every rung falling due while it lasts by one level.
 */
describe('批示件 and 挂牌督办 on the ladder', () => {
  const h = useHarness(createTaskHarness);

  it('a municipal leader’s 批示件 starts at L2 at the deadline, then L3 at the next rung', async () => {
    const handle = await h.start({
      limit: { kind: 'WORKING_DAYS', days: 2 },
      instruction: { severity: 'MUNICIPAL', by: '市委副书记', text: '请区纪委监委督促相关单位限期整改' },
    });
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    const { dueDate, taskId, instruction } = await handle.query(m.getTaskStatus);
    expect(instruction).toMatchObject({ severity: 'MUNICIPAL', startRung: 2 });
    const at = await rungsOf(h, dueDate!);

    const atDeadline = await h.skipTo(at.l1, handle, (s) => s.rung >= 2);
    expect(atDeadline).toMatchObject({ rung: 2, light: 'RED', urgings: 1 });
    expect((await rungKinds(h, taskId)).map((e) => e.kind)).toEqual(['ESCALATION_L2']);
    expect((await rungKinds(h, taskId))[0]!.message).toBe(
      `已超过工作时限（${dueDate}）仍未报结（领导批示件，提级督办），提请分管领导督办（二级督办）`,
    );
    // The L2 notice at the deadline: the responsible leader, and the unit's head as L1 would have told them.
    const { rows } = await h.db.pool.query(
      "SELECT person_id, title, body FROM notifications WHERE task_id = $1 AND kind = 'ESCALATION_L2'",
      [taskId],
    );
    expect(rows.map((r) => r.person_id)).toEqual(expect.arrayContaining(['p-wang-hongmei', 'p-xie-hua']));
    expect(rows[0].title).toMatch(/承办任务已超过工作时限$/);
    expect(rows[0].body).toContain('该任务为领导批示件，按规定提级督办。');

    await h.skipTo(at.l2, handle, (s) => s.rung === 3);
    const rungs = await rungKinds(h, taskId);
    expect(rungs.map((e) => e.kind)).toEqual(['ESCALATION_L2', 'ESCALATION_L3']);
    expect(rungs[1]!.message).toBe(
      '逾期3个工作日仍未报结（领导批示件，提级督办），报领导小组并在通报中点名，移送责任追究（三级督办）',
    );
    const referral = await h.db.pool.query('SELECT unit_id FROM accountability_referrals WHERE task_id = $1', [taskId]);
    expect(referral.rows).toEqual([{ unit_id: 'town-dongguan' }]);
    // Nothing more at the third rung's time: L3 is the top.
    await h.env.sleep(Date.parse(at.l3) - (await h.now()) + 60_000);
    expect((await rungKinds(h, taskId)).map((e) => e.kind)).toEqual(['ESCALATION_L2', 'ESCALATION_L3']);
    await h.end(handle);
  });

  it('挂牌督办 marked after L1 raises the later rungs only; 摘牌 climbs no passed rung again', async () => {
    const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 2 } });
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    const { dueDate, taskId } = await handle.query(m.getTaskStatus);
    const at = await rungsOf(h, dueDate!);
    await h.skipTo(at.l1, handle, (s) => s.rung === 1);

    await expect(
      handle.executeUpdate(m.superviseTask, { args: [{ actor: actor('office'), named: false, reason: '摘牌' }] }),
    ).rejects.toEqual(rejected(/任务未挂牌督办，无需摘牌/));
    const named = await handle.executeUpdate(m.superviseTask, {
      args: [{ actor: actor('office'), named: true, reason: '群众反映强烈' }],
    });
    // Marked after the deadline passed: L1 stays what it was, nothing climbs at once.
    expect(named).toMatchObject({ rung: 1, supervision: { named: true, reason: '群众反映强烈' } });
    await h.env.sleep(60_000);
    expect((await handle.query(m.getTaskStatus)).rung).toBe(1);
    await expect(
      handle.executeUpdate(m.superviseTask, { args: [{ actor: actor('office'), named: true, reason: '再挂' }] }),
    ).rejects.toEqual(rejected(/任务已列为挂牌督办事项/));

    // The second rung goes one level higher: L3 (the leadership group) instead of L2.
    await h.skipTo(at.l2, handle, (s) => s.rung === 3);
    const rungs = await rungKinds(h, taskId);
    expect(rungs.map((e) => e.kind)).toEqual(['ESCALATION_L1', 'ESCALATION_L3']);
    expect(rungs[1]!.message).toContain('（挂牌督办事项，提级督办）');
    const timeline = await h.timeline(taskId);
    expect(timeline.find((e) => e.kind === 'SUPERVISION_NAMED')?.message).toBe(
      '列为挂牌督办事项，此后逾期各级督办均提高一级，理由：群众反映强烈',
    );
    const { rows } = await h.db.pool.query(
      "SELECT person_id, title FROM notifications WHERE task_id = $1 AND kind = 'SUPERVISION_NAMED' ORDER BY person_id",
      [taskId],
    );
    expect(rows.map((r) => r.person_id)).toEqual(expect.arrayContaining(['p-wang-hongmei', 'p-xie-hua']));
    expect(rows[0].title).toMatch(/^【挂牌督办】/);
    const read = await h.db.pool.query('SELECT named_supervision, supervision FROM tasks WHERE id = $1', [taskId]);
    expect(read.rows[0]).toMatchObject({ named_supervision: true, supervision: { named: true } });

    const lifted = await handle.executeUpdate(m.superviseTask, {
      args: [{ actor: actor('office'), named: false, reason: '已部署整改' }],
    });
    expect(lifted.supervision).toMatchObject({
      named: false,
      periods: [{ since: expect.any(String), until: expect.any(String) }],
    });
    // Lifted: no rung is climbed again for points already passed.
    await h.env.sleep(Date.parse(at.l3) - (await h.now()) + 60_000);
    expect((await rungKinds(h, taskId)).map((e) => e.kind)).toEqual(['ESCALATION_L1', 'ESCALATION_L3']);
    await h.end(handle);
  });

  it('挂牌督办 from the start: L2 at the deadline, L3 at the next rung', async () => {
    const handle = await h.start({
      limit: { kind: 'WORKING_DAYS', days: 2 },
      namedSupervision: { reason: '区委常委会议定的重点事项' },
    });
    const { dueDate, taskId, supervision } = await handle.query(m.getTaskStatus);
    expect(supervision).toMatchObject({ named: true, reason: '区委常委会议定的重点事项' });
    const at = await rungsOf(h, dueDate!);
    await h.skipTo(at.l1, handle, (s) => s.rung === 2);
    await h.skipTo(at.l2, handle, (s) => s.rung === 3);
    expect((await rungKinds(h, taskId)).map((e) => e.kind)).toEqual(['ESCALATION_L2', 'ESCALATION_L3']);
    await h.end(handle);
  });
});
