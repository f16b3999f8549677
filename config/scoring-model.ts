import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssue, FileProblemsError, locateProblem, readYaml } from './file-problems';
import { schemaMessage } from './issue-text';

/**
 * The closed set of indicators an assessment (考核评价, DOMAIN.md annual cycle step 6) can score. Each names the
 * counts its formula may weigh (`items`) and whether it is a share (`rate`) a RATE formula can use.
 */
export const INDICATORS = {
  onTimeCompletionRate: { name: '按期办结率', rate: true, items: { notOnTime: '未按期办结任务' } },
  overdueWorkingDays: { name: '逾期工作日', rate: false, items: { day: '逾期工作日' } },
  qualityRating: {
    name: '办结质量评价',
    rate: false,
    items: { EXCELLENT: '评为优秀', GOOD: '评为良好', FAIR: '评为一般', POOR: '评为较差' },
  },
  urgingsAndRungs: {
    name: '催办与升级督办',
    rate: false,
    items: { urging: '签收超时催办', urged: '人工督促', L1: '一级督办', L2: '二级督办', L3: '三级督办' },
  },
  extensions: { name: '申请延期', rate: false, items: { approved: '延期获批', denied: '延期未获批' } },
  inspectionFindings: {
    name: '检查发现问题',
    rate: false,
    items: { MINOR: '一般问题', MAJOR: '较重问题', SERIOUS: '严重问题' },
  },
  rectificationTimeliness: { name: '整改及时率', rate: true, items: { notOnTime: '未按期整改' } },
  meetingAttendance: { name: '联席会议出席率', rate: true, items: { absent: '缺席' } },
  // Case collaboration (协同办案, issue 18): how a unit answers what it is asked for.
  referralFeedback: { name: '移送反馈及时率', rate: true, items: { late: '逾期反馈' } },
  secondmentCompliance: { name: '抽调与轮训配合', rate: true, items: { late: '逾期答复' } },
  // The supervision network (监督网络, issue 19): the satisfaction of the year's conduct appraisals (行风评议).
  conductAppraisal: { name: '行风评议满意度', rate: true, items: { unsatisfied: '不满意' } },
  // The supervised task as offices run it (issue 20): milestones (序时进度) missed and refusals (退单) ruled on.
  milestones: { name: '序时进度', rate: false, items: { missed: '序时进度未达', met: '序时进度达到' } },
  refusals: { name: '退单', rate: false, items: { insisted: '退单被驳回（维持原承办单位）', reassigned: '退单改派' } },
} as const;

export type IndicatorKey = keyof typeof INDICATORS;
export const INDICATOR_KEYS = Object.keys(INDICATORS) as [IndicatorKey, ...IndicatorKey[]];

const points = z.number().min(-100).max(100);

const formulaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('RATE') }).strict(),
  z.object({ kind: z.literal('DEDUCT_PER_ITEM'), perItem: z.record(z.string(), points.min(0)) }).strict(),
  z.object({ kind: z.literal('SCORE_PER_ITEM'), perItem: z.record(z.string(), points) }).strict(),
]);

const indicatorSchema = z
  .object({
    indicator: z.enum(INDICATOR_KEYS),
    weight: z.number().min(0).max(100).describe('The most points the indicator can take off (or add)'),
    formula: formulaSchema,
  })
  .strict()
  .superRefine((ind, ctx) => {
    const known = INDICATORS[ind.indicator];
    if (ind.formula.kind === 'RATE') {
      if (!known.rate)
        ctx.addIssue({
          code: 'custom',
          path: ['formula', 'kind'],
          message: schemaMessage('该指标不是比率', 'this indicator is no rate'),
        });
      return;
    }
    const keys = Object.keys(ind.formula.perItem);
    if (keys.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['formula', 'perItem'],
        message: schemaMessage('未指明任何项目', 'names no item'),
      });
    for (const key of keys.filter((k) => !(k in known.items))) {
      ctx.addIssue({
        code: 'custom',
        path: ['formula', 'perItem', key],
        message: schemaMessage(
          `未知的项目，须为以下之一：${Object.keys(known.items).join('|')}`,
          `unknown item; expected one of ${Object.keys(known.items).join('|')}`,
        ),
      });
    }
  });

/**
 * The id of the models an organisation's office edits (issue 22, `GET /v1/rules/scoring-model`): `org` version n is
 * the organisation's version n of its scoring model; the file's models may not use it.
 */
export const ORG_MODEL_ID = 'org';

const modelRef = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/)
    .refine((id) => id !== ORG_MODEL_ID, {
      message: schemaMessage(`“${ORG_MODEL_ID}”留给组织自行编辑的模型`, `“${ORG_MODEL_ID}” is the organisations' own`),
    }),
  version: z.number().int().min(1),
});

const modelSchema = modelRef
  .extend({
    name: z.string().min(1).max(100),
    base: z.number().min(0).max(100).default(100),
    indicators: z.array(indicatorSchema).min(1),
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.indicators.forEach((ind, i) => {
      if (seen.has(ind.indicator))
        ctx.addIssue({ code: 'custom', path: ['indicators', i], message: schemaMessage('重复列出', 'listed twice') });
      seen.add(ind.indicator);
    });
  });

const fileSchema = z
  .object({ default: modelRef.strict(), models: z.array(modelSchema).min(1) })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.models.forEach((m, i) => {
      const key = `${m.id}@${m.version}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['models', i, 'version'],
          message: schemaMessage(`${key}重复`, `${key} twice`),
        });
      seen.add(key);
    });
    if (!seen.has(`${f.default.id}@${f.default.version}`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: schemaMessage('未指明本文件中的任何模型', 'names no model of the file'),
      });
    }
  });

/** One versioned scoring model: the indicators it weighs, each with its weight and formula. */
export type ScoringModel = z.output<typeof modelSchema>;
export type ScoringIndicator = ScoringModel['indicators'][number];
export type Formula = ScoringIndicator['formula'];

/** The models of the file and the one a new assessment uses when none is named. */
export interface ScoringModels {
  models: readonly ScoringModel[];
  default: ScoringModel;
  find(id: string, version: number): ScoringModel | undefined;
}

/** Thrown when the scoring model file does not parse or validate; the message names every problem's line. */
export class ScoringModelFileError extends FileProblemsError {
  constructor(source: string, problems: ConstructorParameters<typeof FileProblemsError>[1]) {
    super(source, problems, 'scoring model file');
    this.name = 'ScoringModelFileError';
  }
}

/**
 * Parses and validates scoring models (YAML).
 * @throws ScoringModelFileError naming every problem with its line, column and field path
 */
export function parseScoringModels(text: string, source: string): ScoringModels {
  const read = readYaml(text);
  if ('problems' in read) throw new ScoringModelFileError(source, read.problems);
  const parsed = fileSchema.safeParse(read.raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .flatMap(describeIssue)
      .map((p) => locateProblem(read.doc, read.lineCounter, p))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new ScoringModelFileError(source, problems);
  }
  const { models } = parsed.data;
  const find = (id: string, version: number) => models.find((m) => m.id === id && m.version === version);
  const fallback = find(parsed.data.default.id, parsed.data.default.version);
  if (!fallback) throw new Error('unreachable: the default was checked');
  return { models, default: fallback, find };
}

/** Reads and validates the scoring model file; a bad file stops start-up naming the line of each problem. */
export function loadScoringModels(file: string): ScoringModels {
  return parseScoringModels(readFileSync(file, 'utf8'), file);
}
