import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { fromProject } from './paths';

/** Where the case-collaboration policies live (no environment key: one file per installation). */
export const COLLABORATION_FILE = 'config/collaboration.yaml';

const workingDays = z.number().int().min(1).max(120);

/** Referrals (移送): the two feedback deadlines and the ladder's second rung, in working days. */
export const referralsSchema = z
  .object({
    acceptWorkingDays: workingDays.default(7),
    resultWorkingDays: workingDays.default(30),
    escalateAfterWorkingDays: workingDays.default(3),
  })
  .strict();

export type ReferralsConfig = z.output<typeof referralsSchema>;

/**
 * The file's sections, one per procedure of case collaboration (referrals; case teams and rotation add theirs here).
 * Sections left out take their defaults; an unknown top-level key is allowed, so a section can be added alone.
 */
export const collaborationSchema = z.object({
  referrals: referralsSchema.default(referralsSchema.parse({})),
});

export type CollaborationConfig = z.output<typeof collaborationSchema>;

/** Reads and validates the collaboration file; a bad file stops start-up naming the field. */
export function loadCollaboration(file = fromProject(COLLABORATION_FILE)): CollaborationConfig {
  const parsed = collaborationSchema.safeParse(parse(readFileSync(file, 'utf8')) ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`${file}: invalid collaboration policy:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
