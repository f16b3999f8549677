import { z } from 'zod';
import { text } from './text-schema';
import {
  describeIssue,
  locateProblem,
  readYaml,
  type FileProblem,
  type OrganisationFileProblem,
} from '../config/file-problems';

const key = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'expected a short key of a-z, 0-9 and -');
const ref = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected an id');

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
}

/** Rules across rows: references resolve, keys are unique, every task has exactly one time limit. */
export function checkPlan(plan: Plan, ctx: PlanContext): FileProblem[] {
  const problems: FileProblem[] = [];
  if (plan.year !== ctx.year) problems.push({ path: ['year'], message: `the plan is for ${ctx.year}` });
  const goalIds = new Set<string>();
  let total = 0;
  plan.goals.forEach((goal, g) => {
    if (goalIds.has(goal.id)) problems.push({ path: ['goals', g, 'id'], message: 'goal listed twice' });
    goalIds.add(goal.id);
    const keys = new Set<string>();
    goal.tasks.forEach((t, i) => {
      total += 1;
      const at = (field: string) => ['goals', g, 'tasks', i, field];
      if (keys.has(t.key)) problems.push({ path: at('key'), message: 'task key listed twice in this goal' });
      keys.add(t.key);
      if (!ctx.units.has(t.leadUnit)) problems.push({ path: at('leadUnit'), message: 'no such unit' });
      t.coUnits.forEach((u, c) => {
        if (u === t.leadUnit)
          problems.push({ path: ['goals', g, 'tasks', i, 'coUnits', c], message: 'also the lead unit' });
        else if (!ctx.units.has(u))
          problems.push({ path: ['goals', g, 'tasks', i, 'coUnits', c], message: 'no such unit' });
      });
      if (!ctx.people.has(t.leader)) problems.push({ path: at('leader'), message: 'no such person' });
      else if (!ctx.leaders.has(t.leader)) problems.push({ path: at('leader'), message: 'not a responsible leader' });
      if (!ctx.taskTypes.has(t.type)) problems.push({ path: at('type'), message: 'no such task type' });
      if ((t.dueDate === undefined) === (t.workingDays === undefined)) {
        problems.push({ path: at('dueDate'), message: 'give exactly one of dueDate and workingDays' });
      }
    });
  });
  if (total > 2_000) problems.push({ path: ['goals'], message: 'at most 2,000 tasks in a plan' });
  return problems;
}

export class PlanError extends Error {
  constructor(readonly problems: OrganisationFileProblem[]) {
    super(
      `the plan has ${problems.length} problem(s):\n${problems.map((p) => `  ${p.line ? `${p.line}:${p.column} ` : ''}${p.path}: ${p.message}`).join('\n')}`,
    );
    this.name = 'PlanError';
  }
}

const pathText = (path: (string | number)[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(plan)';

/**
 * Validates a plan given as a value (a JSON body): every problem is named by its path, none is accepted partly.
 * @throws PlanError
 */
export function validatePlan(raw: unknown, ctx: PlanContext): Plan {
  const parsed = planSchema.safeParse(raw);
  const problems = parsed.success ? checkPlan(parsed.data, ctx) : parsed.error.issues.flatMap(describeIssue);
  if (problems.length > 0) throw new PlanError(problems.map((p) => ({ path: pathText(p.path), message: p.message })));
  return parsed.data as Plan;
}

/**
 * Validates a plan file (YAML or JSON): every problem is named with its line, column and path.
 * @throws PlanError
 */
export function parsePlanFile(text: string, ctx: PlanContext): Plan {
  const read = readYaml(text);
  if ('problems' in read) throw new PlanError(read.problems);
  const parsed = planSchema.safeParse(read.raw);
  const problems = parsed.success ? checkPlan(parsed.data, ctx) : parsed.error.issues.flatMap(describeIssue);
  if (problems.length > 0) throw new PlanError(problems.map((p) => locateProblem(read.doc, read.lineCounter, p)));
  return parsed.data as Plan;
}
