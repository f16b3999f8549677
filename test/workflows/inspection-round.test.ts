import * as wd from '../../procedures/time/working-days';
import { announceCalendarChange } from '../../api/use-cases/calendar';
import { loadCalendarYear, NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as im from '../../procedures/inspection/messages';
import * as m from '../../procedures/task/messages';
import { createInspectionHarness, type InspectionHarness } from '../support/inspection-harness';
import { actor } from '../support/task-harness';
import { useHarness } from '../support/use-harness';
import { rejected } from '../support/actors';

/** A person of a unit, as the API would send them. */
const unitPerson = (personId: string, unitId: string): m.Actor => ({
  personId,
  unitId,
  roles: ['UNIT'],
  credentialId: `tok_${personId}`,
  requestId: `req-${personId}`,
});
const DONGGUAN = unitPerson('p-xie-hua', 'town-dongguan'); // head; leader p-wang-hongmei
const FINANCE = unitPerson('p-lin-feng', 'dept-finance'); // head; leader p-wu-haitao
const XICHENG_UNITS = 'town-xicheng'; // head p-han-bing; leader p-wang-hongmei
const HEKOU = unitPerson('p-lu-shuigen', 'village-hekou'); // never in scope here
const seconds = (iso: string | null | undefined) => Math.floor(Date.parse(iso ?? '') / 1000);

describe('the inspection round workflow', () => {
  const h = useHarness(createInspectionHarness);

  /** Self-checks due by the end of the third working day from now, findings by the fifteenth. */
  async function schedule() {
    const today = wd.localDate(new Date(await h.now()));
    const year = Number(today.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 2);
    const selfCheckDueDate = wd.addWorkingDays(cal, today, 3);
    return {
      cal,
      selfCheckDueDate,
      findingsDueDate: wd.addWorkingDays(cal, today, 15),
      remindAt: wd.localInstant(wd.addWorkingDays(cal, selfCheckDueDate, -1), 9).toISOString(),
      dueAt: wd.localInstant(selfCheckDueDate, 24).toISOString(),
      escalateAt: wd.localInstant(wd.addWorkingDays(cal, selfCheckDueDate, 2), 24).toISOString(),
    };
  }

  /** A round of town-dongguan alone, its findings due with its self-check (`schedule`). */
  async function startDongguanRound() {
    const plan = await schedule();
    const started = await h.start({
      cycleId: await h.newCycle(),
      unitIds: ['town-dongguan'],
      selfCheckDueDate: plan.selfCheckDueDate,
      findingsDueDate: plan.selfCheckDueDate,
    });
    return { plan, ...started };
  }

  const finding = (severity: im.Severity, description: string): im.FindingInput => ({
    severity,
    description,
    requirement: '立行立改，建立问题台账，举一反三完善制度',
    workingDays: 5,
  });

  it('closes the findings at their due date and the round with them when nothing was found', async () => {
    const { plan, handle, roundId } = await startDongguanRound();
    await handle.executeUpdate(im.fileSelfCheck, { args: [{ actor: DONGGUAN, report: '自查未发现问题。' }] });
    await handle.executeUpdate(im.fileSelfCheck, { args: [{ actor: DONGGUAN, report: '自查报告（修订稿）。' }] });

    const result = await handle.result();

    expect(result).toMatchObject({ state: 'CLOSED', findingsClosedAt: plan.dueAt, closedAt: plan.escalateAt });
    expect(result.units[0]).toMatchObject({ selfCheck: 'FILED', report: '自查报告（修订稿）。' });
    // The deadline's two steps fall at the same instant, in either order.
    const kinds = (await h.timeline(roundId)).map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['NOTICED', 'SELF_CHECK_FILED', 'SELF_CHECK_FILED']);
    expect(kinds.slice(3, 5).sort()).toEqual(['FINDINGS_CLOSED', 'SELF_CHECK_DUE']);
    expect(kinds.slice(5)).toEqual(['CLOSED']);
  });

  it('moves its escalation when the year’s official calendar adds a holiday after the self-check deadline', async () => {
    const { plan, handle, roundId } = await startDongguanRound();
    // The official table makes the first working day after the deadline a holiday: the escalation moves a day.
    const holiday = wd.addWorkingDays(plan.cal, plan.selfCheckDueDate, 1);
    const year = Number(holiday.slice(0, 4));
    await loadCalendarYear(
      h.db.pool,
      { year, source: `测试用 ${year} 年节假日安排`, holidays: [{ date: holiday, name: '测试假日' }], workdays: [] },
      'test',
    );
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 1);
    const escalateAt = wd.localInstant(wd.addWorkingDays(cal, plan.selfCheckDueDate, 2), 24).toISOString();
    const told = await announceCalendarChange({ db: h.db.pool, temporal: h.env.client }, year);
    const moved = await h.skipTo(new Date(await h.now()).toISOString(), handle, (s) => s.escalateAt === escalateAt);

    expect(told.failed).toBe(0);
    expect(Date.parse(escalateAt)).toBeGreaterThan(Date.parse(plan.escalateAt));
    expect(moved.remindAt).toBe(wd.localInstant(wd.addWorkingDays(cal, plan.selfCheckDueDate, -1), 9).toISOString());
    const recomputed = (await h.timeline(roundId)).find((e) => e.kind === 'CALENDAR_CHANGED');
    expect(recomputed?.message).toMatch(/工作日历更新.*24时后报分管领导督办/);

    // Nothing at the old instant; the unit that never filed is reported to its leader at the new one.
    expect((await h.skipTo(plan.escalateAt, handle)).units[0]!.escalatedAt).toBeNull();
    const escalated = await h.skipTo(escalateAt, handle, (s) => s.units[0]!.escalatedAt !== null);
    expect(escalated.units[0]!.escalatedAt).toBe(escalateAt);
    expect(await h.notified(roundId, 'INSPECTION_ESCALATED')).toEqual(['p-wang-hongmei']);
    expect((await handle.result()).state).toBe('CLOSED');
  });

  // Last in the file: its rectification's L3 opens a case, a child that outlives its closed parent task. After it
  // the time-skipping test server was seen to stop skipping time for a later round (every time once the case had
  // ended, now and then while it stayed open): nothing runs after it.
  it('notices, reminds, urges and escalates self-checks, turns findings into rectifications and closes at L3', async () => {
    const cycleId = await h.newCycle();
    const plan = await schedule();
    const { handle, roundId } = await h.start({
      cycleId,
      unitIds: ['town-dongguan', 'dept-finance', XICHENG_UNITS],
      selfCheckDueDate: plan.selfCheckDueDate,
      findingsDueDate: plan.findingsDueDate,
    });

    // The notice: every person of the three units; nobody else.
    const members = await h.db.pool.query<{ id: string }>(
      `SELECT id FROM people WHERE active AND unit_id = ANY ($1) ORDER BY id`,
      [['town-dongguan', 'dept-finance', XICHENG_UNITS]],
    );
    expect(await h.notified(roundId, 'INSPECTION_NOTICED')).toEqual(members.rows.map((r) => r.id));

    // Dongguan files on time; a unit outside the scope may not file.
    await handle.executeUpdate(im.fileSelfCheck, {
      args: [{ actor: DONGGUAN, report: '对照检查内容逐项自查，未发现问题。' }],
    });
    await expect(
      handle.executeUpdate(im.fileSelfCheck, { args: [{ actor: HEKOU, report: '自查报告' }] }),
    ).rejects.toEqual(rejected(/不在本轮检查范围内/));

    // 09:00 of the working day before the deadline: the two units still missing are reminded.
    await h.skipTo(plan.remindAt, handle);
    const reminded = await eventuallyTimeline(roundId, (t) => t.filter((e) => e.kind === 'REMINDED').length === 2);
    expect(reminded.filter((e) => e.kind === 'REMINDED').map((e) => [e.unitId, e.at])).toEqual([
      ['dept-finance', plan.remindAt],
      [XICHENG_UNITS, plan.remindAt],
    ]);

    // At the deadline (24:00): both urged through their heads.
    const urged = await h.skipTo(plan.dueAt, handle, (s) => s.units.filter((u) => u.urgedAt).length === 2);
    expect(urged.state).toBe('INSPECTING');
    expect(urged.units.map((u) => [u.unitId, u.selfCheck, u.urgedAt])).toEqual([
      ['town-dongguan', 'FILED', null],
      ['dept-finance', 'PENDING', plan.dueAt],
      [XICHENG_UNITS, 'PENDING', plan.dueAt],
    ]);
    expect(await h.notified(roundId, 'INSPECTION_URGED')).toEqual(['p-han-bing', 'p-lin-feng']);

    // Finance files late; a unit that filed on time may not replace its report after the deadline.
    const late = await handle.executeUpdate(im.fileSelfCheck, { args: [{ actor: FINANCE, report: '补报自查报告。' }] });
    expect(late.units.find((u) => u.unitId === 'dept-finance')?.selfCheck).toBe('LATE');
    await expect(
      handle.executeUpdate(im.fileSelfCheck, { args: [{ actor: DONGGUAN, report: '修改' }] }),
    ).rejects.toEqual(rejected(/报送截止后不能修改/));

    // Two working days later: Xicheng, still missing, goes to its responsible leader at that instant.
    const escalated = await h.skipTo(plan.escalateAt, handle, (s) => s.units.some((u) => u.escalatedAt));
    expect(escalated.units.filter((u) => u.escalatedAt).map((u) => [u.unitId, u.escalatedAt])).toEqual([
      [XICHENG_UNITS, plan.escalateAt],
    ]);
    expect(await h.notified(roundId, 'INSPECTION_ESCALATED')).toEqual(['p-wang-hongmei']);
    const escalation = (await h.timeline(roundId)).find((e) => e.kind === 'ESCALATED');
    expect(escalation).toMatchObject({ unitId: XICHENG_UNITS, at: plan.escalateAt });

    // Findings: only the office records them; each becomes a RECTIFICATION task of the unit.
    const policy = h.policies.get('RECTIFICATION')!;
    const findingsOf = (unitId: string, leaderId: string, findings: im.FindingInput[]) => ({
      args: [{ actor: actor('office'), unitId, leaderId, policy, findings }] as [im.RecordFindingsInput],
    });
    await expect(
      handle.executeUpdate(im.recordFindings, {
        args: [{ ...findingsOf('town-dongguan', 'p-wang-hongmei', []).args[0], actor: DONGGUAN }],
      }),
    ).rejects.toEqual(rejected(/由组织协调室录入/));
    await handle.executeUpdate(
      im.recordFindings,
      findingsOf('town-dongguan', 'p-wang-hongmei', [finding('MAJOR', '公务接待审批单填写不规范')]),
    );
    await handle.executeUpdate(
      im.recordFindings,
      findingsOf('dept-finance', 'p-wu-haitao', [finding('SERIOUS', '专项资金拨付未履行集体决策程序')]),
    );
    const closed = await handle.executeUpdate(im.closeFindings, { args: [{ actor: actor('office') }] });
    expect(closed.state).toBe('RECTIFYING');
    await expect(
      handle.executeUpdate(
        im.recordFindings,
        findingsOf(XICHENG_UNITS, 'p-wang-hongmei', [finding('MINOR', '台账缺失')]),
      ),
    ).rejects.toEqual(rejected(/问题录入已经结束/));

    const dongguanTask = `${roundId}-town-dongguan-1`;
    const financeTask = `${roundId}-dept-finance-1`;
    const tasks = await eventuallyRows(
      `SELECT id, type, lead_unit_id, leader_id, cycle_id FROM tasks WHERE id = ANY ($1) ORDER BY id`,
      [[dongguanTask, financeTask]],
      2,
    );
    expect(tasks).toEqual([
      {
        id: financeTask,
        type: 'RECTIFICATION',
        lead_unit_id: 'dept-finance',
        leader_id: 'p-wu-haitao',
        cycle_id: cycleId,
      },
      {
        id: dongguanTask,
        type: 'RECTIFICATION',
        lead_unit_id: 'town-dongguan',
        leader_id: 'p-wang-hongmei',
        cycle_id: cycleId,
      },
    ]);
    const { rows: stored } = await h.db.pool.query(
      `SELECT cycle_id, unit_id, severity, task_id FROM inspection_findings WHERE round_id = $1 ORDER BY unit_id`,
      [roundId],
    );
    expect(stored).toEqual([
      { cycle_id: cycleId, unit_id: 'dept-finance', severity: 'SERIOUS', task_id: financeTask },
      { cycle_id: cycleId, unit_id: 'town-dongguan', severity: 'MAJOR', task_id: dongguanTask },
    ]);

    // Dongguan rectifies on time and the office accepts; the round stays open while Finance's is neither.
    const dg = h.env.client.workflow.getHandle(m.taskWorkflowId(dongguanTask));
    await dg.executeUpdate(m.signFor, { args: [{ actor: DONGGUAN }] });
    await dg.executeUpdate(m.submitTask, { args: [{ actor: DONGGUAN, summary: '已重新规范审批单并组织培训' }] });
    await dg.executeUpdate(m.acceptTask, { args: [{ actor: actor('office'), rating: 'GOOD' }] });
    expect((await handle.query(im.getInspectionStatus)).state).toBe('RECTIFYING');

    // Finance's rectification reaches L3 five working days after its deadline: the round closes at that instant.
    const fin = h.env.client.workflow.getHandle(m.taskWorkflowId(financeTask));
    const { dueDate } = await fin.query(m.getTaskStatus);
    const l3At = wd.localInstant(wd.addWorkingDays(plan.cal, dueDate!, policy.escalation.l3AfterWorkingDays), 24);
    const done = await h.skipTo(l3At.toISOString(), handle, (s) => s.state === 'CLOSED', 120_000);
    expect(seconds(done.closedAt)).toBe(seconds(l3At.toISOString()));
    expect((await fin.query(m.getTaskStatus)).rung).toBe(3);
    const { rows: round } = await h.db.pool.query(
      `SELECT state, closed_at, report FROM inspection_rounds WHERE id = $1`,
      [roundId],
    );
    expect(round[0]).toMatchObject({ state: 'CLOSED' });
    expect(round[0].report).toMatchObject({
      units: 3,
      selfChecks: { onTime: 1, late: 1, missing: 1 },
      findings: { total: 2, bySeverity: { SERIOUS: 1, MAJOR: 1, MINOR: 0 } },
      rectifications: { total: 2, acceptedOnTime: 1, acceptedLate: 0, escalated: 1, cancelled: 0, open: 0 },
    });
    expect(round[0].report.rectifications.escalatedTasks.map((t: { taskId: string }) => t.taskId)).toEqual([
      financeTask,
    ]);
    const readers = await h.notified(roundId, 'INSPECTION_CLOSED');
    expect(readers).toEqual(expect.arrayContaining(['p-huang-min', 'p-zhang-wei', 'p-yang-fan', 'p-li-jianguo']));
    expect(readers).not.toContain('p-xie-hua');
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // The workflow ends once the last rectification task ends.
    await fin.executeUpdate(m.cancelTask, { args: [{ actor: actor('office'), reason: '已移送责任追究，另案处理' }] });
    const final = await handle.result();
    expect(final.state).toBe('CLOSED');
    expect((await h.timeline(roundId)).map((e) => e.kind).slice(-2)).toEqual(['CLOSED', 'TASKS_ENDED']);
    expect(await h.audit('inspection', roundId)).toEqual([
      { action: 'inspection.create', request_id: 'req-office' },
      { action: 'inspection.selfCheck', request_id: 'req-p-xie-hua' },
      { action: 'inspection.selfCheck', request_id: 'req-p-lin-feng' },
      { action: 'inspection.findings', request_id: 'req-office' },
      { action: 'inspection.findings', request_id: 'req-office' },
      { action: 'inspection.closeFindings', request_id: 'req-office' },
    ]);
    // The L3 referral opened a case: this harness's cycle is a row, not a workflow, so the task opened it itself.
    const { rows: referral } = await h.db.pool.query(
      'SELECT case_id FROM accountability_referrals WHERE task_id = $1',
      [financeTask],
    );
    expect(referral[0]?.case_id).toMatch(/^c-[0-9a-f-]{36}$/);
  }, 120_000);

  async function eventuallyTimeline(
    roundId: string,
    done: (t: Awaited<ReturnType<InspectionHarness['timeline']>>) => boolean,
  ) {
    for (let i = 0; i < 100; i++) {
      const t = await h.timeline(roundId);
      if (done(t)) return t;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('timeline condition not met');
  }

  async function eventuallyRows(text: string, values: unknown[], count: number) {
    for (let i = 0; i < 100; i++) {
      const { rows } = await h.db.pool.query(text, values);
      if (rows.length >= count) return rows;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('rows not found');
  }
});
