import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openThisYearsCycle, useTestStack } from '../support/use-test-stack';
import { DONGGUAN_HEAD, DONGGUAN_STAFF, FINANCE_HEAD, GROUP_MEMBER, LEADER, OFFICE } from '../support/people';
import { attachmentsTestKit, expectEveryFileRefused } from '../support/attachments';

/**
 * Issue 21 item 1 over HTTP, beyond tasks: files given with a unit's inspection self-check (自查报告), with the findings
 * the office records for a unit (发现问题), and with a unit's statement on its accountability case (说明情况); each
 * read by exactly who reads what it belongs to.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'heli-owners-'));
const localDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

type Entry = { step: string; kind: string; message: string; attachments?: { id: string; fileName: string }[] };
type Listed = { id: string; step: string | null; ownerType: string; ownerId: string };

describe('files given with inspections and accountability cases (佐证材料)', () => {
  const stack = useTestStack(
    {
      office: OFFICE,
      head: DONGGUAN_HEAD,
      staff: DONGGUAN_STAFF,
      finance: FINANCE_HEAD,
      leader: LEADER, // 王红梅, responsible leader of town-dongguan
      group: GROUP_MEMBER,
      hekou: 'p-lu-shuigen', // head of village-hekou
      hekouLeader: 'p-fang-liang', // responsible leader of village-hekou
      xicheng: 'p-han-bing', // head of town-xicheng
    },
    { FILE_DIR: path.join(dir, 'files'), FILE_MAX_PER_STEP: '3' },
  );
  const kit = attachmentsTestKit(stack, () => ({ stored: [], staging: [] }));
  const text = (s: string) => Buffer.from(`${s}\n`, 'utf8');
  let roundId: string;
  const part = (unitId: string) => `/v1/inspections/${roundId}/units/${unitId}/attachments`;
  const timelineOf = async (who: typeof stack.office, at: string): Promise<Entry[]> =>
    (await who('GET', at)).body.timeline;
  let selfCheckFile: string;

  beforeAll(async () => {
    const cycleId = await openThisYearsCycle(stack.office);
    const defined = await stack.office('POST', `/v1/cycles/${cycleId}/inspections`, {
      title: '基层作风建设专项检查',
      unitIds: ['town-dongguan', 'dept-finance'],
      checklist: ['落实中央八项规定精神情况'],
      selfCheckDueDate: localDay(7),
      findingsDueDate: localDay(21),
    });
    expect(defined.status).toBe(201);
    roundId = defined.body.id;
  });

  it('lists the files of a unit’s self-check in its entry for the office, its leader and the group alone', async () => {
    const { office, head, leader, group } = stack;
    const photo = await kit.uploadTo(head, part('town-dongguan'), kit.png, '自查现场照片.png', 'SELF_CHECK');
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({
      ownerType: 'inspection-unit',
      ownerId: `${roundId}:town-dongguan`,
      purpose: 'SELF_CHECK',
      step: null,
    });
    const ledger = (await kit.uploadTo(head, part('town-dongguan'), text('问题台账'), '自查台账.txt')).body;
    selfCheckFile = photo.body.id;

    const filed = await head('POST', `/v1/inspections/${roundId}/self-check`, {
      report: '逐项自查，发现公务接待台账不全，已建立台账。',
      attachmentIds: [photo.body.id, ledger.id],
    });
    expect(filed.status).toBe(200);

    const entry = (await timelineOf(office, `/v1/inspections/${roundId}`)).find((e) => e.kind === 'SELF_CHECK_FILED')!;
    expect(entry.message).toContain('附佐证材料2件：《自查现场照片.png》、《自查台账.txt》');
    expect(entry.attachments).toEqual([
      {
        id: photo.body.id,
        fileName: '自查现场照片.png',
        contentType: 'image/png',
        size: kit.png.length,
        href: photo.body.href,
      },
      { id: ledger.id, fileName: '自查台账.txt', contentType: 'text/plain', size: ledger.size, href: ledger.href },
    ]);
    for (const who of [head, leader, group]) {
      const seen = (await timelineOf(who, `/v1/inspections/${roundId}`)).find((e) => e.kind === 'SELF_CHECK_FILED');
      expect(seen?.attachments?.map((a) => a.id)).toEqual([photo.body.id, ledger.id]);
      const listed = (await who('GET', part('town-dongguan'))).body.items as Listed[];
      expect(listed.map((a) => a.step)).toEqual([entry.step, entry.step]);
      expect((await who('GET', `/v1/attachments/${photo.body.id}`)).status).toBe(200);
    }
    const audit = await office('GET', `/v1/audit?action=inspection.selfCheck&objectId=${roundId}`);
    expect(audit.body.items[0].payload.attachmentIds).toEqual([photo.body.id, ledger.id]);
  });

  it('answers another inspected unit as if the self-check’s files did not exist; a leader reads but uploads none', async () => {
    const { office, finance, leader } = stack;
    const missingRound = await finance('GET', `/v1/inspections/${roundId}-nowhere/units/town-dongguan/attachments`);
    expect(missingRound.status).toBe(404);
    const listed = await finance('GET', part('town-dongguan'));
    expect(listed.status).toBe(404);
    expect(listed.body.detail).toBe(missingRound.body.detail);
    const upload = await kit.uploadTo(finance, part('town-dongguan'), kit.pdf, '越权.pdf');
    expect(upload.status).toBe(404);
    expect(upload.body.detail).toBe(missingRound.body.detail);

    const missingFile = await finance('GET', '/v1/attachments/att-00000000000000000000000000000000');
    const download = await finance('GET', `/v1/attachments/${selfCheckFile}`);
    expect(download.status).toBe(404);
    expect(download.body.detail).toBe(missingFile.body.detail);
    // A unit outside the round, or a round's unit named wrongly, is the same 404.
    expect((await office('GET', part('town-xicheng'))).status).toBe(404);

    expect((await kit.uploadTo(leader, part('town-dongguan'), kit.pdf, '领导.pdf')).status).toBe(403);
    const refused = await office(
      'GET',
      `/v1/audit?action=attachment.download&outcome=REFUSED&objectId=${selfCheckFile}`,
    );
    expect(refused.body.items).toHaveLength(1);
  });

  it('gives the office’s photos with the findings it records for a unit, in that unit’s scope', async () => {
    const { office, head, finance } = stack;
    const photo = (await kit.uploadTo(office, part('dept-finance'), kit.png, '问题现场.png', 'FINDING')).body;
    const recorded = await office('POST', `/v1/inspections/${roundId}/findings`, {
      unitId: 'dept-finance',
      findings: [{ severity: 'MAJOR', description: '专项资金台账缺失', requirement: '补建台账', workingDays: 10 }],
      attachmentIds: [photo.id],
    });
    expect(recorded.status).toBe(200);

    const entry = (await timelineOf(finance, `/v1/inspections/${roundId}`)).find(
      (e) => e.kind === 'FINDINGS_RECORDED',
    )!;
    expect(entry.message).toContain('附佐证材料1件：《问题现场.png》');
    expect(entry.attachments?.map((a) => a.id)).toEqual([photo.id]);
    expect((await finance('GET', `/v1/attachments/${photo.id}`)).status).toBe(200);
    expect((await timelineOf(head, `/v1/inspections/${roundId}`)).some((e) => e.kind === 'FINDINGS_RECORDED')).toBe(
      false,
    );
    expect((await head('GET', `/v1/attachments/${photo.id}`)).status).toBe(404);
  });

  it('refuses, all at once and naming each, files already given, of another part, another person’s or twice', async () => {
    const { office, head, staff } = stack;
    const elsewhere = (await kit.uploadTo(office, part('dept-finance'), kit.pdf, '财政局.pdf')).body.id as string;
    const staffs = (await kit.uploadTo(staff, part('town-dongguan'), text('干事'), '干事.txt')).body.id as string;
    const fresh = (await kit.uploadTo(head, part('town-dongguan'), text('补充'), '补充.txt')).body.id as string;
    const before = (await timelineOf(office, `/v1/inspections/${roundId}`)).length;

    const refused = await head('POST', `/v1/inspections/${roundId}/self-check`, {
      report: '补充自查情况',
      attachmentIds: [selfCheckFile, elsewhere, staffs, fresh, fresh, 'att-nonexistent'],
    });
    const messages = expectEveryFileRefused(refused);
    expect(messages[2]).toContain('请先上传到本单位的检查材料');
    expect(await timelineOf(office, `/v1/inspections/${roundId}`)).toHaveLength(before);
    const audit = await office('GET', `/v1/audit?action=inspection.selfCheck&outcome=REFUSED&objectId=${roundId}`);
    expect(audit.body.items).toHaveLength(1);

    const en = await head(
      'POST',
      `/v1/inspections/${roundId}/self-check`,
      { report: 'x', attachmentIds: [selfCheckFile, 'att-nonexistent'] },
      { 'accept-language': 'en' },
    );
    expect(en.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'the file was already given with another step',
      'no such attachment of this unit’s part of the round: upload it first',
    ]);
  });

  it('gives the unit’s files with its statement on a case, read by whoever reads the case', async () => {
    const { office, hekou, hekouLeader, xicheng } = stack;
    const opened = await office('POST', '/v1/cases', { unitId: 'village-hekou', reason: '村务公开不及时' });
    expect(opened.status).toBe(201);
    const caseId = opened.body.id as string;
    const at = `/v1/cases/${caseId}/attachments`;
    const minutes = await kit.uploadTo(hekou, at, kit.pdf, '村务公开整改说明.pdf', 'STATEMENT');
    expect(minutes.status).toBe(201);
    expect(minutes.body).toMatchObject({ ownerType: 'case', ownerId: caseId });
    // The unit concerned uploads; its leader and the office read; another unit finds no such case.
    expect((await kit.uploadTo(hekouLeader, at, kit.pdf, '领导.pdf')).status).toBe(403);
    expect((await kit.uploadTo(office, at, kit.pdf, '协调室.pdf')).status).toBe(403);
    expect((await kit.uploadTo(xicheng, at, kit.pdf, '西城.pdf')).status).toBe(404);

    const en = await hekou(
      'POST',
      `/v1/cases/${caseId}/statement`,
      { text: 'x', attachmentIds: ['att-nonexistent'] },
      { 'accept-language': 'en' },
    );
    expect(en.status).toBe(422);
    expect(en.body.errors).toEqual([
      { field: 'body.attachmentIds[0]', message: 'no such attachment of this case: upload it first' },
    ]);

    const stated = await hekou('POST', `/v1/cases/${caseId}/statement`, {
      text: '因村干部调整，村务公开延误，现已补公开。',
      attachmentIds: [minutes.body.id],
    });
    expect(stated.status).toBe(200);
    const entry = (await timelineOf(office, `/v1/cases/${caseId}`)).find((e) => e.kind === 'STATEMENT_RECEIVED')!;
    expect(entry.message).toContain('附佐证材料1件：《村务公开整改说明.pdf》');
    expect(entry.attachments?.map((a) => a.id)).toEqual([minutes.body.id]);
    expect(((await hekouLeader('GET', at)).body.items as Listed[]).map((a) => a.step)).toEqual([entry.step]);
    expect((await hekouLeader('GET', `/v1/attachments/${minutes.body.id}`)).status).toBe(200);
    expect((await xicheng('GET', at)).status).toBe(404);
    expect((await xicheng('GET', `/v1/attachments/${minutes.body.id}`)).status).toBe(404);
    const audit = await office('GET', `/v1/audit?action=attachment.upload&objectId=${minutes.body.id}`);
    expect(audit.body.items.map((a: { outcome: string }) => a.outcome)).toEqual(['DONE']);
  });
});
