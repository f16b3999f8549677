import type { Page } from 'playwright-core';
import { DONGGUAN_HEAD, OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate } from './support/stack';

/** The pages of a PDF Chromium printed: its page objects (`/Type /Page`, not the `/Pages` tree). */
const pagesOf = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;

describe('the urging slip (督办单) prints on one A4 page in Chromium (issue 20 item 3)', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let page: Page;

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    page = await run.signIn(OFFICE);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('links each urging on the task page to its slip, one printed page with the Chinese text drawn', async () => {
    const id = await assignTask(office, {
      title: '东关街道农贸市场环境整治督办',
      leadUnitId: 'town-dongguan',
      dueDate: shanghaiDate(30),
    });
    // The lead unit's head sees neither form; the office urges in the task page (督办, copied to the leader).
    const headPage = await run.signIn(DONGGUAN_HEAD);
    await headPage.goto(`${t.stack.apiUrl}/tasks/${id}`);
    await headPage.locator('.timeline li[data-kind="ASSIGNED"]').waitFor();
    expect(await headPage.getByTestId('urgings-form').count()).toBe(0);
    expect(await headPage.getByTestId('office-extension-form').count()).toBe(0);

    await page.goto(`${t.stack.apiUrl}/tasks/${id}`);
    const form = page.getByTestId('urgings-form');
    await form.getByLabel('督办内容').fill('请于本周内报送整改进展');
    await form.getByLabel('抄送分管领导').check();
    await form.getByRole('button', { name: '督办' }).click();
    expect(await page.getByTestId('office-extension-form').count()).toBe(1);
    const link = page.locator('.timeline li[data-kind="URGED"]').getByTestId('urging-slip');
    await link.waitFor();
    expect(await link.textContent()).toBe('打印督办单');
    const href = (await link.getAttribute('href'))!;

    await page.goto(`${t.stack.apiUrl}${href}`);
    await page.getByRole('heading', { name: '督办单' }).waitFor();
    const body = (await page.locator('body').textContent()) ?? '';
    for (const text of [
      '合溪区纪委监委',
      '东关街道农贸市场环境整治督办',
      '请于本周内报送整改进展',
      '协调办公室（盖章）',
    ])
      expect(body).toContain(text);

    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pagesOf(pdf)).toBe(1);

    // The Chinese text is drawn: the page differs from the same page with its text made invisible.
    await screenshot(page, 'urging-slip');
    const drawn = await page.screenshot({ fullPage: true });
    await page.addStyleTag({ content: '* { color: transparent !important; }' });
    const blank = await page.screenshot({ fullPage: true });
    expect(Buffer.compare(drawn, blank)).not.toBe(0);
    expect(drawn.length).toBeGreaterThan(blank.length + 5_000);
  });

  it('marks a task 挂牌督办 from its page (office only), shows the badge to the unit, and lifts it', async () => {
    const id = await assignTask(office, {
      title: '东关街道违建整治挂牌督办',
      leadUnitId: 'town-dongguan',
      dueDate: shanghaiDate(30),
    });
    const headPage = await run.signIn(DONGGUAN_HEAD);
    await headPage.goto(`${t.stack.apiUrl}/tasks/${id}`);
    await headPage.locator('.timeline li[data-kind="ASSIGNED"]').waitFor();
    expect(await headPage.getByTestId('supervision-form').count()).toBe(0);

    await page.goto(`${t.stack.apiUrl}/tasks/${id}`);
    const form = page.getByTestId('supervision-form');
    await form.getByLabel('挂牌理由').fill('群众反映强烈，列为挂牌督办事项');
    await form.getByRole('button', { name: '挂牌督办' }).click();
    await page.locator('.timeline li[data-kind="SUPERVISION_NAMED"]').waitFor();
    await page.getByTestId('task-named').waitFor();
    // Marked: the form now lifts it (摘牌).
    await page.getByTestId('supervision-form').getByRole('button', { name: '解除挂牌督办' }).waitFor();

    await headPage.goto(`${t.stack.apiUrl}/unit/inbox`);
    await headPage.getByRole('link', { name: '东关街道违建整治挂牌督办' }).waitFor();
    const row = headPage.locator('tr', { has: headPage.getByRole('link', { name: '东关街道违建整治挂牌督办' }) });
    expect(await row.locator('.badge-named').textContent()).toBe('挂牌督办');

    await page.getByTestId('supervision-form').getByLabel('摘牌理由').fill('已部署整改');
    await page.getByTestId('supervision-form').getByRole('button', { name: '解除挂牌督办' }).click();
    await page.locator('.timeline li[data-kind="SUPERVISION_LIFTED"]').waitFor();
    expect(await page.getByTestId('task-named').count()).toBe(0);
  });
});
