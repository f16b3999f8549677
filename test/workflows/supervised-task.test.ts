import { WorkflowUpdateFailedError } from '@temporalio/client';
import * as wd from '../../procedures/time/working-days';
import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as m from '../../procedures/task/messages';
import { actor, reassignToXicheng, createTaskHarness, type TaskHarness } from '../support/task-harness';
import { eventually } from '../support/http';
import { useHarness } from '../support/use-harness';
import { rejected } from '../support/actors';

const end = (date: string) => wd.localInstant(date, 24).toISOString();
const nine = (date: string) => wd.localInstant(date, 9).toISOString();

describe('the supervised task workflow', () => {
  const h = useHarness(createTaskHarness);

  it('runs the on-time path, and the read model and timeline match the workflow', async () => {
    const handle = await h.start({ coUnitIds: ['dept-finance'] });

    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    await handle.executeUpdate(m.reportProgress, { args: [{ actor: actor('lead'), text: '已完成摸底', percent: 40 }] });
    await handle.executeUpdate(m.coUnitReport, { args: [{ actor: actor('co'), text: '已提供经费数据' }] });
    await handle.executeUpdate(m.submitTask, { args: [{ actor: actor('lead'), summary: '已形成检查报告' }] });
    const accepted = await handle.executeUpdate(m.acceptTask, { args: [{ actor: actor('office'), rating: 'GOOD' }] });
    const result = await handle.result();

    expect(accepted.state).toBe('ACCEPTED');
    expect(result).toMatchObject({ state: 'ACCEPTED', light: 'NONE', rating: 'GOOD', lateWorkingDays: 0, rung: 0 });
    const { rows } = await h.db.pool.query(
      'SELECT state, light, rating, version, due_date::text AS due FROM tasks WHERE id = $1',
      [result.taskId],
    );
    expect(rows).toEqual([
      { state: 'ACCEPTED', light: 'NONE', rating: 'GOOD', version: result.version, due: result.dueDate },
    ]);
    expect((await h.timeline(result.taskId)).map((e) => e.kind)).toEqual([
      'ASSIGNED',
      'SIGNED',
      'PROGRESS',
      'CO_UNIT_REPORT',
      'SUBMITTED',
      'ACCEPTED',
    ]);
  });

  it('rejects actions that do not fit the state or the unit, with the reason', async () => {
    const handle = await h.start();

    await expect(
      handle.executeUpdate(m.submitTask, { args: [{ actor: actor('lead'), summary: '完成' }] }),
    ).rejects.toEqual(rejected(/待签收，不能报结/));
    await expect(handle.executeUpdate(m.signFor, { args: [{ actor: actor('other') }] })).rejects.toEqual(
      rejected(/只有牵头单位可以签收/),
    );
    await expect(
      handle.executeUpdate(m.acceptTask, { args: [{ actor: actor('office'), rating: 'GOOD' }] }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await h.end(handle);
  });

  it('urges at the sign-for limit, reminds 3 and 1 working days before, and climbs L1, L2, L3 on working days', async () => {
    const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 10 } });
    const { dueDate, taskId } = await handle.query(m.getTaskStatus);
    const { rows } = await h.db.pool.query('SELECT to_char(due_date, $2) AS due FROM tasks WHERE id = $1', [
      taskId,
      'YYYY-MM-DD',
    ]);
    expect(rows[0].due).toBe(dueDate);
    // The test's own clock: the expected instants, computed from the calendar the same way a clerk would.
    const plan = await createPlan(h, dueDate!);

    const afterSignLimit = await h.skipTo(plan.signForBy, handle, (s) => s.urgings === 1);
    expect(afterSignLimit.rung).toBe(0);
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });

    await h.skipTo(plan.remind3, handle, (s) => s.version > afterSignLimit.version + 1);
    expect((await h.timeline(taskId)).filter((e) => e.kind === 'REMINDER').map((e) => e.message)).toEqual([
      expect.stringContaining('还有3个工作日'),
    ]);
    await h.skipTo(plan.remind1, handle, (s) => s.light === 'YELLOW');

    const justBefore = Date.parse(plan.l1) - 60_000 - (await h.now());
    await h.env.sleep(justBefore);
    expect((await handle.query(m.getTaskStatus)).rung).toBe(0);
    const l1 = await h.skipTo(plan.l1, handle, (s) => s.rung === 1);
    expect(l1.light).toBe('RED');
    await h.skipTo(plan.l2, handle, (s) => s.rung === 2);
    await h.skipTo(plan.l3, handle, (s) => s.rung === 3);

    const kinds = (await h.timeline(taskId)).map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'SIGN_FOR_OVERDUE',
        'REMINDER',
        'LIGHT_YELLOW',
        'ESCALATION_L1',
        'ESCALATION_L2',
        'ESCALATION_L3',
      ]),
    );
    expect(kinds.filter((k) => k === 'REMINDER')).toHaveLength(2);
    const referral = await h.db.pool.query('SELECT unit_id FROM accountability_referrals WHERE task_id = $1', [taskId]);
    expect(referral.rows).toEqual([{ unit_id: 'town-dongguan' }]);
    // An ad-hoc task has no cycle to open the case its L3 notice announces: it opens it, under an id nobody can
    // derive from the task's, and its timeline says where the case is.
    const referred = await eventually(async () => (await h.timeline(taskId)).find((e) => e.kind === 'REFERRED'));
    const caseId = /案件编号(c-[0-9a-f-]{36})/.exec(referred.message)?.[1];
    expect(caseId).toBeDefined();
    expect(caseId).not.toContain(taskId);
    const opened = await eventually(async () => {
      const { rows } = await h.db.pool.query('SELECT unit_id, cycle_id FROM accountability_cases WHERE id = $1', [
        caseId,
      ]);
      return rows[0];
    });
    expect(opened).toEqual({ unit_id: 'town-dongguan', cycle_id: null });
    const l2Notices = await h.db.pool.query(
      "SELECT person_id FROM notifications WHERE task_id = $1 AND kind = 'ESCALATION_L2' ORDER BY person_id",
      [taskId],
    );
    expect(l2Notices.rows.map((r) => r.person_id)).toContain('p-wang-hongmei');
    await h.end(handle);
  });

  /** Starts a task of `days` working days and signs for it as the lead unit: its due date and timer plan. */
  const startSigned = async (days: number) => {
    const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days } });
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    const { dueDate } = await handle.query(m.getTaskStatus);
    return { handle, dueDate: dueDate!, plan: await createPlan(h, dueDate!) };
  };

  it('stops the ladder when the unit submits, and counts lateness from the deadline', async () => {
    const { handle, plan } = await startSigned(2);

    await h.skipTo(plan.l1, handle, (s) => s.rung === 1);
    await h.env.sleep(12 * 3_600_000); // noon of the day after the deadline: one working day late, if it is one
    const submitted = await handle.executeUpdate(m.submitTask, { args: [{ actor: actor('lead'), summary: '已完成' }] });
    await h.env.sleep(Date.parse(plan.l3) - (await h.now()) + 60_000);

    const after = await handle.query(m.getTaskStatus);
    expect(after.rung).toBe(1);
    expect(after.state).toBe('SUBMITTED');
    expect(submitted.lateWorkingDays).toBe(plan.lateAfterOneDay);
    await h.end(handle);
  });

  describe('extensions', () => {
    it('moves every timer when approved', async () => {
      const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 10 } });
      await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
      const before = await handle.query(m.getTaskStatus);
      const later = (await createPlan(h, before.dueDate!)).addWorkingDays(before.dueDate!, 5);

      await handle.executeUpdate(m.requestExtension, {
        args: [{ actor: actor('lead'), reason: '需补充调查', proposedDate: later, progress: '已完成一半' }],
      });
      const approved = await handle.executeUpdate(m.decideExtension, {
        args: [{ actor: actor('office'), approve: true }],
      });
      const newPlan = await createPlan(h, later);
      await h.env.sleep(Date.parse(end(before.dueDate!)) - (await h.now()) + 60_000);

      expect(approved.dueDate).toBe(later);
      expect((await handle.query(m.getTaskStatus)).rung).toBe(0); // the old deadline passed without L1
      const l1 = await h.skipTo(newPlan.l1, handle, (s) => s.rung === 1);
      expect(l1).toMatchObject({ extensionsApproved: 1, originalDueDate: before.dueDate, dueDate: later });
      await h.end(handle);
    });

    it('leaves the timers when denied', async () => {
      const { handle, dueDate, plan } = await startSigned(5);

      await handle.executeUpdate(m.requestExtension, {
        args: [
          {
            actor: actor('lead'),
            reason: '人手不足',
            proposedDate: plan.addWorkingDays(dueDate, 3),
            progress: '进行中',
          },
        ],
      });
      const denied = await handle.executeUpdate(m.decideExtension, {
        args: [{ actor: actor('office'), approve: false, comment: '理由不充分' }],
      });
      const l1 = await h.skipTo(plan.l1, handle, (s) => s.rung === 1);

      expect(denied).toMatchObject({ dueDate, extensionsDenied: 1, pendingExtension: null });
      expect(l1.dueDate).toBe(dueDate);
      await h.end(handle);
    });

    it('refuses a request after the deadline', async () => {
      const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 2 } });
      await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
      const { dueDate } = await handle.query(m.getTaskStatus);
      await h.skipTo(end(dueDate!), handle, (s) => s.rung === 1);

      await expect(
        handle.executeUpdate(m.requestExtension, {
          args: [{ actor: actor('lead'), reason: '来不及', proposedDate: '2099-01-01', progress: '未完成' }],
        }),
      ).rejects.toEqual(rejected(/已超过工作时限，不能再申请延期/));
      await h.end(handle);
    });
  });

  it('returns work for rework with a new time limit, then accepts it', async () => {
    const handle = await h.start();
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    await handle.executeUpdate(m.submitTask, { args: [{ actor: actor('lead'), summary: '初稿' }] });
    const { dueDate } = await handle.query(m.getTaskStatus);
    const newDue = (await createPlan(h, dueDate!)).addWorkingDays(dueDate!, 5);

    const returned = await handle.executeUpdate(m.returnTask, {
      args: [{ actor: actor('office'), reasons: '报告缺少整改台账', newDueDate: newDue }],
    });
    await handle.executeUpdate(m.submitTask, { args: [{ actor: actor('lead'), summary: '补充台账后重新报结' }] });
    const accepted = await handle.executeUpdate(m.acceptTask, { args: [{ actor: actor('office'), rating: 'FAIR' }] });

    expect(returned).toMatchObject({ state: 'IN_PROGRESS', returns: 1, dueDate: newDue });
    expect(accepted).toMatchObject({ state: 'ACCEPTED', returns: 1 });
    expect((await h.timeline(accepted.taskId)).map((e) => e.kind)).toContain('RETURNED');
  });

  it('cancels a task and stops all its timers', async () => {
    const handle = await h.start();
    await handle.executeUpdate(m.cancelTask, { args: [{ actor: actor('office'), reason: '与年度计划重复' }] });

    const result = await handle.result();

    expect(result).toMatchObject({ state: 'CANCELLED', light: 'NONE', rung: 0 });
  });

  it('reassigns a task to another lead unit, which must sign for it again', async () => {
    const handle = await h.start();
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });

    const reassigned = await handle.executeUpdate(m.reassignTask, {
      args: [reassignToXicheng()],
    });

    expect(reassigned).toMatchObject({ state: 'ASSIGNED', leadUnitId: 'town-xicheng', signedAt: null });
    await expect(handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] })).rejects.toEqual(
      rejected(/只有牵头单位/),
    );
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('other') }] });
    await h.end(handle);
  });

  it('names the units and leader of a reassignment by name in its timeline and notices, and each date once', async () => {
    const today = wd.localDate(new Date(await h.now()));
    const cal = await readWorkingCalendar(
      h.db.pool,
      NATIONAL,
      Number(today.slice(0, 4)) - 1,
      Number(today.slice(0, 4)) + 1,
    );
    const dueDate = wd.addWorkingDays(cal, today, 15);
    const handle = await h.start({ limit: { kind: 'DATE', date: dueDate } });
    const { taskId } = await handle.query(m.getTaskStatus);

    await handle.executeUpdate(m.reassignTask, {
      args: [
        {
          actor: actor('office'),
          leadUnitId: 'town-xicheng',
          coUnitIds: ['dept-finance'],
          leaderId: 'p-li-jianguo',
          reason: '职责调整',
        },
      ],
    });

    const messages = (await h.timeline(taskId)).map((e) => e.message);
    // The test server's clock may stand in a year without its official calendar: the limit then says so.
    const { provisional } = await handle.query(m.getTaskStatus);
    expect(messages).toEqual([
      `交办任务「开展作风建设专项检查」，工作时限：${dueDate}${provisional ? '（暂定：所涉年度官方工作日历尚未发布）' : ''}`,
      '任务改派，牵头单位由东关街道改为西城街道，协办单位：区财政局，分管领导改为李建国，理由：职责调整',
    ]);
    const { rows: notices } = await h.db.pool.query<{ body: string }>(
      `SELECT DISTINCT body FROM notifications WHERE task_id = $1`,
      [taskId],
    );
    const texts = [...messages, ...notices.map((n) => n.body)];
    expect(texts.join('\n')).not.toMatch(/town-|dept-|p-li|⟦/);
    for (const text of texts) {
      const dates = text.match(/\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日/g) ?? [];
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.length).toBeLessThanOrEqual(1);
    }
    await h.end(handle);
  });

  it('holds the lead unit’s submission until co-organising units report, unless the office overrides', async () => {
    const handle = await h.start({ coUnitIds: ['dept-finance'] });
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });

    await expect(
      handle.executeUpdate(m.submitTask, { args: [{ actor: actor('lead'), summary: '完成' }] }),
    ).rejects.toEqual(rejected(/协办单位尚未反馈/));
    await handle.executeUpdate(m.overrideCoUnitGate, {
      args: [{ actor: actor('office'), reason: '协办单位已口头反馈' }],
    });
    const submitted = await handle.executeUpdate(m.submitTask, { args: [{ actor: actor('lead'), summary: '完成' }] });

    expect(submitted).toMatchObject({ state: 'SUBMITTED', coUnitGateOverridden: true });
    await h.end(handle);
  });
});

/** The instants a clerk would compute with the official calendar for a deadline, via the same table. */
async function createPlan(h: TaskHarness, dueDate: string) {
  const year = Number(dueDate.slice(0, 4));
  const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 1);
  const today = wd.localDate(new Date(await h.now()));
  const nextDay = wd.addCalendarDays(dueDate, 1);
  return {
    signForBy: end(wd.addWorkingDays(cal, today, 1)),
    remind3: nine(wd.addWorkingDays(cal, dueDate, -3)),
    remind1: nine(wd.addWorkingDays(cal, dueDate, -1)),
    l1: end(dueDate),
    l2: end(wd.addWorkingDays(cal, dueDate, 3)),
    l3: end(wd.addWorkingDays(cal, dueDate, 10)),
    lateAfterOneDay: wd.isWorkingDay(cal, nextDay) ? 1 : 0,
    addWorkingDays: (date: string, n: number) => wd.addWorkingDays(cal, date, n),
  };
}
