import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { fromProject } from './paths';

/** Where the supervision network's policy lives (no environment key: one file per installation). */
export const NETWORK_FILE = 'config/network.yaml';

const workingDays = z.number().int().min(1).max(120);

/** Submissions (反映): the triage and answer deadlines and the ladder's offsets, in working days. */
export const submissionsSchema = z
  .object({
    triageWorkingDays: workingDays.default(5),
    answerWorkingDays: workingDays.default(15),
    remindBeforeWorkingDays: z.number().int().min(0).max(30).default(1),
    headAfterWorkingDays: workingDays.default(2),
  })
  .strict()
  .refine((s) => s.remindBeforeWorkingDays < s.triageWorkingDays, {
    message: 'remindBeforeWorkingDays must be less than triageWorkingDays',
    path: ['remindBeforeWorkingDays'],
  });

export type SubmissionsConfig = z.output<typeof submissionsSchema>;

/** The file's sections; a section left out takes its defaults, an unknown key is refused. */
export const networkSchema = z.object({ submissions: submissionsSchema.default(submissionsSchema.parse({})) }).strict();

export type NetworkConfig = z.output<typeof networkSchema>;

/** Reads and validates the network policy file; a bad file stops start-up naming the field. */
export function loadNetworkPolicy(file = fromProject(NETWORK_FILE)): NetworkConfig {
  const parsed = networkSchema.safeParse(parse(readFileSync(file, 'utf8')) ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`${file}: invalid network policy:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
