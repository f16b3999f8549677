import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { SEVERITY_START_RUNG, type TaskPolicy } from '../procedures/task/messages';

const workingDays = z.number().int().min(0).max(250);
/** A rung of the escalation ladder: 1 (一级督办) to 3 (三级督办). */
const rung = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** One task type's policy; every field defaults to DOMAIN.md's value. */
export const taskPolicySchema = z
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
      .refine((e) => e.l3AfterWorkingDays > e.l2AfterWorkingDays, 'L3 must come after L2')
      .default({ l2AfterWorkingDays: 3, l3AfterWorkingDays: 10 }),
    extensionDecidedBy: z.enum(['OFFICE', 'LEADER']).default('OFFICE'),
    pause: z
      .object({ defaultWorkingDays: workingDays.min(1).default(20), maxWorkingDays: workingDays.min(1).default(60) })
      .strict()
      .refine((p) => p.maxWorkingDays >= p.defaultWorkingDays, 'the default pause must not exceed the maximum')
      .default({ defaultWorkingDays: 20, maxWorkingDays: 60 }),
    severityStartRung: z
      .object({ DISTRICT: rung.default(2), MUNICIPAL: rung.default(2), PROVINCIAL: rung.default(3) })
      .strict()
      .refine(
        (r) => r.DISTRICT <= r.MUNICIPAL && r.MUNICIPAL <= r.PROVINCIAL,
        'a higher leader’s instruction must not start the ladder lower',
      )
      .default({ ...SEVERITY_START_RUNG }),
    requireEvidence: z.boolean().default(false),
  })
  .strict();

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
