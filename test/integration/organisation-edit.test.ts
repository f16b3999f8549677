import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromProject } from '../../config/paths';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { eventually } from '../support/http';
import { festivalCheck } from '../support/task-bodies';
import { useTestStack } from '../support/use-test-stack';

type Problem = { field: string; message: string };
type Version = { version: number; reason: string; restoredFrom: number | null; authorId: string };

/**
 * The organisation edited live by its administrator (issue 22): 黄敏 (p-huang-min) holds ADMIN beside OFFICE in the
 * example organisation, 张伟 (p-zhang-wei) is of the office without it. Each edit is a version of the organisation.
 */
describe('the administrator edits the organisation live, each edit a version', () => {
  const { t, admin, deputy, unitHead } = useTestStack({
    admin: 'p-huang-min',
    deputy: 'p-zhang-wei',
    unitHead: 'p-feng-lei',
  });
  const ORG = '/v1/rules/organisation';
  const xinqiao = {
    unit: {
      id: 'town-xinqiao',
      name: '新桥街道',
      kind: 'TOWN',
      zone: 'zone-2',
      head: 'p-xinqiao-song',
      leader: 'p-chen-lixin',
    },
    people: [{ id: 'p-xinqiao-song', name: '宋涛', unit: 'town-xinqiao', title: '党工委书记', roles: ['UNIT'] }],
    reason: '区划调整，新设新桥街道',
  };
  const fields = (res: { body: { errors?: unknown } }) => (res.body.errors as Problem[]).map((e) => e.field).sort();
  const versions = async () => (await admin('GET', ORG)).body.versions as Version[];
  const diff = async (from: number, to: number) =>
    ((await admin('GET', `${ORG}/diff?from=${from}&to=${to}`)).body.changes as { text: string }[]).map((c) => c.text);
  let beforeRename: Date;

  it('refuses an office member without the administrator permission with 403, and a unit head too', async () => {
    for (const client of [deputy, unitHead]) {
      expect((await client('POST', '/v1/units', xinqiao)).status).toBe(403);
      expect((await client('PATCH', '/v1/units/town-beishan', { name: '北山', reason: '更名' })).status).toBe(403);
      expect((await client('POST', '/v1/people/p-feng-lei/deactivate', { reason: '调离' })).status).toBe(403);
    }
    expect(await versions()).toEqual([]);
  });

  it('adds a unit with its head: the organisation as loaded becomes version 1, the edit version 2', async () => {
    const res = await admin('POST', '/v1/units', xinqiao);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 2, authorId: 'p-huang-min', reason: '区划调整，新设新桥街道' });
    expect(res.body.content.units).toContainEqual(expect.objectContaining({ id: 'town-xinqiao', name: '新桥街道' }));
    expect((await versions()).map((v) => v.version)).toEqual([2, 1]);
    expect(await diff(1, 2)).toEqual(['新增单位“新桥街道”', '新增人员宋涛（新桥街道）']);
    const units = (await admin('GET', '/v1/units?kind=TOWN&limit=200')).body.items as { id: string }[];
    expect(units.map((u) => u.id)).toContain('town-xinqiao');
  });

  it('renames a unit and keeps its earlier name with its period; documents of before show the name of their time', async () => {
    beforeRename = new Date();
    const res = await admin('PATCH', '/v1/units/town-beishan', { name: '北山街道办事处', reason: '机构更名' });

    expect(res.status).toBe(200);
    const history = (await admin('GET', '/v1/units/town-beishan')).body;
    expect(history).toMatchObject({ id: 'town-beishan', name: '北山街道办事处', active: true, retired: null });
    expect(history.names).toEqual([
      { name: '北山街道', from: null, until: expect.any(String) },
      { name: '北山街道办事处', from: history.names[0].until, until: null },
    ]);
    // Every role of the organisation reads a unit's history.
    expect((await unitHead('GET', '/v1/units/town-beishan')).body.names).toHaveLength(2);
    const { rows } = await t.db.pool.query(
      `SELECT unit_name_at('town-beishan', $1) AS then, unit_name_at('town-beishan', now()) AS now`,
      [beforeRename],
    );
    expect(rows[0]).toEqual({ then: '北山街道', now: '北山街道办事处' });
    expect(await diff(2, 3)).toEqual(['“北山街道”更名为“北山街道办事处”']);
  });

  it('moves a unit to another parent and another to another zone, in sentences', async () => {
    const village = await admin('PATCH', '/v1/units/village-dongling', { parent: 'town-liuhe', reason: '村划转' });
    const zone = await admin('PATCH', '/v1/units/town-xinqiao', { zone: 'zone-3', reason: '调整协作区' });

    expect([village.status, zone.status]).toEqual([200, 200]);
    expect(await diff(3, 5)).toEqual([
      '“新桥街道”由“第二协作区”调至“第三协作区”',
      '“青石镇东岭村”由“青石镇”调至“柳河镇”',
    ]);
  });

  it('refuses a unit moved under its own descendant, and names every problem at once', async () => {
    const cycle = await admin('PATCH', '/v1/units/town-liuhe', { parent: 'village-hekou', reason: '调整' });

    expect(cycle.status).toBe(422);
    expect(cycle.body.errors).toContainEqual({ field: 'body.parent', message: expect.stringContaining('成环') });

    const many = await admin('PATCH', '/v1/units/town-xicheng', { name: '东关街道', zone: 'zone-9', reason: '调整' });
    expect(many.status).toBe(422);
    expect(fields(many)).toEqual(['body.name', 'body.zone']);
    expect(many.body.errors.find((e: Problem) => e.field === 'body.name').message).toContain(
      '同一上级下已有名为“东关街道”',
    );

    const unknownParent = await admin('PATCH', '/v1/units/village-hekou', { parent: 'town-nowhere', reason: '调整' });
    expect(unknownParent.body.errors).toEqual([{ field: 'body.parent', message: '没有编号为“town-nowhere”的单位' }]);

    const duplicate = await admin('POST', '/v1/units', { ...xinqiao, people: [] });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors.map((e: Problem) => e.message).join()).toContain('重复');

    const shape = await admin('POST', '/v1/people', {
      id: 'p-x',
      name: '',
      unit: 'office',
      roles: ['CHIEF'],
      reason: '新增',
    });
    expect(shape.status).toBe(400);
    expect(fields(shape)).toEqual(['body.name', 'body.roles[0]']);
    expect((await versions())[0]!.version).toBe(5);
  });

  it('adds a person, changes their roles, and keeps at least one administrator', async () => {
    const added = await admin('POST', '/v1/people', {
      id: 'p-ma-li',
      name: '马丽',
      unit: 'office',
      title: '干部',
      roles: ['OFFICE', 'LEADER'],
      reason: '新调入',
    });
    expect(added.status).toBe(201);
    const unknownUnit = await admin('PATCH', '/v1/people/p-ma-li', { unit: 'town-nowhere', reason: '调动' });
    expect(unknownUnit.body.errors).toEqual([{ field: 'body.unit', message: '没有编号为“town-nowhere”的单位' }]);

    const lastAdmin = await admin('PATCH', '/v1/people/p-huang-min', { roles: ['OFFICE'], reason: '调整' });
    expect(lastAdmin.status).toBe(422);
    expect(lastAdmin.body.errors).toEqual([
      { field: 'organisation.people', message: '组织须至少保留一名管理员（ADMIN）' },
    ]);

    const roles = await admin('PATCH', '/v1/people/p-zhang-wei', { roles: ['OFFICE', 'ADMIN'], reason: '授权' });
    expect(roles.status).toBe(200);
    expect(await diff(5, 7)).toEqual([
      '新增人员马丽（区纪委监委组织协调室）',
      '张伟的角色由组织协调室改为组织协调室、管理员',
    ]);
    // 张伟 holds ADMIN now: his edits are accepted.
    expect((await deputy('PATCH', '/v1/people/p-ma-li', { title: '科员', reason: '职务调整' })).status).toBe(200);
  });

  it('refuses to deactivate a person who answers for an open task, and to retire a unit with open tasks', async () => {
    const task = await admin('POST', '/v1/tasks', {
      ...festivalCheck,
      leadUnitId: 'town-xinqiao',
      leaderId: 'p-ma-li',
      workingDays: 10,
    });
    expect(task.status).toBe(201);
    await eventually(async () => ((await admin('GET', `/v1/tasks/${task.body.id}`)).status === 200 ? true : undefined));

    const person = await admin('POST', '/v1/people/p-ma-li/deactivate', { reason: '调离' });
    expect(person.status).toBe(409);
    expect(person.body.detail).toContain('马丽是1项在办任务的分管领导或承办人（开展节日期间作风建设专项检查）');
    const unit = await admin('POST', '/v1/units/town-xinqiao/retire', { reason: '撤销' });
    expect(unit.status).toBe(409);
    expect(unit.body.detail).toContain('单位“新桥街道”尚有1项在办任务');
    const head = await admin('POST', '/v1/people/p-feng-lei/deactivate', { reason: '调离' });
    expect(head.status).toBe(422);
    expect(fields(head)).toEqual(['organisation.units.town-beishan.head']);

    expect((await admin('POST', `/v1/tasks/${task.body.id}/cancel`, { reason: '不再需要' })).status).toBe(200);
    const retired = await eventually(async () => {
      const res = await admin('POST', '/v1/units/town-xinqiao/retire', { reason: '撤销新桥街道' });
      return res.status === 200 ? res : undefined;
    });
    expect(retired.body.content.units.map((u: { id: string }) => u.id)).not.toContain('town-xinqiao');
    expect((await admin('GET', '/v1/units/town-xinqiao')).body).toMatchObject({
      active: false,
      retired: { reason: '撤销新桥街道', successorId: null },
    });
    const into = await admin('PATCH', '/v1/people/p-ma-li', { unit: 'town-xinqiao', reason: '调动' });
    expect(into.body.errors).toEqual([
      { field: 'body.unit', message: '单位“新桥街道”（town-xinqiao）已撤销，不再使用' },
    ]);
  });

  it('restores a version as a new one, but never revives a retired unit', async () => {
    const newest = (await versions())[0]!.version;
    const revive = await admin('POST', `${ORG}/versions/2/restore`, { baseVersion: newest, reason: '恢复' });
    expect(revive.status).toBe(422);
    expect(fields(revive)).toContain('organisation.units.town-xinqiao.id');

    const stale = await admin('POST', `${ORG}/versions/1/restore`, { baseVersion: newest - 1, reason: '恢复' });
    expect(stale.status).toBe(409);

    // 马丽 leads the cancelled task only; version 1 knows neither her nor the renames and moves since.
    const res = await admin('POST', `${ORG}/versions/1/restore`, { baseVersion: newest, reason: '恢复载入时的组织' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: newest + 1, restoredFrom: 1 });
    expect((await admin('GET', '/v1/units/town-beishan')).body.names.map((n: { name: string }) => n.name)).toEqual([
      '北山街道',
      '北山街道办事处',
      '北山街道',
    ]);
    const changes = await diff(newest, newest + 1);
    expect(changes).toEqual(
      expect.arrayContaining([
        '“北山街道办事处”更名为“北山街道”',
        '“青石镇东岭村”由“柳河镇”调至“青石镇”',
        '停用人员马丽（区纪委监委组织协调室）',
      ]),
    );
  });

  it('places a merged unit’s people in its successor, and goes on editing after a merge', async () => {
    const merge = await admin('POST', '/v1/units/dept-womens-federation/merge', {
      intoUnitId: 'dept-trade-union',
      reason: '机构改革',
    });
    expect(merge.status).toBe(200);

    const res = await admin('PATCH', '/v1/people/p-guo-li', { title: '副主席', reason: '合并后任职' });

    expect(res.status).toBe(200);
    expect(res.body.content.people).toContainEqual(
      expect.objectContaining({ id: 'p-guo-li', unit: 'dept-trade-union', title: '副主席' }),
    );
    expect(res.body.content.units.map((u: { id: string }) => u.id)).not.toContain('dept-womens-federation');
  });

  it('audits every edit with the organisation before and after, and every refusal', async () => {
    const { rows } = await t.db.pool.query(
      `SELECT actor_id, outcome, object_id, payload FROM audit_log WHERE action = 'organisation.edit' ORDER BY id`,
    );
    const done = rows.filter((r) => r.outcome === 'DONE');
    expect(done.map((r) => r.object_id)).toEqual((await versions()).map((v) => `organisation/${v.version}`).reverse());
    const rename = done.find((r) => r.object_id === 'organisation/3')!;
    const beishan = (c: { units: { id: string; name: string }[] }) =>
      c.units.find((u) => u.id === 'town-beishan')!.name;
    expect([beishan(rename.payload.before), beishan(rename.payload.after)]).toEqual(['北山街道', '北山街道办事处']);
    expect(rows.filter((r) => r.outcome === 'REFUSED').length).toBeGreaterThanOrEqual(10);
  });

  it('exports the organisation in the file’s shape; the same file loaded again keeps the edits, a changed one is a version', async () => {
    const exported = await deputy('GET', `${ORG}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.organisation).toMatchObject({ id: 'district', name: '合溪区纪委监委' });
    expect((await unitHead('GET', `${ORG}/export`)).status).toBe(403);

    await admin('PATCH', '/v1/units/town-beishan', { name: '北山街道办事处', reason: '机构更名' });
    const file = fromProject('examples/organisation.yaml');
    await loadOrganisationFile(t.db.pool, file, 'cli:test');
    expect((await admin('GET', '/v1/units/town-beishan')).body.name).toBe('北山街道办事处');

    const changed = path.join(mkdtempSync(path.join(os.tmpdir(), 'org-')), 'organisation.yaml');
    writeFileSync(changed, readFileSync(file, 'utf8').replace('name: 新华街道', 'name: 新华街道办事处'));
    const newest = (await versions())[0]!.version;
    await loadOrganisationFile(t.db.pool, changed, 'cli:test');
    const [loaded] = await versions();
    expect(loaded).toMatchObject({ version: newest + 1, reason: '载入组织文件', authorId: 'cli:test' });
    expect(await diff(newest, newest + 1)).toEqual([
      '“北山街道办事处”更名为“北山街道”',
      '“新华街道”更名为“新华街道办事处”',
      // The file is loaded whole: the title given after the merge goes back to the file's.
      '郭丽的职务由“副主席”改为“主席”',
    ]);
  });
});
