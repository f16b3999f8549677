import ExcelJS from 'exceljs';
import { runAssessment } from '../../activities/assessment';
import { localDate, workingDaysBetween } from '../../procedures/time/working-days';
import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import { issueToken } from '../../db/queries/tokens';
import { eventually } from '../support/http';
import { shanghaiDate } from '../support/task-bodies';
import { useTestStack, type ApiClient as Client } from '../support/use-test-stack';
import { assignEarlier } from '../support/assigned-earlier';

const OFFICE = 'p-huang-min';
const DONGGUAN_HEAD = 'p-xie-hua'; // head of town-dongguan
const DONGGUAN_STAFF = 'p-yu-hong';
const GROUP = 'p-li-jianguo';
const OBSERVER = 'p-bai-xue';
const YEAR = new Date().getUTCFullYear();
const CYCLE = `district-${YEAR}`;
const NEXT_CYCLE = `district-${YEAR + 1}`;

const newTask = (overrides: Record<string, unknown>) => ({
  title: '落实党风廉政建设主体责任',
  leadUnitId: 'town-dongguan',
  leaderId: 'p-wang-hongmei',
  requirements: '按清单逐项落实',
  standard: '形成台账报组织协调室',
  dueDate: shanghaiDate(30),
  cycleId: CYCLE,
  ...overrides,
});

