import { INDICATORS, type Formula, type IndicatorKey, type ScoringIndicator } from './scoring-model';
import type { ScoringModelContent } from './scoring-model-rules';

/** One change between two versions of a scoring model: a field of the model, or an indicator added, removed, changed. */
export interface ScoringModelChange {
  /** The indicator concerned; null for a field of the model itself (name, base, total). */
  indicator: IndicatorKey | null;
  /** e.g. `weight`, `formula.kind`, `formula.perItem.L3`, `base`; null for an indicator added or removed. */
  field: string | null;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  before: unknown;
  after: unknown;
  /** The change as the office reads it, e.g. 「“按期办结率”权重由30改为25」. */
  text: string;
}

const KINDS: Record<Formula['kind'], string> = {
  RATE: '按比例扣分',
  DEDUCT_PER_ITEM: '逐项扣分',
  SCORE_PER_ITEM: '逐项加减分',
};

const nameOf = (key: IndicatorKey) => `“${INDICATORS[key].name}”`;
const itemOf = (key: IndicatorKey, item: string) =>
  `“${(INDICATORS[key].items as Record<string, string>)[item] ?? item}”`;
const perItemOf = (f: Formula): Record<string, number> => (f.kind === 'RATE' ? {} : f.perItem);

function formulaChanges(a: ScoringIndicator, b: ScoringIndicator): ScoringModelChange[] {
  const key = b.indicator;
  const changes: ScoringModelChange[] = [];
  const change = (field: string, before: unknown, after: unknown, text: string) =>
    changes.push({ indicator: key, field, change: 'CHANGED', before, after, text });
  if (a.weight !== b.weight) change('weight', a.weight, b.weight, `${nameOf(key)}权重由${a.weight}改为${b.weight}`);
  if (a.formula.kind !== b.formula.kind) {
    const text = `${nameOf(key)}计分方式由${KINDS[a.formula.kind]}改为${KINDS[b.formula.kind]}`;
    change('formula.kind', a.formula.kind, b.formula.kind, text);
  }
  const [before, after] = [perItemOf(a.formula), perItemOf(b.formula)];
  for (const item of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [x, y] = [before[item], after[item]];
    if (x === y) continue;
    const what = `${nameOf(key)}中${itemOf(key, item)}`;
    const text =
      x === undefined ? `${what}计为每项${y}分` : y === undefined ? `${what}不再计分` : `${what}每项分值由${x}改为${y}`;
    change(`formula.perItem.${item}`, x ?? null, y ?? null, text);
  }
  return changes;
}

const MODEL_FIELDS = [
  { field: 'name', text: (x: unknown, y: unknown) => `模型名称由“${String(x)}”改为“${String(y)}”` },
  { field: 'base', text: (x: unknown, y: unknown) => `基础分由${String(x)}改为${String(y)}` },
  { field: 'totalWeight', text: (x: unknown, y: unknown) => `权重合计由${String(x)}改为${String(y)}` },
] as const;

/** What changed from one version of the scoring model to another, model fields first, then indicator by indicator. */
export function diffScoringModels(a: ScoringModelContent, b: ScoringModelContent): ScoringModelChange[] {
  const changes: ScoringModelChange[] = MODEL_FIELDS.filter(({ field }) => a[field] !== b[field]).map(
    ({ field, text }) => ({
      indicator: null,
      field,
      change: 'CHANGED' as const,
      before: a[field],
      after: b[field],
      text: text(a[field], b[field]),
    }),
  );
  const find = (c: ScoringModelContent, key: IndicatorKey) => c.indicators.find((i) => i.indicator === key);
  for (const ind of a.indicators) {
    if (find(b, ind.indicator)) continue;
    const text = `删除指标${nameOf(ind.indicator)}（原权重${ind.weight}）`;
    changes.push({ indicator: ind.indicator, field: null, change: 'REMOVED', before: ind, after: null, text });
  }
  for (const ind of b.indicators) {
    const old = find(a, ind.indicator);
    if (old) {
      changes.push(...formulaChanges(old, ind));
      continue;
    }
    const text = `新增指标${nameOf(ind.indicator)}（权重${ind.weight}，${KINDS[ind.formula.kind]}）`;
    changes.push({ indicator: ind.indicator, field: null, change: 'ADDED', before: null, after: ind, text });
  }
  return changes;
}
