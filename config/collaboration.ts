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

/** Case teams (办案组): the sign-for limit of a secondment request (抽调函) and its ladder. */
export const caseTeamsSchema = z
  .object({
    signForWorkingDays: workingDays.default(2),
    escalateAfterWorkingDays: workingDays.default(2),
  })
  .strict();

/** Rotation training (轮训): the window's length in calendar months and the confirmation's deadlines. */
export const rotationSchema = z
  .object({
    minMonths: z.number().int().min(1).max(12).default(2),
    maxMonths: z.number().int().min(1).max(12).default(6),
    confirmWorkingDays: workingDays.default(5),
    escalateAfterWorkingDays: workingDays.default(3),
  })
  .strict()
  .refine((r) => r.minMonths <= r.maxMonths, { message: 'minMonths exceeds maxMonths', path: ['minMonths'] });

export type RotationPolicy = z.output<typeof rotationSchema>;

/**
 * The file's sections, one per procedure of case collaboration (协同办案), each with its own schema and defaults, so a
 * section is added by adding its line here; a section left out takes its defaults, an unknown key is refused.
 */
export const collaborationSchema = z
  .object({
    referrals: referralsSchema.default(referralsSchema.parse({})),
    caseTeams: caseTeamsSchema.default(caseTeamsSchema.parse({})),
    rotation: rotationSchema.default(rotationSchema.parse({})),
  })
  .strict();

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
