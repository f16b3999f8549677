import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { fromProject } from './paths';

/**
 * The policies of case collaboration (协同办案, issue 18), one section per procedure in config/collaboration.yaml.
 * Each section is its own schema with its defaults; a section left out of the file takes them all. To add a
 * procedure's section: its schema below, a key in `collaborationSchema`.
 */
export const COLLABORATION_FILE = 'config/collaboration.yaml';

const workingDays = z.number().int().min(1).max(60);

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

/** The sections of the file; other sections (caseTeams, referrals) are read by their own schemas. */
export const collaborationSchema = z.looseObject({
  rotation: rotationSchema.default(rotationSchema.parse({})),
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
