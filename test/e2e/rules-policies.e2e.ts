import type { Page } from 'playwright-core';
import { OFFICE } from '../support/people';
import { axeCheck } from './support/axe';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';

const ACCOUNTABILITY = '/v1/rules/accountability';
const DEFAULTS = '/v1/rules/procedure-defaults';

/**
 * Two more kinds of the office's rules in Chromium (issue 22): the accountability policy (问责措施) and the defaults
 * of the joint meetings and inspection rounds (会议与检查), each edited with versions — a nonsense value refused with
 * the API's words at its field (a measure's code twice; a confirmation not before the notice and a checklist item
 * twice), published with a reason, two versions compared in sentences, an earlier one restored as a new version, and
 * (the defaults) someone else's publish meanwhile shown as the stale box.
 */
describe('the office edits the accountability policy and the procedures’ defaults in Chromium (issue 22)', () => {
  let run: BrowserRun;
  let office: Client;
  let page: Page;

  beforeAll(async () => {
    run = await startBrowserRun();
    office = await run.t.as(OFFICE);
    page = await run.signIn(OFFICE);
  }, 240_000);

  afterAll(() => run?.close(), 60_000);

  const published = (n: number) => page.getByTestId('rules-published').getByText(`已发布第${n}版。`).waitFor();
  const inForce = (n: number) => page.getByRole('heading', { name: `现行规则：第${n}版` }).waitFor();
  /** 版本比较 of two versions: the sentences of what changed. */
  const compare = async (from: number, to: number): Promise<string[]> => {
    const diff = page.getByTestId('rules-diff');
    await diff.getByLabel('原版本').selectOption({ label: `第${from}版` });
    await diff.getByLabel('新版本').selectOption({ label: `第${to}版` });
    await diff.getByRole('button', { name: '比较' }).click();
    const changes = diff.getByTestId('rules-diff-changes');
    await changes.getByRole('heading', { name: `第${from}版至第${to}版的改动` }).waitFor();
    return changes.locator('li').allTextContents();
  };
  /** 恢复此版本 of version `n`, with a reason: it comes back as version `as`. */
  const restore = async (n: number, as: number, reason: string) => {
    await page
      .getByTestId('rules-versions')
      .getByRole('button', { name: `恢复此版本（第${n}版）` })
      .click();
    const form = page.getByTestId('rules-restore');
    await form.getByLabel('修改原因').fill(reason);
    await form.getByRole('button', { name: `恢复第${n}版` }).click();
    await published(as);
    const row = page.getByTestId('rules-versions').locator(`tr[data-version="${as}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`恢复自第${n}版`);
    expect(await row.textContent()).toContain(reason);
  };

  describe('the accountability policy (问责措施)', () => {
    const editor = () => page.getByTestId('acc-editor');
    const measure = (n: number) => editor().getByTestId(`acc-measure-${n}`);
    const publish = async (reason: string) => {
      await editor().getByLabel('修改原因').fill(reason);
      await editor().getByRole('button', { name: '发布', exact: true }).click();
    };

    it('shows the policy in force readably: the deployment’s file, its limits and measures', async () => {
      await page.getByRole('link', { name: '督办规则', exact: true }).click();
      await page.getByRole('navigation', { name: '规则设置' }).getByRole('link', { name: '问责措施' }).click();
      await page.getByRole('heading', { name: '现行规则：尚未发布版本' }).waitFor();
      const shown = page.getByTestId('acc-in-force');
      expect(await shown.getByTestId('acc-statement').textContent()).toBe('立案后第5个工作日24时前书面说明情况');
      expect(await shown.getByTestId('acc-threshold').textContent()).toContain('低于60分');
      const row = shown.locator('tr[data-measure="ADMONISH"]');
      expect(await row.textContent()).toContain('诫勉');
      // What a new version affects is said on the page.
      expect(await page.locator('.rules-page > p.muted').first().textContent()).toContain('此后立案的责任追究案件');
    });

    it('refuses a measure’s code listed twice, the API’s words at the field; nothing is published', async () => {
      await editor().getByLabel('说明情况时限（立案后工作日）').fill('3');
      await editor().getByRole('button', { name: '新增处理措施' }).click();
      await measure(7).getByLabel('名称').fill('责令公开道歉');
      await measure(7).getByLabel('代码').fill('TALK');
      await publish('增加责令公开道歉，缩短说明情况时限');
      const problem = editor().locator('[data-field="content.measures[6].code"]');
      await problem.waitFor();
      expect(await problem.textContent()).toBe('处理措施代码重复（与第2项相同）');
      expect(await measure(7).getByLabel('代码').getAttribute('aria-invalid')).toBe('true');
      expect((await office('GET', ACCOUNTABILITY)).body.version).toBe(0);
      expect(await axeCheck(page)).toEqual([]);
    });

    it('publishes the fixed policy as version 1: shown in force, and the API answers it', async () => {
      await measure(7).getByLabel('代码').fill('PUBLIC_APOLOGY');
      await editor().getByRole('button', { name: '发布', exact: true }).click();
      await published(1);
      await inForce(1);
      const row = page.getByTestId('rules-versions').locator('tr[data-version="1"]');
      expect(await row.textContent()).toContain('增加责令公开道歉，缩短说明情况时限');
      await page.getByRole('heading', { name: '现行问责规则（第1版）' }).waitFor();
      expect(await page.getByTestId('acc-statement').textContent()).toBe('立案后第3个工作日24时前书面说明情况');
      await page.getByTestId('acc-measures').locator('tr[data-measure="PUBLIC_APOLOGY"]').waitFor();
      const policy = (await office('GET', ACCOUNTABILITY)).body;
      expect(policy.version).toBe(1);
      expect(policy.content.statementWorkingDays).toBe(3);
      expect(policy.content.measures.at(-1)).toEqual({ code: 'PUBLIC_APOLOGY', name: '责令公开道歉' });
      expect((await office('GET', '/v1/accountability-measures')).body).toEqual(
        expect.objectContaining({
          items: expect.arrayContaining([expect.objectContaining({ code: 'PUBLIC_APOLOGY' })]),
        }),
      );
      // The editor starts again from the version now in force.
      await editor().getByRole('heading', { name: '修改问责规则（基于第1版）' }).waitFor();
    });

    it('renames, removes and lowers the threshold as version 2, and compares it with version 1 in sentences', async () => {
      await measure(3).getByLabel('名称').fill('诫勉谈话');
      await measure(4).getByRole('button', { name: '删除处理措施“通报批评”' }).click();
      await editor().getByLabel('考核分数线（低于此分启动追究）').fill('55');
      await publish('诫勉改称诫勉谈话，不再使用通报批评');
      await published(2);
      await inForce(2);
      const changes = await compare(1, 2);
      expect(changes).toEqual([
        '启动责任追究的考核分数线由60分改为55分',
        '处理措施“诫勉”更名为“诫勉谈话”',
        '删除处理措施“通报批评”',
      ]);
      const policy = (await office('GET', ACCOUNTABILITY)).body;
      expect(policy.content.measures.map((m: { code: string }) => m.code)).not.toContain('CRITICISM_NOTICE');
      expect(policy.content.assessmentThreshold).toBe(55);
      await screenshot(page, 'rules-accountability');
    });

    it('restores version 1 as version 3: its content in force again', async () => {
      await restore(1, 3, '恢复通报批评');
      await inForce(3);
      await page.getByTestId('acc-measures').locator('tr[data-measure="CRITICISM_NOTICE"]').waitFor();
      const policy = (await office('GET', ACCOUNTABILITY)).body;
      expect(policy.version).toBe(3);
      expect(policy.content).toEqual((await office('GET', `${ACCOUNTABILITY}/versions/1`)).body.content);
      expect(policy.content.assessmentThreshold).toBe(60);
      expect(await axeCheck(page)).toEqual([]);
    });
  });

  describe('the defaults of meetings and inspection rounds (会议与检查)', () => {
    const editor = () => page.getByTestId('pd-editor');
    const meeting = () => editor().getByTestId('pd-meeting');
    const inspection = () => editor().getByTestId('pd-inspection');
    const lines = () => inspection().getByTestId('pd-checklist-lines');
    const publish = async (reason: string) => {
      await editor().getByLabel('修改原因').fill(reason);
      await editor().getByRole('button', { name: '发布', exact: true }).click();
    };

    it('shows the defaults in force readably: quarterly meetings on the 20th, rounds in May and October', async () => {
      await page.getByRole('navigation', { name: '规则设置' }).getByRole('link', { name: '会议与检查' }).click();
      await page.getByRole('heading', { name: '联席会议与检查督办的默认设置' }).waitFor();
      await page.getByRole('heading', { name: '现行规则：尚未发布版本' }).waitFor();
      const shown = page.getByTestId('pd-in-force');
      expect(await shown.getByTestId('pd-meeting-when').textContent()).toBe('3月、6月、9月、12月，每月20日09:30');
      expect(await shown.getByTestId('pd-meeting-place').textContent()).toBe('区纪委监委会议室');
      expect(await shown.getByTestId('pd-inspection-when').textContent()).toBe('5月、10月');
      expect(await shown.getByTestId('pd-checklist').locator('li').count()).toBe(4);
      expect(await meeting().getByLabel('6月', { exact: true }).isChecked()).toBe(true);
      expect(await page.locator('.rules-page > p.muted').first().textContent()).toContain('此后开启的年度周期');
    });

    it('refuses a confirmation not before the notice and a checklist item twice, each at its field', async () => {
      await meeting().getByLabel('确认参会截止（会前工作日）').fill('5');
      await lines().getByRole('button', { name: '新增一项检查内容' }).click();
      await lines().getByLabel('第5项').fill('党风廉政建设主体责任落实情况');
      await publish('会议纪要时限缩短为3个工作日');
      const confirm = editor().locator('[data-field="content.meeting.confirmWorkingDays"]');
      await confirm.waitFor();
      expect(await confirm.textContent()).toBe('确认参会时限须早于会议通知发出（少于5个工作日）');
      expect(await meeting().getByLabel('确认参会截止（会前工作日）').getAttribute('aria-invalid')).toBe('true');
      const twice = editor().locator('[data-field="content.inspection.checklist[4]"]');
      expect(await twice.textContent()).toBe('检查内容重复（与第1项相同）');
      expect(await lines().getByLabel('第5项').getAttribute('aria-invalid')).toBe('true');
      expect((await office('GET', DEFAULTS)).body.version).toBe(0);
      expect(await axeCheck(page)).toEqual([]);
      await screenshot(page, 'rules-procedure-defaults-refused');
    });

    it('refuses a year without a regular meeting at the months', async () => {
      for (const m of [3, 6, 9, 12]) await meeting().getByLabel(`${m}月`, { exact: true }).uncheck();
      await editor().getByRole('button', { name: '发布', exact: true }).click();
      const months = editor().locator('[data-field="content.meeting.months"]');
      await months.waitFor();
      expect(await months.textContent()).toBe('至少须有一个月份');
      for (const m of [3, 6, 9, 12]) await meeting().getByLabel(`${m}月`, { exact: true }).check();
    });

    it('publishes the fixed defaults as version 1: shown in force, and the API answers it', async () => {
      await meeting().getByLabel('确认参会截止（会前工作日）').fill('1');
      await meeting().getByLabel('会议纪要时限（会后工作日）').fill('3');
      await lines().getByLabel('第5项').fill('意识形态工作责任制落实情况');
      await editor().getByRole('button', { name: '发布', exact: true }).click();
      await published(1);
      await inForce(1);
      expect(await page.getByTestId('pd-minutes').textContent()).toBe('会后3个工作日内录入');
      expect(await page.getByTestId('pd-checklist').locator('li').count()).toBe(5);
      const defaults = (await office('GET', DEFAULTS)).body;
      expect(defaults.version).toBe(1);
      expect(defaults.content.meeting).toMatchObject({
        months: [3, 6, 9, 12],
        confirmWorkingDays: 1,
        minutesWorkingDays: 3,
      });
      expect(defaults.content.inspection.checklist.at(-1)).toBe('意识形态工作责任制落实情况');
      await editor().getByRole('heading', { name: '修改默认设置（基于第1版）' }).waitFor();
    });

    it('moves a round to November and drops an item as version 2, compared with version 1 in sentences', async () => {
      await inspection().getByLabel('10月', { exact: true }).uncheck();
      await inspection().getByLabel('11月', { exact: true }).check();
      await lines().getByRole('button', { name: '删除第3项检查内容' }).click();
      await publish('下半年检查改在11月，会议议定事项不再单列');
      await published(2);
      await inForce(2);
      expect(await page.getByTestId('pd-inspection-when').textContent()).toBe('5月、11月');
      const changes = await compare(1, 2);
      expect(changes).toEqual(['定期检查督办月份由5月、10月改为5月、11月', '检查内容删除“联席会议议定事项落实情况”']);
      expect((await office('GET', DEFAULTS)).body.content.inspection.months).toEqual([5, 11]);
    });

    it('restores version 1 as version 3: its content in force again', async () => {
      await restore(1, 3, '检查仍在10月');
      await inForce(3);
      expect(await page.getByTestId('pd-inspection-when').textContent()).toBe('5月、10月');
      const defaults = (await office('GET', DEFAULTS)).body;
      expect(defaults.version).toBe(3);
      expect(defaults.content).toEqual((await office('GET', `${DEFAULTS}/versions/1`)).body.content);
      expect(await axeCheck(page)).toEqual([]);
    });

    it('shows the stale box when someone published meanwhile, and starts again from the version in force', async () => {
      const now = (await office('GET', DEFAULTS)).body;
      const other = await office('POST', DEFAULTS, {
        baseVersion: 3,
        reason: '另一位同事的修改',
        content: { ...now.content, meeting: { ...now.content.meeting, place: '区行政中心第一会议室' } },
      });
      expect(other.status).toBe(201);
      await meeting().getByLabel('会议地点').fill('区纪委监委第二会议室');
      await publish('换会议室');
      await editor().getByTestId('rules-stale').waitFor();
      await editor().getByRole('button', { name: '载入现行版本' }).click();
      await editor().getByRole('heading', { name: '修改默认设置（基于第4版）' }).waitFor();
      expect(await meeting().getByLabel('会议地点').inputValue()).toBe('区行政中心第一会议室');
    });
  });

  itHasNoAccessibilityViolations(2);
});
