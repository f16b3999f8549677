import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { id, text, timestamp } from '../schemas';
import { inspectionUnitOwnerId, type OwnerType } from '../use-cases/attachment-owners';
import { attachmentsOfOwner, downloadAttachment, PURPOSES, uploadTo } from '../use-cases/attachments';

const attachmentSchema = z
  .object({
    id: z.string(),
    ownerType: z
      .string()
      .describe('What it is attached to: `task`, `inspection-unit` (one unit’s part of a round) or `case`'),
    ownerId: z.string().describe('Its id; for `inspection-unit`, `<roundId>:<unitId>`'),
    purpose: z.string().nullable().describe('The step it was given with, if any'),
    fileName: z.string().describe('The name as the uploader gave it'),
    contentType: z.string().describe('The type read from its content (not from its name)'),
    size: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.string(),
    createdAt: timestamp,
    step: z
      .string()
      .nullable()
      .describe('The timeline step it was given with (an action’s `attachmentIds`); null until given with one'),
    href: z.string().describe('Where to download it'),
  })
  .meta({ id: 'Attachment' });

const uploadForm = {
  type: 'object',
  required: ['file'],
  additionalProperties: false,
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      minLength: 1,
      description: 'The file (not empty); its name is kept as given',
    },
    purpose: { type: 'string', enum: [...PURPOSES], description: 'The step the file proves' },
  },
} as const;

/**
 * Upload and list for one kind of owner (attachment-owners.ts), `POST/GET {path}`: `ownerId` names the owner from the
 * path's parameters; `uploaders` and `readers` say who, for the summaries.
 */
function ownerRoutes<P extends z.ZodObject>(
  deps: AppDeps,
  spec: {
    type: OwnerType;
    path: string;
    what: string;
    params: P;
    ownerId: (params: z.output<P>) => string;
    uploaders: string;
    readers: string;
  },
): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: spec.path,
      summary:
        `Attach a file to ${spec.what} (multipart/form-data: the part \`file\`, optionally the field \`purpose\`); ` +
        `${spec.uploaders}. Its type is read from its content.`,
      tag: 'attachments',
      secured: true,
      params: spec.params,
      upload: uploadForm,
      status: 201,
      response: attachmentSchema,
      errors: [403, 404, 409, 413, 415],
      handler: async ({ params, req, res }) => {
        const attachment = await uploadTo(deps, callerOf(req), spec.type, spec.ownerId(params), req);
        res.location(attachment.href);
        return attachment;
      },
    }),
    defineRoute({
      method: 'get',
      path: spec.path,
      summary: `The attachments of ${spec.what}, oldest first: ${spec.readers}`,
      tag: 'attachments',
      secured: true,
      params: spec.params,
      response: z.object({ items: z.array(attachmentSchema) }),
      errors: [403, 404],
      handler: ({ params, req }) => attachmentsOfOwner(deps, callerOf(req), spec.type, spec.ownerId(params)),
    }),
  ];
}

/**
 * Attachments (佐证材料, issue 21 item 1): files that prove a unit's work, in the scope of what they belong to — a task,
 * one unit's part of an inspection round, an accountability case — and the one download route for all of them.
 */
export const attachmentRoutes = (deps: AppDeps): AnyRoute[] => [
  ...ownerRoutes(deps, {
    type: 'task',
    path: '/tasks/:id/attachments',
    what: 'a task',
    params: z.object({ id }).strict(),
    ownerId: (p) => p.id,
    uploaders: 'the task’s lead and co-organising units and the office',
    readers: 'whoever sees the task',
  }),
  ...ownerRoutes(deps, {
    type: 'inspection-unit',
    path: '/inspections/:id/units/:unitId/attachments',
    what: 'one unit’s part of an inspection round (its self-check, the findings recorded for it)',
    params: z.object({ id: text(128), unitId: id }).strict(),
    ownerId: (p) => inspectionUnitOwnerId(p.id, p.unitId),
    uploaders: 'the unit itself (自查报告) and the office (发现问题)',
    readers:
      'whoever sees that unit’s self-check in the round (the unit, its responsible leader, the office, the group); ' +
      'to another inspected unit it does not exist',
  }),
  ...ownerRoutes(deps, {
    type: 'case',
    path: '/cases/:id/attachments',
    what: 'an accountability case (its statement, 说明情况)',
    params: z.object({ id: text(128) }).strict(),
    ownerId: (p) => p.id,
    uploaders: 'the unit concerned',
    readers: 'whoever sees the case',
  }),
  defineRoute({
    method: 'get',
    path: '/attachments/:id',
    summary:
      'Download an attachment (its name in Content-Disposition, RFC 6266 filename*): whoever sees what it belongs ' +
      'to; outside the caller’s scope it is the same 404 as a missing one',
    tag: 'attachments',
    secured: true,
    params: z.object({ id: text(100) }).strict(),
    query: z
      .object({
        inline: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional()
          .describe(
            'true: shown in the browser (a preview) when it is an image or a PDF; anything else still downloads',
          ),
      })
      .strict(),
    response: z.unknown(),
    // The file's own type, as its content was read at upload (PDF, an image, an Office document, text).
    produces: '*/*',
    errors: [404],
    handler: async ({ params, query, req, res }) => {
      await downloadAttachment(deps, callerOf(req), params.id, res, query.inline ?? false);
      return undefined;
    },
  }),
];
