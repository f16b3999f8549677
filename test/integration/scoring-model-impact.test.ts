import { shippedScoringModels } from '../../activities/assessment';
import { contentOfModel } from '../../config/scoring-model-rules';
import { lapsedTaskOfDongguan } from '../support/assigned-earlier';
import { eventually } from '../support/http';
import { useTestStack } from '../support/use-test-stack';

const RULES = '/v1/rules/scoring-model';
const YEAR = new Date().getUTCFullYear();
const CYCLE = `district-${YEAR}`;

type UnitImpact = {
  unitId: string;
  before: { score: number; rank: number };
  after: { score: number; rank: number };
  change: number;
};
type CycleImpact = {
  cycleId: string;
  assessment: string;
  applies: boolean;
  note: string;
  units: UnitImpact[];
  moved: number;
};
type Score = { unitId: string; finalScore: number; rank: number };
type Entry = { kind: string; message: string };

/** The deployment's default (standard v5): version 0 of every organisation. */
const standard = contentOfModel(shippedScoringModels().default);
/** The default with the on-time completion rate weighing 30 instead of 25. */
const heavier = {
  ...standard,
  name: '区考核模型（加重按期办结）',
  totalWeight: standard.totalWeight + 5,
  indicators: standard.indicators.map((i) => (i.indicator === 'onTimeCompletionRate' ? { ...i, weight: 30 } : i)),
};

describe('which scores a scoring model would move, and applying it to the running cycle', () => {
  const { t, office, unit } = useTestStack({ office: 'p-huang-min', unit: 'p-xie-hua' });

  const cycle = async () => (await office('GET', `/v1/cycles/${CYCLE}`)).body;
  const impactOn = (body: { cycles: CycleImpact[] }) => body.cycles.find((c) => c.cycleId === CYCLE)!;
  const dongguan = <U extends { unitId: string }>(units: U[]) => units.find((u) => u.unitId === 'town-dongguan')!;

  beforeAll(async () => {
    // The year running: a task of town-dongguan lapsed (not done on time).
    expect((await office('POST', '/v1/cycles', { year: YEAR })).status).toBe(201);
    await lapsedTaskOfDongguan(t, CYCLE);
  }, 180_000);

  it('previews a running cycle on its figures as of now, stores nothing, and refuses nonsense as publishing does', async () => {
    const res = await office('POST', `${RULES}/preview`, { content: heavier });

    expect(res.status).toBe(200);
    expect(res.body.basedOn).toBe(0);
    expect(res.body.changes.map((c: { text: string }) => c.text)).toContain('“按期办结率”权重由25改为30');
    const impact = impactOn(res.body as { cycles: CycleImpact[] });
    expect(impact).toMatchObject({ assessment: 'NONE', applies: true });
    expect(impact.note).toContain('截至目前');
    // The lapsed task costs town-dongguan more with the heavier weight; a unit without a lapse does not move.
    expect(dongguan(impact.units).change).toBeLessThan(0);
    expect(impact.units.find((u) => u.unitId === 'dept-finance')!.change).toBe(0);
    expect(impact.moved).toBe(impact.units.filter((u) => u.change !== 0).length);
    expect((await office('GET', RULES)).body.version).toBe(0);

    const wrong = await office('POST', `${RULES}/preview`, { content: { ...heavier, totalWeight: 100 } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toContain('body.content.totalWeight');
    expect((await unit('POST', `${RULES}/preview`, { content: heavier })).status).toBe(403);
  });

  it('leaves the running cycle on its model when published for new cycles only', async () => {
    const res = await office('POST', RULES, { baseVersion: 0, reason: '加重按期办结', content: heavier });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, apply: 'NEW_CYCLES', appliedTo: 0, cycles: [] });
    const c = await cycle();
    expect(c.settings.scoringModel).toEqual({ id: 'standard', version: 5 });
    expect(c.timeline.map((e: Entry) => e.kind)).not.toContain('SCORING_MODEL_CHANGED');
  });

  it('applies a version to the running cycle when asked: its timeline told, its draft scored again as previewed', async () => {
    const draft = await office('POST', `/v1/cycles/${CYCLE}/assessment`, { modelId: 'standard', modelVersion: 5 });
    expect(draft.status).toBe(201);
    const before = dongguan(draft.body.scores as Score[]);
    const preview = impactOn(
      (await office('POST', `${RULES}/preview`, { content: heavier })).body as { cycles: CycleImpact[] },
    );
    expect(preview.assessment).toBe('DRAFT');
    expect(preview.note).toContain('草稿');
    expect(dongguan(preview.units).before).toEqual({ score: before.finalScore, rank: before.rank });

    const res = await office('POST', `${RULES}/versions/1/restore`, {
      baseVersion: 1,
      reason: '本年度即适用新模型',
      apply: 'ALSO_RUNNING_CYCLES',
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 2, apply: 'ALSO_RUNNING_CYCLES', appliedTo: 1, cycles: [CYCLE] });
    const timeline = await eventually(async () => {
      const c = await cycle();
      return c.timeline.some((e: Entry) => e.kind === 'ASSESSMENT_RESCORED') ? (c.timeline as Entry[]) : undefined;
    });
    const changed = timeline.find((e) => e.kind === 'SCORING_MODEL_CHANGED')!;
    expect(changed.message).toContain('考核评分模型调整为第2版「区考核模型（加重按期办结）」（本年度即适用新模型）');
    expect(changed.message).toContain('“按期办结率”权重由25改为30');
    expect((await cycle()).settings.scoringModel).toEqual({ id: 'org', version: 2 });
    const rescored = (await office('GET', `/v1/cycles/${CYCLE}/assessment`)).body;
    expect(rescored.model).toMatchObject({ id: 'org', version: 2 });
    expect(dongguan(rescored.scores as Score[])).toMatchObject({
      finalScore: dongguan(preview.units).after.score,
      rank: dongguan(preview.units).after.rank,
    });
    const audit = await t.db.pool.query(
      `SELECT payload->>'applyTo' AS "applyTo" FROM audit_log WHERE action = 'rules.restore' AND object_id = $1`,
      ['scoring-model/2'],
    );
    expect(audit.rows).toEqual([{ applyTo: 'ALSO_RUNNING_CYCLES' }]);
  }, 120_000);

  it('never moves a published assessment: the year is listed as not moving and is not told', async () => {
    const published = await office('POST', `/v1/cycles/${CYCLE}/assessment/publish`);
    expect(published.body.state).toBe('PUBLISHED');
    const lighter = {
      ...heavier,
      name: '区考核模型（减轻）',
      totalWeight: standard.totalWeight,
      indicators: standard.indicators,
    };

    const preview = impactOn(
      (await office('POST', `${RULES}/preview`, { content: lighter })).body as { cycles: CycleImpact[] },
    );
    expect(preview).toMatchObject({ assessment: 'PUBLISHED', applies: false, units: [], moved: 0 });
    expect(preview.note).toContain('已发布');
    const res = await office('POST', RULES, {
      baseVersion: 2,
      reason: '恢复标准权重',
      content: lighter,
      apply: 'ALSO_RUNNING_CYCLES',
    });

    expect(res.body).toMatchObject({ version: 3, appliedTo: 0, cycles: [] });
    const after = (await office('GET', `/v1/cycles/${CYCLE}/assessment`)).body;
    expect(after.model).toMatchObject({ id: 'org', version: 2 });
    expect(after.scores).toEqual(published.body.scores);
  });
});
