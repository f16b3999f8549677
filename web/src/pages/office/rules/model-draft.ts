import { num } from './draft';
import type { ScoringIndicator, ScoringModelContent } from './types';

/*
 * The scoring model as its editor holds it: every number as the text of its input, so that a half-typed or emptied
 * field is sent as it stands and the API names it (the form checks nothing itself). The indicators and their formulas'
 * kinds and items are the model's; the editor changes their numbers.
 */
export interface DraftIndicator {
  indicator: ScoringIndicator['indicator'];
  weight: string;
  kind: ScoringIndicator['formula']['kind'];
  /** Per item of a DEDUCT_PER_ITEM or SCORE_PER_ITEM formula: its points, in the model's order. */
  perItem: { item: string; points: string }[];
}

export interface DraftModel {
  name: string;
  base: string;
  totalWeight: string;
  indicators: DraftIndicator[];
}

export function toModelDraft(c: ScoringModelContent): DraftModel {
  return {
    name: c.name,
    base: String(c.base),
    totalWeight: String(c.totalWeight),
    indicators: c.indicators.map((ind) => ({
      indicator: ind.indicator,
      weight: String(ind.weight),
      kind: ind.formula.kind,
      perItem:
        ind.formula.kind === 'RATE'
          ? []
          : Object.entries(ind.formula.perItem).map(([item, points]) => ({ item, points: String(points) })),
    })),
  };
}

/** The editor's fields as the content the API takes. */
export function fromModelDraft(d: DraftModel) {
  return {
    name: d.name.trim(),
    base: num(d.base),
    totalWeight: num(d.totalWeight),
    indicators: d.indicators.map((ind) => ({
      indicator: ind.indicator,
      weight: num(ind.weight),
      formula:
        ind.kind === 'RATE'
          ? { kind: ind.kind }
          : { kind: ind.kind, perItem: Object.fromEntries(ind.perItem.map((p) => [p.item, num(p.points)])) },
    })),
  };
}

/** What the weights typed so far add up to (a field that is no number counts nothing), to two decimals. */
export const weightSum = (d: DraftModel): number =>
  Math.round(d.indicators.reduce((n, ind) => n + (Number(ind.weight.trim()) || 0), 0) * 100) / 100;
