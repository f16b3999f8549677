import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptyMetrics, finalScore, score, type UnitMetrics } from '../../assessment/score';
import { loadScoringModels, parseScoringModels, ScoringModelFileError } from '../../config/scoring-model';
import { fromProject } from '../../config/paths';

const models = loadScoringModels(fromProject('config/scoring-models.yaml'));
const v1 = models.find('standard', 1)!;
const v2 = models.find('standard', 2)!;

/** A unit with a bit of everything: 4 tasks due, 3 on time, 5 days late, two escalations, findings, meetings. */
const busy = (): UnitMetrics => ({
  ...emptyMetrics(),
  tasks: { led: 5, due: 4, completed: 3, completedOnTime: 3, openOverdue: 1 },
  overdue: { days: 5, tasks: [{ taskId: 't-late', days: 5 }] },
  ratings: { EXCELLENT: 1, GOOD: 1, FAIR: 1, POOR: 0 },
  escalations: { urging: 1, L1: 1, L2: 1, L3: 0 },
  extensions: { approved: 1, denied: 1 },
  findings: { MINOR: 2, MAJOR: 1, SERIOUS: 0 },
  rectification: { due: 2, completedOnTime: 1 },
  meetings: { held: 4, present: 3, absent: 1, declined: 1 },
});

const pointsOf = (s: ReturnType<typeof score>) => Object.fromEntries(s.breakdown.map((l) => [l.indicator, l.points]));

