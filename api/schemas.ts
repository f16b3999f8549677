import { z } from 'zod';

/** Ids of units, people and tasks: short ASCII, so they are safe in URLs and workflow ids. */
export const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected an id of a-z, 0-9 and -');

/** A moment, answered as an ISO 8601 string whether the database gave a Date or a string. */
export const timestamp = z
  .union([z.date(), z.string()])
  .transform((v) => new Date(v).toISOString())
  .pipe(z.iso.datetime());

/**
 * Free text from a person: trimmed, bounded, and without NUL (U+0000), which PostgreSQL cannot store and
 * which no person types.
 */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex -- matching NUL is the point
    .regex(/^[^\u0000]*$/, 'must not contain NUL (U+0000)');

/** A moment given in a query, with any UTC offset, normalised to UTC for the database. */
const instant = z.iso
  .datetime({ offset: true })
  .transform((v) => new Date(v).toISOString())
  .pipe(z.iso.datetime());

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, at most 200'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('Rows to skip'),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const unitSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  kind: z.enum(['OFFICE', 'DEPARTMENT', 'TOWN', 'VILLAGE', 'GROUP']),
  level: z.number().int(),
  parentId: z.string().nullable(),
  zoneId: z.string().nullable(),
  zoneName: z.string().nullable(),
  headId: z.string().nullable(),
  leaderId: z.string().nullable(),
  groupMember: z.boolean(),
});

export const personSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  unitId: z.string(),
  title: z.string(),
  roles: z.array(z.string()),
});

const isoDate = z.iso.date().describe('A local date (Asia/Shanghai); the deadline ends 24:00 that day');

export const createTaskBody = z
  .object({
    title: text(200),
    leadUnitId: id.describe('Lead unit (牵头单位)'),
    coUnitIds: z.array(id).max(50).default([]).describe('Co-organising units (协办单位)'),
    leaderId: id.describe('Responsible leader (分管领导)'),
    requirements: text(5_000).describe('Task requirements (任务要求)'),
    standard: text(5_000).describe('Acceptance standard (落实标准)'),
    dueDate: isoDate,
  })
  .strict();

export const cancelTaskBody = z.object({ reason: text(1_000).describe('Why (撤销理由)') }).strict();

export const timelineEntrySchema = z.object({
  step: z.string(),
  kind: z.string(),
  message: z.string(),
  actorId: z.string().nullable(),
  at: timestamp,
});

export const taskSchema = z.object({
  id: z.string(),
  workflowId: z.string(),
  orgId: z.string(),
  title: z.string(),
  leadUnitId: z.string(),
  coUnitIds: z.array(z.string()),
  leaderId: z.string(),
  requirements: z.string(),
  standard: z.string(),
  dueDate: z.string(),
  dueAt: timestamp,
  state: z.string(),
  light: z.string(),
  createdBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  timeline: z.array(timelineEntrySchema),
});

export const startedTaskSchema = z.object({ id: z.string(), workflowId: z.string(), dueDate: z.string() });
export const taskStatusSchema = z.object({
  taskId: z.string(),
  state: z.string(),
  light: z.string(),
  dueAt: z.string().optional(),
});

export const auditQuery = z
  .object({
    limit: pageQuery.limit,
    before: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional()
      .describe('Cursor: only entries older than this id'),
    action: text(64).optional(),
    objectType: text(64).optional(),
    objectId: text(128).optional(),
    actorId: id.optional(),
    outcome: z.enum(['DONE', 'REFUSED']).optional(),
    from: instant.optional().describe('Entries at or after this moment'),
    to: instant.optional().describe('Entries before this moment'),
  })
  .strict();

export const auditEntrySchema = z.object({
  id: z.string(),
  at: timestamp,
  orgId: z.string().nullable(),
  actorId: z.string().nullable(),
  actorRoles: z.array(z.string()),
  tokenId: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  payload: z.unknown(),
  outcome: z.enum(['DONE', 'REFUSED']),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextBefore: z.string().nullable().describe('Pass as `before` for the next page; null on the last page'),
});
