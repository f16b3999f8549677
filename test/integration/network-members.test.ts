import path from 'node:path';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { comparableAnswer } from '../support/missing-id';
import { useTestStack } from '../support/use-test-stack';

const EXAMPLE = path.join(__dirname, '../../examples/organisation.yaml');

describe('the supervision network’s members (监督网络) over HTTP', () => {
  const { t, office, baiXue, tangLi, wuGang, dongguan, leader, group } = useTestStack({
    office: 'p-huang-min',
    baiXue: 'p-bai-xue', // district-level special supervisor
    tangLi: 'p-tang-li', // town-level informant of town-liuhe
    wuGang: 'p-wu-gang', // a village informant who left in 2026
    dongguan: 'p-xie-hua', // head of town-dongguan
    leader: 'p-zhao-zhiqiang',
    group: 'p-li-jianguo',
  });

  it('lists the example network in three levels, each where it stands today', async () => {
    const all = await office('GET', '/v1/network/members');
    expect(all.status).toBe(200);
    const rows = all.body.items as { personId: string; level: string; areaUnitId: string | null; status: string }[];
    expect(rows.map((m) => m.level)).toEqual([
      ...Array<string>(4).fill('DISTRICT'),
      ...Array<string>(3).fill('TOWN'),
      ...Array<string>(3).fill('VILLAGE'),
    ]);
    expect(rows.find((m) => m.personId === 'p-wu-gang')).toMatchObject({ status: 'RETIRED' });
    expect(rows.filter((m) => m.status === 'ACTIVE')).toHaveLength(9);

    const village = await office('GET', '/v1/network/members?level=VILLAGE&status=ACTIVE');
    expect(village.body.items.map((m: { areaName: string }) => m.areaName).sort()).toEqual([
      '柳河镇河口村',
      '青石镇东岭村',
    ]);
    const liuhe = await office('GET', '/v1/network/members?areaUnitId=town-liuhe');
    expect(liuhe.body.items).toEqual([expect.objectContaining({ personId: 'p-tang-li', kind: 'INFORMANT' })]);
  });

  it('shows a member their own appointment and nobody else’s; units, leaders and the group see none', async () => {
    const own = await tangLi('GET', '/v1/network/members');
    expect(own.body).toEqual({ total: 1, items: [expect.objectContaining({ personId: 'p-tang-li' })] });
    const detail = await tangLi('GET', '/v1/network/members/p-tang-li');
    expect(detail.status).toBe(200);
    expect(detail.body.versions).toEqual([
      expect.objectContaining({ version: 1, change: 'APPOINT', source: 'FILE', reason: '组织文件载入' }),
    ]);

    // Another member's appointment answers exactly as one that does not exist.
    const other = await tangLi('GET', '/v1/network/members/p-bai-xue');
    const missing = await tangLi('GET', '/v1/network/members/p-bai-xuq');
    expect(other.status).toBe(404);
    expect(comparableAnswer(other, 'p-bai-xue')).toEqual(comparableAnswer(missing, 'p-bai-xuq'));

    for (const caller of [dongguan, leader, group]) {
      expect((await caller('GET', '/v1/network/members')).status).toBe(403);
      expect((await caller('GET', '/v1/network/members/p-tang-li')).status).toBe(404);
    }
    expect(
      (await baiXue('POST', '/v1/network/members/p-tang-li/renew', { termTo: '2031-12-31', reason: 'x' })).status,
    ).toBe(404);
    expect(
      (await baiXue('POST', '/v1/network/members/p-bai-xue/renew', { termTo: '2031-12-31', reason: 'x' })).status,
    ).toBe(403);
  });

  it('lists the network’s members in the people directory to the office alone, and a member themself', async () => {
    const observersSeenBy = async (caller: typeof office) => {
      const people = await caller('GET', '/v1/people?limit=200');
      expect(people.status).toBe(200);
      return (people.body.items as { id: string; roles: string[] }[])
        .filter((p) => p.roles.includes('OBSERVER'))
        .map((p) => p.id);
    };
    expect(await observersSeenBy(office)).toHaveLength(10);
    expect(await observersSeenBy(tangLi)).toEqual(['p-tang-li']);
    for (const caller of [dongguan, leader, group]) expect(await observersSeenBy(caller)).toEqual([]);
    expect((await dongguan('GET', '/v1/people?unit=office&limit=200')).body.total).toBe(3);
  });

  it('renews and retires a member, each a version with its author and reason, audited', async () => {
    const renewed = await office('POST', '/v1/network/members/p-tang-li/renew', {
      termTo: '2032-12-31',
      reason: '续聘，聘书〔2030〕12号',
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ termTo: '2032-12-31', version: 2, status: 'ACTIVE' });
    expect(renewed.body.versions[1]).toMatchObject({
      version: 2,
      change: 'RENEW',
      source: 'API',
      actorId: 'p-huang-min',
      reason: '续聘，聘书〔2030〕12号',
      appointment: { termFrom: '2026-01-01', termTo: '2032-12-31', areaUnitId: 'town-liuhe' },
    });
    const shorter = await office('POST', '/v1/network/members/p-tang-li/renew', { termTo: '2030-01-01', reason: 'x' });
    expect(shorter.status).toBe(422);
    expect(shorter.body.errors).toEqual([{ field: 'body.termTo', message: '续聘须晚于现聘期结束日 2032-12-31' }]);

    const retired = await office('POST', '/v1/network/members/p-tang-li/retire', { reason: '工作调动' });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ status: 'RETIRED', retireReason: '工作调动', version: 3 });
    expect((await office('POST', '/v1/network/members/p-tang-li/retire', { reason: '再次' })).status).toBe(409);
    expect(
      (await office('POST', '/v1/network/members/p-tang-li/renew', { termTo: '2033-12-31', reason: 'x' })).status,
    ).toBe(409);

    const audit = await office('GET', '/v1/audit?objectType=networkMember&objectId=p-tang-li');
    const entries = audit.body.items as { action: string; outcome: string; actorId: string }[];
    expect(entries.filter((e) => e.outcome === 'DONE').map((e) => [e.action, e.actorId])).toEqual([
      ['network.retire', 'p-huang-min'],
      ['network.renew', 'p-huang-min'],
      ['network.appoint', 'system:start'],
    ]);
    // Every refusal is on record, a probe of the roster too: another member's renewal (404), a shorter term (422),
    // a second retirement and a renewal after it (409); a unit's, a leader's and the group's reads (404).
    const refused = entries.filter((e) => e.outcome === 'REFUSED').map((e) => [e.action, e.actorId]);
    expect(refused.sort()).toEqual(
      [
        ['networkMember.manage', 'p-huang-min'],
        ['networkMember.manage', 'p-huang-min'],
        ['networkMember.manage', 'p-huang-min'],
        ['networkMember.manage', 'p-bai-xue'],
        ['networkMember.read', 'p-xie-hua'],
        ['networkMember.read', 'p-zhao-zhiqiang'],
        ['networkMember.read', 'p-li-jianguo'],
      ].sort(),
    );
  });

  it('appoints a retired member anew, and refuses what does not fit, naming every field', async () => {
    const bad = await office('POST', '/v1/network/members', {
      personId: 'p-xie-hua',
      kind: 'INFORMANT',
      level: 'VILLAGE',
      areaUnitId: 'town-dongguan',
      termFrom: '2027-01-01',
      termTo: '2026-12-31',
      reason: '聘任',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { field: 'body.personId', message: expect.stringContaining('只有 OBSERVER') },
      { field: 'body.areaUnitId', message: '“town-dongguan”不是村（社区）' },
      { field: 'body.termTo', message: '聘期结束日期不能早于开始日期' },
    ]);
    const yearZero = await office('POST', '/v1/network/members', {
      personId: 'p-wu-gang',
      kind: 'INFORMANT',
      level: 'VILLAGE',
      areaUnitId: 'village-guangming',
      termFrom: '0000-01-01',
      termTo: '2028-12-31',
      reason: '聘任',
    });
    expect(yearZero.status).toBe(422);
    expect(yearZero.body.errors).toEqual([{ field: 'body.termFrom', message: '年份须在1900年至2199年之间' }]);
    const serving = await office('POST', '/v1/network/members', {
      personId: 'p-bai-xue',
      kind: 'SPECIAL_SUPERVISOR',
      level: 'DISTRICT',
      termFrom: '2027-01-01',
      termTo: '2029-12-31',
      reason: '聘任',
    });
    expect(serving.status).toBe(409);
    expect(serving.body.detail).toContain('续聘');

    const again = await office('POST', '/v1/network/members', {
      personId: 'p-wu-gang',
      kind: 'INFORMANT',
      level: 'VILLAGE',
      areaUnitId: 'village-guangming',
      termFrom: '2026-12-01',
      termTo: '2028-11-30',
      reason: '重新聘任',
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ status: 'ACTIVE', retiredOn: null, version: 2 });
    expect(again.body.versions.map((v: { change: string }) => v.change)).toEqual(['APPOINT', 'APPOINT']);
    expect((await wuGang('GET', '/v1/network/members')).body.items[0]).toMatchObject({ status: 'ACTIVE' });
    const byUnit = await dongguan('POST', '/v1/network/members', {
      personId: 'p-kong-deming',
      kind: 'INFORMANT',
      level: 'DISTRICT',
      termFrom: '2031-01-01',
      termTo: '2031-12-31',
      reason: '聘任',
    });
    expect(byUnit.status).toBe(403);
  });

  it('imports the organisation file’s appointments as versions, and an unchanged file writes none', async () => {
    const versions = async () =>
      (await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM network_member_versions')).rows[0]!.n;
    const before = await versions();
    await loadOrganisationFile(t.db.pool, EXAMPLE);
    // p-tang-li and p-wu-gang were changed by the office: the file, imported again, sets them back as new versions.
    expect(await versions()).toBe(before + 2);
    await loadOrganisationFile(t.db.pool, EXAMPLE);
    expect(await versions()).toBe(before + 2);
    const tang = await office('GET', '/v1/network/members/p-tang-li');
    expect(tang.body).toMatchObject({ termTo: '2030-12-31', status: 'ACTIVE', version: 4 });
    expect(tang.body.versions[3]).toMatchObject({ change: 'APPOINT', source: 'FILE' });
  });
});
