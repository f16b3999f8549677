import type { Page } from 'playwright-core';
import { DONGGUAN_HEAD, GROUP_MEMBER, LEADER, OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { shanghaiDate } from './support/stack';

const year = new Date().getUTCFullYear() + 1;

describe('absences and deputies (请假与代理) in Chromium (issue 20 item 5)', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let head: Client;
  let taskId = '';
  let leaderPage: Page;

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    head = await t.as(DONGGUAN_HEAD);
    const created = await office('POST', '/v1/tasks', {
      title: '落实区长关于农村集体资金管理的批示',
      type: 'LEADER_INSTRUCTION',
      leadUnitId: 'town-dongguan',
      coUnitIds: [],
      leaderId: LEADER,
      requirements: '逐村清查集体资金',
      standard: '清查报告',
      dueDate: `${year}-04-30`,
    });
    taskId = created.body.id as string;
    await head('POST', `/v1/tasks/${taskId}/sign`, {});
    await head('POST', `/v1/tasks/${taskId}/extension`, {
      reason: '涉及村数较多',
      proposedDate: `${year}-05-31`,
      progress: '已清查5个村',
    });
    leaderPage = await run.signIn(LEADER);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('lets the leader enter her absence with a colleague of her unit as deputy', async () => {
    const page = leaderPage;
    await page.goto(`${t.stack.apiUrl}/absences`);
    await page.getByRole('heading', { name: '请假与代理' }).waitFor();
    const form = page.getByTestId('absence-form');
    await form.getByLabel('代理人').selectOption({ label: '李建国' });
    await form.getByLabel('开始日期').fill(shanghaiDate(0));
    await form.getByLabel('结束日期（含）').fill(shanghaiDate(3));
    await form.getByLabel('请假事由').fill('参加市委党校培训');
    await form.getByRole('button', { name: '登记请假' }).click();
    const row = page.getByTestId('absences').locator('tr', { hasText: '参加市委党校培训' });
    await row.waitFor();
    expect(await row.textContent()).toContain('请假中');
    await screenshot(page, 'absence-entered');
  });

  it('lets the deputy act for her: the banner says so, her decision is his, the timeline records it', async () => {
    const page = await run.signIn(GROUP_MEMBER);
    await page.goto(`${t.stack.apiUrl}/absences`);
    await page.getByRole('button', { name: '代王红梅办理' }).click();
    const banner = page.getByTestId('acting-banner');
    await banner.getByText('您正在代王红梅办理').waitFor();
    // Acting for her holds in this tab across a reload, on any page.
    await page.goto(`${t.stack.apiUrl}/tasks/${taskId}`);
    await banner.waitFor();
    const decide = page.getByTestId('extension-decision-form');
    await decide.waitFor();
    await decide.getByLabel('是否同意').selectOption({ label: '同意延期' });
    await decide.getByRole('button', { name: '提交审批' }).click();
    await page.getByText('（李建国代王红梅办理）').first().waitFor();
    await screenshot(page, 'absence-acting');
    expect((await office('GET', `/v1/tasks/${taskId}`)).body.dueDate).toBe(`${year}-05-31`);

    await banner.getByRole('button', { name: '结束代理' }).click();
    await banner.waitFor({ state: 'detached' });
  });

  it('shows another unit’s head no absence to act on, and the observer no such page', async () => {
    const other = await run.signIn(DONGGUAN_HEAD);
    await other.goto(`${t.stack.apiUrl}/absences`);
    await other.getByText('暂无请假记录。').waitFor();
    expect(await other.getByRole('button', { name: /代.*办理/ }).count()).toBe(0);
    const observer = await run.signIn('p-bai-xue');
    await observer.goto(`${t.stack.apiUrl}/`);
    await observer.getByRole('navigation').first().waitFor();
    expect(await observer.getByRole('link', { name: '请假与代理' }).count()).toBe(0);
  });

  itHasNoAccessibilityViolations(2);
});
