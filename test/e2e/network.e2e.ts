import type { Page } from 'playwright-core';
import { OFFICE } from '../support/people';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun } from './support/run';

/** 吴刚, a village informant who left in 2026; 唐丽, a town-level informant of 柳河镇. */
const WU_GANG = 'p-wu-gang';
const TANG_LI = 'p-tang-li';

describe('the supervision network (监督网络) in Chromium', () => {
  let run: BrowserRun;
  let page: Page;

  beforeAll(async () => {
    run = await startBrowserRun();
    page = await run.signIn(OFFICE);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('shows the office the roster in three levels and appoints a retired informant anew', async () => {
    await page.getByRole('link', { name: '监督网络', exact: true }).click();
    const roster = page.getByTestId('network-members');
    await roster.getByText('吴刚').waitFor();
    expect(await roster.locator('tbody tr').count()).toBe(10);
    expect(await roster.locator('tbody tr', { hasText: '吴刚' }).textContent()).toContain('已解聘');
    await page.getByLabel('状态').selectOption({ label: '在聘' });
    await roster.locator('tbody tr', { hasText: '吴刚' }).waitFor({ state: 'detached' });
    await roster.locator('tbody tr').nth(8).waitFor();
    expect(await roster.locator('tbody tr').count()).toBe(9);
    const activity = page.getByTestId('activity-members');
    await activity.locator('tbody tr').nth(9).waitFor();
    expect(await page.getByTestId('activity-totals').textContent()).toContain('共10名成员');
    await screenshot(page, 'office-network');

    const form = page.getByTestId('appoint-form');
    await form.getByLabel('人员').selectOption({ label: '吴刚' });
    await form.getByLabel('类别').selectOption({ label: '信息员' });
    await form.getByLabel('层级').selectOption({ label: '村（社区）级' });
    await form.getByLabel('所在片区').selectOption({ label: '南湖街道光明社区' });
    await form.getByLabel('聘期开始').fill('2026-12-01');
    await form.getByLabel('聘期结束').fill('2026-11-30');
    await form.getByLabel('事由').fill('重新聘任，聘书〔2026〕9号');
    await form.getByRole('button', { name: '聘任' }).click();
    await form.getByText('聘期结束日期不能早于开始日期', { exact: true }).waitFor();
    await form.getByLabel('聘期结束').fill('2028-11-30');
    await form.getByRole('button', { name: '聘任' }).click();

    await page.getByRole('heading', { name: /吴刚/ }).waitFor();
    await page.getByTestId('member-status').getByText('在聘').waitFor();
    expect(await page.getByTestId('member-versions').locator('tbody tr').count()).toBe(2);
  });

  it('lets the office renew a term, each change a version', async () => {
    await page.goto(`${run.t.stack.apiUrl}/office/network/${TANG_LI}`);
    const renew = page.getByTestId('renew-form');
    await renew.getByLabel('聘期结束').fill('2032-12-31');
    await renew.getByLabel('事由').fill('续聘');
    await renew.getByRole('button', { name: '续聘' }).click();
    await page.getByTestId('member-term').getByText('2026-01-01 — 2032-12-31').waitFor();
    expect(await page.getByTestId('member-versions').locator('tbody tr').first().textContent()).toContain('续聘');
  });

  it('shows a member their own appointment and nothing to change', async () => {
    const member = await run.signIn(WU_GANG);
    await member.getByRole('link', { name: '我的聘任', exact: true }).click();
    await member.getByTestId('member-status').getByText('在聘').waitFor();
    expect(await member.getByTestId('renew-form').count()).toBe(0);
    expect(await member.getByTestId('retire-form').count()).toBe(0);
    await member.goto(`${run.t.stack.apiUrl}/office/network/${TANG_LI}`);
    await member.getByTestId('not-found').waitFor();
  });

  // The office's roster, a member's page, a member's own appointment.
  itHasNoAccessibilityViolations(3);
});
