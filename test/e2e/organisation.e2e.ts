import type { Page } from 'playwright-core';
import { eventually } from '../support/http';
import { ADMINISTRATOR_ALONE, administratorAloneEntry } from '../support/administrator-alone';
import { DONGGUAN_HEAD, OFFICE } from '../support/people';
import { axeCheck } from './support/axe';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate, taskBecomes } from './support/stack';

/** 张伟, deputy director of the office: OFFICE without ADMIN. (黄敏, OFFICE, has ADMIN too.) */
const OFFICE_ONLY = 'p-zhang-wei';
/** 于红, staff of town-dongguan, named the handler (承办人) of an open task of it. */
const HANDLER = 'p-yu-hong';
const ORGANISATION = '/v1/rules/organisation';
const XICHENG_TASK = '开展基层公权力监督专项检查';
const DONGGUAN_TASK = '核查老旧小区改造资金使用情况';

type Content = { units: { id: string; name: string; parent?: string }[]; people: { id: string; roles: string[] }[] };

/**
 * The organisation itself in Chromium (组织架构, issue 22), edited by its administrator: the unit tree, a unit renamed
 * (its former name kept), a unit moved under its own descendant (the cycle refused at the parent field), a person
 * added and given a role, a person and a unit with open tasks refused (the tasks named; merging instead), two
 * versions compared in sentences and an earlier one restored as a new version. Each checked through the API too.
 */
