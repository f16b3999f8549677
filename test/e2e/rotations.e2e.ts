import type { Page } from 'playwright-core';
import { DONGGUAN_HEAD, OFFICE, XICHENG_HEAD } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { shanghaiDate } from './support/stack';

/** 陆水根, head of village-hekou (柳河镇河口村), a trainee of the plan. */
const HEKOU_HEAD = 'p-lu-shuigen';

/** The first day of the month `months` after next, and the last day of a two-month window from it. */
const monthStart = (months: number) => {
  const [y, m] = shanghaiDate(0).split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + 2 + months, 1)).toISOString().slice(0, 10);
};
const twoMonthsFrom = (start: string) =>
  new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) + 1, 0)).toISOString().slice(0, 10);

describe('rotation training (轮训) in Chromium', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let page: Page;
  let planId = '';
  const start = monthStart(0);
  const later = monthStart(1);

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    page = await run.signIn(OFFICE);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('lets the office make the year’s plan window by window', async () => {
    await page.getByRole('link', { name: '轮训计划', exact: true }).click();
    const form = page.getByTestId('new-rotation-form');
    await form.getByLabel('年度').fill('2040');
    const addWindow = async (unit: string, person: string) => {
      await form.getByLabel('选派单位').selectOption({ label: unit });
      await form.getByLabel('轮训人员').selectOption({ label: person });
      await form.getByLabel('开始日期').fill(start);
      await form.getByLabel('结束日期').fill(twoMonthsFrom(start));
      await form.getByRole('button', { name: '添加时段' }).click();
    };
    await addWindow('柳河镇河口村', '陆水根');
    await addWindow('东关街道', '于红');
    expect(await form.getByTestId('planned-windows').locator('li').count()).toBe(2);
    await form.getByRole('button', { name: '制定计划' }).click();

    await page.getByRole('heading', { name: '2040年度轮训计划' }).waitFor();
    planId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    expect(planId).toBe('district-2040');
    expect(await page.getByTestId('office-windows').locator('tbody tr').count()).toBe(2);
  });

  it('shows a unit its own window only, where it asks to swap', async () => {
    const dongguan = await run.signIn(DONGGUAN_HEAD);
    await dongguan.getByRole('link', { name: '轮训安排', exact: true }).click();
    const plan = dongguan.getByTestId(`unit-plan-${planId}`);
    await plan.waitFor();
    expect(await plan.locator('tbody tr').count()).toBe(1);
    expect(await plan.getByText('陆水根').count()).toBe(0);
    const swap = dongguan.getByTestId('swap-form-w2');
    await swap.getByLabel('调换人选（不调换可不选）').selectOption({ label: '谢华' });
    await swap.getByLabel('开始日期').fill(later);
    await swap.getByLabel('结束日期').fill(twoMonthsFrom(later));
    await swap.getByLabel('调换理由').fill('于红同志承担街道换届工作');
    await swap.getByRole('button', { name: '提交调换申请' }).click();
    await plan.locator('tr[data-window="w2"]').getByText('申请调换').waitFor();

    const xicheng = await run.signIn(XICHENG_HEAD);
    await xicheng.getByRole('link', { name: '轮训安排', exact: true }).click();
    await xicheng.getByText('本单位暂无轮训安排。').waitFor();
  });

  it('lets a unit confirm its window', async () => {
    const hekou = await run.signIn(HEKOU_HEAD);
    await hekou.getByRole('link', { name: '轮训安排', exact: true }).click();
    await hekou.getByTestId('pending-w1').getByRole('button', { name: '确认时段' }).click();
    await hekou.locator('tr[data-window="w1"]').getByText('已确认').waitFor();
  });

  it('lets the office approve the swap', async () => {
    await page.reload();
    const decision = page.getByTestId('swap-decision-w2');
    await decision.waitFor();
    expect(await decision.getByTestId('swap-proposal').textContent()).toContain('于红同志承担街道换届工作');
    await decision.getByLabel('决定').selectOption('yes');
    await decision.getByRole('button', { name: '提交决定' }).click();
    const row = page.locator('tr[data-window="w2"]');
    await row.getByText('已确认').waitFor();
    expect(await row.textContent()).toContain('谢华');

    const seen = await office('GET', `/v1/rotations/${planId}`);
    expect(seen.body.windows.map((w: { state: string }) => w.state)).toEqual(['CONFIRMED', 'CONFIRMED']);
  });

  it('opens a trainee’s record: case references for the office, the count only for the unit', async () => {
    await page.locator('tr[data-window="w1"]').getByRole('link', { name: '陆水根' }).click();
    await page.getByRole('heading', { name: '陆水根同志轮训记录' }).waitFor();
    expect(await page.getByTestId('record-windows').locator('tbody tr').count()).toBe(1);
    expect(await page.getByText('办案信息仅显示参与案件数').count()).toBe(0);

    const dongguan = await run.signIn(DONGGUAN_HEAD);
    await dongguan.goto(`${t.stack.apiUrl}/rotation-records/p-yu-hong`);
    await dongguan.getByRole('heading', { name: '于红同志轮训记录' }).waitFor();
    await dongguan.getByText('办案信息仅显示参与案件数', { exact: false }).waitFor();
    await dongguan.goto(`${t.stack.apiUrl}/rotation-records/p-lu-shuigen`);
    await dongguan.getByTestId('not-found').waitFor();
  });

  // The office's plan, a unit's windows (two units), the office's decision, the records.
  itHasNoAccessibilityViolations(3);
});
