import { z } from 'zod';
import type { AppDeps } from '../deps';
import { callerOf } from '../identity';
import { defineRoute, type AnyRoute } from '../route';
import { id, text, timestamp } from '../schemas';
import { downloadAttachment, PURPOSES, taskAttachments, uploadToTask } from '../use-cases/attachments';

const attachmentSchema = z
  .object({
    id: z.string(),
    ownerType: z.string().describe('What it is attached to (`task`)'),
    ownerId: z.string(),
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

/** Attachments (佐证材料, issue 21 item 1): files that prove a unit's work, in the scope of what they belong to. */
export const attachmentRoutes = (deps: AppDeps): AnyRoute[] => [
  defineRoute({
    method: 'post',
    path: '/tasks/:id/attachments',
    summary:
      'Attach a file to a task (multipart/form-data: the part `file`, optionally the field `purpose`); ' +
      'the task’s lead and co-organising units and the office. Its type is read from its content.',
    tag: 'attachments',
    secured: true,
    params: z.object({ id }).strict(),
    upload: {
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
    },
    status: 201,
    response: attachmentSchema,
    errors: [403, 404, 409, 413, 415],
    handler: async ({ params, req, res }) => {
      const attachment = await uploadToTask(deps, callerOf(req), params.id, req);
      res.location(attachment.href);
      return attachment;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/tasks/:id/attachments',
    summary: 'A task’s attachments, oldest first: whoever sees the task',
    tag: 'attachments',
    secured: true,
    params: z.object({ id }).strict(),
    response: z.object({ items: z.array(attachmentSchema) }),
    errors: [403, 404],
    handler: ({ params, req }) => taskAttachments(deps, callerOf(req), params.id),
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