describe('scoring a unit with a versioned model', () => {
  it('gives a unit with nothing to count the base score, every indicator 0', () => {
    const s = score(emptyMetrics(), v1);

    expect(s.score).toBe(100);
    expect(s.breakdown.every((l) => l.points === 0)).toBe(true);
    expect(s.breakdown.map((l) => l.name)).toEqual([
      '按期办结率',
      '逾期工作日',
      '办结质量评价',
      '催办与升级督办',
      '申请延期',
      '检查发现问题',
      '整改及时率',
      '联席会议出席率',
    ]);
  });

  it('scores case collaboration with v3: late referral feedback and late answers to secondments and rotations', () => {
    const v3 = models.find('standard', 3)!;
    // An enforcement body: 4 feedbacks due, 3 on time; 5 secondment/rotation answers due, 4 on time; no tasks.
    const s = score({ ...emptyMetrics(), referrals: { due: 4, onTime: 3 }, secondments: { due: 5, onTime: 4 } }, v3);

    expect(pointsOf(s)).toMatchObject({ referralFeedback: -1.25, secondmentCompliance: -1, onTimeCompletionRate: 0 });
    expect(s.score).toBe(100 - 1.25 - 1);
    const line = s.breakdown.find((l) => l.indicator === 'referralFeedback')!;
    expect(line).toMatchObject({ name: '移送反馈及时率', raw: { part: 3, whole: 4, rate: 0.75 } });
    expect(line.formula).toBe('移送反馈及时率 = 按期反馈3 ÷ 应反馈4 = 75.00%；扣分 = 5 × (1 − 75.00%) = 1.25');
  });

  it('scores the conduct appraisal with v4: 满意 counts 1, 基本满意 0.6; a unit no appraisal covered loses nothing', () => {
    const v4 = models.find('standard', 4)!;
    // 10 ratings: 6 满意, 2 基本满意, 2 不满意: (6 + 1.2) ÷ 10 = 72%: −10 × 0.28 = −2.8.
    const s = score({ ...emptyMetrics(), appraisal: { raters: 10, satisfied: 6, basic: 2 } }, v4);

    expect(pointsOf(s)).toMatchObject({ conductAppraisal: -2.8 });
    expect(s.score).toBe(97.2);
    const line = s.breakdown.find((l) => l.indicator === 'conductAppraisal')!;
    expect(line).toMatchObject({ name: '行风评议满意度', raw: { part: 7.2, whole: 10, rate: 0.72 } });
    expect(line.formula).toBe('行风评议满意度 = 满意折算7.2 ÷ 评议人次10 = 72.00%；扣分 = 10 × (1 − 72.00%) = 2.80');
    expect(pointsOf(score(emptyMetrics(), v4))).toMatchObject({ conductAppraisal: 0 });
    // Metrics stored before the indicator existed have no `appraisal`: the neutral value too.
    const { appraisal: _none, ...older } = emptyMetrics();
    expect(pointsOf(score(older, v4))).toMatchObject({ conductAppraisal: 0 });
  });

  it('scores with v1 exactly as its formulas say, computed by hand', () => {
    const s = score(busy(), v1);

    // on time 3/4: −30 × 1/4; 5 days × 0.5; ratings +1 + 0 − 1; urging 0.5 + L1 1 + L2 2; extensions 0.5 + 1;
    // findings 2 × 1 + 1 × 3; rectification 1/2: −5 × 1/2; attendance 3/4: −5 × 1/4.
    expect(pointsOf(s)).toEqual({
      onTimeCompletionRate: -7.5,
      overdueWorkingDays: -2.5,
      qualityRating: 0,
      urgingsAndRungs: -3.5,
      extensions: -1.5,
      inspectionFindings: -5,
      rectificationTimeliness: -2.5,
      meetingAttendance: -1.25,
    });
    expect(s.score).toBe(100 - 7.5 - 2.5 - 3.5 - 1.5 - 5 - 2.5 - 1.25);
  });

  it('scores the same unit with v2’s weights, and the difference is what the weights say', () => {
    const s = score(busy(), v2);

    // on time: −25 × 1/4; 5 days × 1; ratings 2 + 0.5 − 1; urging 1 + 2 + 4; extensions 0.5 + 2;
    // findings 2 × 1 + 1 × 2; rectification −5 × 1/2; one absence × 2.
    expect(pointsOf(s)).toEqual({
      onTimeCompletionRate: -6.25,
      overdueWorkingDays: -5,
      qualityRating: 1.5,
      urgingsAndRungs: -7,
      extensions: -2.5,
      inspectionFindings: -4,
      rectificationTimeliness: -2.5,
      meetingAttendance: -2,
    });
    expect(s.score).toBe(72.25);
    expect(score(busy(), v1).score).toBe(76.25);
  });

  it('caps a deduction at its weight and says so in the formula', () => {
    const m = { ...emptyMetrics(), overdue: { days: 100, tasks: [] } };

    const line = score(m, v1).breakdown.find((l) => l.indicator === 'overdueWorkingDays')!;

    expect(line.points).toBe(-15);
    expect(line.raw).toEqual({ day: 100 });
    expect(line.formula).toBe('逾期工作日扣分 = 逾期工作日100 × 0.5 = 50.00（上限15，超过上限按15扣）；扣15.00分');
  });

  it('shows each formula with the unit’s own numbers in Chinese', () => {
    const lines = Object.fromEntries(score(busy(), v1).breakdown.map((l) => [l.indicator, l]));

    expect(lines.onTimeCompletionRate!.formula).toBe(
      '按期办结率 = 按期办结3 ÷ 应办结4 = 75.00%；扣分 = 30 × (1 − 75.00%) = 7.50',
    );
    expect(lines.onTimeCompletionRate!.raw).toEqual({ part: 3, whole: 4, rate: 0.75 });
    expect(lines.qualityRating!.formula).toBe(
      '办结质量评价加减分 = 评为优秀1 × 1 + 评为良好1 × 0 + 评为一般1 × (-1) = 0.00（限±10）；加0.00分',
    );
  });

  it('never goes below 0, and an adjustment is clamped to 0–100 too', () => {
    const model = { ...v1, base: 10 };

    expect(score(busy(), model).score).toBe(0);
    expect(finalScore(99, 5)).toBe(100);
    expect(finalScore(40.005, -0.01)).toBe(40);
  });
});

