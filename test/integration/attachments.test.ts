import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useTestStack } from '../support/use-test-stack';
import { DONGGUAN_HEAD, LEADER, OFFICE, XICHENG_HEAD } from '../support/people';
import { attachmentsTestKit } from '../support/attachments';

/** Issue 21 item 1 over HTTP: attachments (佐证材料) in the directory store. */
const fileDir = mkdtempSync(path.join(os.tmpdir(), 'heli-files-'));
const MAX = 1024 * 1024;

/** Files under the store's root: the stored ones (by hash) and whatever sits in staging. */
function storeContents() {
  const all = readdirSync(fileDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return {
    stored: all.filter((e) => !e.parentPath.includes('.staging')).map((e) => e.name),
    staging: all.filter((e) => e.parentPath.includes('.staging')).map((e) => e.name),
  };
}

describe('attachments (佐证材料) in the directory store', () => {
  const stack = useTestStack(
    { office: OFFICE, head: DONGGUAN_HEAD, other: XICHENG_HEAD, leader: LEADER, observer: 'p-bai-xue' },
    { FILE_DIR: fileDir, FILE_MAX_BYTES: String(MAX), FILE_MAX_PER_STEP: '3' },
  );
  const kit = attachmentsTestKit(stack, storeContents);

  kit.roundTrip();

  it('keeps the task’s scope: another town and an observer get the 404 of a missing attachment', async () => {
    const { office, head, other, leader, observer } = stack;
    const taskId = await kit.newTask('东关街道老旧小区改造佐证材料');
    const up = await kit.upload(head, taskId, kit.pdf, '改造前照片说明.pdf');
    expect(up.status).toBe(201);
    const missing = await office('GET', '/v1/attachments/att-00000000000000000000000000000000');
    expect(missing.status).toBe(404);
    for (const who of [other, observer]) {
      const refused = await who('GET', `/v1/attachments/${up.body.id}`);
      expect(refused.status).toBe(404);
      expect(refused.body.detail).toBe(missing.body.detail);
    }
    expect((await other('GET', `/v1/tasks/${taskId}/attachments`)).status).toBe(404);
    expect((await kit.upload(other, taskId, kit.pdf, 'x.pdf')).status).toBe(404);
    // The leader sees the task and its files but attaches none (403); the office attaches.
    expect((await leader('GET', `/v1/attachments/${up.body.id}`)).status).toBe(200);
    expect((await kit.upload(leader, taskId, kit.pdf, 'x.pdf')).status).toBe(403);
    expect((await kit.upload(office, taskId, kit.png, '督办通知.png')).status).toBe(201);
    const refusals = await office('GET', `/v1/audit?action=attachment.download&outcome=REFUSED`);
    expect(refusals.body.items.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a file over the limit with 413 naming it, and an executable named .pdf with 415 naming its type', async () => {
    const { head } = stack;
    const taskId = await kit.newTask('东关街道违建整治佐证材料');
    const before = storeContents().stored.length;
    const big = Buffer.concat([kit.pdf, Buffer.alloc(MAX, 0x20)]);
    const tooBig = await kit.upload(head, taskId, big, '大文件.pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.detail).toContain('1 MB');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(2000, 1)]);
    const spoofed = await kit.upload(head, taskId, elf, '整改报告.pdf');
    expect(spoofed.status).toBe(415);
    expect(spoofed.body.detail).toContain('application/x-elf');
    const zip = await kit.upload(head, taskId, Buffer.from('PK\u0003\u0004 plain zip, no office part'), 'a.docx');
    expect(zip.status).toBe(415);
    expect((await head('GET', `/v1/tasks/${taskId}/attachments`)).body.items).toEqual([]);
    expect(storeContents().staging).toEqual([]);
    expect(storeContents().stored.length).toBe(before);
  });

  it('takes at most FILE_MAX_PER_STEP files a step (409 beyond)', async () => {
    const { head } = stack;
    const taskId = await kit.newTask('东关街道消防通道清理佐证材料');
    for (let i = 0; i < 3; i++) {
      const text = Buffer.from(`第${i + 1}次进展：已清理通道 ${i + 1} 处\n`, 'utf8');
      expect((await kit.upload(head, taskId, text, `进展${i + 1}.txt`, 'PROGRESS')).status).toBe(201);
    }
    const fourth = await kit.upload(head, taskId, Buffer.from('第4次进展\n'), '进展4.txt', 'PROGRESS');
    expect(fourth.status).toBe(409);
    expect((await kit.upload(head, taskId, kit.pdf, '报送.pdf', 'SUBMISSION')).status).toBe(201);
    expect((await kit.upload(head, taskId, kit.pdf, 'x.pdf', 'NONSENSE')).status).toBe(400);
  });

  it('leaves nothing behind when an upload is cut off midway', async () => {
    const taskId = await kit.newTask('东关街道垃圾分类佐证材料');
    const before = storeContents().stored.length;
    await kit.cutOff(taskId);
    expect((await stack.head('GET', `/v1/tasks/${taskId}/attachments`)).body.items).toEqual([]);
    const { rows } = await stack.t.db.pool.query('SELECT id FROM attachments WHERE owner_id = $1', [taskId]);
    expect(rows).toEqual([]);
    expect(storeContents().staging).toEqual([]);
    expect(storeContents().stored.length).toBe(before);
  });

  it('answers a malformed form with 400, keeping nothing (found by the fuzz run: it was a 500)', async () => {
    const taskId = await kit.newTask('东关街道禁毒宣传佐证材料');
    const b = 'heli-malformed';
    // A part whose header carries control characters in its name: busboy calls it a malformed part header.
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="`),
      Buffer.from([0xf2, 0xba, 0xa0, 0xb9, 0x06, 0x06, 0x28, 0x03]),
      Buffer.from(`"\r\n\r\n-10578\r\n`),
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n台账\r\n--${b}--\r\n`,
      ),
    ]);
    const res = await stack.head('POST', `/v1/tasks/${taskId}/attachments`, body, {
      'content-type': `multipart/form-data; boundary=${b}`,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body', message: 'multipart 表单格式有误' }]);
    expect((await stack.head('GET', `/v1/tasks/${taskId}/attachments`)).body.items).toEqual([]);
    expect(storeContents().staging).toEqual([]);
  });

  it('takes an upload from the web workspace’s session (cookie and CSRF token), as the task page sends it', async () => {
    const taskId = await kit.newTask('东关街道门前三包佐证材料');
    const signIn = await fetch(`${stack.t.stack.apiUrl}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: await kit.tokenOf(DONGGUAN_HEAD) }),
    });
    expect(signIn.status).toBe(201);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(kit.png)]), '现场照片.png');
    const send = (headers: Record<string, string>) =>
      fetch(`${stack.t.stack.apiUrl}/v1/tasks/${taskId}/attachments`, { method: 'POST', headers, body: form });
    expect((await send({ cookie })).status).toBe(403);
    const sent = await send({ cookie, 'x-csrf-token': csrfToken });
    expect(sent.status).toBe(201);
    expect(await sent.json()).toMatchObject({ fileName: '现场照片.png', contentType: 'image/png' });
  });
});
