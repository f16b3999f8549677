import type { Browser, Page } from 'playwright-core';
import { issueToken } from '../../db/queries/tokens';
import { issueSigninCode } from '../../db/queries/web-sessions';
import { DONGGUAN_HEAD, LEADER, OFFICE, XICHENG_HEAD } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, newContext, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignEarlier } from '../support/assigned-earlier';
import { assignTask, shanghaiDate, TASK_DEFAULTS, taskBecomes } from './support/stack';

/** The tasks the office assigns before the tests: title, lead unit, deadline in days from today. */
const TASKS = {
  work: ['开展节日期间作风建设专项检查', 'town-dongguan', 30],
  late: ['整改巡察反馈问题', 'town-dongguan', -3],
  soon: ['报送党风廉政建设责任制落实情况', 'town-dongguan', 2],
  other: ['西城街道村级财务专项检查', 'town-xicheng', 20],
} as const;

describe('the unit workspace in Chromium', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let browser: Browser;
  let page: Page;
  const ids = { work: '', late: '', soon: '', other: '' };

  beforeAll(async () => {
    run = await startBrowserRun();
    ({ t, browser } = run);
    office = await t.as(OFFICE);
    for (const [key, [title, leadUnitId, days]] of Object.entries(TASKS)) {
      const fields = { title, leadUnitId, dueDate: shanghaiDate(days) };
      // A past limit is refused today: the late task was assigned on the day its limit fell.
      ids[key as keyof typeof TASKS] =
        days < 0 ? await assignEarlier(t, { ...TASK_DEFAULTS, ...fields }, -days) : await assignTask(office, fields);
    }
    // The late task's deadline has passed: its workflow lights it red and climbs the first rung (L1 催办) at once.
    await taskBecomes(t, office, ids.late, (task) => task.rung === 1 && task.light === 'RED');
    page = await run.signIn(DONGGUAN_HEAD);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('shows nothing but the sign-in form before sign-in', async () => {
    const anonymous = await newContext(browser);
    const p = await anonymous.newPage();
    await p.goto(`${t.stack.apiUrl}/tasks/${ids.work}`);

    await p.getByRole('heading', { name: '登录' }).waitFor();
    expect(await p.getByText('开展节日期间作风建设专项检查').count()).toBe(0);
    await anonymous.close();
  });

  it('signs in and opens a task with the keyboard alone', async () => {
    const keyboard = await newContext(browser);
    const p = await keyboard.newPage();
    await p.goto(`${t.stack.apiUrl}/`);
    await p.getByRole('heading', { name: '登录' }).waitFor();

    await p.keyboard.press('Tab');
    await p.keyboard.type((await issueToken(t.db.pool, DONGGUAN_HEAD)).token);
    await p.keyboard.press('Enter');
    await p.getByRole('link', { name: '整改巡察反馈问题' }).focus();
    await p.keyboard.press('Enter');

    await p.locator('.timeline').waitFor();
    expect(p.url()).toContain(`/tasks/${ids.late}`);
    await keyboard.close();
  });

  it('lists the unit’s tasks most urgent first, with lights and remaining working days', async () => {
    await page.getByRole('link', { name: '待办任务' }).click();
    const rows = page.locator('tbody tr');
    await rows.filter({ hasText: '开展节日期间作风建设专项检查' }).waitFor();

    const titles = await rows.locator('td:nth-child(2)').allTextContents();
    expect(titles[0]).toBe('整改巡察反馈问题');
    expect(titles).not.toContain('西城街道村级财务专项检查');
    const late = rows.filter({ hasText: '整改巡察反馈问题' });
    expect(await late.getByText('红灯').count()).toBe(1);
    expect(await late.textContent()).toMatch(/已逾期\d+个工作日/);
    expect(await rows.filter({ hasText: '开展节日期间作风建设专项检查' }).textContent()).toMatch(/还剩\d+个工作日/);
    await screenshot(page, 'unit-inbox');
  });

  it('signs for a task and submits it; resubmits it after the office returns it', async () => {
    await page.getByRole('link', { name: '开展节日期间作风建设专项检查' }).click();
    await page.getByRole('button', { name: '签收' }).click();
    await page.getByTestId('task-state').filter({ hasText: '已签收' }).waitFor();

    const submit = page.getByTestId('submit-form');
    await submit.getByLabel('办理结果').fill('已完成全部12个镇街的专项检查，形成检查报告。');
    await submit.getByRole('button', { name: '提交报结' }).click();
    await page.getByTestId('task-state').filter({ hasText: '已报结' }).waitFor();
    await page.locator('.timeline li[data-kind="SUBMITTED"]').waitFor();
    expect(await page.locator('.timeline li[data-kind="SIGNED"]').count()).toBe(1);

    const returned = await office('POST', `/v1/tasks/${ids.work}/return`, { reasons: '检查报告缺少问题清单' });
    expect(returned.status).toBe(200);
    await page.reload();
    await page.getByTestId('task-state').filter({ hasText: '办理中' }).waitFor();
    await page.locator('.timeline li[data-kind="RETURNED"]').waitFor();
    await submit.getByLabel('办理结果').fill('已补充问题清单。');
    await submit.getByRole('button', { name: '提交报结' }).click();
    await page.getByTestId('task-state').filter({ hasText: '已报结' }).waitFor();
    expect(await page.locator('.timeline li[data-kind="SUBMITTED"]').count()).toBe(2);
  });

  it('shows an API refusal where the action was tried', async () => {
    await page.goto(`${t.stack.apiUrl}/tasks/${ids.soon}`);
    await page.getByRole('button', { name: '签收' }).click();
    await page.getByTestId('task-state').filter({ hasText: '已签收' }).waitFor();
    const extension = page.getByTestId('extension-form');
    await extension.getByLabel('申请延期至').fill(shanghaiDate(-1));
    await extension.getByLabel('延期理由').fill('需要与协办单位进一步核实');
    await extension.getByLabel('目前进展').fill('已完成初稿');
    await extension.getByRole('button', { name: '提交延期申请' }).click();

    await extension.getByRole('alert').waitFor();
    expect(await extension.getByRole('alert').textContent()).toContain('操作未成功');
  });

  it('shows the late task’s escalation rung in its timeline', async () => {
    await page.goto(`${t.stack.apiUrl}/tasks/${ids.late}`);
    const rung = page.locator('.timeline li[data-kind="ESCALATION_L1"]');
    await rung.waitFor();

    expect(await rung.textContent()).toContain('L1 催办');
    expect(await page.getByTestId('task-remaining').textContent()).toMatch(/已逾期\d+个工作日/);
    await screenshot(page, 'task-timeline');
  });

  it('does not show another unit’s task reached by URL', async () => {
    await page.goto(`${t.stack.apiUrl}/tasks/${ids.other}`);

    await page.getByTestId('not-found').waitFor();
    expect(await page.getByRole('heading', { name: '页面不存在或无权查看' }).count()).toBe(1);
    expect(await page.getByText('西城街道村级财务专项检查').count()).toBe(0);
  });

  it('confirms attendance of a joint meeting from its notice', async () => {
    const cycle = await office('POST', '/v1/cycles', { year: new Date().getUTCFullYear() });
    const called = await office('POST', `/v1/cycles/${cycle.body.id}/meetings`, {
      title: '第四季度党风廉政建设联席会议',
      place: '区纪委监委三楼会议室',
      at: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      confirmBy: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(called.status).toBe(201);

    await page.getByRole('link', { name: '会议通知' }).click();
    await page.getByRole('link', { name: '第四季度党风廉政建设联席会议' }).click();
    const attend = page.getByTestId('attend-form');
    await attend.getByLabel('参会人员').fill('谢华');
    await attend.getByRole('button', { name: '确认参会' }).click();

    await page.getByTestId('attendance-status').filter({ hasText: '确认参会（谢华）' }).waitFor();
  });

  it('shows the unit’s published assessment and how each indicator was computed', async () => {
    const cycleId = `district-${new Date().getUTCFullYear()}`;
    const computed = await office('POST', `/v1/cycles/${cycleId}/assessment`, {});
    const published = await office('POST', `/v1/cycles/${cycleId}/assessment/publish`);
    expect([computed.status, published.status]).toEqual([201, 200]);

    await page.getByRole('link', { name: '考核结果' }).click();
    await page.getByText('最终得分').waitFor();
    const breakdown = page.locator('table').filter({ hasText: '得分构成' });
    expect(await breakdown.locator('tbody tr').count()).toBeGreaterThan(0);
  });

  it('lists the unit’s notifications, the urging of the late task among them', async () => {
    await page.getByRole('link', { name: /消息通知/ }).click();

    await page.locator('tbody tr').filter({ hasText: '整改巡察反馈问题' }).first().waitFor();
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await page.getByRole('link', { name: '消息通知', exact: true }).waitFor();
  });

  it('signs in with a one-time link, which does not work twice, and signs out', async () => {
    const { code } = await issueSigninCode(t.db.pool, XICHENG_HEAD, 60_000);
    const first = await newContext(browser);
    const p = await first.newPage();
    await p.goto(`${t.stack.apiUrl}/signin?code=${code}`);
    await p.getByRole('heading', { name: /西城街道/ }).waitFor();

    await p.getByRole('button', { name: '退出登录' }).click();
    await p.getByRole('heading', { name: '登录' }).waitFor();
    await p.goto(`${t.stack.apiUrl}/signin?code=${code}`);
    await p.getByRole('alert').waitFor();
    expect(await p.getByRole('alert').textContent()).toContain('登录链接无效、已使用或已过期');
    await first.close();
  });

  it('shows a responsible leader the tasks under them, and takes their comment', async () => {
    const p = await run.signIn(LEADER);
    await p.getByRole('heading', { name: '分管范围内的督办任务' }).waitFor();
    await p.getByRole('link', { name: '整改巡察反馈问题' }).click();

    const comment = p.getByTestId('comment-form');
    await comment.getByLabel('意见内容').fill('请东关街道本周内完成整改并报结。');
    await comment.getByRole('button', { name: '提交意见' }).click();
    await p.locator('.timeline li[data-kind="COMMENT"]').waitFor();
    await p.context().close();
  });

  it('works at phone width, and in English', async () => {
    const p = await run.signIn(XICHENG_HEAD, 390);
    await p.getByText('西城街道村级财务专项检查').waitFor();
    await screenshot(p, 'unit-inbox-phone');

    await p.getByRole('button', { name: 'English' }).click();
    await p.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await p.getByText(/working days left/).count()).toBeGreaterThan(0);
    await p.context().close();
  });

  itHasNoAccessibilityViolations(3);
});