type Score = { unitId: string; computedScore: number; finalScore: number; rank: number; [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('assessment (考核评价): units scored from the read model with a versioned model, over HTTP', () => {
  const { t, office, dongguan } = useTestStack({ office: OFFICE, dongguan: DONGGUAN_HEAD });
  let computed: Awaited<ReturnType<Client>>;
  const ids: Record<string, string> = {};

  const raw = async (personId: string, path: string) => {
    const { token } = await issueToken(t.db.pool, personId);
    return fetch(`${t.stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  };
  const scoreOf = (body: { scores: Score[] }, unitId: string) => body.scores.find((s) => s.unitId === unitId)!;

  beforeAll(async () => {
    for (const year of [YEAR, YEAR + 1]) {
      const res = await office('POST', '/v1/cycles', { year });
      if (res.status !== 201) throw new Error(`cycle ${year} answered ${res.status}`);
    }
    const create = async (body: Record<string, unknown>) => {
      const res = await office('POST', '/v1/tasks', newTask(body));
      if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    // Through the workflows: one task done on time (EXCELLENT), one overdue at L1, another unit's done (GOOD).
    ids.onTime = await create({ title: '签订责任书' });
    // Assigned yesterday with yesterday as its limit: a lapsed task, as the day since made it.
    ids.late = await assignEarlier(t, newTask({ title: '整改巡察反馈问题', dueDate: shanghaiDate(-1) }), 1);
    ids.finance = await create({ title: '三公经费专项检查', leadUnitId: 'dept-finance', leaderId: 'p-wu-haitao' });
    const finance = await t.as('p-lin-feng');
    const steps: [Client, string, string, unknown][] = [
      [dongguan, ids.onTime!, 'sign', {}],
      [dongguan, ids.onTime!, 'submit', { summary: '已全部签订' }],
      [office, ids.onTime!, 'accept', { rating: 'EXCELLENT' }],
      [finance, ids.finance!, 'sign', {}],
      [finance, ids.finance!, 'submit', { summary: '检查完成' }],
      [office, ids.finance!, 'accept', { rating: 'GOOD' }],
    ];
    for (const [who, id, verb, body] of steps) {
      const res = await who('POST', `/v1/tasks/${id}/${verb}`, body);
      if (res.status !== 200) throw new Error(`${verb} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    for (const id of [ids.onTime, ids.finance]) {
      await eventually(async () =>
        (await office('GET', `/v1/tasks/${id}`)).body.state === 'ACCEPTED' ? true : undefined,
      );
    }
    await eventually(async () => ((await office('GET', `/v1/tasks/${ids.late}`)).body.rung >= 1 ? true : undefined));

    // Straight into the read model, for speed (the meeting and inspection workflows are not what is tested here):
    // a joint meeting held yesterday that town-dongguan missed and dept-finance attended, and one MAJOR finding.
    await t.db.pool.query(
      `INSERT INTO meetings (id, workflow_id, cycle_id, org_id, key, kind, title, place, at, confirm_by, since, state,
         held_at, version)
       VALUES ('m-assess', 'meeting:m-assess', $1, 'district', 'a99', 'AD_HOC', '专题联席会议', '会议室',
         now() - interval '1 day', now() - interval '2 days', now() - interval '30 days', 'HELD', now() - interval '1 day', 1)`,
      [CYCLE],
    );
    await t.db.pool.query(
      `INSERT INTO meeting_attendance (meeting_id, unit_id, status, answer) VALUES
         ('m-assess', 'town-dongguan', 'ABSENT', 'DECLINED'), ('m-assess', 'dept-finance', 'PRESENT', 'CONFIRMED')`,
    );
    await t.db.pool.query(
      `INSERT INTO inspection_rounds (id, workflow_id, cycle_id, org_id, key, kind, title, self_check_due_date,
         findings_due_date, state, version)
       VALUES ('r-assess', 'inspection:r-assess', $1, 'district', 'x99', 'AD_HOC', '专项检查', current_date, current_date,
         'RECTIFYING', 1)`,
      [CYCLE],
    );
    await t.db.pool.query(
      `INSERT INTO inspection_findings (id, round_id, cycle_id, unit_id, seq, severity, description, requirement, task_id,
         recorded_by, recorded_at)
       VALUES ('f-assess', 'r-assess', $1, 'town-dongguan', 1, 'MAJOR', '台账不全', '补齐台账', 't-not-started', $2,
         now() - interval '1 hour')`,
      [CYCLE, OFFICE],
    );

    computed = await office('POST', `/v1/cycles/${CYCLE}/assessment`, { modelId: 'standard', modelVersion: 1 });
  }, 180_000);

  it('scores town-dongguan exactly as a hand computation from the same rows with model v1', async () => {
    expect(computed.status).toBe(201);
    const cutOff = new Date(computed.body.cutOff as string);
    const tasks = await t.db.pool.query(
      `SELECT id, state, rating, late_working_days, to_char(due_date, 'YYYY-MM-DD') AS due FROM tasks
       WHERE lead_unit_id = 'town-dongguan' AND cycle_id = $1`,
      [CYCLE],
    );
    const rungs = await t.db.pool.query(
      `SELECT kind, count(DISTINCT task_id)::int AS n FROM task_timeline
       WHERE task_id = ANY($1) AND kind LIKE 'ESCALATION_L%' AND at <= $2 GROUP BY kind`,
      [tasks.rows.map((r) => r.id), cutOff],
    );
    const late = tasks.rows.find((r) => r.id === ids.late)!;
    const cal = await readWorkingCalendar(t.db.pool, NATIONAL, YEAR - 1, YEAR + 1);
    const lateDays = workingDaysBetween(cal, late.due, localDate(cutOff));
    const l = Object.fromEntries(rungs.rows.map((r) => [r.kind, r.n]));

    // v1: on time 1 of 2 due: −30 × ½; lateness × 0.5; one EXCELLENT +1; L1 × 1, L2 × 2, L3 × 4; one MAJOR
    // finding −3; no rectification task; attended 0 of 1 meeting: −5.
    const byHand =
      100 -
      15 -
      Math.min(15, lateDays * 0.5) +
      1 -
      ((l.ESCALATION_L1 ?? 0) * 1 + (l.ESCALATION_L2 ?? 0) * 2 + (l.ESCALATION_L3 ?? 0) * 4) -
      3 -
      5;
    const s = scoreOf(computed.body as { scores: Score[] }, 'town-dongguan');

    expect(tasks.rows).toHaveLength(2);
    expect(l.ESCALATION_L1).toBe(1);
    expect(s.computedScore).toBeCloseTo(byHand, 2);
    expect(s.metrics).toMatchObject({
      tasks: { led: 2, due: 2, completed: 1, completedOnTime: 1, openOverdue: 1 },
      ratings: { EXCELLENT: 1 },
      findings: { MAJOR: 1 },
      meetings: { held: 1, present: 0, absent: 1, declined: 1 },
    });
    expect(s.breakdown.find((b: { indicator: string }) => b.indicator === 'onTimeCompletionRate')).toMatchObject({
      name: '按期办结率',
      points: -15,
      formula: '按期办结率 = 按期办结1 ÷ 应办结2 = 50.00%；扣分 = 30 × (1 − 50.00%) = 15.00',
    });
    expect(scoreOf(computed.body as { scores: Score[] }, 'dept-finance').computedScore).toBe(100);
  });

  it('scores every active department and town, and audits the computation', async () => {
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM units WHERE active AND kind IN ('DEPARTMENT', 'TOWN')",
    );
    const audit = await t.db.pool.query(
      "SELECT actor_id FROM audit_log WHERE action = 'assessment.run' AND outcome = 'DONE'",
    );

    expect(computed.body.scores).toHaveLength(rows[0].n);
    expect(computed.body).toMatchObject({ state: 'DRAFT', model: { id: 'standard', version: 1 }, visibility: 'FULL' });
    expect(audit.rows).toContainEqual({ actor_id: OFFICE });
  });

  it('hides the draft from units, the leadership group and observers', async () => {
    expect((await dongguan('GET', `/v1/cycles/${CYCLE}/assessment`)).status).toBe(404);
    expect((await (await t.as(GROUP))('GET', `/v1/cycles/${CYCLE}/assessment`)).status).toBe(404);
    expect((await (await t.as(OBSERVER))('GET', `/v1/cycles/${CYCLE}/assessment`)).status).toBe(404);
  });

  it('takes an adjustment only with a reason, and the adjustment changes the rank', async () => {
    const before = scoreOf(
      (await office('GET', `/v1/cycles/${CYCLE}/assessment`)).body as { scores: Score[] },
      'town-dongguan',
    );
    const delta = Math.round((100 - before.computedScore) * 100) / 100;

    const noReason = await office('POST', `/v1/cycles/${CYCLE}/assessment/adjustments`, {
      unitId: 'town-dongguan',
      delta,
    });
    const blank = await office('POST', `/v1/cycles/${CYCLE}/assessment/adjustments`, {
      unitId: 'town-dongguan',
      delta,
      reason: '  ',
    });
    const zero = await office('POST', `/v1/cycles/${CYCLE}/assessment/adjustments`, {
      unitId: 'town-dongguan',
      delta: 0,
      reason: '无',
    });
    const tooFine = await office('POST', `/v1/cycles/${CYCLE}/assessment/adjustments`, {
      unitId: 'town-dongguan',
      delta: 0.125,
      reason: '无',
    });
    const adjusted = await office('POST', `/v1/cycles/${CYCLE}/assessment/adjustments`, {
      unitId: 'town-dongguan',
      delta,
      reason: '逾期系上级部署调整所致，经领导小组研究予以加分',
    });
    const after = scoreOf(adjusted.body as { scores: Score[] }, 'town-dongguan');

    expect(noReason).toMatchObject({ status: 422, body: { errors: [{ field: 'body.reason' }] } });
    expect(blank.status).toBe(422);
    expect(zero).toMatchObject({ status: 422, body: { errors: [{ field: 'body.delta' }] } });
    expect(tooFine).toMatchObject({ status: 422, body: { errors: [{ field: 'body.delta' }] } });
    expect(before.rank).toBeGreaterThan(1);
    expect(adjusted.status).toBe(201);
    expect(after).toMatchObject({ computedScore: before.computedScore, adjustment: delta, finalScore: 100, rank: 1 });
    expect(after.adjustments).toEqual([
      expect.objectContaining({ delta, reason: '逾期系上级部署调整所致，经领导小组研究予以加分', adjustedBy: OFFICE }),
    ]);
  });

  it('keeps the adjustment when the draft is recomputed, with the model it was scored with', async () => {
    const again = await office('POST', `/v1/cycles/${CYCLE}/assessment`, {});

    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ revision: 2, model: { version: 1 } });
    expect(scoreOf(again.body as { scores: Score[] }, 'town-dongguan')).toMatchObject({ finalScore: 100, rank: 1 });
  });

  it('publishes: frozen from then on, and every unit’s people are told their score', async () => {
    const published = await office('POST', `/v1/cycles/${CYCLE}/assessment/publish`);

    expect(published.status).toBe(200);
    expect(published.body.state).toBe('PUBLISHED');
    expect((await office('POST', `/v1/cycles/${CYCLE}/assessment`, {})).status).toBe(409);
    expect((await office('POST', `/v1/cycles/${CYCLE}/assessment/publish`)).status).toBe(409);
    const late = await office('POST', `/v1/cycles/${CYCLE}/assessment/adjustments`, {
      unitId: 'town-dongguan',
      delta: -1,
      reason: '发布后调整',
    });
    expect(late.status).toBe(409);
    const inbox = (await (await t.as(DONGGUAN_STAFF))('GET', '/v1/inbox')).body.items as {
      kind: string;
      body: string;
    }[];
    expect(inbox.filter((i) => i.kind === 'ASSESSMENT')).toEqual([
      expect.objectContaining({ body: expect.stringContaining('得分100.00分') }),
    ]);
  });

  it('shows a unit its own breakdown and the ranking, never another unit’s breakdown', async () => {
    const view = await dongguan('GET', `/v1/cycles/${CYCLE}/assessment`);
    const own = await dongguan('GET', `/v1/cycles/${CYCLE}/assessment/units/town-dongguan`);
    const other = await dongguan('GET', `/v1/cycles/${CYCLE}/assessment/units/dept-finance`);
    const byGroup = await (await t.as(GROUP))('GET', `/v1/cycles/${CYCLE}/assessment/units/dept-finance`);

    expect(view.status).toBe(200);
    expect(view.body.visibility).toBe('UNIT');
    expect(view.body.scores.map((s: Score) => s.unitId)).toEqual(['town-dongguan']);
    expect(view.body.ranking).toHaveLength(computed.body.scores.length);
    expect(own.status).toBe(200);
    expect(own.body.breakdown).toHaveLength(8);
    expect(other.status).toBe(404);
    expect(byGroup.status).toBe(200);
  });

  it('keeps v1 for the published cycle after another cycle is scored with v2, and a retried run changes nothing', async () => {
    const next = await office('POST', `/v1/cycles/${NEXT_CYCLE}/assessment`, { modelId: 'standard', modelVersion: 2 });
    const rerun = await runAssessment(t.db.pool, {
      cycleId: CYCLE,
      orgId: 'district',
      modelId: 'standard',
      modelVersion: 2,
      cutOff: new Date().toISOString(),
      workflowId: 'cycle:test',
      step: 'assessment',
    });
    const old = await office('GET', `/v1/cycles/${CYCLE}/assessment`);

    expect(next.body.model).toMatchObject({ version: 2, name: expect.stringContaining('第2版') });
    expect(rerun.outcome).toBe('FROZEN');
    expect(old.body).toMatchObject({ state: 'PUBLISHED', model: { id: 'standard', version: 1 }, revision: 2 });
    expect(scoreOf(old.body as { scores: Score[] }, 'town-dongguan').computedScore).toBe(
      scoreOf(computed.body as { scores: Score[] }, 'town-dongguan').computedScore,
    );
  });

  it('refuses a model version that does not exist and a cut-off in the future, naming the field', async () => {
    const unknown = await office('POST', `/v1/cycles/${NEXT_CYCLE}/assessment`, {
      modelId: 'standard',
      modelVersion: 9,
    });
    const future = await office('POST', `/v1/cycles/${NEXT_CYCLE}/assessment`, {
      cutOff: new Date(Date.now() + 86_400_000).toISOString(),
    });

    expect(unknown).toMatchObject({ status: 422, body: { errors: [{ field: 'body.modelVersion' }] } });
    expect(future).toMatchObject({ status: 422, body: { errors: [{ field: 'body.cutOff' }] } });
  });

  it('exports CSV: every unit’s points to the office, only ranks and final scores of others to a unit', async () => {
    const lines = async (personId: string) => {
      const res = await raw(personId, `/v1/cycles/${CYCLE}/assessment.csv`);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return bytes.subarray(3).toString('utf8').split('\r\n').slice(0, -1);
    };
    const byOffice = await lines(OFFICE);
    const byUnit = await lines(DONGGUAN_HEAD);

    expect(byOffice).toHaveLength(computed.body.scores.length + 1);
    expect(byOffice[0]).toMatch(/^排名,单位编码,单位,最终得分,计算得分,调整分,按期办结率（权重30）,/);
    expect(byOffice.find((l) => l.includes(',dept-finance,'))!.split(',')).toHaveLength(14);
    expect(byUnit.find((l) => l.includes(',dept-finance,'))!.split(',')).toHaveLength(4);
    expect(byUnit.find((l) => l.includes(',town-dongguan,'))!.split(',')).toHaveLength(14);
  });

  it('exports an Excel workbook with the ranking and the breakdown formulas', async () => {
    const res = await raw(OFFICE, `/v1/cycles/${CYCLE}/assessment.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml.sheet');
    expect(book.worksheets.map((w) => w.name)).toEqual(['考核排名', '得分构成', '图表']);
    // The score chart and the distribution, as pictures (an XLSX file takes no chart of ours).
    expect(book.getWorksheet('图表')!.getImages()).toHaveLength(2);
    expect(book.getWorksheet('考核排名')!.rowCount).toBe(computed.body.scores.length + 2);
    expect(book.getWorksheet('得分构成')!.rowCount).toBe(computed.body.scores.length * 8 + 1);
  });

  it('lists the scoring models with their weights and formulas to every role but observers', async () => {
    const res = await dongguan('GET', '/v1/scoring-models');

    expect(res.body.default).toEqual({ id: 'standard', version: 5 });
    expect(res.body.models.map((m: { version: number }) => m.version)).toEqual([1, 2, 3, 4, 5]);
    expect(res.body.models[0].indicators[0]).toMatchObject({ indicator: 'onTimeCompletionRate', weight: 30 });
    expect((await (await t.as(OBSERVER))('GET', '/v1/scoring-models')).status).toBe(403);
  });
});
