import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { said, type Said } from '../procedures/kernel/said';
import { SEVERITY_START_RUNG, type TaskPolicy } from '../procedures/task/messages';
import { schemaMessage } from './issue-text';

const workingDays = z.number().int().min(0).max(250);
/** A rung of the escalation ladder: 1 (一级督办) to 3 (三级督办). */
const rung = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/**
 * One task type's policy, its shape alone (types, ranges, defaults): every field defaults to DOMAIN.md's value. What
 * its fields must mean together is `policyProblems`; `taskPolicySchema` checks both.
 */
export const taskPolicyFields = z
  .object({
    type: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'expected an UPPER_CASE type name'),
    name: z.string().min(1).max(50),
    signForWorkingDays: workingDays.min(1).default(1),
    remindWorkingDaysBefore: z.array(workingDays.min(1)).max(5).default([3, 1]),
    yellowWithinWorkingDays: workingDays.default(3),
    progressEveryWorkingDays: workingDays.min(1).nullable().default(null),
    escalation: z
      .object({ l2AfterWorkingDays: workingDays.min(1).default(3), l3AfterWorkingDays: workingDays.min(1).default(10) })
      .strict()
      .default({ l2AfterWorkingDays: 3, l3AfterWorkingDays: 10 }),
    extensionDecidedBy: z.enum(['OFFICE', 'LEADER']).default('OFFICE'),
    pause: z
      .object({ defaultWorkingDays: workingDays.min(1).default(20), maxWorkingDays: workingDays.min(1).default(60) })
      .strict()
      .default({ defaultWorkingDays: 20, maxWorkingDays: 60 }),
    severityStartRung: z
      .object({ DISTRICT: rung.default(2), MUNICIPAL: rung.default(2), PROVINCIAL: rung.default(3) })
      .strict()
      .default({ ...SEVERITY_START_RUNG }),
    requireEvidence: z.boolean().default(false),
  })
  .strict();

/** A policy of the right shape, every default filled in. */
export type TaskPolicyFields = z.output<typeof taskPolicyFields>;

/** What is wrong with one field of a policy whose shape is right: its path in the policy, and why. */
export interface PolicyProblem {
  path: (string | number)[];
  message: Said;
}

/**
 * What a well-shaped policy's fields do not mean together (the ladder's rungs out of order, a pause longer than its
 * maximum, a reminder listed twice...), every problem at once.
 */
export function policyProblems(p: TaskPolicyFields): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const { escalation: e, pause, severityStartRung: r } = p;
  if (e.l3AfterWorkingDays <= e.l2AfterWorkingDays) {
    const after = `须晚于二级督办（期限后${e.l2AfterWorkingDays}个工作日）`;
    const en = `L3 must come after L2 (${e.l2AfterWorkingDays} working days after the limit)`;
    problems.push({ path: ['escalation', 'l3AfterWorkingDays'], message: said(after, en) });
  }
  if (pause.maxWorkingDays < pause.defaultWorkingDays) {
    problems.push({
      path: ['pause', 'defaultWorkingDays'],
      message: said('默认挂账期限不得超过最长期限', 'the default pause must not exceed the maximum'),
    });
  }
  if (r.DISTRICT > r.MUNICIPAL || r.MUNICIPAL > r.PROVINCIAL) {
    problems.push({
      path: ['severityStartRung'],
      message: said(
        '上级领导批示的起始督办级别不得低于下级',
        'a higher leader’s instruction must not start the ladder lower',
      ),
    });
  }
  p.remindWorkingDaysBefore.forEach((day, i) => {
    if (p.remindWorkingDaysBefore.indexOf(day) !== i) {
      problems.push({
        path: ['remindWorkingDaysBefore', i],
        message: said('提醒日重复列出', 'lists a reminder twice'),
      });
    }
  });
  return problems;
}

/** One task type's policy, shape and meaning: the deployment's file and an organisation's file parse with it. */
export const taskPolicySchema = taskPolicyFields.superRefine((policy, ctx) => {
  for (const problem of policyProblems(policy)) {
    ctx.addIssue({
      code: 'custom',
      path: problem.path,
      message: schemaMessage(problem.message.zh, problem.message.en),
    });
  }
});

const fileSchema = z
  .object({ types: z.array(taskPolicySchema).min(1) })
  .strict()
  .refine((f) => new Set(f.types.map((t) => t.type)).size === f.types.length, 'a type is listed twice');

/** The task types by name. */
export type TaskPolicies = ReadonlyMap<string, TaskPolicy>;

/** Reads and validates the task policy file; a bad file stops start-up naming the field. */
export function loadTaskPolicies(file: string): TaskPolicies {
  const parsed = fileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`${file}: invalid task policies:\n  ${problems.join('\n  ')}`);
  }
  return new Map(parsed.data.types.map((t) => [t.type, t]));
}

/**
 * The task types an organisation works with: the deployment's, each replaced by the organisation's own type of the
 * same name, and the organisation's other types added (its file's `taskPolicies`).
 */
export function withOrganisationPolicies(deployment: TaskPolicies, own: readonly TaskPolicy[]): TaskPolicies {
  if (own.length === 0) return deployment;
  return new Map([...deployment, ...own.map((t): [string, TaskPolicy] => [t.type, t])]);
}