describe('the administrator edits the organisation in Chromium (组织架构)', () => {
  let run: BrowserRun;
  let office: Client;
  let page: Page;
  let dongguanTask = '';
  const organisation = async () =>
    (await office('GET', ORGANISATION)).body as { version: number; content: Content; versions: unknown[] };

  beforeAll(async () => {
    run = await startBrowserRun();
    office = await run.t.as(OFFICE);
    const due = shanghaiDate(30);
    await assignTask(office, { title: XICHENG_TASK, leadUnitId: 'town-xicheng', dueDate: due });
    // An open task of town-dongguan whose handler is 于红: she answers for it.
    dongguanTask = await assignTask(office, { title: DONGGUAN_TASK, leadUnitId: 'town-dongguan', dueDate: due });
    await taskBecomes(run.t, office, dongguanTask, (t) => t.state === 'ASSIGNED');
    const head = await run.t.as(DONGGUAN_HEAD);
    const named = await head('POST', `/v1/tasks/${dongguanTask}/handler`, { handlerId: HANDLER });
    if (named.status !== 200) throw new Error(`naming the handler answered ${named.status}`);
    await taskBecomes(
      run.t,
      office,
      dongguanTask,
      (t) => (t.handlers as Record<string, string>)?.['town-dongguan'] === HANDLER,
    );
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('is not offered to the office without ADMIN, nor opened by URL', async () => {
    const officeOnly = await run.signIn(OFFICE_ONLY);
    await officeOnly.getByRole('link', { name: '督办规则', exact: true }).waitFor();
    expect(await officeOnly.getByRole('link', { name: '组织架构' }).count()).toBe(0);
    for (const path of ['/admin/organisation', '/admin/organisation/people', '/admin/organisation/versions']) {
      await officeOnly.goto(`${run.t.stack.apiUrl}${path}`);
      await officeOnly.getByRole('heading', { name: '页面不存在或无权查看' }).waitFor();
    }
    // Nor may he edit it through the API.
    const client = await run.t.as(OFFICE_ONLY);
    expect((await client('PATCH', '/v1/units/town-dongguan', { name: '东关', reason: '试' })).status).toBe(403);
  });

  describe('by the administrator', () => {
    const tree = () => page.getByTestId('org-tree');
    const unitForm = () => page.getByTestId('org-unit-edit');
    const selectUnit = async (id: string, name: string) => {
      await tree().locator(`li[data-unit="${id}"] > a`).click();
      await page.getByTestId('org-unit').getByRole('heading', { name, exact: true }).waitFor();
    };

    beforeAll(async () => {
      page = await run.signIn(OFFICE);
    }, 60_000);

    it('shows the unit tree by zone, each unit with its head and responsible leader, next to 单位合并', async () => {
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('link', { name: '组织架构', exact: true }).click();
      const zone1 = tree().locator('section[data-zone="zone-1"]');
      await zone1.getByRole('heading', { name: '第一协作区' }).waitFor();
      const dongguan = zone1.locator('li[data-unit="town-dongguan"]');
      expect(await dongguan.textContent()).toContain('东关街道镇（街道） · 主要负责人：谢华 · 分管领导：王红梅');
      // A village sits under its town.
      const hekou = tree().locator('li[data-unit="town-liuhe"] li[data-unit="village-hekou"]');
      expect(await hekou.textContent()).toContain('柳河镇河口村');
      expect(await page.getByRole('link', { name: '单位合并' }).count()).toBeGreaterThan(0);
      expect(await axeCheck(page)).toEqual([]);
    });

    it('renames a unit and shows its former name', async () => {
      await selectUnit('town-dongguan', '东关街道');
      await unitForm().getByLabel('名称', { exact: true }).fill('东关街道办事处');
      await unitForm().getByLabel('修改原因').fill('区委编委关于街道更名的通知');
      await unitForm().getByRole('button', { name: '保存修改' }).click();
      await page.getByTestId('org-unit-edit-done').getByText('已保存，形成第2版。').waitFor();
      await page.getByTestId('org-unit').getByRole('heading', { name: '东关街道办事处' }).waitFor();
      await page.getByTestId('org-unit-names').getByText('东关街道（至').waitFor();
      expect(await tree().locator('li[data-unit="town-dongguan"] > a').textContent()).toBe('东关街道办事处');
      const history = (await office('GET', '/v1/units/town-dongguan')).body;
      expect(history.names.map((n: { name: string }) => n.name)).toEqual(['东关街道', '东关街道办事处']);
      expect((await organisation()).version).toBe(2);
      expect(await axeCheck(page)).toEqual([]);
      await screenshot(page, 'organisation');
    });

    it('refuses a unit moved under its own descendant, in Chinese at the parent field', async () => {
      await selectUnit('town-liuhe', '柳河镇');
      await unitForm().getByLabel('上级单位').selectOption({ label: '柳河镇河口村' });
      await unitForm().getByLabel('修改原因').fill('调整隶属关系');
      await unitForm().getByRole('button', { name: '保存修改' }).click();
      const problem = unitForm().locator('.field-error[data-field="parent"]');
      await problem.waitFor();
      expect(await problem.textContent()).toContain(
        '“柳河镇河口村”是“柳河镇”的下级单位，不能把单位调至其下级单位之下（单位树不能成环）',
      );
      expect(await unitForm().getByLabel('上级单位').getAttribute('aria-invalid')).toBe('true');
      expect(await unitForm().getByTestId('org-problems').textContent()).toContain('组织架构不符合要求');
      // Nothing stored.
      const { version, content } = await organisation();
      expect(version).toBe(2);
      expect(content.units.find((u) => u.id === 'town-liuhe')?.parent).toBeUndefined();
      expect(await axeCheck(page)).toEqual([]);
    });

    it('adds a person to a unit, then gives them a role', async () => {
      await page.getByRole('link', { name: '人员', exact: true }).click();
      await page.getByLabel('按单位筛选').selectOption({ label: '东关街道办事处' });
      await page.getByTestId('org-people').locator(`tr[data-person="${HANDLER}"]`).waitFor();
      await page.getByRole('button', { name: '新增人员', exact: true }).click();
      const add = page.getByTestId('org-person-add');
      await add.getByLabel('编号').fill('p-zhou-xin');
      await add.getByLabel('姓名', { exact: true }).fill('周新');
      await add.getByLabel('职务').fill('纪工委副书记');
      await add.getByTestId('org-roles').getByLabel('责任单位').check();
      await add.getByLabel('修改原因').fill('新任纪工委副书记');
      await add.getByRole('button', { name: '保存新人员' }).click();
      const edit = page.getByTestId('org-person-edit');
      await edit.getByRole('heading', { name: '修改人员信息：周新' }).waitFor();
      expect(await page.getByTestId('org-people').locator('tr[data-person="p-zhou-xin"]').textContent()).toContain(
        '纪工委副书记',
      );
      await edit.getByTestId('org-roles').getByLabel('分管领导').check();
      await edit.getByLabel('修改原因').fill('明确为分管领导');
      await edit.getByRole('button', { name: '保存修改' }).click();
      await page.getByTestId('org-person-edit-done').getByText('已保存，形成第4版。').waitFor();
      const row = page.getByTestId('org-people').locator('tr[data-person="p-zhou-xin"]');
      await eventually(async () => ((await row.textContent())?.includes('责任单位、分管领导') ? true : undefined));
      const { version, content } = await organisation();
      expect(version).toBe(4);
      expect(content.people.find((p) => p.id === 'p-zhou-xin')?.roles).toEqual(['UNIT', 'LEADER']);
      expect(await axeCheck(page)).toEqual([]);
    });

    it('refuses to deactivate a person who handles an open task, naming the task', async () => {
      await page.getByTestId('org-people').locator(`tr[data-person="${HANDLER}"]`).getByRole('link').click();
      const form = page.getByTestId('org-person-deactivate');
      await form.getByLabel('修改原因').fill('调离');
      await form.getByRole('button', { name: '停用人员' }).click();
      await form.getByTestId('org-person-deactivate-confirm').getByText('确认停用于红？').waitFor();
      await form.getByRole('button', { name: '确认停用' }).click();
      const problems = form.getByTestId('org-problems');
      await problems.waitFor();
      expect(await problems.textContent()).toContain(`于红是1项在办任务的分管领导或承办人（${DONGGUAN_TASK}）`);
      const { version, content } = await organisation();
      expect(version).toBe(4);
      expect(content.people.some((p) => p.id === HANDLER)).toBe(true);
      expect(await axeCheck(page)).toEqual([]);
    });

    it('refuses to retire a unit with open tasks, naming them and pointing to merging', async () => {
      await page.getByRole('link', { name: '单位', exact: true }).click();
      await selectUnit('town-xicheng', '西城街道');
      const form = page.getByTestId('org-unit-retire');
      await form.getByLabel('修改原因').fill('区划调整');
      await form.getByRole('button', { name: '撤销单位' }).click();
      await form.getByRole('button', { name: '确认撤销' }).click();
      const problems = form.getByTestId('org-problems');
      await problems.waitFor();
      expect(await problems.textContent()).toContain(`单位“西城街道”尚有1项在办任务（${XICHENG_TASK}）`);
      expect(await form.getByRole('link', { name: '单位合并' }).getAttribute('href')).toBe('/admin/merge');
      const { version, content } = await organisation();
      expect(version).toBe(4);
      expect(content.units.some((u) => u.id === 'town-xicheng')).toBe(true);
      expect(await axeCheck(page)).toEqual([]);
    });

    it('compares two versions in sentences', async () => {
      await page.getByRole('link', { name: '版本记录', exact: true }).click();
      await page.getByRole('heading', { name: '现行组织架构：第4版' }).waitFor();
      const row = page.getByTestId('rules-versions').locator('tr[data-version="2"]');
      expect(await row.textContent()).toContain('区委编委关于街道更名的通知');
      // The author by name, once the organisation's people are read.
      await row.getByText('黄敏', { exact: true }).waitFor();
      const diff = page.getByTestId('rules-diff');
      await diff.getByLabel('原版本').selectOption({ label: '第1版' });
      await diff.getByLabel('新版本').selectOption({ label: '第4版' });
      await diff.getByRole('button', { name: '比较' }).click();
      const changes = diff.getByTestId('rules-diff-changes');
      await changes.getByText('“东关街道”更名为“东关街道办事处”').waitFor();
      await changes.getByText('新增人员周新（东关街道办事处）').waitFor();
      await diff.getByLabel('原版本').selectOption({ label: '第3版' });
      await diff.getByRole('button', { name: '比较' }).click();
      await changes.getByText('周新的角色由责任单位改为责任单位、分管领导').waitFor();
      const sentences = (await office('GET', `${ORGANISATION}/diff?from=3&to=4`)).body.changes;
      expect(sentences.map((c: { text: string }) => c.text)).toEqual(['周新的角色由责任单位改为责任单位、分管领导']);
      expect(await axeCheck(page)).toEqual([]);
      await screenshot(page, 'organisation-versions');
    });

    it('restores an earlier version as a new version', async () => {
      await page.getByTestId('rules-versions').getByRole('button', { name: '恢复此版本（第2版）' }).click();
      const form = page.getByTestId('rules-restore');
      await form.getByLabel('修改原因').fill('周新未到任');
      await form.getByRole('button', { name: '恢复第2版' }).click();
      await page.getByTestId('org-restored').getByText('已保存，形成第5版。').waitFor();
      await page.getByRole('heading', { name: '现行组织架构：第5版' }).waitFor();
      expect(await page.getByTestId('rules-versions').locator('tr[data-version="5"]').textContent()).toContain(
        '恢复自第2版',
      );
      const { version, content, versions } = await organisation();
      expect(version).toBe(5);
      expect(versions).toHaveLength(5);
      expect(content.people.some((p) => p.id === 'p-zhou-xin')).toBe(false);
      expect(content.units.find((u) => u.id === 'town-dongguan')?.name).toBe('东关街道办事处');
      const sentences = (await office('GET', `${ORGANISATION}/diff?from=4&to=5`)).body.changes;
      expect(sentences.map((c: { text: string }) => c.text)).toEqual(['停用人员周新（东关街道办事处）']);
      expect(await axeCheck(page)).toEqual([]);
    });

    it('links the export, the organisation in the file’s shape', async () => {
      const link = page.getByTestId('org-export');
      expect(await link.getAttribute('href')).toBe(`${ORGANISATION}/export`);
      const file = await page.request.get(`${run.t.stack.apiUrl}${ORGANISATION}/export`);
      expect(file.status()).toBe(200);
      const exported = (await file.json()) as Content;
      expect(exported.units.find((u) => u.id === 'town-dongguan')?.name).toBe('东关街道办事处');
    });

    it('adds a unit with its head, a problem of the head shown at the head’s field', async () => {
      await page.getByRole('link', { name: '单位', exact: true }).click();
      await page.getByRole('button', { name: '新增单位', exact: true }).click();
      const add = page.getByTestId('org-unit-add');
      await add.getByLabel('编号', { exact: true }).fill('town-xinqiao');
      await add.getByLabel('名称').fill('新桥街道');
      await add.getByLabel('协作区').selectOption({ label: '第二协作区' });
      await add.getByLabel('分管领导').selectOption({ label: '陈立新' });
      await add.getByLabel('人员编号').fill('p-xinqiao-head');
      await add.getByLabel('修改原因').fill('新设街道');
      await add.getByRole('button', { name: '保存新单位' }).click();
      // The head's name left blank: the API names body.people[0].name, shown at the head's 姓名.
      const blank = add.getByRole('group', { name: '主要负责人（新增人员）' }).getByLabel('姓名');
      await eventually(async () => ((await blank.getAttribute('aria-invalid')) === 'true' ? true : undefined));
      expect((await organisation()).version).toBe(5);
      await blank.fill('孙明');
      await add.getByRole('button', { name: '保存新单位' }).click();
      await page.getByTestId('org-unit').getByRole('heading', { name: '新桥街道' }).waitFor();
      await tree().locator('section[data-zone="zone-2"] li[data-unit="town-xinqiao"]').waitFor();
      const { version, content } = await organisation();
      expect(version).toBe(6);
      expect(content.units.find((u) => u.id === 'town-xinqiao')).toMatchObject({
        head: 'p-xinqiao-head',
        zone: 'zone-2',
      });
      expect(await axeCheck(page)).toEqual([]);
    });
  });

  it('opens at sign-in for an administrator without the office’s role, who reads the versions too', async () => {
    const added = await office('POST', '/v1/people', { ...administratorAloneEntry, reason: '新任系统管理员' });
    expect(added.status).toBe(201);
    const alone = await run.signIn(ADMINISTRATOR_ALONE);
    await alone.getByTestId('org-tree').locator('li[data-unit="town-dongguan"]').waitFor();
    expect(new URL(alone.url()).pathname).toBe('/admin/organisation');
    await alone.getByRole('link', { name: '版本记录', exact: true }).click();
    await alone.getByRole('heading', { name: '现行组织架构：第7版' }).waitFor();
    expect(await alone.getByRole('link', { name: '督办规则' }).count()).toBe(0);
    expect(await axeCheck(alone)).toEqual([]);
  });

  itHasNoAccessibilityViolations(5);
});
