import { milestoneProblems, type MilestonePlan, type MilestoneProblemCode } from '../procedures/task/milestones';
import { z } from 'zod';
import { text } from './text-schema';
import {
  describeIssue,
  locateProblem,
  readYaml,
  type FilePath,
  type FileProblem,
  type OrganisationFileProblem,
} from '../config/file-problems';
import { schemaMessage } from '../config/issue-text';
import { said, type Said } from '../procedures/kernel/said';

const key = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,31}$/,
    schemaMessage('须为简短的键：小写字母 a-z、数字 0-9 和连字符 -', 'expected a short key of a-z, 0-9 and -'),
  );
const ref = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, schemaMessage('须为编号：小写字母、数字和连字符', 'expected an id'));

/** One supervised task of the plan, with its four-in-place (四到位). */
export const planTaskSchema = z
  .object({
    key,
    title: text(200),
    type: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,39}$/)
      .default('ROUTINE'),
    leadUnit: ref,
    coUnits: z.array(ref).max(50).default([]),
    leader: ref,
    requirements: text(5_000),
    standard: text(5_000),
    dueDate: z.iso.date().optional(),
    workingDays: z.number().int().min(1).max(250).optional(),
    /** Milestones (序时进度): a date with the expected result, a percentage or both; at most 12. */
    milestones: z
      .array(
        z
          .object({
            date: z.iso.date(),
            expected: text(1_000).optional(),
            percent: z.number().int().min(0).max(100).optional(),
          })
          .strict(),
      )
      .max(12)
      .optional(),
  })
  .strict();

