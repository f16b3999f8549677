import { stringify } from 'yaml';
import * as wd from '../../procedures/time/working-days';
import { planTaskId } from '../../api/use-cases/cycle-plan';
import { adjustAssessment, publishCycleAssessment } from '../../api/use-cases/assessments';
import { decideCase, submitCaseStatement } from '../../api/use-cases/cases';
import {
  closeInspectionFindings,
  fileInspectionSelfCheck,
  recordInspectionFindings,
} from '../../api/use-cases/inspections';
import { confirmMeetingAttendance, recordMeetingMinutes } from '../../api/use-cases/meetings';
import { caseRecorded, caseWorkflowId, getCaseStatus } from '../../procedures/case/messages';
import { getInspectionStatus, inspectionWorkflowId, rectificationTaskId } from '../../procedures/inspection/messages';
import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import * as c from '../../procedures/cycle/messages';
import { getMeetingStatus, resolutionTaskId } from '../../procedures/meeting/messages';
import * as m from '../../procedures/task/messages';
import {
  callerAs,
  CYCLE_PEOPLE,
  createCycleHarness,
  EXAMPLE_DEPARTMENTS,
  EXAMPLE_TOWNS,
} from '../support/cycle-harness';
import { eventually } from '../support/http';
import { useHarness } from '../support/use-harness';

/**
 * A whole year of the example organisation on the time-skipping server (issue 5's "done when"): the office
 * opens 2027 at the end of 2026, uploads the plan as YAML and revises it as JSON, the leadership group approves
 * it, and its 22 tasks go to the 22 departments and towns. Units sign for and submit their tasks, three late;
 * four quarterly joint meetings are noticed, answered, held and minuted, one resolution each becoming a task;
 * twelve monthly bulletins go out; two inspection rounds find problems whose rectifications (one late) run as
 * tasks; the two units at L3 face accountability cases (one explains in time, one misses its deadline); at the
 * cut-off the assessment scores every unit, the office publishes it, the units below 60 get cases too, and once
 * every case is decided the annual report goes out and the cycle closes. Every timer instant is then checked
 * against the working-day calendar, scores against a hand computation, and the read model against the workflows.
 */

const YEAR = 2027;
const CYCLE = `district-${YEAR}`;
const DEPARTMENTS = EXAMPLE_DEPARTMENTS;
const TOWNS = EXAMPLE_TOWNS;
const DUES = [`${YEAR}-03-31`, `${YEAR}-06-30`, `${YEAR}-09-30`, `${YEAR}-11-30`];
/** Units that submit late: after L3 (ten working days late), or between L1 and L2 (one working day late). */
const LATE: Record<string, 'AFTER_L3' | 'AFTER_L1'> = {
  'dept-health': 'AFTER_L3',
  'town-beishan': 'AFTER_L3',
  'town-liuhe': 'AFTER_L1',
};

interface PlannedTask {
  taskId: string;
  unitId: string;
  due: string;
}

function planOf(units: { goal: string; unitId: string; due: string }[]) {
  const goals = [
    { id: 'duty', title: '压实部门党风廉政建设主体责任', priority: 1, tasks: [] as object[] },
    { id: 'towns', title: '推动镇街全面从严治党向基层延伸', priority: 2, tasks: [] as object[] },
  ];
  for (const u of units) {
    goals
      .find((g) => g.id === u.goal)!
      .tasks.push({
        key: u.unitId,
        title: `${u.unitId}落实年度党风廉政建设任务`,
        leadUnit: u.unitId,
        leader: 'p-chen-lixin',
        requirements: '按年度工作要点逐项落实，按时报送进展',
        standard: '形成落实情况报告，经单位党组（党委）审议',
        dueDate: u.due,
      });
  }
  return { year: YEAR, goals };
}

const second = (iso: string | Date | number) => new Date(iso).toISOString().slice(0, 19);

