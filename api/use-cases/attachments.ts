import busboy from 'busboy';
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Files } from '../../activities/files/config';
import { sniff } from '../../activities/files/sniff';
import type { AttachedFile } from '../../procedures/kernel/files';
import type { Staged } from '../../activities/files/store';
import {
  attachmentsByStep,
  attachmentsOf,
  countAttachments,
  findAttachment,
  insertAttachment,
  type AttachmentRow,
} from '../../db/queries/attachments';
import { appendAudit } from '../../db/queries/audit';
import { auditActorOf, auditingRefusals, auditRefusal, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, parseInput, said, type FieldProblem } from '../errors';
import type { Action } from '../policy';
import { isOwnerType, OWNERS, type AttachmentOwner, type OwnerType } from './attachment-owners';

/** What an attachment proves: the step of a procedure it was given with (none: the task at large). */
export const PURPOSES = [
  'PROGRESS',
  'SUBMISSION',
  'EXTENSION',
  'PAUSE',
  'SELF_CHECK',
  'FINDING',
  'STATEMENT',
  'COMMENT',
] as const;

const purposeField = z.object({ purpose: z.enum(PURPOSES).optional() }).strict();

const MALFORMED = AppError.badRequest(
  said('上传的表单格式有误，请以 multipart/form-data 上传', 'The multipart/form-data body is malformed'),
  [{ field: 'body', message: said('multipart 表单格式有误', 'malformed multipart form') }],
);

const MISSING = said('附件不存在', 'There is no such attachment');

/** The API's view of an attachment row. */
export const attachmentOf = (a: AttachmentRow) => ({
  id: a.id,
  ownerType: a.ownerType,
  ownerId: a.ownerId,
  purpose: a.purpose,
  fileName: a.fileName,
  contentType: a.contentType,
  size: a.size,
  sha256: a.sha256,
  uploadedBy: a.uploadedBy,
  createdAt: a.createdAt,
  step: a.step,
  href: `/v1/attachments/${a.id}`,
});

/** A file as the timeline entry of the step it was given with lists it. */
export const stepAttachmentOf = (a: AttachmentRow) => ({
  id: a.id,
  fileName: a.fileName,
  contentType: a.contentType,
  size: a.size,
  href: `/v1/attachments/${a.id}`,
});

/**
 * The files given with each step of a workflow (佐证材料), for its timeline: `filesOf(step)` spreads into the step's
 * entry (nothing for a step without files). The entries a caller reads are already in their scope, and so are these.
 */
export async function stepFiles(deps: AppDeps, orgId: string, workflowId: string) {
  const byStep = await attachmentsByStep(deps.db, orgId, workflowId);
  return (step: string) => {
    const files = byStep.get(step);
    return files ? { attachments: files.map(stepAttachmentOf) } : {};
  };
}

const filesIn = (deps: AppDeps): Files => {
  if (!deps.files) throw AppError.unavailable(said('附件存储未配置', 'No file store is configured'));
  return deps.files;
};

/** A file name as given, without a client's folder path or control characters, at most 255 characters. */
export function fileNameOf(given: string | undefined): string {
  const base = (given ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...clean].slice(0, 255).join('') || '附件';
}

interface Received {
  staged?: Staged;
  fileName?: string;
  truncated: boolean;
  fields: Record<string, string>;
  extraFiles: boolean;
}

/**
 * Reads a multipart/form-data upload: one part `file` (streamed to the store's staging place, never held whole),
 * and the text field `purpose`. An interrupted request leaves nothing: the staged bytes are removed.
 */
function receive(req: Request, files: Files): Promise<Received> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: files.maxBytes, files: 1, fields: 4, fieldSize: 256, parts: 8 },
      });
    } catch {
      return reject(
        AppError.badRequest(said('请以 multipart/form-data 上传文件', 'Upload the file as multipart/form-data'), [
          { field: 'header.content-type', message: said('须为 multipart/form-data', 'expected multipart/form-data') },
        ]),
      );
    }
    const got: Received = { truncated: false, fields: {}, extraFiles: false };
    let staging: Promise<Staged | undefined> | undefined;
    let failed = false;
    const fail = async (err: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      const staged = await staging?.catch(() => undefined);
      await staged?.drop();
      reject(err);
    };
    parser.on('file', (name, stream, info) => {
      // After a failure the parser may still hand over a part of the chunk it was reading: nothing is staged then.
      if (failed || name !== 'file' || staging) {
        got.extraFiles = true;
        stream.resume();
        return;
      }
      got.fileName = fileNameOf(info.filename);
      stream.on('limit', () => {
        got.truncated = true;
      });
      staging = files.store.stage(stream);
      staging.catch((err: unknown) => void fail(err));
    });
    parser.on('filesLimit', () => {
      got.extraFiles = true;
    });
    parser.on('field', (name, value) => {
      got.fields[name] = value;
    });
    // The form itself is broken (a malformed part header, a body cut before its last boundary): the client's fault.
    parser.on('error', () => void fail(MALFORMED));
    parser.on('close', () => {
      void (async () => {
        try {
          got.staged = await staging;
        } catch (err) {
          return fail(err);
        }
        if (failed) return got.staged?.drop();
        resolve(got);
      })();
    });
    // A request cut off before its end: the parser and the file stream fail, the staged bytes are removed.
    req.on('close', () => {
      if (!req.complete) parser.destroy(new Error('the upload was interrupted'));
    });
    req.pipe(parser);
  });
}

