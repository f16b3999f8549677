import { localInstant } from '../../procedures/time/working-days';
import { publishAssessment, runAssessment } from '../../activities/assessment';
import { AppError } from '../../api/errors';
import { announceCalendarChange } from '../../api/use-cases/calendar';
import { loadCalendarYear } from '../../db/queries/calendar';
import * as c from '../../procedures/cycle/messages';
import { eventually } from '../support/http';
import { actorAs, CYCLE_PEOPLE, createCycleHarness } from '../support/cycle-harness';
import { useHarness } from '../support/use-harness';

/** Timers fire a few milliseconds after their instant: compare to the second. */
const second = (iso: string | undefined) => iso?.slice(0, 19);

const updateRefused = (message: RegExp) =>
  expect.objectContaining({ cause: expect.objectContaining({ message: expect.stringMatching(message) }) });

describe('the annual cycle workflow', () => {
  const h = useHarness(createCycleHarness);

  it('gives the same cycle when the same year is opened twice', async () => {
    const first = await h.open(2027);
    const again = await h.open(2027);

    expect(again.workflowId).toBe(first.workflowId);
    expect((await again.describe()).runId).toBe((await first.describe()).runId);
    const { rows } = await h.db.pool.query("SELECT id FROM cycles WHERE org_id = 'district' AND year = 2027");
    expect(rows).toEqual([{ id: 'district-2027' }]);
  });

  it('refuses a plan with one bad row whole, naming the row, line and field, and stores nothing', async () => {
    await h.open(2027);
    const yaml = [
      'year: 2027',
      'goals:',
      '  - id: duty',
      '    title: 压实主体责任',
      '    tasks:',
      '      - key: pledges',
      '        title: 签订责任书',
      '        leadUnit: dept-organisation',
      '        leader: p-chen-lixin',
      '        requirements: 逐级签订',
      '        standard: 签订率100%',
      '        dueDate: 2027-03-31',
      '      - key: report',
      '        title: 报告落实情况',
      '        leadUnit: dept-nowhere',
      '        leader: p-chen-lixin',
      '        requirements: 报告上半年情况',
      '        standard: 书面报告',
      '        dueDate: 2027-07-15',
    ].join('\n');

    const refused = await h.submit('district-2027', yaml).catch((err: unknown) => err);

    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      status: 422,
      fields: [
        {
          field: 'body.goals[0].tasks[1].leadUnit',
          message: { zh: '第15行第9列：单位不存在', en: 'line 15:9: no such unit' },
        },
      ],
    });
    const stored = await h.db.pool.query("SELECT count(*)::int AS n FROM cycle_plans WHERE cycle_id = 'district-2027'");
    expect(stored.rows[0].n).toBe(0);
    expect((await h.client.workflow.getHandle('cycle:district-2027').query(c.getCycleStatus)).planVersion).toBeNull();
  });

  it('alerts the office head at the end of the plan’s due date, and publishes the monthly bulletin on time', async () => {
    const now = new Date(await h.now());
    const year = now.getUTCFullYear();
    // A cycle of the current year, its plan due in ten days: the months already over get no late bulletin.
    const due = new Date(now.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const handle = await h.open(year, { planDueDate: due, meetingMonths: [12], meetingDay: 28 });
    const dueAt = localInstant(due, 24).toISOString();
    const calendar = (await handle.query(c.getCycleCalendar))!;
    const nextBulletin = calendar.bulletins.find((b) => Date.parse(b.at) > now.getTime())!;

    await h.skipTo(Math.min(Date.parse(dueAt), Date.parse(calendar.meetings[0]!.noticeAt) - 60_000));
    const alerted = await h.until(handle, (s) => s.planDueAlerted);
    await h.skipTo(Math.min(Date.parse(nextBulletin.at), Date.parse(calendar.meetings[0]!.noticeAt) - 60_000));

    expect(alerted.phase).toBe('PLANNING');
    const timeline = await h.cycleTimeline(`district-${year}`);
    const overdue = timeline.find((e) => e.kind === 'PLAN_OVERDUE');
    expect(second(overdue?.at)).toBe(second(dueAt));
    expect(overdue).toMatchObject({
      message: `${year}年度工作计划超过审定时限（${due}）仍未审定，已提请组织协调室主任督办`,
    });
    const head = await h.db.pool.query(
      `SELECT n.person_id FROM notifications n WHERE n.kind = 'CYCLE_PLAN_OVERDUE' AND n.org_id = 'district'`,
    );
    expect(head.rows).toEqual([{ person_id: 'p-huang-min' }]);
    if (Date.parse(nextBulletin.at) < Date.parse(calendar.meetings[0]!.noticeAt)) {
      const published = await h.until(handle, (s) => s.bulletins.includes(nextBulletin.key));
      expect(published.bulletins).toEqual([nextBulletin.key]);
      const bulletin = (await h.cycleTimeline(`district-${year}`)).find((e) => e.kind === 'BULLETIN_PUBLISHED');
      expect(second(bulletin?.at)).toBe(second(nextBulletin.at));
    }
  });

  it('moves its meeting dates when the year’s official calendar arrives', async () => {
    const handle = await h.open(2029);
    const before = (await handle.query(c.getCycleCalendar))!;

    await loadCalendarYear(
      h.db.pool,
      {
        year: 2029,
        source: '测试用 2029 年节假日安排',
        holidays: [{ date: '2029-03-20', name: '测试假日' }],
        workdays: [],
      },
      'test',
    );
    const told = await announceCalendarChange({ db: h.db.pool, temporal: h.client }, 2029);
    const after = await eventually(async () => {
      const cal = (await handle.query(c.getCycleCalendar))!;
      return cal.meetings[0]!.at !== before.meetings[0]!.at ? cal : undefined;
    });

    expect(told.failed).toBe(0);
    expect(before.meetings[0]!.at).toBe('2029-03-20T01:30:00.000Z');
    expect(after.meetings[0]!.at).toBe('2029-03-21T01:30:00.000Z');
    expect(after.meetings.slice(1)).toEqual(before.meetings.slice(1));
  });

  it('takes a scoring model the office applies to running cycles: its settings and timeline say so', async () => {
    const handle = await h.open(2030);
    const change: c.ScoringModelChange = {
      model: { id: 'org', version: 2 },
      name: '区考核模型（加重按期办结）',
      reason: '本年度即适用新模型',
      by: actorAs(CYCLE_PEOPLE.office),
      changes: ['“按期办结率”权重由25改为30'],
    };

    await handle.signal(c.scoringModelChanged, change);
    const timeline = await eventually(async () => {
      const entries = await h.cycleTimeline('district-2030');
      return entries.some((e) => e.kind === 'SCORING_MODEL_CHANGED') ? entries : undefined;
    });

    expect(timeline.find((e) => e.kind === 'SCORING_MODEL_CHANGED')!.message).toBe(
      '考核评分模型调整为第2版「区考核模型（加重按期办结）」（本年度即适用新模型），主要变化：“按期办结率”权重由25改为30。' +
        '本年度考核评价改按新模型计分',
    );
    // No assessment yet: nothing to score again.
    expect(timeline.map((e) => e.kind)).not.toContain('ASSESSMENT_RESCORED');
    const { rows } = await h.db.pool.query("SELECT settings->'scoringModel' AS model FROM cycles WHERE id = $1", [
      'district-2030',
    ]);
    expect(rows).toEqual([{ model: { id: 'org', version: 2 } }]);
  });

  it('does not take a scoring model once its assessment is published, and says so', async () => {
    const handle = await h.open(2031);
    const at = new Date(await h.now());
    const cycle = { cycleId: 'district-2031', orgId: 'district' };
    await runAssessment(h.db.pool, { ...cycle, modelId: 'standard', modelVersion: 5, cutOff: at });
    await publishAssessment(h.db.pool, cycle);

    await handle.signal(c.scoringModelChanged, {
      model: { id: 'org', version: 3 },
      name: '区考核模型（减轻）',
      reason: '恢复标准权重',
      by: actorAs(CYCLE_PEOPLE.office),
      changes: [],
    });
    const timeline = await eventually(async () => {
      const entries = await h.cycleTimeline('district-2031');
      return entries.some((e) => e.kind === 'SCORING_MODEL_NOT_TAKEN') ? entries : undefined;
    });

    expect(timeline.find((e) => e.kind === 'SCORING_MODEL_NOT_TAKEN')!.message).toBe(
      '考核评分模型第3版「区考核模型（减轻）」未适用于本年度：年度考核评价结果已发布，不予改变',
    );
    expect(timeline.map((e) => e.kind)).not.toContain('SCORING_MODEL_CHANGED');
    const { rows } = await h.db.pool.query(
      "SELECT c.settings->'scoringModel' AS model, a.model_id, a.model_version FROM cycles c JOIN assessments a ON a.cycle_id = c.id WHERE c.id = $1",
      ['district-2031'],
    );
    // The cycle keeps the model it opened with (the harness's default), the assessment the one it was scored with.
    expect(rows).toEqual([{ model: { id: 'standard', version: 1 }, model_id: 'standard', model_version: 5 }]);
  });

  it('refuses actions from the wrong role and closing while tasks are being decomposed', async () => {
    const handle = h.client.workflow.getHandle('cycle:district-2027');

    const beforeAnyPlan = await h.approve(handle, 1).catch((err: unknown) => err);
    const byGroup = await handle
      .executeUpdate(c.closeCycle, { args: [{ actor: actorAs(CYCLE_PEOPLE.group), reason: '测试' }] })
      .catch((err: unknown) => err);
    const closed = await handle.executeUpdate(c.closeCycle, {
      args: [{ actor: actorAs(CYCLE_PEOPLE.office), reason: '测试结束' }],
    });

    expect(beforeAnyPlan).toEqual(updateRefused(/尚未提交年度工作计划/));
    expect(byGroup).toEqual(updateRefused(/由组织协调室结束/));
    expect(closed.phase).toBe('CLOSED');
    expect((await handle.result()).phase).toBe('CLOSED');
  });
});
