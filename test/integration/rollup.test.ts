import { readFileSync } from 'node:fs';
import type { components } from '../../clients/typescript/src/api-schema';
import { fromProject } from '../../config/paths';
import { parseOrganisationFile } from '../../db/org-file';
import { loadOrganisation } from '../../db/queries/load-organisation';
import { localDate } from '../../procedures/time/working-days';
import { assignEarlier } from '../support/assigned-earlier';
import { eventually } from '../support/http';
import { openThisYearsCycle, useTestStack, type ApiClient } from '../support/use-test-stack';

type Rollup = components['schemas']['Rollup'];

/**
 * The higher level's roll-up (issue 17): a province over a city, the city over two districts — the example district
 * (loaded by the stack, then reloaded naming the city as its parent) and 合江区 — and 合山区, which names none.
 */
const organisation = (id: string, name: string, parent: string | null, prefix: string) => `
organisation: { id: ${id}, name: ${name}${parent ? `, parent: ${parent}` : ''} }
units:
  - { id: ${prefix}-office, name: ${name}组织协调室, kind: OFFICE, head: p-${prefix}-office, leader: p-${prefix}-leader }
  - { id: ${prefix}-group, name: ${name}领导小组, kind: GROUP, head: p-${prefix}-group, leader: p-${prefix}-leader }
  - { id: ${prefix}-town, name: ${name}东城街道, kind: TOWN, head: p-${prefix}-town, leader: p-${prefix}-leader }
people:
  - { id: p-${prefix}-office, name: 林涛, unit: ${prefix}-office, title: 主任, roles: [OFFICE] }
  - { id: p-${prefix}-leader, name: 何平, unit: ${prefix}-office, title: 副书记, roles: [LEADER] }
  - { id: p-${prefix}-group, name: 周强, unit: ${prefix}-group, title: 组长, roles: [GROUP] }
  - { id: p-${prefix}-town, name: 郭敏, unit: ${prefix}-town, title: 主任, roles: [UNIT] }
`;

const today = localDate(new Date());
const year = Number(today.slice(0, 4));
const daysFromNow = (n: number) => localDate(new Date(Date.now() + n * 86_400_000));
const task = (title: string, leadUnitId: string, leaderId: string, due: object) => ({
  title,
  leadUnitId,
  leaderId,
  requirements: '按要求落实',
  standard: '形成台账',
  ...due,
});
const hx = (title: string, due: object) => task(title, 'town-dongguan', 'p-zhao-zhiqiang', due);

/** The caller's roll-up once `ready` holds for it. */
async function rollupWhen(client: ApiClient, ready: (r: Rollup) => boolean): Promise<Rollup> {
  let last: unknown;
  try {
    return await eventually(async () => {
      const res = await client('GET', '/v1/rollup');
      last = res.body;
      return res.status === 200 && ready(res.body as Rollup) ? (res.body as Rollup) : undefined;
    }, 40_000);
  } catch (err) {
    throw new Error(`the roll-up never became as expected; last: ${JSON.stringify(last)}`, { cause: err });
  }
}

