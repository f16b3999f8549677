import { z } from 'zod';
import { text, timestamp } from '../schemas';

/** What the version routes of every kind of the office's rules (issue 22, `/v1/rules/<kind>`) share. */

/**
 * A version's number in a path or query: decimal digits only. Coercion alone would read `1e3` as 1000, `0x10` as 16,
 * ` 1` as 1 and a blank as 0 (the number of no version): a careless client's typo would name another version.
 */
export const versionNumber = z.preprocess(
  (v) => (typeof v === 'string' && !/^[0-9]+$/.test(v) ? Number.NaN : v),
  z.coerce.number().int().min(1).max(1_000_000),
);

export const versionParams = z.object({ n: versionNumber.describe('The version’s number, from 1') }).strict();

export const diffQuery = z.object({ from: versionNumber, to: versionNumber }).strict();

export const versionEntrySchema = z.object({
  version: z.number().int(),
  authorId: z.string(),
  at: timestamp,
  reason: z.string(),
  restoredFrom: z.number().int().nullable().describe('The version a restore copied; null for an edit or a file load'),
});

export const baseVersion = z
  .number()
  .int()
  .min(0)
  .max(1_000_000)
  .describe('The version in force the edit was based on (0 for none); another is 409');

export const reason = text(1_000).describe('Why');

export const restoreBody = z.object({ baseVersion, reason }).strict();

/** An edit of a kind whose content has the shape `content`. */
export const publishBodyOf = <S extends z.ZodType>(content: S) => z.object({ baseVersion, reason, content }).strict();

/** A kind's rules in force: its version (0: none published, the deployment's or file's as loaded) and every version. */
export const rulesSchemaOf = <K extends string, S extends z.ZodType>(kind: K, content: S, unpublished: string) =>
  z.object({
    kind: z.literal(kind),
    version: z.number().int().describe(`The version in force; 0: none published yet, ${unpublished}`),
    content,
    versions: z.array(versionEntrySchema).describe('Every version, newest first'),
  });

/** One change of a diff of a kind whose content is fields and a list (`config/rule-content.ts`' `RuleChange`). */
export const ruleChangeSchema = (item: string) =>
  z.object({
    field: z.string().nullable().describe('e.g. `statementWorkingDays`, `name`; null for an item added or removed'),
    item: z.string().nullable().describe(`The list item concerned (${item}); null for a field of the content`),
    change: z.enum(['ADDED', 'REMOVED', 'CHANGED']),
    before: z.unknown(),
    after: z.unknown(),
    text: z.string().describe('The change in a sentence (Chinese), e.g. 「说明情况时限由5个工作日改为3个工作日」'),
  });
