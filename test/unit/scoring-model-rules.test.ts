import { parseScoringModels } from '../../config/scoring-model';
import { diffScoringModels } from '../../config/scoring-model-diff';
import { contentOfModel, scoringModelProblems, type ScoringModelContent } from '../../config/scoring-model-rules';
import { readFileSync } from 'node:fs';
import { fromProject } from '../../config/paths';

const FILE = fromProject('config/scoring-models.yaml');
const models = parseScoringModels(readFileSync(FILE, 'utf8'), FILE);
const v1 = contentOfModel(models.find('standard', 1)!);
const v5 = contentOfModel(models.find('standard', 5)!);

describe('the scoring model as the office edits it', () => {
  it('finds nothing wrong with the shipped models, whatever their weights add up to', () => {
    expect(models.models.map((m) => contentOfModel(m).totalWeight)).toEqual([100, 100, 110, 115, 123]);
    expect(models.models.flatMap((m) => scoringModelProblems(contentOfModel(m)))).toEqual([]);
  });

  it('names a weight total that differs from the one declared', () => {
    const content: ScoringModelContent = { ...v1, totalWeight: 90 };

    expect(scoringModelProblems(content)).toEqual([
      { path: ['totalWeight'], message: { zh: '各项指标权重合计为100，与权重合计90不符', en: expect.any(String) } },
    ]);
  });

  it('tells what changed from v1 to v5 in sentences', () => {
    const texts = diffScoringModels(v1, v5).map((c) => c.text);

    expect(texts).toContain('“按期办结率”权重由30改为25');
    expect(texts).toContain('新增指标“退单”（权重3，逐项扣分）');
    expect(texts).toContain('“联席会议出席率”计分方式由按比例扣分改为逐项扣分');
    expect(texts).toContain('“联席会议出席率”中“缺席”计为每项2分');
    expect(texts).toContain('权重合计由100改为123');
    expect(diffScoringModels(v5, v5)).toEqual([]);
  });

  it('keeps the id `org` for the organisations’ own models', () => {
    const file = `default: { id: org, version: 1 }
models:
  - { id: org, version: 1, name: x, indicators: [{ indicator: overdueWorkingDays, weight: 1, formula: { kind: DEDUCT_PER_ITEM, perItem: { day: 1 } } }] }
`;
    expect(() => parseScoringModels(file, 'x.yaml')).toThrow(/org/);
  });
});
