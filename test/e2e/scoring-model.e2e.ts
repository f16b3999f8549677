import type { Page } from 'playwright-core';
import { lapsedTaskOfDongguan } from '../support/assigned-earlier';
import { eventually } from '../support/http';
import { OFFICE } from '../support/people';
import { axeCheck } from './support/axe';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { shanghaiDate, TASK_DEFAULTS } from './support/stack';

const MODEL = '/v1/rules/scoring-model';
const TOTAL = '[data-field="content.totalWeight"]';

/**
 * The office's other rules in Chromium (issue 22): the scoring model edited with versions (a 422 at its field,
 * 预览影响 with the units whose score would move in the running year, publish for the running cycle too, 版本比较,
 * 恢复此版本) and a year scored again with one, and a working-day table previewed (预览影响) before it is loaded.
 */
describe('the office edits the scoring model and previews a working-day table in Chromium (issue 22)', () => {
  let run: BrowserRun;
  let office: Client;
  let page: Page;
  /** The year running, with a lapsed task of town-dongguan: what a heavier on-time weight scores down. */
  let cycleId = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    office = await run.t.as(OFFICE);
    page = await run.signIn(OFFICE);
    const opened = await office('POST', '/v1/cycles', { year: Number(shanghaiDate(0).slice(0, 4)) });
    if (opened.status !== 201) throw new Error(`opening the year answered ${opened.status}`);
    cycleId = opened.body.id as string;
    await lapsedTaskOfDongguan(run.t, cycleId);
  }, 240_000);

  afterAll(() => run?.close(), 60_000);

  const editor = () => page.getByTestId('model-editor');
  const indicator = (key: string) => editor().getByTestId(`model-indicator-${key}`);
  const preview = () => editor().getByRole('button', { name: '预览影响', exact: true }).click();
  /** 预览影响, then 发布 (for cycles opened afterwards only, the default). */
  const publish = async (reason: string) => {
    await editor().getByLabel('修改原因').fill(reason);
    await preview();
    await editor().getByTestId('rules-preview').waitFor();
    await editor().getByRole('button', { name: '发布', exact: true }).click();
  };

  describe('the scoring model (考核评分模型)', () => {
    it('shows the model in force with its indicators and weights in Chinese', async () => {
      await page.getByRole('link', { name: '督办规则', exact: true }).click();
      await page.getByRole('link', { name: '考核评分模型', exact: true }).click();
      await page.getByRole('heading', { name: '现行规则：尚未发布版本' }).waitFor();
      const row = page.getByTestId('model-indicators').locator('tr[data-indicator="urgingsAndRungs"]');
      expect(await row.textContent()).toContain('催办与升级督办');
      expect(await row.textContent()).toContain('逐项扣分：签收超时催办每项1分');
      expect(await page.getByTestId('model-indicators').locator('caption').textContent()).toContain('权重合计123');
    });

    it('shows a 422 at its field: weights that no longer add up to the total', async () => {
      await indicator('onTimeCompletionRate').getByLabel('权重', { exact: true }).fill('30');
      await preview();
      const problem = editor().locator(TOTAL);
      await problem.waitFor();
      expect(await problem.textContent()).toContain('各项指标权重合计为128，与权重合计123不符');
      expect(await editor().getByLabel('权重合计').getAttribute('aria-invalid')).toBe('true');
      expect((await office('GET', MODEL)).body.version).toBe(0);
      expect(await axeCheck(page)).toEqual([]);
    });

    it('previews the fixed model: the running year’s unit with a lapsed task would score lower', async () => {
      await editor().getByLabel('权重合计').fill('128');
      await editor().getByLabel('修改原因').fill('提高按期办结率权重');
      await preview();
      const shown = editor().getByTestId('rules-preview');
      await shown.getByTestId('rules-preview-changes').getByText('“按期办结率”权重由25改为30').waitFor();
      const cycle = shown.locator(`[data-cycle="${cycleId}"]`);
      expect(await cycle.textContent()).toContain('截至目前');
      const row = cycle.getByTestId('model-preview-units').locator('tr[data-unit="town-dongguan"]');
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      expect(cells[1]).toMatch(/分 \/ 第\d+名/);
      expect(Number(cells[3])).toBeLessThan(0);
      // The preview stored nothing.
      expect((await office('GET', MODEL)).body.version).toBe(0);
      expect(await axeCheck(page)).toEqual([]);
      await screenshot(page, 'scoring-model-preview');
    });

    it('publishes it as version 1 for the running cycle too: 1 cycle told, and it scores with version 1', async () => {
      await editor().getByLabel('同时适用于进行中的年度周期').check();
      await editor().getByRole('button', { name: '发布', exact: true }).click();
      const note = page.getByTestId('rules-published');
      await note.getByText('已发布第1版。').waitFor();
      expect(await note.textContent()).toContain('已通知1个进行中的年度周期改按新模型计分');
      await page.getByRole('heading', { name: '现行规则：第1版' }).waitFor();
      const model = (await office('GET', MODEL)).body;
      expect(model.content.totalWeight).toBe(128);
      expect(model.content.indicators[0]).toEqual({
        indicator: 'onTimeCompletionRate',
        weight: 30,
        formula: { kind: 'RATE' },
      });
      // The running cycle was told: it scores with version 1 from then on.
      await eventually(async () => {
        const c = (await office('GET', `/v1/cycles/${cycleId}`)).body;
        return c.settings?.scoringModel?.version === 1 ? true : undefined;
      }, 30_000);
      // The editor starts again from the version now in force.
      await editor().getByRole('heading', { name: '修改考核评分模型（基于第1版）' }).waitFor();
    });

    it('publishes an item’s points as version 2 and compares it with version 1 in a sentence', async () => {
      await indicator('urgingsAndRungs').getByLabel('三级督办（每项扣分）').fill('10');
      await publish('加重三级督办扣分');
      await page.getByRole('heading', { name: '现行规则：第2版' }).waitFor();
      const diff = page.getByTestId('rules-diff');
      await diff.getByLabel('原版本').selectOption({ label: '第1版' });
      await diff.getByLabel('新版本').selectOption({ label: '第2版' });
      await diff.getByRole('button', { name: '比较' }).click();
      await diff.getByTestId('rules-diff-changes').getByText('“催办与升级督办”中“三级督办”每项分值由8改为10').waitFor();
      await screenshot(page, 'scoring-model');
    });

    it('restores version 1 as version 3 for the running cycle too, 「恢复自第1版」', async () => {
      await page.getByTestId('rules-versions').getByRole('button', { name: '恢复此版本（第1版）' }).click();
      const form = page.getByTestId('rules-restore');
      // New cycles only unless the office says otherwise, as when publishing.
      expect(await form.getByLabel('仅适用于今后开启的年度周期').isChecked()).toBe(true);
      await form.getByLabel('同时适用于进行中的年度周期').check();
      await form.getByLabel('修改原因').fill('恢复原扣分标准');
      await form.getByRole('button', { name: '恢复第1版' }).click();
      const note = page.getByTestId('rules-published');
      await note.getByText('已发布第3版。').waitFor();
      expect(await note.textContent()).toContain('已通知1个进行中的年度周期改按新模型计分');
      await eventually(async () => {
        const c = (await office('GET', `/v1/cycles/${cycleId}`)).body;
        return c.settings?.scoringModel?.version === 3 ? true : undefined;
      }, 30_000);
      const row = page.getByTestId('rules-versions').locator('tr[data-version="3"]');
      await row.waitFor();
      expect(await row.textContent()).toContain('恢复自第1版');
      const model = (await office('GET', MODEL)).body;
      expect(model.version).toBe(3);
      const urging = model.content.indicators.find((i: { indicator: string }) => i.indicator === 'urgingsAndRungs');
      expect(urging.formula.perItem.L3).toBe(8);
      expect(await axeCheck(page)).toEqual([]);
    });
  });

  describe('the working-day calendar (工作日历)', () => {
    let taskId = '';
    let dueDate = '';
    const form = () => page.getByTestId('calendar-form');

    beforeAll(async () => {
      // A time limit in working days ends on a working day: making it a day off moves the deadline.
      const created = await office('POST', '/v1/tasks', {
        ...TASK_DEFAULTS,
        title: '开展节前廉洁提醒谈话',
        leadUnitId: 'town-dongguan',
        workingDays: 10,
      });
      if (created.status !== 201) throw new Error(`assigning a task answered ${created.status}`);
      taskId = created.body.id as string;
      dueDate = await eventually(async () => (await office('GET', `/v1/tasks/${taskId}`)).body.dueDate ?? undefined);
    }, 60_000);

    it('reads the year’s table in force into the form', async () => {
      await page.getByRole('link', { name: '工作日历', exact: true }).click();
      await form().getByLabel('年份').fill(dueDate.slice(0, 4));
      await form().getByRole('button', { name: '读取现行日历' }).click();
      await form()
        .getByTestId('calendar-current')
        .getByText(`${dueDate.slice(0, 4)}年`)
        .waitFor();
    });

    it('shows a 422 at its field: a day outside the year', async () => {
      const holidays = form().getByLabel('放假日期');
      const start = await holidays.inputValue();
      await holidays.fill(`${start}\n${Number(dueDate.slice(0, 4)) + 1}-01-02 跨年`);
      await form().getByRole('button', { name: '预览影响' }).click();
      await form().locator('[data-field="holidays"]').waitFor();
      expect(await holidays.getAttribute('aria-invalid')).toBe('true');
      await holidays.fill(start);
    });

    it('previews the table with the deadline made a day off: the task and its moved deadline', async () => {
      const holidays = form().getByLabel('放假日期');
      await holidays.fill(`${await holidays.inputValue()}\n${dueDate} 本区调休`.trim());
      await form().getByLabel('依据').fill('区委区政府关于调整本区休息日的通知');
      await form().getByRole('button', { name: '预览影响' }).click();
      const row = form().getByTestId('rules-preview-tasks').locator(`tr[data-task="${taskId}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain('开展节前廉洁提醒谈话');
      expect(await row.textContent()).toContain(`工作时限由${dueDate}改为`);
      // The preview stored nothing.
      expect((await office('GET', `/v1/tasks/${taskId}`)).body.dueDate).toBe(dueDate);
      expect(await axeCheck(page)).toEqual([]);
      await screenshot(page, 'calendar-preview');
    });

    it('loads it: the running task is told and its deadline moves', async () => {
      await form()
        .getByRole('button', { name: `载入${dueDate.slice(0, 4)}年工作日历` })
        .click();
      const loaded = page.getByTestId('calendar-loaded');
      await loaded.getByText(`已载入${dueDate.slice(0, 4)}年工作日历`).waitFor();
      expect(await loaded.textContent()).toMatch(/已通知[1-9]\d*项在办任务重新计算期限/);
      await eventually(async () => {
        const due = (await office('GET', `/v1/tasks/${taskId}`)).body.dueDate as string;
        return due > dueDate ? true : undefined;
      }, 30_000);
    });
  });

  describe('recomputing a year with another version (重新测算)', () => {
    beforeAll(async () => {
      const computed = await office('POST', `/v1/cycles/${cycleId}/assessment`, {});
      if (computed.status >= 300) throw new Error(`computing the assessment answered ${computed.status}`);
    }, 60_000);

    it('scores the assessment again with version 2, kept apart: the assessment stays as it was', async () => {
      const before = (await office('GET', `/v1/cycles/${cycleId}/assessment`)).body;
      await page.goto(`${run.t.stack.apiUrl}/office/assessment?cycle=${encodeURIComponent(cycleId)}`);
      const form = page.getByTestId('recompute-form');
      await form.getByLabel('模型版本').selectOption({ label: '第2版' });
      await form.getByLabel('测算原因').fill('按加重三级督办扣分的模型测算本年度得分');
      await form.getByRole('button', { name: '重新测算' }).click();
      const done = page.getByTestId('recomputations').locator('details[data-computation="1"]');
      await done.waitFor();
      expect(await done.locator('summary').textContent()).toContain('第1次测算：第2版');
      const list = (await office('GET', `/v1/cycles/${cycleId}/assessment/recomputations`)).body;
      expect(list.items.map((r: { ruleVersion: number }) => r.ruleVersion)).toEqual([2]);
      const after = (await office('GET', `/v1/cycles/${cycleId}/assessment`)).body;
      expect(after.model).toEqual(before.model);
      expect(after.revision).toBe(before.revision);
      expect(await axeCheck(page)).toEqual([]);
    });
  });

  itHasNoAccessibilityViolations(3);
});