describe('a full year of the annual cycle', () => {
  const h = useHarness(createCycleHarness);

  const unitCaller = (unitId: string) => h.unitCaller(unitId);
  const office = () => callerAs(CYCLE_PEOPLE.office);

  it('runs from the plan to the last bulletin, every event at its instant', async () => {
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, YEAR - 1, YEAR + 1);
    const end = (date: string) => wd.localInstant(date, 24).getTime();
    const at = (date: string, hour: number) => wd.localInstant(date, hour).getTime();
    const units = [
      ...DEPARTMENTS.map((unitId, i) => ({ goal: 'duty', unitId, due: DUES[i % 4]! })),
      ...TOWNS.map((unitId, i) => ({ goal: 'towns', unitId, due: DUES[(i + 1) % 4]! })),
    ];
    const planned: PlannedTask[] = units.map((u) => ({
      taskId: planTaskId(CYCLE, u.goal, u.unitId),
      unitId: u.unitId,
      due: u.due,
    }));

    // ---- the plan: opened, uploaded (YAML, one unit short), revised (JSON, all 22), approved -------------------
    const handle = await h.open(YEAR);
    const v1 = await h.submit(CYCLE, stringify(planOf(units.slice(0, 21))));
    await h.skipTo(at('2026-12-01', 10));
    const v2 = await h.submit(CYCLE, planOf(units));
    await h.skipTo(at('2026-12-03', 10));
    const approvedAt = await h.now();
    await h.approve(handle, v2.version);
    await h.until(handle, (s) => s.phase === 'RUNNING');
    await eventually(async () => {
      const { rows } = await h.db.pool.query('SELECT count(*)::int AS n FROM tasks WHERE cycle_id = $1', [CYCLE]);
      return rows[0].n === 22 ? true : undefined;
    });
    expect([v1.taskCount, v2.taskCount, v2.version]).toEqual([21, 22, 2]);
    const calendar = (await handle.query(c.getCycleCalendar))!;

    // ---- the year's human actions, in time order -------------------------------------------------------------
    const submittedAt = new Map<string, number>();
    const steps: { at: number; run: () => Promise<unknown> }[] = [];
    const act = h.act;
    steps.push({
      at: at('2026-12-04', 10),
      run: () => Promise.all(planned.map((t) => act(unitCaller(t.unitId), t.taskId, 'task.signFor', m.signFor, {}))),
    });
    for (const t of planned) {
      const late = LATE[t.unitId];
      const submitAt = late
        ? at(wd.addWorkingDays(cal, t.due, late === 'AFTER_L3' ? 11 : 1), 10)
        : at(wd.addCalendarDays(t.due, -5), 10);
      submittedAt.set(t.taskId, submitAt);
      steps.push({
        at: submitAt,
        run: () =>
          act<m.SubmitInput>(unitCaller(t.unitId), t.taskId, 'task.submit', m.submitTask, { summary: '已按要求完成' }),
      });
      steps.push({
        at: submitAt + 2 * 3_600_000,
        run: () =>
          act<m.AcceptInput>(office(), t.taskId, 'task.accept', m.acceptTask, { rating: late ? 'FAIR' : 'GOOD' }),
      });
    }
    const resolutionUnits = ['town-xinhua', 'dept-finance', 'town-qingshi', 'dept-education'];
    calendar.meetings.forEach((meeting, q) => {
      const meetingId = `${CYCLE}-${meeting.key}`;
      const lead = resolutionUnits[q]!;
      const taskId = resolutionTaskId(meetingId, 1);
      steps.push({
        at: Date.parse(meeting.confirmBy) - 2 * 3_600_000,
        run: async () => {
          await confirmMeetingAttendance(h.deps, unitCaller('town-dongguan'), meetingId, {
            attending: true,
            attendee: '谢华',
          });
          await confirmMeetingAttendance(h.deps, unitCaller('town-xicheng'), meetingId, {
            attending: false,
            reason: '同期参加市级会议',
          });
        },
      });
      steps.push({
        at: Date.parse(meeting.at) + 2 * 3_600_000,
        run: () =>
          recordMeetingMinutes(h.deps, office(), meetingId, {
            minutes: `${meeting.title}听取了督办工作情况通报，研究部署下一阶段工作。`,
            resolutions: [
              {
                title: `落实${meeting.title}议定事项`,
                leadUnitId: lead,
                coUnitIds: [],
                leaderId: 'p-wu-haitao',
                requirements: '按会议要求抓好落实',
                standard: '报送落实情况',
                dueDate: wd.addWorkingDays(cal, wd.localDate(new Date(meeting.at)), 15),
              },
            ],
          }),
      });
      const signAt = Date.parse(meeting.at) + 4 * 3_600_000;
      steps.push({ at: signAt, run: () => act(unitCaller(lead), taskId, 'task.signFor', m.signFor, {}) });
      steps.push({
        at: signAt + 3 * 86_400_000,
        run: () => act<m.SubmitInput>(unitCaller(lead), taskId, 'task.submit', m.submitTask, { summary: '已落实' }),
      });
      steps.push({
        at: signAt + 3 * 86_400_000 + 3_600_000,
        run: () => act<m.AcceptInput>(office(), taskId, 'task.accept', m.acceptTask, { rating: 'GOOD' }),
      });
    });
    // Inspection rounds: every unit files its self-check (one late, after the urging); findings for two units a
    // round become rectification tasks; one rectification is submitted a working day late.
    const rectifications: { taskId: string; unitId: string; late: boolean; due: string }[] = [];
    const findingsFor = [
      [
        { unitId: 'dept-publicity', late: false },
        { unitId: 'town-zhongxin', late: true },
      ],
      [
        { unitId: 'dept-housing', late: false },
        { unitId: 'town-baiyang', late: false },
      ],
    ];
    for (const [r, round] of (calendar.inspections ?? []).entries()) {
      const roundId = `${CYCLE}-${round.key}`;
      const startDate = wd.localDate(new Date(round.at));
      for (const u of units) {
        const lateFiler = r === 0 && u.unitId === 'town-qingshui';
        steps.push({
          at: lateFiler
            ? at(wd.addWorkingDays(cal, round.selfCheckDueDate, 1), 10)
            : Date.parse(round.at) + 2 * 3_600_000,
          run: () => fileInspectionSelfCheck(h.deps, unitCaller(u.unitId), roundId, `${u.unitId}自查情况报告`),
        });
      }
      const findingsAt = at(wd.addWorkingDays(cal, startDate, 1), 10);
      steps.push({
        at: findingsAt,
        run: async () => {
          for (const f of findingsFor[r]!) {
            await recordInspectionFindings(h.deps, office(), roundId, {
              unitId: f.unitId,
              findings: [
                {
                  severity: 'MAJOR',
                  description: '责任清单未按要求细化到岗',
                  requirement: '细化责任清单并报备',
                  dueDate: wd.addWorkingDays(cal, startDate, 8),
                },
              ],
            });
          }
          await closeInspectionFindings(h.deps, office(), roundId);
        },
      });
      for (const f of findingsFor[r]!) {
        const taskId = rectificationTaskId(roundId, f.unitId, 1);
        const due = wd.addWorkingDays(cal, startDate, 8);
        rectifications.push({ taskId, unitId: f.unitId, late: f.late, due });
        steps.push({
          at: findingsAt + 3_600_000,
          run: () => act(unitCaller(f.unitId), taskId, 'task.signFor', m.signFor, {}),
        });
        const submitAt = f.late ? at(wd.addWorkingDays(cal, due, 1), 10) : at(wd.addWorkingDays(cal, due, -2), 10);
        steps.push({
          at: submitAt,
          run: () =>
            act<m.SubmitInput>(unitCaller(f.unitId), taskId, 'task.submit', m.submitTask, { summary: '已整改' }),
        });
        steps.push({
          at: submitAt + 3_600_000,
          run: () => act<m.AcceptInput>(office(), taskId, 'task.accept', m.acceptTask, { rating: 'GOOD' }),
        });
      }
    }
    // The L3 cases: dept-health explains in time and is talked to (约谈); town-beishan misses its statement deadline
    // and both rungs, and the office decides a notice of criticism (通报批评) without a statement.
    const l3Of = (unitId: string) => {
      const t = planned.find((p) => p.unitId === unitId)!;
      // The task names its case when it reaches L3 (an id nobody can derive from the task's): found by its referral.
      const caseId = async () => {
        const { rows } = await h.db.pool.query('SELECT case_id FROM accountability_referrals WHERE task_id = $1', [
          t.taskId,
        ]);
        return rows[0]?.case_id as string;
      };
      return { caseId, openedAt: end(wd.addWorkingDays(cal, t.due, 10)), t };
    };
    const health = l3Of('dept-health');
    const beishan = l3Of('town-beishan');
    const healthOpened = wd.localDate(new Date(health.openedAt));
    steps.push({
      at: at(wd.addWorkingDays(cal, healthOpened, 1), 10),
      run: async () =>
        submitCaseStatement(h.deps, unitCaller('dept-health'), await health.caseId(), {
          text: '因专项工作调整导致逾期，已报结并建立台账',
        }),
    });
    steps.push({
      at: at(wd.addWorkingDays(cal, healthOpened, 2), 10),
      run: async () =>
        decideCase(h.deps, office(), await health.caseId(), {
          measure: 'TALK',
          basis: '任务逾期十个工作日，进入三级督办',
        }),
    });
    const beishanOpened = wd.localDate(new Date(beishan.openedAt));
    const beishanStatementDue = wd.addWorkingDays(cal, beishanOpened, 5);
    const beishanEscalated = wd.addWorkingDays(cal, beishanStatementDue, 3);
    steps.push({
      at: at(wd.addWorkingDays(cal, beishanEscalated, 1), 10),
      run: async () =>
        decideCase(h.deps, office(), await beishan.caseId(), {
          measure: 'CRITICISM_NOTICE',
          basis: '任务逾期进入三级督办，且逾期未说明情况',
        }),
    });
    steps.sort((a, b) => a.at - b.at);
    for (const step of steps) {
      await h.skipTo(step.at);
      await step.run();
    }
    // ---- the year end: assessment at the cut-off, reviewed and published, cases, the annual report ---------------
    const lastBulletin = calendar.bulletins[calendar.bulletins.length - 1]!;
    await h.skipTo(Date.parse(lastBulletin.at) + 3_600_000);
    await h.until(handle, (s) => s.bulletins.length === 12 && s.assessmentId !== null);
    const review = await adjustAssessment(h.deps, office(), CYCLE, {
      unitId: 'town-liuhe',
      delta: -1,
      reason: '逾期报结且未主动说明情况',
    });
    expect(review.state).toBe('DRAFT');
    await publishCycleAssessment(h.deps, office(), CYCLE);
    const withCases = await h.until(handle, (s) => s.cases.filter((id) => id.startsWith('score-')).length === 2);
    for (const caseId of withCases.cases.filter((id) => id.startsWith('score-'))) {
      const unitId = caseId.slice(`score-${CYCLE}-`.length);
      // Until its notice is recorded a case refuses statements ("案件正在登记"): wait for that, as a unit would.
      await h.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(caseRecorded);
      await submitCaseStatement(h.deps, unitCaller(unitId), caseId, { text: '年度考核得分偏低，已制定整改措施' });
      await decideCase(h.deps, office(), caseId, { measure: 'ADMONISH', basis: '年度考核得分低于60分' });
    }
    const closed = await h.until(handle, (s) => s.phase === 'CLOSED', 60_000);
    // The workflow has ended once its last step (CLOSED) is in the read model.
    await handle.result();
    expect(closed).toMatchObject({ annualReportId: `b-${CYCLE}-annual`, assessmentPublished: true });

    // ---- the cycle: plan, approval, meetings noticed and bulletins published at their instants ---------------
    const timeline = await h.cycleTimeline(CYCLE);
    expect(timeline.map((e) => e.kind).filter((k) => k.startsWith('PLAN') || k === 'DECOMPOSED')).toEqual([
      'PLAN_SUBMITTED',
      'PLAN_SUBMITTED',
      'PLAN_APPROVED',
      'DECOMPOSED',
    ]);
    expect(second(timeline.find((e) => e.kind === 'PLAN_APPROVED')!.at)).toBe(second(approvedAt));
    expect(timeline.filter((e) => e.kind === 'MEETING_NOTICE').map((e) => second(e.at))).toEqual(
      calendar.meetings.map((mt) => second(mt.noticeAt)),
    );
    expect(calendar.meetings.map((mt) => mt.at.slice(0, 10))).toEqual([
      `${YEAR}-03-22`,
      `${YEAR}-06-21`,
      `${YEAR}-09-20`,
      `${YEAR}-12-20`,
    ]);
    expect(timeline.filter((e) => e.kind === 'BULLETIN_PUBLISHED').map((e) => second(e.at))).toEqual(
      calendar.bulletins.map((b) => second(b.at)),
    );
    expect(calendar.bulletins.map((b) => wd.localDate(new Date(b.at)))).toEqual(
      calendar.bulletins.map((b) => wd.addWorkingDays(cal, b.to, 1)),
    );
    expect(timeline.filter((e) => e.kind === 'INSPECTION_STARTED').map((e) => second(e.at))).toEqual(
      (calendar.inspections ?? []).map((r) => second(r.at)),
    );
    expect(second(timeline.find((e) => e.kind === 'ASSESSED')!.at)).toBe(second(calendar.cutOffAt!));
    expect(
      timeline
        .filter((e) => e.kind === 'CASE_OPENED')
        .map((e) => second(e.at))
        .slice(0, 2),
    ).toEqual([second(beishan.openedAt), second(health.openedAt)]);
    // The timeline names the unit, not its id.
    const opened = timeline.filter((e) => e.kind === 'CASE_OPENED').map((e) => e.message);
    expect(opened[0]).toMatch(
      /^任务（编号.+）逾期进入三级督办，对北山街道启动责任追究程序（案件编号c-[0-9a-f-]{36}）$/,
    );
    expect(opened.join('\n')).not.toMatch(/⟦|对(town|dept)-/);
    expect(timeline.slice(-3).map((e) => e.kind)).toEqual(['CASES_SETTLED', 'ANNUAL_REPORT', 'CLOSED']);

    // ---- the meetings: answers, urging at the confirmation deadline, absences, minutes, resolutions ----------
    for (const meeting of calendar.meetings) {
      const status = await h.client.workflow
        .getHandle(c.meetingWorkflowId(`${CYCLE}-${meeting.key}`))
        .query(getMeetingStatus);
      const byUnit = new Map(status.attendance.map((a) => [a.unitId, a]));
      expect(status.state).toBe('MINUTED');
      expect(byUnit.get('town-dongguan')).toMatchObject({ status: 'PRESENT', urgedAt: null });
      expect(byUnit.get('town-xicheng')).toMatchObject({ status: 'ABSENT', answer: 'DECLINED', urgedAt: null });
      const silent = status.attendance.filter((a) => a.answer === null);
      expect(silent.length).toBeGreaterThan(10);
      expect(new Set(silent.map((a) => a.status))).toEqual(new Set(['ABSENT']));
      expect(new Set(silent.map((a) => second(a.urgedAt!)))).toEqual(new Set([second(meeting.confirmBy)]));
      expect(second(status.heldAt!)).toBe(second(meeting.at));
      expect(status.agenda?.report?.total).toBeGreaterThanOrEqual(22);
      expect(status.resolutions).toHaveLength(1);
    }

    // ---- inspection rounds: closed, self-checks (one late after the urging), rectifications (one late) -----------
    for (const round of calendar.inspections ?? []) {
      const status = await h.client.workflow
        .getHandle(inspectionWorkflowId(`${CYCLE}-${round.key}`))
        .query(getInspectionStatus);
      expect(status.state).toBe('CLOSED');
    }
    const { rows: rects } = await h.db.pool.query(
      `SELECT id, type, lead_unit_id, state, late_working_days, rung FROM tasks WHERE id = ANY($1) ORDER BY id`,
      [rectifications.map((r) => r.taskId)],
    );
    expect(rects).toEqual(
      rectifications
        .map((r) => ({
          id: r.taskId,
          type: 'RECTIFICATION',
          lead_unit_id: r.unitId,
          state: 'ACCEPTED',
          late_working_days: r.late ? 1 : 0,
          rung: r.late ? 1 : 0,
        }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );

    // ---- accountability: the L3 cases as decided, the missed statement's rungs at their instants ------------------
    const healthCase = await h.client.workflow.getHandle(caseWorkflowId(await health.caseId())).query(getCaseStatus);
    expect(healthCase).toMatchObject({ state: 'CLOSED', measure: 'TALK', statementLate: false });
    const beishanCase = await h.client.workflow.getHandle(caseWorkflowId(await beishan.caseId())).query(getCaseStatus);
    expect(beishanCase).toMatchObject({ state: 'CLOSED', measure: 'CRITICISM_NOTICE', decidedWithoutStatement: true });
    expect(second(beishanCase.overdueAt!)).toBe(second(end(beishanStatementDue)));
    expect(second(beishanCase.escalatedAt!)).toBe(second(end(beishanEscalated)));
    const { rows: cases } = await h.db.pool.query(
      `SELECT unit_id, source_kind, state FROM accountability_cases WHERE cycle_id = $1 ORDER BY source_kind, unit_id`,
      [CYCLE],
    );
    expect(cases).toEqual([
      { unit_id: 'dept-health', source_kind: 'ASSESSMENT', state: 'CLOSED' },
      { unit_id: 'town-beishan', source_kind: 'ASSESSMENT', state: 'CLOSED' },
      { unit_id: 'dept-health', source_kind: 'L3', state: 'CLOSED' },
      { unit_id: 'town-beishan', source_kind: 'L3', state: 'CLOSED' },
    ]);

    // ---- the assessment, recomputed by hand with model 1 from the year's events --------------------------------
    // Base 100. On-time completion: −30 × (1 − on time / led). Lateness: −0.5 a working day. Quality: FAIR −1,
    // EXCELLENT +1. Rungs: L1 −1, L2 −2, L3 −4. Findings: MAJOR −3. Rectification on time: −5 × (1 − rate).
    // Meetings: −5 × (1 − present / held); only town-dongguan attended the four.
    const expectedScores: Record<string, number> = {
      'town-dongguan': 100, // on time, GOOD, present at all four meetings
      'dept-organisation': 95, // on time, GOOD, absent from the meetings
      'dept-publicity': 92, // and a MAJOR finding rectified on time
      'town-liuhe': 62.5, // one working day late (−0.5), FAIR (−1), L1 (−1): 100 − 30 − 0.5 − 1 − 1 − 5
      'town-beishan': 51.5, // eleven working days late (−5.5), FAIR, L1–L3 (−7): 100 − 30 − 5.5 − 1 − 7 − 5
      'dept-health': 51.5,
    };
    const { rows: scores } = await h.db.pool.query<{ unit_id: string; computed: string; final: string }>(
      `SELECT s.unit_id, s.computed_score AS computed, s.final_score AS final FROM assessment_scores s
       JOIN assessments a ON a.id = s.assessment_id WHERE a.cycle_id = $1 AND a.state = 'PUBLISHED'`,
      [CYCLE],
    );
    const byUnit = new Map(scores.map((r) => [r.unit_id, r]));
    expect(Object.fromEntries(Object.keys(expectedScores).map((u) => [u, Number(byUnit.get(u)?.computed)]))).toEqual(
      expectedScores,
    );
    expect(Number(byUnit.get('town-liuhe')?.final)).toBe(61.5);

    // ---- every task: timer events exactly at their instants, and none after the unit submitted -------------
    for (const t of planned) {
      const submitted = submittedAt.get(t.taskId)!;
      const expected = [
        { kind: 'REMINDER', at: at(wd.addWorkingDays(cal, t.due, -3), 9) },
        { kind: 'REMINDER', at: at(wd.addWorkingDays(cal, t.due, -1), 9) },
        { kind: 'LIGHT_YELLOW', at: end(wd.addWorkingDays(cal, t.due, -3)) },
        { kind: 'ESCALATION_L1', at: end(t.due) },
        { kind: 'ESCALATION_L2', at: end(wd.addWorkingDays(cal, t.due, 3)) },
        { kind: 'ESCALATION_L3', at: end(wd.addWorkingDays(cal, t.due, 10)) },
      ]
        .filter((e) => e.at < submitted)
        .map((e) => `${e.kind}@${second(e.at)}`)
        .sort();
      const { rows } = await h.db.pool.query<{ kind: string; at: Date }>(
        `SELECT kind, at FROM task_timeline WHERE task_id = $1 AND kind IN
           ('REMINDER', 'LIGHT_YELLOW', 'ESCALATION_L1', 'ESCALATION_L2', 'ESCALATION_L3', 'SIGN_FOR_OVERDUE')
         ORDER BY id`,
        [t.taskId],
      );
      expect({ task: t.taskId, events: rows.map((r) => `${r.kind}@${second(r.at)}`).sort() }).toEqual({
        task: t.taskId,
        events: expected,
      });
    }
    const referrals = await h.db.pool.query(
      `SELECT unit_id FROM accountability_referrals r JOIN tasks t ON t.id = r.task_id WHERE t.cycle_id = $1
       ORDER BY unit_id`,
      [CYCLE],
    );
    expect(referrals.rows.map((r) => r.unit_id)).toEqual(['dept-health', 'town-beishan']);

    // ---- bulletins: twelve, and the ones after an L3 name its unit ---------------------------------------------
    const bulletins = await h.db.pool.query<{
      id: string;
      period_to: string;
      content: { namedAtL3: { unitId: string }[] };
    }>(
      `SELECT id, to_char(period_to, 'YYYY-MM-DD') AS period_to, content FROM bulletins WHERE cycle_id = $1
         AND id <> $2 ORDER BY period_from`,
      [CYCLE, `b-${CYCLE}-annual`],
    );
    expect(bulletins.rows.map((b) => b.id)).toEqual(calendar.bulletins.map((b) => `b-${CYCLE}-${b.key}`));
    const annualReport = await h.db.pool.query(
      `SELECT title, to_char(period_from, 'YYYY-MM-DD') AS "from", to_char(period_to, 'YYYY-MM-DD') AS "to",
         content->'namedAtL3' AS named FROM bulletins WHERE id = $1`,
      [`b-${CYCLE}-annual`],
    );
    expect(annualReport.rows[0]).toMatchObject({
      title: `${YEAR}年度党风廉政建设责任落实情况年度通报`,
      from: `${YEAR}-01-01`,
      to: `${YEAR}-12-31`,
    });
    expect(annualReport.rows[0].named.map((n: { unitId: string }) => n.unitId).sort()).toEqual([
      'dept-health',
      'town-beishan',
    ]);
    const named = (month: string) =>
      bulletins.rows
        .find((b) => b.period_to.startsWith(month))!
        .content.namedAtL3.map((n) => n.unitId)
        .sort();
    const beishanL3 = wd.addWorkingDays(cal, `${YEAR}-06-30`, 10);
    expect(named(beishanL3.slice(0, 7))).toContain('town-beishan');
    expect(named(`${YEAR}-12`)).toEqual(['dept-health', 'town-beishan']);

    // ---- the read model agrees with every workflow ----------------------------------------------------------------
    const { rows: tasks } = await h.db.pool.query(
      `SELECT id, state, light, rung, version, late_working_days FROM tasks WHERE cycle_id = $1 ORDER BY id`,
      [CYCLE],
    );
    expect(tasks).toHaveLength(30);
    for (const row of tasks) {
      const status = await h.client.workflow.getHandle(m.taskWorkflowId(row.id)).result();
      expect(row).toEqual({
        id: status.taskId,
        state: status.state,
        light: status.light,
        rung: status.rung,
        version: status.version,
        late_working_days: status.lateWorkingDays,
      });
    }
    expect(tasks.filter((r) => r.state === 'ACCEPTED')).toHaveLength(30);
    const lateTasks = [
      ...planned.filter((t) => LATE[t.unitId]).map((t) => t.taskId),
      ...rectifications.filter((r) => r.late).map((r) => r.taskId),
    ];
    expect(
      tasks
        .filter((r) => r.late_working_days > 0)
        .map((r) => r.id)
        .sort(),
    ).toEqual(lateTasks.sort());
    const cycleRow = await h.db.pool.query('SELECT phase, tasks_started, version FROM cycles WHERE id = $1', [CYCLE]);
    expect(cycleRow.rows[0]).toEqual({ phase: 'CLOSED', tasks_started: 22, version: closed.version });
    const { rows: annual } = await h.db.pool.query(
      `SELECT count(DISTINCT person_id)::int AS readers FROM notifications WHERE kind = 'ANNUAL_REPORT'`,
    );
    expect(annual[0].readers).toBeGreaterThan(30);
  }, 600_000);
});
