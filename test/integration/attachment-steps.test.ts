import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useTestStack } from '../support/use-test-stack';
import { DONGGUAN_HEAD, OFFICE, XICHENG_HEAD } from '../support/people';
import { attachmentsTestKit, expectEveryFileRefused } from '../support/attachments';
import { EVIDENCE_TYPE, policiesWithEvidenceType } from '../support/evidence-policy';

/**
 * Issue 21 item 1 over HTTP: files given with a task's actions (佐证材料), listed in its timeline, and a task type that
 * requires evidence for the submission, which the office may waive (recorded).
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'heli-steps-'));

type Entry = { step: string; kind: string; message: string; attachments?: { id: string; fileName: string }[] };

describe('files given with a task’s actions (佐证材料)', () => {
  const stack = useTestStack(
    { office: OFFICE, head: DONGGUAN_HEAD, other: XICHENG_HEAD },
    { FILE_DIR: path.join(dir, 'files'), FILE_MAX_PER_STEP: '3', TASK_POLICY_FILE: policiesWithEvidenceType() },
  );
  const kit = attachmentsTestKit(stack, () => ({ stored: [], staging: [] }));
  const text = (s: string) => Buffer.from(`${s}\n`, 'utf8');

  const timelineOf = async (taskId: string): Promise<Entry[]> =>
    (await stack.office('GET', `/v1/tasks/${taskId}`)).body.timeline;

  const signed = async (title: string, type = 'ROUTINE') => {
    const taskId = await kit.newTask(title, type);
    expect((await stack.head('POST', `/v1/tasks/${taskId}/sign`, {})).status).toBe(200);
    return taskId;
  };

  it('lists the files given with a progress report in its timeline entry, and binds each to that step only', async () => {
    const { office, head, other } = stack;
    const taskId = await signed('东关街道农贸市场整治');
    const photo = (await kit.upload(head, taskId, kit.png, '整治后现场照片.png')).body;
    const notes = (await kit.upload(head, taskId, text('已完成摊位规范'), '整治记录.txt')).body;
    const reported = await head('POST', `/v1/tasks/${taskId}/progress`, {
      text: '市场摊位已规范，正在清理周边占道',
      percent: 60,
      attachmentIds: [photo.id, notes.id],
    });
    expect(reported.status).toBe(200);

    const entry = (await timelineOf(taskId)).find((e) => e.kind === 'PROGRESS')!;
    expect(entry.message).toContain('附佐证材料2件：《整治后现场照片.png》、《整治记录.txt》');
    expect(entry.attachments).toEqual([
      {
        id: photo.id,
        fileName: '整治后现场照片.png',
        contentType: 'image/png',
        size: kit.png.length,
        href: photo.href,
      },
      {
        id: notes.id,
        fileName: '整治记录.txt',
        contentType: 'text/plain',
        size: text('已完成摊位规范').length,
        href: notes.href,
      },
    ]);
    // The unit reads the same entry; the task's list says which step each file went with.
    const asHead = (await head('GET', `/v1/tasks/${taskId}`)).body.timeline as Entry[];
    expect(asHead.find((e) => e.kind === 'PROGRESS')!.attachments!.map((a) => a.id)).toEqual([photo.id, notes.id]);
    const listed = (await office('GET', `/v1/tasks/${taskId}/attachments`)).body.items;
    expect(listed.map((a: { step: string }) => a.step)).toEqual([entry.step, entry.step]);
    expect((await other('GET', `/v1/tasks/${taskId}`)).status).toBe(404);

    // The audit row of the step keeps the ids.
    const audit = await office('GET', `/v1/audit?action=task.reportProgress&objectId=${taskId}`);
    expect(audit.body.items[0].payload.attachmentIds).toEqual([photo.id, notes.id]);
  });

  it('refuses, all at once and naming each, a file already given, another task’s, another person’s or given twice', async () => {
    const { office, head } = stack;
    const taskId = await signed('东关街道背街小巷照明改造');
    const elsewhere = await signed('东关街道公厕改造');
    const given = (await kit.upload(head, taskId, text('第一次进展'), '进展1.txt')).body.id as string;
    expect(
      (await head('POST', `/v1/tasks/${taskId}/progress`, { text: '已安装路灯 12 盏', attachmentIds: [given] })).status,
    ).toBe(200);
    const foreign = (await kit.upload(head, elsewhere, text('公厕'), '公厕.txt')).body.id as string;
    const offices = (await kit.upload(office, taskId, kit.pdf, '督办通知.pdf')).body.id as string;
    const fresh = (await kit.upload(head, taskId, text('第二次进展'), '进展2.txt')).body.id as string;
    const before = (await timelineOf(taskId)).length;

    const refused = await head('POST', `/v1/tasks/${taskId}/progress`, {
      text: '已安装路灯 20 盏',
      attachmentIds: [given, foreign, offices, fresh, fresh, 'att-nonexistent'],
    });
    expectEveryFileRefused(refused);
    expect(await timelineOf(taskId)).toHaveLength(before);
    const audit = await office('GET', `/v1/audit?action=task.reportProgress&outcome=REFUSED&objectId=${taskId}`);
    expect(audit.body.items).toHaveLength(1);

    // The English client reads the same problems in English.
    const en = await head(
      'POST',
      `/v1/tasks/${taskId}/progress`,
      { text: 'x', attachmentIds: [given] },
      {
        'accept-language': 'en',
      },
    );
    expect(en.body.errors[0].message).toBe('the file was already given with another step');
    // A malformed list is the request's fault: 400.
    expect((await head('POST', `/v1/tasks/${taskId}/progress`, { text: 'x', attachmentIds: [] })).status).toBe(400);
    expect((await head('POST', `/v1/tasks/${taskId}/progress`, { text: 'x', attachmentIds: 'a' })).status).toBe(400);
  });

  it('refuses a submission without evidence where the type requires it, until given or waived (recorded)', async () => {
    const { office, head } = stack;
    const taskId = await signed('东关街道食品安全检查问题整改', EVIDENCE_TYPE);
    const detail = (await office('GET', `/v1/tasks/${taskId}`)).body;
    expect(detail).toMatchObject({ evidenceRequired: true, evidenceWaived: null });
    expect(detail.actions).toContain('evidence-waiver');

    const bare = await head('POST', `/v1/tasks/${taskId}/submit`, { summary: '问题均已整改' });
    expect(bare.status).toBe(409);
    expect(bare.body.detail).toContain('此类任务报结须附佐证材料');

    const report = (await kit.upload(head, taskId, kit.pdf, '整改报告.pdf', 'SUBMISSION')).body.id as string;
    const submitted = await head('POST', `/v1/tasks/${taskId}/submit`, {
      summary: '问题均已整改',
      attachmentIds: [report],
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('SUBMITTED');
    const entry = (await timelineOf(taskId)).find((e) => e.kind === 'SUBMITTED')!;
    expect(entry.attachments!.map((a) => a.fileName)).toEqual(['整改报告.pdf']);

    // Waived: the office's reason is on the timeline and the unit is told; the submission then needs no file.
    const waivedTask = await signed('东关街道餐饮油烟整改', EVIDENCE_TYPE);
    expect((await head('POST', `/v1/tasks/${waivedTask}/evidence-waiver`, { reason: 'x' })).status).toBe(403);
    const waived = await office('POST', `/v1/tasks/${waivedTask}/evidence-waiver`, {
      reason: '整改内容为现场拆除，已由组织协调室实地核验',
    });
    expect(waived.status).toBe(200);
    const again = await office('POST', `/v1/tasks/${waivedTask}/evidence-waiver`, { reason: '再次' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('已免予提交佐证材料');
    const after = (await office('GET', `/v1/tasks/${waivedTask}`)).body;
    expect(after.evidenceWaived).toMatchObject({ by: OFFICE, reason: '整改内容为现场拆除，已由组织协调室实地核验' });
    expect(after.actions).not.toContain('evidence-waiver');
    expect(after.timeline.map((e: Entry) => e.kind)).toContain('EVIDENCE_WAIVED');
    const inbox = await head('GET', '/v1/inbox?limit=50');
    expect(
      inbox.body.items.some((n: { title: string }) => n.title === '【免予提交佐证材料】东关街道餐饮油烟整改'),
    ).toBe(true);
    expect((await head('POST', `/v1/tasks/${waivedTask}/submit`, { summary: '已现场拆除' })).status).toBe(200);

    // A type that requires none: nothing to waive.
    const routine = await signed('东关街道日常巡查');
    const nothing = await office('POST', `/v1/tasks/${routine}/evidence-waiver`, { reason: '无需' });
    expect(nothing.status).toBe(409);
    expect(nothing.body.detail).toContain('无须佐证材料');
    expect((await office('GET', `/v1/tasks/${routine}`)).body.actions).not.toContain('evidence-waiver');
  });
});