/** The year's plan (年度工作计划): goals with priorities, each decomposed into tasks (任务分解). */
export const planSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    goals: z
      .array(
        z
          .object({
            id: key,
            title: text(200),
            priority: z.number().int().min(1).max(5).default(3),
            tasks: z.array(planTaskSchema).min(1).max(2_000),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();

export type Plan = z.output<typeof planSchema>;
export type PlanTask = z.output<typeof planTaskSchema>;

/** What the organisation and the task types offer, for the checks a schema cannot make. */
export interface PlanContext {
  year: number;
  units: ReadonlySet<string>;
  leaders: ReadonlySet<string>;
  people: ReadonlySet<string>;
  taskTypes: ReadonlySet<string>;
  /** Today (local date): a task's dueDate before it is refused, as a task's through the API is. */
  today?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Rules across rows: references resolve, keys are unique, every task has exactly one time limit. Reads the plan
 * as written, so that they run even where the shape check fails elsewhere (a bad date does not hide an unknown
 * unit); a field of the wrong shape is the shape check's alone.
 */
export function checkPlan(raw: unknown, ctx: PlanContext): FileProblem[] {
  if (!isRecord(raw)) return [];
  const problems: FileProblem[] = [];
  if (typeof raw.year === 'number' && raw.year !== ctx.year) {
    problems.push({ path: ['year'], message: said(`本周期的计划须为${ctx.year}年度`, `the plan is for ${ctx.year}`) });
  }
  const goalIds = new Set<string>();
  let total = 0;
  listOf(raw.goals).forEach((goal, g) => {
    if (!isRecord(goal)) return;
    if (typeof goal.id === 'string') {
      if (goalIds.has(goal.id))
        problems.push({ path: ['goals', g, 'id'], message: said('目标编号重复', 'goal listed twice') });
      goalIds.add(goal.id);
    }
    const keys = new Set<string>();
    listOf(goal.tasks).forEach((t, i) => {
      total += 1;
      if (!isRecord(t)) return;
      problems.push(...checkTask(t, ['goals', g, 'tasks', i], keys, ctx));
    });
  });
  if (total > 2_000) {
    problems.push({ path: ['goals'], message: said('一份计划最多2000项任务', 'at most 2,000 tasks in a plan') });
  }
  return problems;
}

function checkTask(t: Record<string, unknown>, at: FilePath, keys: Set<string>, ctx: PlanContext): FileProblem[] {
  const problems: FileProblem[] = [];
  const report = (field: FilePath, message: Said) => problems.push({ path: [...at, ...field], message });
  const ref = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  if (ref(t.key)) {
    if (keys.has(t.key)) report(['key'], said('同一目标下任务的键重复', 'task key listed twice in this goal'));
    keys.add(t.key);
  }
  if (ref(t.leadUnit) && !ctx.units.has(t.leadUnit)) report(['leadUnit'], NO_UNIT);
  listOf(t.coUnits).forEach((u, c) => {
    if (!ref(u)) return;
    if (u === t.leadUnit) report(['coUnits', c], said('已是牵头单位', 'also the lead unit'));
    else if (!ctx.units.has(u)) report(['coUnits', c], NO_UNIT);
  });
  if (ref(t.leader)) {
    if (!ctx.people.has(t.leader)) report(['leader'], said('人员不存在', 'no such person'));
    else if (!ctx.leaders.has(t.leader)) report(['leader'], said('不是分管领导', 'not a responsible leader'));
  }
  const type = t.type ?? 'ROUTINE';
  if (ref(type) && !ctx.taskTypes.has(type)) report(['type'], said('任务类型不存在', 'no such task type'));
  if ((t.dueDate === undefined) === (t.workingDays === undefined)) {
    report(
      ['dueDate'],
      said(
        '工作时限须填写 dueDate（日期）或 workingDays（工作日数），二者选一',
        'give exactly one of dueDate and workingDays',
      ),
    );
  }
  if (ctx.today && typeof t.dueDate === 'string' && t.dueDate < ctx.today) {
    report(['dueDate'], said(`不能早于今天（${ctx.today}）`, `must be today (${ctx.today}) or later`));
  }
  // Milestones of the right shape: between today and a date limit, one a day, percentages increasing.
  const plans = listOf(t.milestones).filter(
    (x): x is MilestonePlan => isRecord(x) && typeof x.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x.date),
  );
  if (plans.length === listOf(t.milestones).length) {
    const dueDate = typeof t.dueDate === 'string' ? t.dueDate : undefined;
    for (const p of milestoneProblems(plans, { today: ctx.today ?? '', dueDate })) {
      const field: FilePath = p.index === null ? ['milestones'] : ['milestones', p.index, p.field ?? 'date'];
      report(field, said(p.text, MILESTONE_EN[p.code]));
    }
  }
  return problems;
}

const NO_UNIT = said('单位不存在', 'no such unit');
const MILESTONE_EN: Record<MilestoneProblemCode, string> = {
  TOO_MANY: 'at most 12 milestones on a task',
  NO_CONTENT: 'give the expected result, a percentage or both',
  BEFORE_TODAY: 'must be today or later',
  AFTER_DUE: 'must not be after the time limit',
  SAME_DAY: 'one milestone a day',
  NOT_INCREASING: 'percentages must increase with the date',
};

export class PlanError extends Error {
  constructor(readonly problems: OrganisationFileProblem[]) {
    super(
      `the plan has ${problems.length} problem(s):\n${problems.map((p) => `  ${p.line ? `${p.line}:${p.column} ` : ''}${p.path}: ${p.message.en}`).join('\n')}`,
    );
    this.name = 'PlanError';
  }
}

const pathText = (path: (string | number)[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(plan)';

const pathKey = (path: FilePath) => path.join('\u0000');

/**
 * Every problem of a plan at once: what the shape check finds (each bad date, each missing field), and the rules
 * across rows on whatever is well-formed, one problem per field.
 */
function problemsOf(raw: unknown, ctx: PlanContext): { plan?: Plan; problems: FileProblem[] } {
  const parsed = planSchema.safeParse(raw);
  const shape = parsed.success ? [] : parsed.error.issues.flatMap(describeIssue);
  const seen = new Set(shape.map((p) => pathKey(p.path)));
  const rules = checkPlan(raw, ctx).filter((p) => !seen.has(pathKey(p.path)));
  const problems = [...shape, ...rules].sort((a, b) => comparePaths(a.path, b.path));
  return parsed.success && problems.length === 0 ? { plan: parsed.data, problems } : { problems };
}

/** Problems in the order of the plan: by goal and task, then by field. */
function comparePaths(a: FilePath, b: FilePath): number {
  const key = (path: FilePath) => path.map((p) => (typeof p === 'number' ? String(p).padStart(6, '0') : p)).join('.');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/**
 * Validates a plan given as a value (a JSON body): every problem is named by its path, none is accepted partly.
 * @throws PlanError
 */
export function validatePlan(raw: unknown, ctx: PlanContext): Plan {
  const { plan, problems } = problemsOf(raw, ctx);
  if (!plan) throw new PlanError(problems.map((p) => ({ path: pathText(p.path), message: p.message })));
  return plan;
}

/**
 * Validates a plan file (YAML or JSON): every problem is named with its line, column and path.
 * @throws PlanError
 */
export function parsePlanFile(text: string, ctx: PlanContext): Plan {
  const read = readYaml(text);
  if ('problems' in read) throw new PlanError(read.problems);
  const { plan, problems } = problemsOf(read.raw, ctx);
  if (!plan) throw new PlanError(problems.map((p) => locateProblem(read.doc, read.lineCounter, p)));
  return plan;
}