const MB = 1024 * 1024;
const sizeText = (bytes: number) => (bytes % MB === 0 ? `${bytes / MB} MB` : `${bytes} 字节`);

/**
 * Uploads a file to what it will prove (POST …/attachments): a task, one unit's part of an inspection round or a case,
 * by whoever its owner lets upload (attachment-owners.ts); refusals are audited.
 */
export async function uploadTo(deps: AppDeps, caller: Caller, type: OwnerType, ownerId: string, req: Request) {
  const files = filesIn(deps);
  const owner = await auditingRefusals(deps, caller, 'attachment.upload', { type, id: ownerId }, () =>
    OWNERS[type].find(deps, caller, ownerId, 'upload'),
  );
  const refuse = async (err: AppError) => {
    await auditRefusal(deps, caller, 'attachment.upload', owner, err.message);
    return err;
  };
  const got = await receive(req, files);
  const staged = got.staged;
  try {
    const { purpose } = parseInput(purposeField, got.fields, 'body');
    if (got.extraFiles || !staged) {
      throw AppError.badRequest(said('请上传一个文件（字段 file）', 'Upload one file, in the part named file'), [
        { field: 'body.file', message: said('须为一个文件', 'expected exactly one file') },
      ]);
    }
    if (got.truncated) {
      throw await refuse(
        new AppError(
          'payload-too-large',
          413,
          said(
            `文件超过 ${sizeText(files.maxBytes)} 的上限`,
            `The file is larger than the limit of ${files.maxBytes} bytes`,
          ),
        ),
      );
    }
    if (staged.size === 0) {
      throw AppError.badRequest(said('文件为空', 'The file is empty'), [
        { field: 'body.file', message: said('文件为空', 'empty file') },
      ]);
    }
    const what = sniff(staged.head, staged.head.length === staged.size);
    if (!what.accepted) {
      throw await refuse(
        new AppError(
          'unsupported-media-type',
          415,
          said(
            `不接受此类文件（按内容识别为 ${what.type}）：可上传 PDF、图片（PNG、JPEG、GIF、WebP）、Office 文档和纯文本`,
            `Files of this type are not accepted (its content is ${what.type}): PDF, images (PNG, JPEG, GIF, WebP), Office documents and plain text are`,
          ),
        ),
      );
    }
    if ((await countAttachments(deps.db, owner, purpose ?? null)) >= files.maxPerStep) {
      throw await refuse(
        AppError.conflict(
          said(
            `此项已有 ${files.maxPerStep} 个附件，达到上限`,
            `This step already has ${files.maxPerStep} attachments, the limit`,
          ),
        ),
      );
    }
    const storageKey = await staged.keep();
    const row = await insertAttachment(deps.db, {
      id: `att-${randomBytes(16).toString('hex')}`,
      orgId: owner.orgId,
      ownerType: owner.type,
      ownerId: owner.id,
      purpose: purpose ?? null,
      uploadedBy: caller.identity.personId,
      fileName: got.fileName ?? '附件',
      contentType: what.type,
      size: staged.size,
      sha256: staged.sha256,
      storageKey,
    });
    await appendAudit(deps.db, {
      ...auditActorOf(caller),
      action: 'attachment.upload',
      objectType: 'attachment',
      objectId: row.id,
      payload: { ownerType: owner.type, ownerId: owner.id, purpose: row.purpose, size: row.size, sha256: row.sha256 },
      outcome: 'DONE',
    });
    return attachmentOf(row);
  } catch (err) {
    await staged?.drop();
    throw err;
  }
}

/**
 * The files an action is given with (`attachmentIds`, 佐证材料): each the caller's own upload to the action's owner (the
 * task, the unit's part of the round, the case), not yet given with another step, and no more than a step may carry.
 * 422 naming every id that is not, all at once; an id of another owner's file reads as one that does not exist.
 * Answers the ids with their names, in the order given.
 */
