import { shippedScoringModels } from '../../activities/assessment';
import { contentOfModel } from '../../config/scoring-model-rules';
import { parseOrganisationFile } from '../../db/org-file';
import { loadOrganisation } from '../../db/queries/load-organisation';
import { lapsedTaskOfDongguan } from '../support/assigned-earlier';
import { officeOnlyOrganisation } from '../support/office-only-organisation';
import { useTestStack, type ApiClient } from '../support/use-test-stack';

const RULES = '/v1/rules/scoring-model';
const YEAR = new Date().getUTCFullYear();
const CYCLE = `district-${YEAR}`;
const NEXT_CYCLE = `district-${YEAR + 1}`;

type Score = { unitId: string; computedScore: number; finalScore: number; rank: number };

/** The deployment's default (standard v5): version 0 of every organisation. */
const standard = contentOfModel(shippedScoringModels().default);

/** The default with the on-time completion rate weighing 30 instead of 25 (the total 128 instead of 123). */
const heavier = {
  ...standard,
  name: '区考核模型（加重按期办结）',
  totalWeight: standard.totalWeight + 5,
  indicators: standard.indicators.map((i) => (i.indicator === 'onTimeCompletionRate' ? { ...i, weight: 30 } : i)),
};

describe('the scoring model, edited with versions; a closed year keeps its scores', () => {
  const { t, office, unit } = useTestStack({ office: 'p-huang-min', unit: 'p-xie-hua' });
  let elsewhere: ApiClient;
  let yearScores: Score[];

  const auditRows = async (action: string) =>
    (
      await t.db.pool.query(
        `SELECT action, object_id, outcome, reason, payload FROM audit_log WHERE action = $1 ORDER BY id`,
        [action],
      )
    ).rows;
  const scoreOf = (scores: Score[], unitId: string) => scores.find((s) => s.unitId === unitId)!;

  beforeAll(async () => {
    await loadOrganisation(
      t.db.pool,
      parseOrganisationFile(officeOnlyOrganisation('scoring-elsewhere'), 'elsewhere.yaml'),
      'elsewhere',
    );
    elsewhere = await t.as('p-scoring-elsewhere');
    // The year: its cycle opened on the deployment's model, a task of town-dongguan lapsed (not done on time),
    // assessed, published and the cycle closed.
    expect((await office('POST', '/v1/cycles', { year: YEAR })).status).toBe(201);
    await lapsedTaskOfDongguan(t, CYCLE);
    expect((await office('POST', `/v1/cycles/${CYCLE}/assessment`, {})).status).toBe(201);
    const published = await office('POST', `/v1/cycles/${CYCLE}/assessment/publish`);
    expect(published.body.state).toBe('PUBLISHED');
    yearScores = published.body.scores as Score[];
    const closed = await office('POST', `/v1/cycles/${CYCLE}/close`, { reason: '年度工作结束' });
    expect(closed.body).toMatchObject({ phase: 'CLOSED' });
  }, 180_000);

  it('answers version 0, the deployment’s default model, before anything is published', async () => {
    const res = await office('GET', RULES);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ kind: 'scoring-model', version: 0, content: standard, versions: [] });
    expect(res.body.content.totalWeight).toBe(123);
  });

  it('refuses a wrong shape with 400, every field named, in Chinese or in English', async () => {
    const body = {
      baseVersion: 0,
      reason: '',
      content: { ...standard, base: 120, indicators: [{ indicator: 'kpi', weight: '5', formula: { kind: 'RATE' } }] },
    };

    const zh = await office('POST', RULES, body);
    const en = await office('POST', RULES, body, { 'accept-language': 'en' });

    expect(zh.status).toBe(400);
    expect(zh.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.content.base',
      'body.content.indicators[0].indicator',
      'body.content.indicators[0].weight',
      'body.reason',
    ]);
    expect(en.status).toBe(400);
    expect(zh.body.detail).not.toEqual(en.body.detail);
  });

  it('refuses a model that means nonsense with 422, every problem at once, naming each field', async () => {
    const [first, , ...rest] = standard.indicators;
    const content = {
      ...standard,
      indicators: [
        { ...first!, weight: -5 },
        { indicator: 'overdueWorkingDays', weight: 10, formula: { kind: 'RATE' } },
        { ...first!, weight: 5 },
        { indicator: 'urgingsAndRungs', weight: 15, formula: { kind: 'DEDUCT_PER_ITEM', perItem: { L9: 1, L1: -2 } } },
        ...rest.filter((i) => i.indicator !== 'urgingsAndRungs'),
      ],
    };

    const zh = await office('POST', RULES, { baseVersion: 0, reason: '试改', content });
    const en = await office('POST', RULES, { baseVersion: 0, reason: '试改', content }, { 'accept-language': 'en' });

    expect(zh.status).toBe(422);
    expect(zh.body.errors).toEqual([
      { field: 'body.content.indicators[0].weight', message: '权重不能为负数' },
      { field: 'body.content.indicators[1].formula.kind', message: '“逾期工作日”不是比率，不能按比例扣分' },
      { field: 'body.content.indicators[2].indicator', message: '指标重复（与第1项相同）' },
      { field: 'body.content.indicators[3].formula.perItem.L9', message: expect.stringContaining('未知的项目') },
      { field: 'body.content.indicators[3].formula.perItem.L1', message: '逐项扣分的分值不能为负数' },
      {
        field: 'body.content.totalWeight',
        message: expect.stringMatching(/^各项指标权重合计为\d+，与权重合计123不符$/),
      },
    ]);
    expect(en.body.errors[0]).toEqual({ field: 'body.content.indicators[0].weight', message: 'must not be negative' });
    expect((await office('GET', RULES)).body.version).toBe(0);
    const refused = expect.objectContaining({ object_id: 'scoring-model', outcome: 'REFUSED' });
    expect(await auditRows('rules.publish')).toEqual([refused, refused]);
  });

  it('publishes a version, audited with the model before and after; a stale edit is 409', async () => {
    const res = await office('POST', RULES, { baseVersion: 0, reason: '区纪委常委会议定', content: heavier });
    const stale = await office('POST', RULES, { baseVersion: 0, reason: '另一编辑', content: standard });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, authorId: 'p-huang-min', restoredFrom: null, content: heavier });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('现行为第1版，本次修改基于第0版');
    expect((await auditRows('rules.publish')).filter((r) => r.outcome === 'DONE')).toEqual([
      expect.objectContaining({
        object_id: 'scoring-model/1',
        reason: '区纪委常委会议定',
        // Published for new cycles only (the default): running cycles keep the model they have.
        payload: {
          kind: 'scoring-model',
          version: 1,
          restoredFrom: null,
          applyTo: 'NEW_CYCLES',
          before: standard,
          after: heavier,
        },
      }),
    ]);
  });

  it('compares two versions in sentences, and restores one as a new version', async () => {
    const lighter = {
      ...heavier,
      totalWeight: heavier.totalWeight - 3,
      indicators: heavier.indicators
        .filter((i) => i.indicator !== 'refusals')
        .map((i) =>
          i.indicator === 'urgingsAndRungs' && i.formula.kind === 'DEDUCT_PER_ITEM'
            ? { ...i, formula: { ...i.formula, perItem: { ...i.formula.perItem, L1: 3 } } }
            : i,
        ),
    };
    expect((await office('POST', RULES, { baseVersion: 1, reason: '取消退单指标', content: lighter })).status).toBe(
      201,
    );

    const diff = await office('GET', `${RULES}/diff?from=1&to=2`);
    const back = await office('GET', `${RULES}/diff?from=2&to=1`);
    const restored = await office('POST', `${RULES}/versions/1/restore`, { baseVersion: 2, reason: '恢复第1版' });

    expect(diff.body.changes.map((c: { text: string }) => c.text)).toEqual([
      '权重合计由128改为125',
      '删除指标“退单”（原权重3）',
      '“催办与升级督办”中“一级督办”每项分值由2改为3',
    ]);
    expect(back.body.changes.map((c: { text: string }) => c.text)).toContain('新增指标“退单”（权重3，逐项扣分）');
    expect(restored).toMatchObject({ status: 201, body: { version: 3, restoredFrom: 1, content: heavier } });
    const v0to1 = await office('GET', `${RULES}/diff?from=3&to=1`);
    expect(v0to1.body.changes).toEqual([]);
    expect((await office('GET', `${RULES}/versions/9`)).status).toBe(404);
  });

  it('is the office’s alone, and another organisation’s versions do not exist for it', async () => {
    expect((await unit('GET', RULES)).status).toBe(403);
    expect((await elsewhere('GET', RULES)).body).toMatchObject({ version: 0, versions: [] });
    expect((await elsewhere('GET', `${RULES}/versions/1`)).status).toBe(404);
  });

  it('keeps a closed year’s scores and model when the model changes', async () => {
    const year = await office('GET', `/v1/cycles/${CYCLE}/assessment`);

    expect(year.body).toMatchObject({ state: 'PUBLISHED', model: { id: 'standard', version: 5 } });
    expect(year.body.scores.map((s: Score) => [s.unitId, s.finalScore])).toEqual(
      yearScores.map((s) => [s.unitId, s.finalScore]),
    );
    expect((await office('GET', `/v1/cycles/${CYCLE}`)).body.settings.scoringModel).toEqual({
      id: 'standard',
      version: 5,
    });
  });

  it('recomputes the closed year with the new model only when asked, keeping the year’s scores readable', async () => {
    const res = await office('POST', `/v1/cycles/${CYCLE}/assessment/recompute`, {
      modelVersion: 3,
      reason: '按新模型测算上年度得分',
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      cycleId: CYCLE,
      computation: 1,
      ruleVersion: 3,
      model: { id: 'org', version: 3, name: heavier.name },
      assessment: { id: 'standard', version: 5, state: 'PUBLISHED' },
    });
    // town-dongguan's task was not done on time: the rate takes off 30 instead of 25.
    const dongguan = scoreOf(yearScores, 'town-dongguan');
    expect(scoreOf(res.body.scores, 'town-dongguan').computedScore).toBeCloseTo(dongguan.computedScore - 5, 2);
    expect(scoreOf(res.body.scores, 'dept-finance').computedScore).toBe(
      scoreOf(yearScores, 'dept-finance').computedScore,
    );
    const year = await office('GET', `/v1/cycles/${CYCLE}/assessment`);
    expect(scoreOf(year.body.scores, 'town-dongguan').finalScore).toBe(dongguan.finalScore);

    const again = await office('POST', `/v1/cycles/${CYCLE}/assessment/recompute`, { modelVersion: 0, reason: '对照' });
    const list = await office('GET', `/v1/cycles/${CYCLE}/assessment/recomputations`);
    expect(again.body).toMatchObject({ computation: 2, ruleVersion: 0, model: { id: 'standard', version: 5 } });
    expect(
      list.body.items.map((r: { computation: number; ruleVersion: number }) => [r.computation, r.ruleVersion]),
    ).toEqual([
      [2, 0],
      [1, 3],
    ]);
    expect(scoreOf(list.body.items[0].scores, 'town-dongguan').finalScore).toBe(dongguan.finalScore);

    expect(await auditRows('assessment.recompute')).toEqual([
      expect.objectContaining({
        object_id: `assessment-${CYCLE}`,
        outcome: 'DONE',
        reason: '按新模型测算上年度得分',
        payload: expect.objectContaining({
          computation: 1,
          ruleVersion: 3,
          before: expect.objectContaining({ model: 'standard@5' }),
          after: expect.objectContaining({ model: 'org@3' }),
        }),
      }),
      expect.objectContaining({ payload: expect.objectContaining({ computation: 2 }) }),
    ]);
    const audit = (await auditRows('assessment.recompute'))[0]!.payload;
    expect(audit.before.totals['town-dongguan']).toBe(dongguan.finalScore);
    expect(audit.after.totals['town-dongguan']).toBeCloseTo(dongguan.finalScore - 5, 2);
  });

  it('refuses a recomputation with a version that does not exist, or by anyone but the office', async () => {
    const unknown = await office('POST', `/v1/cycles/${CYCLE}/assessment/recompute`, { modelVersion: 9, reason: '试' });
    const byUnit = await unit('POST', `/v1/cycles/${CYCLE}/assessment/recompute`, { modelVersion: 1, reason: '试' });
    const notComputed = await office('POST', `/v1/cycles/${NEXT_CYCLE}/assessment/recompute`, {
      modelVersion: 1,
      reason: '试',
    });

    expect(unknown).toMatchObject({ status: 422, body: { errors: [{ field: 'body.modelVersion' }] } });
    expect(byUnit.status).toBe(403);
    expect(notComputed.status).toBe(404);
  });

  it('opens a new cycle on the version in force, and assesses it with that version', async () => {
    expect((await office('POST', '/v1/cycles', { year: YEAR + 1 })).status).toBe(201);

    const cycle = await office('GET', `/v1/cycles/${NEXT_CYCLE}`);
    const computed = await office('POST', `/v1/cycles/${NEXT_CYCLE}/assessment`, {});

    expect(cycle.body.settings.scoringModel).toEqual({ id: 'org', version: 3 });
    expect(computed.status).toBe(201);
    expect(computed.body.model).toMatchObject({ id: 'org', version: 3, name: heavier.name });
  });
});