describe('scoring the supervised task as offices run it (v5)', () => {
  const v4 = models.find('standard', 4)!;
  const v5 = models.find('standard', 5)!;
  const line = (s: ReturnType<typeof score>, indicator: string) => s.breakdown.find((l) => l.indicator === indicator)!;

  it('deducts 0.5 per missed milestone (序时进度), up to 5, and nothing for one met', () => {
    const s = score({ ...emptyMetrics(), milestones: { met: 4, missed: 3 } }, v5);

    expect(line(s, 'milestones')).toMatchObject({
      name: '序时进度',
      weight: 5,
      raw: { missed: 3, met: 4 },
      points: -1.5,
    });
    expect(line(s, 'milestones').formula).toBe(
      '序时进度扣分 = 序时进度未达3 × 0.5 + 序时进度达到4 × 0 = 1.50（上限5）；扣1.50分',
    );
    expect(s.score).toBe(98.5);
    expect(line(score({ ...emptyMetrics(), milestones: { met: 0, missed: 30 } }, v5), 'milestones').points).toBe(-5);
  });

  it('counts urgings by hand at 0.5 within 催办与升级督办, beside the sign-for urgings and the rungs', () => {
    const s = score({ ...emptyMetrics(), escalations: { urging: 1, urged: 3, L1: 1, L2: 0, L3: 0 } }, v5);

    expect(line(s, 'urgingsAndRungs')).toMatchObject({ raw: { urging: 1, urged: 3, L1: 1 }, points: -4.5 });
    // v4 weighs no urging by hand: a cycle scored with it keeps its figures.
    expect(
      line(
        score({ ...emptyMetrics(), escalations: { urging: 1, urged: 3, L1: 1, L2: 0, L3: 0 } }, v4),
        'urgingsAndRungs',
      ).points,
    ).toBe(-3);
  });

  it('deducts 0.5 for a refusal the office overruled (INSIST), nothing for one ruled REASSIGN, and reports both', () => {
    const s = score({ ...emptyMetrics(), refusals: { insisted: 1, reassigned: 2 } }, v5);

    expect(line(s, 'refusals')).toMatchObject({
      name: '退单',
      weight: 3,
      raw: { insisted: 1, reassigned: 2 },
      points: -0.5,
    });
    expect(
      line(score({ ...emptyMetrics(), refusals: { insisted: 0, reassigned: 4 } }, v5), 'refusals').points,
    ).toBeCloseTo(0);
    expect(line(score({ ...emptyMetrics(), refusals: { insisted: 10, reassigned: 0 } }, v5), 'refusals').points).toBe(
      -3,
    );
  });

  it('gives metrics stored before v5 (no milestones, refusals or urgings by hand) the neutral value', () => {
    const { milestones: _m, refusals: _r, ...older } = emptyMetrics();
    const s = score({ ...older, escalations: { urging: 0, L1: 0, L2: 0, L3: 0 } }, v5);

    expect(s.score).toBe(100);
    expect(s.breakdown.every((l) => l.points === 0)).toBe(true);
  });
});

describe('the scoring model file', () => {
  const write = (text: string) => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'heli-scoring-')), 'models.yaml');
    writeFileSync(file, text);
    return file;
  };

  it('loads the shipped models with v5 (milestones, urgings by hand and refusals counted) as the default', () => {
    expect(models.default).toBe(models.find('standard', 5));
    expect(models.models.map((m) => `${m.id}@${m.version}`)).toEqual([
      'standard@1',
      'standard@2',
      'standard@3',
      'standard@4',
      'standard@5',
    ]);
  });

  it('names the line of an unknown item, a rate formula on a count and a default that is not there', () => {
    const text = [
      'default: { id: standard, version: 9 }',
      'models:',
      '  - id: standard',
      '    version: 1',
      '    name: 测试',
      '    indicators:',
      '      - { indicator: extensions, weight: 5, formula: { kind: DEDUCT_PER_ITEM, perItem: { lost: 1 } } }',
      '      - { indicator: overdueWorkingDays, weight: 5, formula: { kind: RATE } }',
    ].join('\n');
    const file = write(text);

    expect(() => loadScoringModels(file)).toThrow(ScoringModelFileError);
    expect(() => loadScoringModels(file)).toThrow(`${file}:1:1 default: names no model of the file`);
    expect(() => loadScoringModels(file)).toThrow(
      /:7:\d+ models\[0\]\.indicators\[0\]\.formula\.perItem\.lost: unknown/,
    );
    expect(() => loadScoringModels(file)).toThrow(/:8:\d+ models\[0\]\.indicators\[1\]\.formula\.kind: this indicator/);
  });

  it('refuses an indicator it does not know, and a formula kind outside the closed set', () => {
    const text = `default: { id: x, version: 1 }\nmodels:\n  - { id: x, version: 1, name: x, indicators: [
      { indicator: bribes, weight: 5, formula: { kind: RATE } },
      { indicator: extensions, weight: 5, formula: { kind: EVAL, code: 'process.exit()' } }] }`;

    expect(() => parseScoringModels(text, 'inline.yaml')).toThrow(/indicators\[0\]\.indicator: expected one of/);
    expect(() => parseScoringModels(text, 'inline.yaml')).toThrow(/indicators\[1\]\.formula/);
  });
});
