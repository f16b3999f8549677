import type { Page } from 'playwright-core';
import { eventually } from '../support/http';
import { OFFICE } from '../support/people';
import { axeCheck } from './support/axe';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate, taskBecomes } from './support/stack';

/** 张伟, deputy director of the office: OFFICE without ADMIN. (黄敏, OFFICE, has ADMIN too.) */
const OFFICE_ONLY = 'p-zhang-wei';
/** 唐宁, head of town-nanhu (南湖街道), the unit merged away. */
const NANHU_HEAD = 'p-tang-ning';
const OPEN_TITLE = '开展村务监督委员会履职情况检查';
const SUBMITTED_TITLE = '排查村级工程项目廉洁风险';

describe('an administrator merges a unit into its successor in Chromium (单位合并)', () => {
  let run: BrowserRun;
  let office: Client;
  let openTask = '';
  let submittedTask = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    office = await run.t.as(OFFICE);
    const due = shanghaiDate(30);
    openTask = await assignTask(office, { title: OPEN_TITLE, leadUnitId: 'town-nanhu', dueDate: due });
    // A submitted task: the reassignment refuses it, so it stays, named with the reason.
    submittedTask = await assignTask(office, { title: SUBMITTED_TITLE, leadUnitId: 'town-nanhu', dueDate: due });
    const head = await run.t.as(NANHU_HEAD);
    await taskBecomes(run.t, office, submittedTask, (t) => t.state === 'ASSIGNED');
    if ((await head('POST', `/v1/tasks/${submittedTask}/sign`, {})).status !== 200) throw new Error('sign refused');
    const submit = await head('POST', `/v1/tasks/${submittedTask}/submit`, { summary: '已完成排查，形成台账' });
    if (submit.status !== 200) throw new Error(`submit answered ${submit.status}`);
    await taskBecomes(run.t, office, submittedTask, (t) => t.state === 'SUBMITTED');
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('is not offered to the office without ADMIN, nor opened by URL', async () => {
    const page = await run.signIn(OFFICE_ONLY);
    await page.getByRole('link', { name: '督办规则', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: '单位合并' }).count()).toBe(0);
    expect(await axeCheck(page)).toEqual([]);
    await page.goto(`${run.t.stack.apiUrl}/admin/merge`);
    await page.getByRole('heading', { name: '页面不存在或无权查看' }).waitFor();
  });

  describe('by an administrator', () => {
    let page: Page;
    const form = () => page.getByTestId('merge-form');

    beforeAll(async () => {
      page = await run.signIn(OFFICE);
    }, 60_000);

    it('asks to confirm, naming both units', async () => {
      await page.getByRole('link', { name: '单位合并', exact: true }).click();
      await form().getByLabel('被合并单位').selectOption({ label: '南湖街道' });
      await form().getByLabel('并入单位').selectOption({ label: '东关街道' });
      await form().getByLabel('合并原因').fill('区委编委关于调整街道行政区划的通知');
      await form().getByRole('button', { name: '合并单位' }).click();
      const confirm = form().getByTestId('merge-confirm');
      await confirm.getByText('确认将“南湖街道”并入“东关街道”？').waitFor();
      expect(await axeCheck(page)).toEqual([]);
    });

    it('merges on confirmation and shows what moved and what did not, with the reason', async () => {
      await form().getByRole('button', { name: '确认合并' }).click();
      await page.getByTestId('merge-done').getByText('已将“南湖街道”并入“东关街道”。').waitFor();
      const moved = page.getByTestId('merge-moved').locator(`tr[data-task="${openTask}"]`);
      expect(await moved.textContent()).toContain(OPEN_TITLE);
      const kept = page.getByTestId('merge-not-moved').locator(`tr[data-task="${submittedTask}"]`);
      expect(await kept.textContent()).toContain(SUBMITTED_TITLE);
      expect((await kept.locator('td').nth(1).textContent())?.trim()).not.toBe('');
      expect(await page.getByTestId('merge-moved').locator(`tr[data-task="${submittedTask}"]`).count()).toBe(0);
      await eventually(async () => {
        const task = (await office('GET', `/v1/tasks/${openTask}`)).body as { leadUnitId: string };
        return task.leadUnitId === 'town-dongguan' ? true : undefined;
      }, 30_000);
      expect(await axeCheck(page)).toEqual([]);
      await screenshot(page, 'unit-merge');
    });
  });

  itHasNoAccessibilityViolations(2);
});
