import type { Page } from 'playwright-core';
import { OFFICE } from '../support/people';
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
    const urged = await office('POST', `/v1/tasks/${id}/urgings`, { text: '请于本周内报送整改进展', toLeader: true });
    expect(urged.status).toBe(200);

    await page.goto(`${t.stack.apiUrl}/tasks/${id}`);
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
});
