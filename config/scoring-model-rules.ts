import { z } from 'zod';
import { text } from '../db/text-schema';
import { said, type Said } from '../procedures/kernel/said';
import { schemaMessage } from './issue-text';
import { INDICATOR_KEYS, INDICATORS, ORG_MODEL_ID, type ScoringIndicator, type ScoringModel } from './scoring-model';

/**
 * The scoring model as the office edits it (issue 22, rule kind `scoring-model`): a model of
 * config/scoring-models.yaml without its id and version, plus `totalWeight`, the sum its weights must come to.
 *
 * Why a declared total and not "the weights add up to 100": a score is base (100) + Σ points, clamped to 0–100, and
 * each weight is the most an indicator can take off (or add). The shipped models' weights add up to 100 (v1, v2),
 * 110, 115 and 123 (v5, the default): a sum other than 100 is how those models were meant. What is nonsense is a
 * weight the office did not mean, so the office states the total and every weight is checked against it.
 */
export interface ScoringModelContent {
  name: string;
  base: number;
  totalWeight: number;
  indicators: ScoringIndicator[];
}

const points = z.number().min(-100).max(100);
const perItem = z.record(z.string().min(1).max(40), points);

/** The shape of a content (a wrong one is a 400); what it means together is `scoringModelProblems`' (422). */
export const scoringModelContentShape = z
  .object({
    name: text(100).describe('The model’s name, e.g. 标准考核模型（2027年）'),
    base: z.number().min(0).max(100).describe('The score every unit starts from (基础分)'),
    totalWeight: z
      .number()
      .min(0)
      .max(1_000)
      .describe('What the indicators’ weights add up to (权重合计); each weight is checked against it'),
    indicators: z
      .array(
        z
          .object({
            indicator: z.enum(INDICATOR_KEYS),
            weight: z.number().min(-100).max(100).describe('The most points the indicator can take off (or add)'),
            formula: z.discriminatedUnion('kind', [
              z.object({ kind: z.literal('RATE') }).strict(),
              z.object({ kind: z.literal('DEDUCT_PER_ITEM'), perItem }).strict(),
              z.object({ kind: z.literal('SCORE_PER_ITEM'), perItem }).strict(),
            ]),
          })
          .strict(),
      )
      .min(1, schemaMessage('至少须有一项指标', 'needs at least one indicator'))
      .max(50),
  })
  .strict();

/** A problem of a well-shaped content: the path of its field under the content, and what is wrong. */
export interface ContentProblem {
  path: (string | number)[];
  message: Said;
}

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

function indicatorProblems(ind: ScoringIndicator, i: number, all: ScoringIndicator[]): ContentProblem[] {
  const at = (...path: (string | number)[]) => ['indicators', i, ...path];
  const known = INDICATORS[ind.indicator];
  const problems: ContentProblem[] = [];
  const first = all.findIndex((x) => x.indicator === ind.indicator);
  if (first !== i) {
    problems.push({
      path: at('indicator'),
      message: said(`指标重复（与第${first + 1}项相同）`, `lists the indicator of item ${first + 1} again`),
    });
  }
  if (ind.weight < 0) problems.push({ path: at('weight'), message: said('权重不能为负数', 'must not be negative') });
  const { formula } = ind;
  if (formula.kind === 'RATE') {
    if (!known.rate) {
      const message = said(`“${known.name}”不是比率，不能按比例扣分`, `“${ind.indicator}” is no rate`);
      problems.push({ path: at('formula', 'kind'), message });
    }
    return problems;
  }
  const items = Object.keys(known.items);
  const keys = Object.keys(formula.perItem);
  if (keys.length === 0)
    problems.push({ path: at('formula', 'perItem'), message: said('未指明任何项目', 'names no item') });
  for (const key of keys) {
    const value = formula.perItem[key] ?? 0;
    if (!items.includes(key)) {
      const message = said(
        `未知的项目，须为以下之一：${items.join('|')}`,
        `unknown item; expected one of ${items.join('|')}`,
      );
      problems.push({ path: at('formula', 'perItem', key), message });
    } else if (formula.kind === 'DEDUCT_PER_ITEM' && value < 0) {
      const message = said('逐项扣分的分值不能为负数', 'a deduction per item must not be negative');
      problems.push({ path: at('formula', 'perItem', key), message });
    }
  }
  return problems;
}

/**
 * What a well-shaped model means nonsense by, every problem at once: an indicator listed twice, a negative weight, a
 * weight total other than the one declared, a rate formula on a count, an item the indicator does not have, a negative
 * deduction.
 */
export function scoringModelProblems(content: ScoringModelContent): ContentProblem[] {
  const problems = content.indicators.flatMap((ind, i, all) => indicatorProblems(ind, i, all));
  const total = sum(content.indicators.map((ind) => ind.weight));
  if (total !== content.totalWeight) {
    problems.push({
      path: ['totalWeight'],
      message: said(
        `各项指标权重合计为${total}，与权重合计${content.totalWeight}不符`,
        `the indicators’ weights add up to ${total}, not ${content.totalWeight}`,
      ),
    });
  }
  return problems;
}

/** The content of a model of the deployment's file (version 0 of every organisation: the file's default). */
export const contentOfModel = (m: ScoringModel): ScoringModelContent => ({
  name: m.name,
  base: m.base,
  totalWeight: sum(m.indicators.map((ind) => ind.weight)),
  indicators: m.indicators,
});

/** The model an organisation's version `version` of the rule gives: id `org`, that version. */
export const modelOfContent = (c: ScoringModelContent, version: number): ScoringModel => ({
  id: ORG_MODEL_ID,
  version,
  name: c.name,
  base: c.base,
  indicators: c.indicators,
});
