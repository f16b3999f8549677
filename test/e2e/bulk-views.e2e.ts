import type { Page } from 'playwright-core';
import { OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';

const LEAD = 'p-lu-shuigen'; // head of village-hekou
const WORD = '批量演示';
const year = new Date().getUTCFullYear() + 1;

describe('bulk actions and saved views in Chromium (issue 20 item 7)', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let lead: Client;
  let officePage: Page;
  const titles = [`${WORD}：村务公开整改`, `${WORD}：三资管理整改`, `${WORD}：低保评定整改`];
  const ids: string[] = [];

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    lead = await t.as(LEAD);
    for (const title of titles) {
      const res = await office('POST', '/v1/tasks', {
        title,
        type: 'ROUTINE',
        leadUnitId: 'village-hekou',
        coUnitIds: [],
        leaderId: 'p-zhao-zhiqiang',
        requirements: '逐项整改到位',
        standard: '整改台账',
        dueDate: `${year}-05-31`,
      });
      ids.push(res.body.id as string);
      await lead('POST', `/v1/tasks/${res.body.id}/sign`, {});
    }
    // The first two ask for an extension; the third has none pending.
    for (const id of ids.slice(0, 2)) {
      const asked = await lead('POST', `/v1/tasks/${id}/extension`, {
        reason: '需等待上级批复',
        proposedDate: `${year}-06-30`,
        progress: '已完成摸底',
      });
      expect(asked.status).toBe(200);
    }
    officePage = await run.signIn(OFFICE);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('lets the office select tasks and decide their extensions in one action, showing each result', async () => {
    const page = officePage;
    await page.goto(new URL(`/office/tasks?q=${encodeURIComponent(WORD)}`, page.url()).toString());
    for (const title of titles) await page.getByLabel(`选择任务“${title}”`).check();
    await page.getByRole('status').filter({ hasText: '已选 3 项任务' }).waitFor();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByLabel('操作').selectOption({ label: '审批延期申请' });
    await bar.getByLabel('审批意见').selectOption({ label: '同意延期' });
    await bar.getByLabel('说明（可选）').fill('统一批准延期');
    await bar.getByRole('button', { name: '批量办理（3）' }).click();
    const results = page.getByTestId('bulk-results');
    await results.getByText('办理结果：成功 2 项，未通过 1 项，未找到 0 项').waitFor();
    expect(await results.locator('tr[data-outcome="ACCEPTED"]').count()).toBe(2);
    const refused = results.locator(`tr[data-task="${ids[2]}"]`);
    expect(await refused.getAttribute('data-outcome')).toBe('REFUSED');
    expect(await refused.textContent()).toContain('没有待审批的延期申请');
    await screenshot(page, 'bulk-results');
    // Applied: the two tasks carry the new limit.
    for (const id of ids.slice(0, 2))
      expect((await office('GET', `/v1/tasks/${id}`)).body.dueDate).toBe(`${year}-06-30`);
  });

  it('urges and extends the chosen tasks from the bar (督办、延期), each applied to every task', async () => {
    const page = officePage;
    await page.goto(new URL(`/office/tasks?q=${encodeURIComponent(WORD)}`, page.url()).toString());
    for (const title of titles.slice(1)) await page.getByLabel(`选择任务“${title}”`).check();
    await page.getByRole('status').filter({ hasText: '已选 2 项任务' }).waitFor();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByLabel('操作').selectOption({ label: '督办' });
    await bar.getByLabel('督办内容').fill('请于本周内报送整改台账');
    await bar.getByLabel('抄送分管领导').check();
    await bar.getByRole('button', { name: '批量办理（2）' }).click();
    await page.getByTestId('bulk-results').getByText('办理结果：成功 2 项，未通过 0 项，未找到 0 项').waitFor();
    for (const id of ids.slice(1)) expect((await office('GET', `/v1/tasks/${id}`)).body.urgings).toBe(1);

    for (const title of titles.slice(2)) await page.getByLabel(`选择任务“${title}”`).check();
    await bar.getByLabel('操作').selectOption({ label: '延期' });
    await bar.getByLabel('新的工作时限').fill(`${year}-07-31`);
    await bar.getByLabel('理由').fill('经研究统一延期');
    await bar.getByRole('button', { name: '批量办理（1）' }).click();
    await page.getByTestId('bulk-results').getByText('办理结果：成功 1 项，未通过 0 项，未找到 0 项').waitFor();
    expect((await office('GET', `/v1/tasks/${ids[2]}`)).body.dueDate).toBe(`${year}-07-31`);
  });

  it('saves the filter as a view and applies it from the quick filters', async () => {
    const page = officePage;
    await page.goto(new URL(`/office/tasks?q=${encodeURIComponent(WORD)}`, page.url()).toString());
    const views = page.getByTestId('saved-views');
    await views.getByRole('button', { name: '保存为视图' }).click();
    await views.getByLabel('视图名称').fill('河口村整改任务');
    await views.getByRole('button', { name: '保存', exact: true }).click();
    await views.getByRole('status').filter({ hasText: '已保存视图“河口村整改任务”' }).waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toMatch(/^v-/);

    await views.getByRole('button', { name: '全部', exact: true }).click();
    await page.waitForURL((url) => !url.searchParams.has('view'));
    await views.getByRole('button', { name: '河口村整改任务', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.has('view'));
    await page.getByText('正在按视图“河口村整改任务”筛选').waitFor();
    for (const title of titles) await page.getByRole('link', { name: title }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(3);
    await screenshot(page, 'saved-views');
  });

  it('offers 全选当前筛选: the whole filter goes in one request', async () => {
    const page = officePage;
    await page.getByRole('button', { name: '全选当前筛选' }).click();
    await page.getByRole('status').filter({ hasText: '已选当前筛选的全部 3 项任务' }).waitFor();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByLabel('操作').selectOption({ label: '撤销' });
    await bar.getByLabel('理由').fill('与年度计划任务重复');
    await bar.getByRole('button', { name: '批量办理（3）' }).click();
    await page.getByTestId('bulk-results').getByText('办理结果：成功 3 项，未通过 0 项，未找到 0 项').waitFor();
  });

  it('offers a unit its own saved views too, and no bulk action', async () => {
    const page = await run.signIn(LEAD);
    const views = page.getByTestId('saved-views');
    await views.getByRole('button', { name: '保存为视图' }).click();
    await views.getByLabel('视图名称').fill('我的逾期任务');
    await views.getByRole('button', { name: '保存', exact: true }).click();
    await views.getByRole('button', { name: '我的逾期任务', exact: true }).waitFor();
    expect(await page.getByTestId('bulk-bar').count()).toBe(0);
    expect(await page.getByRole('button', { name: '全选当前筛选' }).count()).toBe(0);
  });

  itHasNoAccessibilityViolations(3);
});
