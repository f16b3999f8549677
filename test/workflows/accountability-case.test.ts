import * as wd from '../../procedures/time/working-days';
import { announceCalendarChange } from '../../api/use-cases/calendar';
import { loadCalendarYear, NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as cm from '../../procedures/case/messages';
import { deadlineText } from '../../procedures/case/texts';
import { createCaseHarness } from '../support/case-harness';
import { useHarness } from '../support/use-harness';
import { rejected, apiActor as person } from '../support/actors';

const hekou = (requestId: string) => person('p-lu-shuigen', 'village-hekou', ['UNIT'], requestId); // head
const xicheng = (requestId: string) => person('p-han-bing', 'town-xicheng', ['UNIT'], requestId);
const office = (requestId: string) => person('p-huang-min', 'office', ['OFFICE'], requestId);
const GROUP = ['p-chen-lixin', 'p-li-jianguo', 'p-wang-hongmei', 'p-wu-haitao', 'p-zhao-zhiqiang', 'p-zheng-yu'];

describe('the accountability case workflow', () => {
  const h = useHarness(createCaseHarness);

  /** The deadlines as the office reckons them: 24:00 of the 5th working day after opening, then 3 more. */
  async function deadlinesOf(status: cm.CaseStatus) {
    const opened = wd.localDate(new Date(status.openedAt!));
    const year = Number(opened.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 1);
    const due = wd.addWorkingDays(cal, opened, 5);
    return {
      dueAt: wd.localInstant(due, 24).toISOString(),
      escalateAt: wd.localInstant(wd.addWorkingDays(cal, due, 3), 24).toISOString(),
    };
  }

  const auditOf = async (caseId: string) =>
    (
      await h.db.pool.query<{ action: string; actor_id: string; request_id: string | null; outcome: string }>(
        `SELECT action, actor_id, request_id, outcome FROM audit_log WHERE object_type = 'case' AND object_id = $1
         ORDER BY id`,
        [caseId],
      )
    ).rows;

  it('takes an L3 referral from notice to a statement on time, a talk (约谈) and a closed record', async () => {
    // The task's L3 rung referred it (as supervised-task writes it); the case takes the referral up.
    const taskId = `t-${Date.now().toString(36)}`;
    await h.db.pool.query(
      `INSERT INTO tasks (id, workflow_id, org_id, type, type_name, title, lead_unit_id, leader_id, requirements,
         standard, time_limit, extension_decided_by, state, light, version, created_by)
       VALUES ($1, $2, 'district', 'ROUTINE', '日常督办事项', '清单公开', 'village-hekou', 'p-shi-jia', '公开', '公开',
         '{}', 'OFFICE', 'IN_PROGRESS', 'RED', 1, 'p-huang-min')`,
      [taskId, `task:${taskId}`],
    );
    await h.db.pool.query(
      `INSERT INTO accountability_referrals (org_id, task_id, unit_id, leader_id, due_date, workflow_id, step)
       VALUES ('district', $1, 'village-hekou', 'p-shi-jia', '2027-03-31', $2, '9-l3')`,
      [taskId, `task:${taskId}`],
    );
    const { handle, caseId } = await h.start({
      caseId: cm.caseIdForTask(taskId),
      unitId: 'village-hekou',
      leaderId: 'p-shi-jia', // the task's leader, besides the unit's own (p-fang-liang)
      source: { kind: 'L3', taskId, dueDate: '2027-03-31' },
    });
    const referral = await h.db.pool.query('SELECT case_id FROM accountability_referrals WHERE task_id = $1', [taskId]);
    expect(referral.rows).toEqual([{ case_id: `l3-${taskId}` }]);
    const opened = await handle.query(cm.getCaseStatus);
    const { dueAt, escalateAt } = await deadlinesOf(opened);
    expect(opened).toMatchObject({ state: 'OPEN', unitName: '柳河镇河口村', statementDueAt: dueAt, escalateAt });
    expect(await h.notified(caseId, 'CASE_OPENED')).toEqual(
      expect.arrayContaining(['p-lu-shuigen', 'p-fang-liang', 'p-shi-jia', 'p-huang-min']),
    );
    expect(await h.notified(caseId, 'CASE_OPENED')).not.toContain('p-tian-xin');

    const explained = await handle.executeUpdate(cm.submitStatement, {
      args: [{ actor: hekou('req-a-statement'), text: '因村“两委”换届，台账整理滞后，现已全部补齐。' }],
    });
    expect(explained).toMatchObject({ state: 'STATEMENT_RECEIVED', statementLate: false, statementBy: 'p-lu-shuigen' });
    await handle.executeUpdate(cm.decideCase, {
      args: [{ actor: office('req-a-decision'), measure: 'TALK', basis: '《党风廉政建设责任追究办法》第八条' }],
    });
    const closed = await handle.result();

    expect(closed).toMatchObject({ state: 'CLOSED', measure: 'TALK', measureName: '约谈' });
    expect(closed.decidedWithoutStatement).toBe(false);
    expect(await h.notified(caseId, 'CASE_DECIDED')).toEqual(
      ['p-fang-liang', 'p-lu-shuigen', 'p-shi-jia', ...GROUP].sort(),
    );
    const timeline = await h.timeline(caseId);
    expect(timeline.map((e) => e.kind)).toEqual(['OPENED', 'STATEMENT_RECEIVED', 'DECIDED', 'CLOSED']);
    expect(timeline[0]!.message).toMatch(/督办升级（L3）移送/);
    expect(timeline[2]!.message).toMatch(/约谈/);
    expect(await auditOf(caseId)).toEqual([
      { action: 'case.open', actor_id: 'system:case', request_id: null, outcome: 'DONE' },
      { action: 'case.statement', actor_id: 'p-lu-shuigen', request_id: 'req-a-statement', outcome: 'DONE' },
      { action: 'case.decide', actor_id: 'p-huang-min', request_id: 'req-a-decision', outcome: 'DONE' },
      { action: 'case.close', actor_id: 'p-huang-min', request_id: 'req-a-decision', outcome: 'DONE' },
    ]);
    const { rows } = await h.db.pool.query(
      `SELECT state, source_kind, measure, statement, decided_by FROM accountability_cases WHERE id = $1`,
      [caseId],
    );
    expect(rows[0]).toEqual({
      state: 'CLOSED',
      source_kind: 'L3',
      measure: 'TALK',
      statement: '因村“两委”换届，台账整理滞后，现已全部补齐。',
      decided_by: 'p-huang-min',
    });
  });

  it('urges a missing statement at its deadline, reports it to the group 3 working days later, then the office decides without it', async () => {
    const { handle, caseId } = await h.start({ unitId: 'village-hekou', openedBy: office('req-b-open') });
    const { dueAt, escalateAt } = await deadlinesOf(await handle.query(cm.getCaseStatus));

    // Before the deadline the office cannot decide without a statement.
    await expect(
      handle.executeUpdate(cm.decideCase, {
        args: [{ actor: office('req-b-early'), measure: 'CRITICISM_NOTICE', basis: '逾期未说明情况' }],
      }),
    ).rejects.toEqual(rejected(/说明情况期限.*未到/));

    const overdue = await h.skipTo(dueAt, handle, (s) => s.state === 'STATEMENT_OVERDUE');
    expect(overdue.overdueAt).toBe(dueAt);
    expect((await h.timeline(caseId)).find((e) => e.kind === 'STATEMENT_OVERDUE')?.at).toBe(dueAt);
    const byTitle = async (prefix: string) =>
      (
        await h.db.pool.query<{ person_id: string }>(
          `SELECT person_id FROM notifications WHERE workflow_id = $1 AND title LIKE $2 ORDER BY person_id`,
          [cm.caseWorkflowId(caseId), `${prefix}%`],
        )
      ).rows.map((r) => r.person_id);
    expect(await byTitle('【催办】')).toEqual(['p-lu-shuigen']);
    expect(await byTitle('【逾期未说明】')).toEqual(['p-fang-liang', ...GROUP].sort());

    const escalated = await h.skipTo(escalateAt, handle, (s) => s.escalatedAt !== null);
    expect(escalated.escalatedAt).toBe(escalateAt);
    const rung2 = (await h.timeline(caseId)).find((e) => e.kind === 'ESCALATED');
    expect(rung2).toMatchObject({ at: escalateAt, message: expect.stringContaining('已报领导小组') });
    expect(await h.notified(caseId, 'CASE_ESCALATED')).toEqual(expect.arrayContaining(GROUP));

    await handle.executeUpdate(cm.decideCase, {
      args: [
        {
          actor: office('req-b-decision'),
          measure: 'CRITICISM_NOTICE',
          basis: '经催办仍未说明情况，违反责任追究有关规定',
          persons: ['p-lu-shuigen'],
        },
      ],
    });
    const closed = await handle.result();
    expect(closed).toMatchObject({
      state: 'CLOSED',
      measureName: '通报批评',
      statement: null,
      decidedWithoutStatement: true,
      persons: ['p-lu-shuigen'],
    });
    expect((await h.timeline(caseId)).find((e) => e.kind === 'DECIDED')?.message).toMatch(
      /通报批评（涉及人员：陆水根）.*逾期未说明情况/,
    );
    expect((await auditOf(caseId)).map((a) => [a.action, a.request_id])).toEqual([
      ['case.open', 'req-b-open'],
      ['case.urge', null],
      ['case.escalate', null],
      ['case.decide', 'req-b-decision'],
      ['case.close', 'req-b-decision'],
    ]);
  });

  it('moves its statement deadline when the year’s official calendar adds a holiday, and urges at the new one', async () => {
    const { handle, caseId } = await h.start({ unitId: 'village-hekou', openedBy: office('req-d-open') });
    const opened = await handle.query(cm.getCaseStatus);
    const before = await deadlinesOf(opened);
    // The official table of the year makes the second working day after the opening a holiday.
    const openedOn = wd.localDate(new Date(opened.openedAt!));
    const cal = await readWorkingCalendar(
      h.db.pool,
      NATIONAL,
      Number(openedOn.slice(0, 4)) - 1,
      Number(openedOn.slice(0, 4)) + 1,
    );
    const holiday = wd.addWorkingDays(cal, openedOn, 2);
    const year = Number(holiday.slice(0, 4));

    await loadCalendarYear(
      h.db.pool,
      { year, source: `测试用 ${year} 年节假日安排`, holidays: [{ date: holiday, name: '测试假日' }], workdays: [] },
      'test',
    );
    const told = await announceCalendarChange({ db: h.db.pool, temporal: h.env.client }, year);
    const moved = await h.skipTo(opened.openedAt!, handle, (s) => s.statementDueAt !== before.dueAt);
    const after = await deadlinesOf(moved);

    expect(told.failed).toBe(0);
    expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
    expect(moved).toMatchObject({ state: 'OPEN', statementDueAt: after.dueAt, escalateAt: after.escalateAt });
    const timeline = await h.timeline(caseId);
    expect(timeline.map((e) => e.kind)).toEqual(['OPENED', 'CALENDAR_CHANGED']);
    expect(timeline[1]!.message).toContain(`说明情况期限调整为${deadlineText(after.dueAt)}`);
    expect(await h.notified(caseId, 'CASE_DEADLINE_CHANGED')).toEqual(['p-lu-shuigen']);

    // The old deadline passes quietly; the urging comes at the new one.
    expect((await h.skipTo(before.dueAt, handle)).state).toBe('OPEN');
    const overdue = await h.skipTo(after.dueAt, handle, (s) => s.state === 'STATEMENT_OVERDUE');
    expect(overdue.overdueAt).toBe(after.dueAt);
    await handle.executeUpdate(cm.decideCase, {
      args: [{ actor: office('req-d-decision'), measure: 'CRITICISM_NOTICE', basis: '逾期未说明情况' }],
    });
    expect((await handle.result()).state).toBe('CLOSED');
  });

  it('refuses a statement by another unit, a decision by a non-office or with an unknown measure, and a statement after the decision', async () => {
    const { handle } = await h.start({ unitId: 'village-hekou' });

    await expect(
      handle.executeUpdate(cm.submitStatement, { args: [{ actor: xicheng('req-c-1'), text: '代为说明' }] }),
    ).rejects.toEqual(rejected(/由被追究单位报送/));
    await handle.executeUpdate(cm.submitStatement, { args: [{ actor: hekou('req-c-2'), text: '情况说明如下' }] });
    await expect(
      handle.executeUpdate(cm.decideCase, {
        args: [
          { actor: person('p-fang-liang', 'town-liuhe', ['UNIT', 'LEADER'], 'r'), measure: 'TALK', basis: '依据' },
        ],
      }),
    ).rejects.toEqual(rejected(/由组织协调室作出/));
    await expect(
      handle.executeUpdate(cm.decideCase, { args: [{ actor: office('req-c-3'), measure: 'FINE', basis: '依据' }] }),
    ).rejects.toEqual(rejected(/没有这项处理措施：FINE/));
    await expect(
      handle.executeUpdate(cm.decideCase, { args: [{ actor: office('req-c-4'), measure: 'TALK', basis: '  ' }] }),
    ).rejects.toEqual(rejected(/处理依据不能为空/));

    await handle.executeUpdate(cm.decideCase, {
      args: [{ actor: office('req-c-5'), measure: 'NO_ACTION', basis: '说明属实，情节轻微' }],
    });
    expect((await handle.result()).state).toBe('CLOSED');
    await expect(
      handle.executeUpdate(cm.submitStatement, { args: [{ actor: hekou('req-c-6'), text: '补充说明' }] }),
    ).rejects.toThrow();
  });
});
