import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { fromProject } from './paths';

/** Where the case-collaboration policies live (协同办案; no environment key: one file per installation). */
export const COLLABORATION_FILE = 'config/collaboration.yaml';

const workingDays = z.number().int().min(1).max(60);

/** Case teams (办案组): the sign-for limit of a secondment request (抽调函) and its ladder. */
export const caseTeamsSchema = z
  .object({
    signForWorkingDays: workingDays.default(2),
    escalateAfterWorkingDays: workingDays.default(2),
  })
  .strict();

/**
 * The whole file: one section per procedure of case collaboration, each with its own schema and defaults, so that
 * a section is added by adding its line here.
 */
export const collaborationSchema = z
  .object({
    caseTeams: caseTeamsSchema.default({ signForWorkingDays: 2, escalateAfterWorkingDays: 2 }),
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