describe('the roll-up of the organisations under a higher level (GET /v1/rollup)', () => {
  const { t, office, dongguan, observer } = useTestStack({
    office: 'p-huang-min', // the example district's office
    dongguan: 'p-xie-hua', // head of town-dongguan
    observer: 'p-bai-xue',
  });
  const as: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const load = (text: string, source: string) =>
      loadOrganisation(t.db.pool, parseOrganisationFile(text, `${source}.yaml`), source);
    await load(organisation('province', '合州省纪委监委', null, 'pv'), 'province');
    const city = readFileSync(fromProject('examples/city.yaml'), 'utf8');
    await load(city.replace('name: 合川市纪委监委', 'name: 合川市纪委监委\n  parent: province'), 'city');
    const example = parseOrganisationFile(readFileSync(fromProject('examples/organisation.yaml'), 'utf8'), 'ex.yaml');
    await loadOrganisation(t.db.pool, { ...example, parentId: 'city' }, 'district-under-city');
    await load(organisation('district-b', '合江区纪委监委', 'city', 'hj'), 'district-b');
    await load(organisation('district-c', '合山区纪委监委', null, 'hs'), 'district-c');
    for (const person of ['p-city-office', 'p-city-leader', 'p-city-group', 'p-pv-office', 'p-hj-office']) {
      as[person] = await t.as(person);
    }
    for (const person of ['p-hj-town', 'p-hs-office']) as[person] = await t.as(person);
    const created = async (client: ApiClient, body: object) => {
      const res = await client('POST', '/v1/tasks', body);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const ok = async (client: ApiClient, method: string, path: string, body: object = {}) =>
      expect((await client(method, path, body)).status).toBeLessThan(300);

    // 合溪区 (the example): two overdue (L3, L1), one due soon, one on time; one accepted on time, one late.
    ids.l3 = await assignEarlier(t, hx('整改信访反映问题', { dueDate: daysFromNow(-21) }), 30);
    ids.l1 = await assignEarlier(t, hx('整改巡察反馈问题', { dueDate: daysFromNow(-1) }), 1);
    ids.dueSoon = await created(office, hx('报送廉政谈话记录', { workingDays: 1 }));
    ids.onTime = await created(office, hx('开展作风建设专项检查', { workingDays: 30 }));
    ids.done = await created(office, hx('报送半年工作总结', { workingDays: 30 }));
    ids.late = await assignEarlier(t, hx('整改审计发现问题', { dueDate: daysFromNow(-7) }), 10);
    for (const id of [ids.done, ids.late]) {
      await ok(dongguan, 'POST', `/v1/tasks/${id}/sign`);
      await ok(dongguan, 'POST', `/v1/tasks/${id}/submit`, { summary: '已完成' });
      await ok(office, 'POST', `/v1/tasks/${id}/accept`, { rating: 'GOOD' });
    }
    ids.cycle = await openThisYearsCycle(office);
    const bulletin = await office('POST', '/v1/bulletins', { from: `${year}-01-01`, to: today });
    expect(bulletin.status).toBe(201);
    ids.bulletin = bulletin.body.id as string;
    // 合江区: one task on time. 合山区 (under no one): one overdue, which no roll-up may count.
    const hjOffice = as['p-hj-office']!;
    ids.hj = await created(hjOffice, task('开展廉政教育', 'hj-town', 'p-hj-leader', { workingDays: 30 }));
    ids.hs = await assignEarlier(
      t,
      task('整改问题', 'hs-town', 'p-hs-leader', { dueDate: daysFromNow(-2) }),
      3,
      'p-hs-office',
    );
  }, 180_000);

  const district = {
    id: 'district',
    name: '合溪区纪委监委',
    parent: 'city',
    open: 4,
    lights: { green: 1, yellow: 1, red: 2 },
    overdue: { total: 2, l1: 1, l2: 0, l3: 1 },
    completed: { onTime: 1, late: 1 },
    cycle: { year, phase: 'PLANNING' },
    latestBulletinDate: today,
  };
  const hj = {
    id: 'district-b',
    name: '合江区纪委监委',
    parent: 'city',
    open: 1,
    lights: { green: 1, yellow: 0, red: 0 },
    overdue: { total: 0, l1: 0, l2: 0, l3: 0 },
    completed: { onTime: 0, late: 0 },
    cycle: null,
    latestBulletinDate: null,
  };
  const settled = (r: Rollup) => r.items[0]?.overdue.l3 === 1 && r.items[0]?.overdue.l1 === 1;

  it("gives the city office exactly its two districts' figures, and not the district that names no parent", async () => {
    const r = await rollupWhen(as['p-city-office']!, settled);

    expect(r).toEqual({ year, items: [district, hj] });
  });

  it("gives the city's leaders and leadership group the same roll-up", async () => {
    const expected = await rollupWhen(as['p-city-office']!, settled);

    for (const person of ['p-city-leader', 'p-city-group']) {
      const res = await as[person]!('GET', '/v1/rollup');
      expect([person, res.status, res.body]).toEqual([person, 200, expected]);
    }
  });

  it('rolls up transitively: the province sees the city and the districts under it, nearest first', async () => {
    const r = await rollupWhen(
      as['p-pv-office']!,
      (x) => x.items.length === 3 && settled({ ...x, items: x.items.slice(1) }),
    );

    expect(r.items.map((i) => [i.id, i.parent])).toEqual([
      ['city', 'province'],
      ['district', 'city'],
      ['district-b', 'city'],
    ]);
    expect(r.items.slice(1)).toEqual([district, hj]);
    expect(r.items[0]).toMatchObject({ open: 0, cycle: null, latestBulletinDate: null });
  });

  it('gives a district office an empty roll-up (nothing is under it), whether or not it has a parent', async () => {
    for (const client of [office, as['p-hj-office']!, as['p-hs-office']!]) {
      const res = await client('GET', '/v1/rollup');
      expect([res.status, res.body]).toEqual([200, { year, items: [] }]);
    }
  });

  it('refuses units and external supervisors (403), and takes no mutation (405)', async () => {
    for (const client of [dongguan, as['p-hj-town']!, observer]) {
      expect((await client('GET', '/v1/rollup')).status).toBe(403);
    }
    for (const method of ['POST', 'PUT', 'DELETE']) {
      expect((await as['p-city-office']!(method, '/v1/rollup', {})).status).toBe(405);
    }
  });

  it("answers the city about a district's objects exactly as about missing ones", async () => {
    const city = as['p-city-office']!;
    const turned = (id: string) => id.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
    const requests: [string, string, object?][] = [
      ['GET', `/v1/tasks/${ids.l3}`],
      ['POST', `/v1/tasks/${ids.onTime}/comments`, { text: '请加快进度' }],
      ['POST', `/v1/tasks/${ids.dueSoon}/cancel`, { reason: '上级撤销' }],
      ['GET', `/v1/cycles/${ids.cycle}`],
      ['GET', `/v1/bulletins/${ids.bulletin}`],
    ];
    for (const [method, path, body] of requests) {
      const id = path.split('/')[3]!;
      const seen = await city(method, path, body);
      const missing = await city(method, path.replace(id, turned(id)), body);
      expect([path, seen.status, seen.body.code, seen.body.detail]).toEqual([
        path,
        404,
        missing.body.code,
        missing.body.detail,
      ]);
    }
  });

  it("lists none of a district's tasks, cycles, bulletins or units to the city", async () => {
    const city = as['p-city-office']!;
    await rollupWhen(city, settled); // the district's tasks are in the read model by now

    const totals = await Promise.all(
      ['/v1/tasks', '/v1/cycles', '/v1/bulletins'].map(async (p) => [p, (await city('GET', p)).body.items.length]),
    );
    const units = (await city('GET', '/v1/units')).body.items as { id: string }[];
    const overview = (await city('GET', '/v1/overview')).body;

    expect(totals).toEqual([
      ['/v1/tasks', 0],
      ['/v1/cycles', 0],
      ['/v1/bulletins', 0],
    ]);
    expect(units.map((u) => u.id).sort()).toEqual(['city-group', 'city-office']);
    expect(overview.urgency).toEqual({ overdue: 0, dueSoon: 0, onTime: 0 });
  });
});
