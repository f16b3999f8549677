import http from 'node:http';
import { issueToken } from '../../db/queries/tokens';
import type { ApiClient } from './use-test-stack';
import type { TestStack } from './test-stack';

const year = new Date().getUTCFullYear() + 1;

/** A small real PDF (text, one page) and a 1×1 PNG, as a unit would scan or photograph them. */
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

type People = { office: ApiClient; head: ApiClient; t: TestStack };

/** What the attachment tests share, whichever store the stack uses; `stored` lists what the store holds. */
export function attachmentsTestKit(
  stack: People,
  contents: () => Promise<{ stored: string[]; staging: string[] }> | { stored: string[]; staging: string[] },
) {
  const newTask = async (title: string, type = 'ROUTINE') => {
    const created = await stack.office('POST', '/v1/tasks', {
      title,
      type,
      leadUnitId: 'town-dongguan',
      coUnitIds: [],
      leaderId: 'p-wang-hongmei',
      requirements: '按要求报送佐证材料',
      standard: '佐证材料齐全',
      dueDate: `${year}-03-31`,
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  /** Uploads `bytes` to `at` (an owner's `…/attachments`) as the part `file` named `name`, as a browser's form does. */
  const uploadTo = async (who: ApiClient, at: string, bytes: Buffer, name: string, purpose?: string) => {
    const form = new FormData();
    if (purpose) form.set('purpose', purpose);
    form.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
    const req = new Request('http://x', { method: 'POST', body: form });
    const contentType = req.headers.get('content-type') ?? '';
    const body = Buffer.from(await req.arrayBuffer());
    return who('POST', at, body, { 'content-type': contentType });
  };
  /** Uploads `bytes` to the task `taskId`. */
  const upload = (who: ApiClient, taskId: string, bytes: Buffer, name: string, purpose?: string) =>
    uploadTo(who, `/v1/tasks/${taskId}/attachments`, bytes, name, purpose);

  const tokenOf = async (personId: string) => (await issueToken(stack.t.db.pool, personId)).token;

  const roundTrip = () =>
    it('uploads, lists and downloads a file with a Chinese name; identical bytes are stored once', async () => {
      const { office, head } = stack;
      const taskId = await newTask('东关街道背街小巷整治佐证材料');
      const before = (await contents()).stored.length;
      const name = '关于“背街小巷”整治情况的报告（第1期）.pdf';
      const up = await upload(head, taskId, pdf, name, 'PROGRESS');
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({
        ownerType: 'task',
        ownerId: taskId,
        purpose: 'PROGRESS',
        fileName: name,
        contentType: 'application/pdf',
        size: pdf.length,
        uploadedBy: 'p-xie-hua',
      });
      expect(up.body.id).toMatch(/^att-[0-9a-f]{32}$/);
      expect(up.headers.get('location')).toBe(`/v1/attachments/${up.body.id}`);

      const listed = await office('GET', `/v1/tasks/${taskId}/attachments`);
      expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([up.body.id]);

      const res = await fetch(`${stack.t.stack.apiUrl}/v1/attachments/${up.body.id}`, {
        headers: { authorization: `Bearer ${await tokenOf('p-huang-min')}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const disposition = res.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '')).toBe(name);
      expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);

      const again = await upload(head, taskId, pdf, '同一份报告.pdf');
      expect(again.status).toBe(201);
      expect(again.body.sha256).toBe(up.body.sha256);
      expect(again.body.id).not.toBe(up.body.id);
      expect((await contents()).stored.length).toBe(before + 1);
      expect((await contents()).staging).toEqual([]);

      const audit = await office('GET', `/v1/audit?action=attachment.upload&objectId=${up.body.id}`);
      expect(audit.body.items.map((a: { outcome: string }) => a.outcome)).toEqual(['DONE']);
      const downloads = await office('GET', `/v1/audit?action=attachment.download&objectId=${up.body.id}`);
      expect(downloads.body.items.map((a: { outcome: string }) => a.outcome)).toEqual(['DONE']);
    });

  /** Starts an upload of 600 kB as 东关街道's head and cuts the connection after 200 kB. */
  const cutOff = async (taskId: string) => {
    const token = await tokenOf('p-xie-hua');
    const url = new URL(`${stack.t.stack.apiUrl}/v1/tasks/${taskId}/attachments`);
    const boundary = 'heli-cut-off';
    await new Promise<void>((resolve) => {
      const req = http.request(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(600_000),
        },
      });
      req.on('error', () => resolve());
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="中断.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      );
      req.write(Buffer.concat([pdf, Buffer.alloc(200_000, 0x20)]));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
    await new Promise((r) => setTimeout(r, 500));
  };

  return { newTask, upload, uploadTo, tokenOf, roundTrip, cutOff, pdf, png };
}

/** A multipart/form-data body as a browser's form sends it: the part `file` named `name`, and text `fields`. */
export function multipart(bytes: Buffer, name: string, fields: Record<string, string> = {}) {
  const boundary = `----heli-${Math.random().toString(16).slice(2)}`;
  const quoted = (s: string) => s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(k)}"\r\n\r\n${v}\r\n`,
  );
  const body = Buffer.concat([
    Buffer.from(parts.join(''), 'utf8'),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(name)}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
      'utf8',
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * The 422 of an action given, in this order, a file already given, one of another owner, another person's, a fresh
 * one, the fresh one again and a missing id, with at most 3 files a step: every problem named at once, another
 * owner's file read as a missing one. Answers the messages, in the order of the fields.
 */
export function expectEveryFileRefused(refused: { status: number; body: Record<string, unknown> }) {
  expect(refused.status).toBe(422);
  const errors = refused.body.errors as { field: string; message: string }[];
  expect(errors.map((e) => e.field)).toEqual([
    'body.attachmentIds',
    'body.attachmentIds[0]',
    'body.attachmentIds[1]',
    'body.attachmentIds[2]',
    'body.attachmentIds[4]',
    'body.attachmentIds[5]',
  ]);
  const messages = errors.map((e) => e.message);
  expect(messages[1]).toContain('已随其他操作提交');
  expect(messages[2]).toBe(messages[5]);
  expect(messages[3]).toContain('本人上传');
  expect(messages[4]).toContain('重复');
  return messages;
}

/** The small PDF the attachment tests upload. */
export const samplePdf = pdf;
