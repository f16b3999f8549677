import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { CasePolicy } from '../procedures/case/messages';
import { fromProject } from './paths';

/** Where the accountability policy lives (no environment key: one file per installation). */
export const ACCOUNTABILITY_FILE = 'config/accountability.yaml';

const workingDays = z.number().int().min(1).max(60);

const DEFAULT_MEASURES = [
  { code: 'NO_ACTION', name: '不予追究' },
  { code: 'TALK', name: '约谈' },
  { code: 'ADMONISH', name: '诫勉' },
  { code: 'CRITICISM_NOTICE', name: '通报批评' },
];

/** The accountability policy; every field defaults to DOMAIN.md's value. */
export const accountabilitySchema = z
  .object({
    statementWorkingDays: workingDays.default(5),
    escalateAfterWorkingDays: workingDays.default(3),
    /** An assessment score below this opens a case. */
    assessmentThreshold: z.number().min(0).max(100).default(60),
    measures: z
      .array(
        z
          .object({
            code: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'expected an UPPER_CASE code'),
            name: z.string().min(1).max(50),
          })
          .strict(),
      )
      .min(1)
      .max(20)
      .default(DEFAULT_MEASURES)
      .refine((ms) => new Set(ms.map((m) => m.code)).size === ms.length, 'a measure code is listed twice'),
  })
  .strict();

export interface AccountabilityConfig {
  /** What every case is opened with. */
  policy: CasePolicy;
  assessmentThreshold: number;
}

/** Reads and validates the accountability file; a bad file stops start-up naming the field. */
export function loadAccountability(file = fromProject(ACCOUNTABILITY_FILE)): AccountabilityConfig {
  const parsed = accountabilitySchema.safeParse(parse(readFileSync(file, 'utf8')) ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`${file}: invalid accountability policy:\n  ${problems.join('\n  ')}`);
  }
  const { assessmentThreshold, ...policy } = parsed.data;
  return { policy, assessmentThreshold };
}
