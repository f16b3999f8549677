import type { Page } from 'playwright-core';
import { DONGGUAN_HEAD, LEADER, OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { assignEarlier } from '../support/assigned-earlier';
import { axeCheck } from './support/axe';
import { itHasNoAccessibilityViolations, PHONE, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun } from './support/run';
import { assignTask, shanghaiDate, TASK_DEFAULTS, taskBecomes } from './support/stack';

/** The top and bottom of an element in the viewport (CSS pixels), without scrolling. */
async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not shown`);
  return { top: b.y, bottom: b.y + b.height };
}

/** Units and supervisors act from phones: 390 × 844, touch. */
describe('the workspace on a phone', () => {
  let run: BrowserRun;
  let t: TestStack;
  const ids = { late: '', work: '' };

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    const office = await t.as(OFFICE);
    ids.work = await assignTask(office, {
      title: '开展节日期间作风建设专项检查',
      leadUnitId: 'town-dongguan',
      dueDate: shanghaiDate(30),
    });
    ids.late = await assignEarlier(
      t,
      { ...TASK_DEFAULTS, title: '整改巡察反馈问题', leadUnitId: 'town-dongguan', dueDate: shanghaiDate(-3) },
      3,
    );
    await taskBecomes(t, office, ids.late, (task) => Number(task.rung) >= 1 && task.light === 'RED');
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('shows a unit head the most urgent task under a compact header, and signs for it in two taps', async () => {
    const page = await run.signIn(DONGGUAN_HEAD, PHONE.width);
    await page.locator('tbody tr', { hasText: '整改巡察反馈问题' }).waitFor();

    // The header and the menu together stay small; the first task is on screen without scrolling.
    const nav = await box(page, '.mainnav');
    expect(nav.bottom).toBeLessThan(130);
    const first = await box(page, 'tbody tr');
    expect(first.top).toBeGreaterThan(nav.bottom);
    expect(first.bottom).toBeLessThanOrEqual(PHONE.height);
    expect(await page.locator('tbody tr').first().textContent()).toContain('整改巡察反馈问题');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await axeCheck(page)).toEqual([]);
    await screenshot(page, 'unit-inbox-phone');

    // Tap one: the task. Its sign-for button is on screen before the long description.
    await page.getByRole('link', { name: '整改巡察反馈问题' }).tap();
    const sign = page.getByRole('button', { name: '签收' });
    await sign.waitFor();
    const button = await box(page, 'button:has-text("签收")');
    expect(button.bottom).toBeLessThanOrEqual(PHONE.height);
    const requirements = await box(page, 'dt:has-text("任务要求")');
    expect(requirements.top).toBeGreaterThan(button.bottom);
    expect(await axeCheck(page)).toEqual([]);
    await screenshot(page, 'unit-task-phone');
    // Tap two: signed.
    await sign.tap();
    await page.getByTestId('task-state').filter({ hasText: '已签收' }).waitFor();
  });

  it('shows a responsible leader their tasks first, and a task’s actions before its description', async () => {
    const page = await run.signIn(LEADER, PHONE.width);
    await page.locator('tbody tr', { hasText: '整改巡察反馈问题' }).waitFor();

    const nav = await box(page, '.mainnav');
    expect(nav.bottom).toBeLessThan(130);
    expect((await box(page, 'tbody tr')).bottom).toBeLessThanOrEqual(PHONE.height);
    expect(await page.locator('tbody tr').first().textContent()).toContain('整改巡察反馈问题');
    expect(await axeCheck(page)).toEqual([]);
    await screenshot(page, 'leader-tasks-phone');

    await page.getByRole('link', { name: '整改巡察反馈问题' }).tap();
    const comment = page.getByRole('button', { name: '提交意见' });
    await comment.waitFor();
    expect((await box(page, 'dt:has-text("任务要求")')).top).toBeGreaterThan(
      (await comment.boundingBox())?.y ?? Infinity,
    );
    // The menu is one row that scrolls sideways; every entry of the leader's is in it.
    for (const name of ['督办任务', '年度工作计划', '情况通报', '消息通知']) {
      expect(await page.locator('.mainnav').getByRole('link', { name }).count()).toBe(1);
    }
  });

  // Besides the pages checked above: whatever else the watcher saw settle (sign-in, redirects).
  itHasNoAccessibilityViolations(2);
});
