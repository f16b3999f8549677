import { z } from 'zod';
import { said } from '../procedures/kernel/said';
import type { CaseMeasure, CasePolicy } from '../procedures/case/messages';
import type { AccountabilityConfig } from './accountability';
import { schemaMessage } from './issue-text';
import {
  listedTwice,
  outOfRange,
  scalarChanges,
  workingDaysText,
  type ContentProblem,
  type RuleChange,
  type ScalarField,
} from './rule-content';

/**
 * The accountability policy as the office edits it (issue 22, rule kind `accountability`): what
 * config/accountability.yaml holds. Version 0 of every organisation is that file as the deployment loaded it.
 */
export interface AccountabilityContent {
  statementWorkingDays: number;
  escalateAfterWorkingDays: number;
  assessmentThreshold: number;
  measures: CaseMeasure[];
}

/** The working days a limit of the procedure may take (the file's own bounds). */
export const WORKING_DAYS = { min: 1, max: 60 } as const;
/** The most measures a policy lists (the file's own bound). */
export const MAX_MEASURES = 20;

/** The shape of a content (a wrong one is a 400); what it means together is `accountabilityProblems`' (422). */
export const accountabilityContentShape = z
  .object({
    statementWorkingDays: z
      .number()
      .int()
      .describe('The written statement (说明情况) is due by 24:00 of this working day after the case opens (1–60)'),
    escalateAfterWorkingDays: z
      .number()
      .int()
      .describe('Still no statement this many working days after its deadline: reported to the group (1–60)'),
    assessmentThreshold: z
      .number()
      .describe('An annual assessment score below this opens a case, in cycles opened afterwards (0–100)'),
    measures: z
      .array(
        z
          .object({
            code: z
              .string()
              .regex(
                /^[A-Z][A-Z0-9_]{1,39}$/,
                schemaMessage('须为大写字母代码，例如 TALK', 'expected an UPPER_CASE code'),
              ),
            name: z.string().trim().min(1).max(50).describe('As written in decisions, e.g. 约谈'),
          })
          .strict(),
      )
      .max(MAX_MEASURES)
      .describe('The measures (处理措施) the office may decide, in the order offered'),
  })
  .strict();

/**
 * What a well-shaped policy means nonsense by, every problem at once: no measures, a code or a name listed twice, a
 * threshold outside 0–100, a limit outside 1–60 working days. A measure removed is no problem: a running case keeps
 * the policy it was opened with, the measure included, and is decided with it.
 */
export function accountabilityProblems(c: AccountabilityContent): ContentProblem[] {
  const { min, max } = WORKING_DAYS;
  return [
    ...outOfRange(['statementWorkingDays'], c.statementWorkingDays, min, max),
    ...outOfRange(['escalateAfterWorkingDays'], c.escalateAfterWorkingDays, min, max),
    ...outOfRange(['assessmentThreshold'], c.assessmentThreshold, 0, 100),
    ...(c.measures.length === 0
      ? [{ path: ['measures'], message: said('至少须有一项处理措施', 'needs at least one measure') }]
      : []),
    ...listedTwice(
      c.measures,
      (m) => m.code,
      (i) => ['measures', i, 'code'],
      said('处理措施代码', 'code'),
    ),
    ...listedTwice(
      c.measures,
      (m) => m.name,
      (i) => ['measures', i, 'name'],
      said('处理措施名称', 'name'),
    ),
  ];
}

const FIELDS: ScalarField<AccountabilityContent>[] = [
  { field: 'statementWorkingDays', name: '说明情况时限', read: (c) => c.statementWorkingDays, show: workingDaysText },
  {
    field: 'escalateAfterWorkingDays',
    name: '逾期未说明情况报领导小组的期限',
    read: (c) => c.escalateAfterWorkingDays,
    show: workingDaysText,
  },
  {
    field: 'assessmentThreshold',
    name: '启动责任追究的考核分数线',
    read: (c) => c.assessmentThreshold,
    show: (v) => `${String(v)}分`,
  },
];

/**
 * What changed from one version of the policy to another, in sentences: its limits, then measure by measure (matched
 * by code): added, removed, renamed (「处理措施“诫勉”更名为“诫勉谈话”」), and whether the order they are offered in moved.
 */
export function diffAccountability(a: AccountabilityContent, b: AccountabilityContent): RuleChange[] {
  const changes = scalarChanges(FIELDS, a, b);
  const before = new Map(a.measures.map((m) => [m.code, m]));
  const after = new Map(b.measures.map((m) => [m.code, m]));
  for (const m of a.measures) {
    const now = after.get(m.code);
    if (!now) {
      changes.push({
        field: null,
        item: m.code,
        change: 'REMOVED',
        before: m,
        after: null,
        text: `删除处理措施“${m.name}”`,
      });
    } else if (now.name !== m.name) {
      const text = `处理措施“${m.name}”更名为“${now.name}”`;
      changes.push({ field: 'name', item: m.code, change: 'CHANGED', before: m.name, after: now.name, text });
    }
  }
  for (const m of b.measures) {
    if (before.has(m.code)) continue;
    const text = `新增处理措施“${m.name}”（代码${m.code}）`;
    changes.push({ field: null, item: m.code, change: 'ADDED', before: null, after: m, text });
  }
  const kept = (list: CaseMeasure[], other: Map<string, CaseMeasure>) =>
    list.filter((m) => other.has(m.code)).map((m) => m.code);
  const [x, y] = [kept(a.measures, after), kept(b.measures, before)];
  if (x.join() !== y.join()) {
    const text = '处理措施的排列顺序有调整';
    changes.push({ field: 'measures', item: null, change: 'CHANGED', before: x, after: y, text });
  }
  return changes;
}

/** The content of the deployment's file as loaded (version 0). */
export const contentOfAccountability = ({
  policy,
  assessmentThreshold,
}: AccountabilityConfig): AccountabilityContent => ({
  statementWorkingDays: policy.statementWorkingDays,
  escalateAfterWorkingDays: policy.escalateAfterWorkingDays,
  assessmentThreshold,
  measures: policy.measures,
});

/** What a case opened under a version is given: its limits and measures (the threshold is the cycle's). */
export const casePolicyOf = (c: AccountabilityContent): CasePolicy => ({
  statementWorkingDays: c.statementWorkingDays,
  escalateAfterWorkingDays: c.escalateAfterWorkingDays,
  measures: c.measures,
});