export async function filesForStep(
  deps: AppDeps,
  caller: Caller,
  owner: AttachmentOwner,
  ids: readonly string[],
): Promise<AttachedFile[]> {
  const files = filesIn(deps);
  const rows = new Map((await attachmentsOf(deps.db, owner.orgId, owner, ids)).map((r) => [r.id, r]));
  const here = OWNERS[owner.type].here;
  const problems: FieldProblem[] = [];
  if (ids.length > files.maxPerStep) {
    problems.push({
      field: 'body.attachmentIds',
      message: said(`一次最多附 ${files.maxPerStep} 个文件`, `at most ${files.maxPerStep} files with one action`),
    });
  }
  ids.forEach((id, i) => {
    const row = rows.get(id);
    const field = `body.attachmentIds[${i}]`;
    const problem = !row
      ? said(`没有这个附件，请先上传到${here.zh}`, `no such attachment of ${here.en}: upload it first`)
      : ids.indexOf(id) !== i
        ? said('重复附上同一文件', 'the same file is given twice')
        : row.uploadedBy !== caller.identity.personId
          ? said('只能附上本人上传的文件', 'only your own uploads may be given')
          : row.step !== null
            ? said('该文件已随其他操作提交', 'the file was already given with another step')
            : undefined;
    if (problem) problems.push({ field, message: problem });
  });
  if (problems.length > 0) {
    throw new AppError(
      'invalid-attachments',
      422,
      said('所附文件有误，请逐项核对', 'Some of the files given cannot go with this action'),
      problems,
    );
  }
  return ids.map((id) => ({ id, fileName: rows.get(id)!.fileName }));
}

/**
 * The files given with `action` on `owner` (none given: undefined), as `filesForStep` checks them; its 422 is audited
 * as a refusal of the action on `ref`.
 */
export async function filesGiven(
  deps: AppDeps,
  caller: Caller,
  { action, ref }: { action: Action; ref: { type: string; id: string } },
  owner: AttachmentOwner,
  ids: readonly string[] | undefined,
): Promise<{ attachments?: AttachedFile[] }> {
  if (!ids?.length) return {};
  return {
    attachments: await auditingRefusals(deps, caller, action, ref, () => filesForStep(deps, caller, owner, ids)),
  };
}

/** The attachments of a task, a unit's part of a round or a case (GET …/attachments): whoever sees their owner. */
export async function attachmentsOfOwner(deps: AppDeps, caller: Caller, type: OwnerType, ownerId: string) {
  const owner = await OWNERS[type].find(deps, caller, ownerId, 'read');
  const rows = await attachmentsOf(deps.db, owner.orgId, owner);
  return { items: rows.map(attachmentOf) };
}

/** What a browser may show as a preview: images and PDFs (their type read from their content at upload). */
export const previewable = (contentType: string) =>
  contentType.startsWith('image/') || contentType === 'application/pdf';

/** RFC 6266 / 5987: an ASCII fallback name and the name as given, percent-encoded in UTF-8. */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends an attachment (GET /v1/attachments/{id}), streamed from the store: whoever sees its owner. One outside the
 * caller's scope is the same 404 as a missing one, whatever the caller's roles.
 */
export async function downloadAttachment(
  deps: AppDeps,
  caller: Caller,
  id: string,
  res: Response,
  inline = false,
): Promise<void> {
  const files = filesIn(deps);
  const row = await findAttachment(deps.db, id);
  const seen =
    row &&
    row.orgId === caller.identity.orgId &&
    isOwnerType(row.ownerType) &&
    (await OWNERS[row.ownerType].find(deps, caller, row.ownerId, 'read').then(
      () => true,
      (err: unknown) => {
        if (err instanceof AppError) return false;
        throw err;
      },
    ));
  if (!row || !seen) {
    await appendAudit(deps.db, {
      ...auditActorOf(caller),
      action: 'attachment.download',
      objectType: 'attachment',
      objectId: id,
      outcome: 'REFUSED',
      reason: row ? 'outside the caller’s scope' : 'no such attachment',
    });
    throw AppError.notFound(MISSING);
  }
  const body = await files.store.open(row.storageKey);
  await appendAudit(deps.db, {
    ...auditActorOf(caller),
    action: 'attachment.download',
    objectType: 'attachment',
    objectId: row.id,
    payload: { ownerType: row.ownerType, ownerId: row.ownerId },
    outcome: 'DONE',
  });
  // A preview (`inline`) of what a browser shows without running anything of the file's: an image, or a PDF in the
  // browser's own viewer (which a sandbox would block), framed by the workspace alone. Anything else downloads.
  const preview = inline && previewable(row.contentType);
  res.status(200).set({
    'content-type': row.contentType,
    'content-length': String(row.size),
    'content-disposition': contentDisposition(row.fileName, preview ? 'inline' : 'attachment'),
    'x-content-type-options': 'nosniff',
    'content-security-policy': preview
      ? "default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'self'"
      : "default-src 'none'; sandbox",
  });
  await pipeline(body, res);
}
