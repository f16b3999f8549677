import type { Page } from 'playwright-core';
import { OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate } from './support/stack';

const LEAD = 'p-lu-shuigen'; // head of village-hekou (河口村)

/** Issue 21 item 1 in Chromium: the lead unit attaches evidence (佐证材料) on the task page; the office sees it. */
describe('attachments (佐证材料) in Chromium', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let leadPage: Page;
  let officePage: Page;
  let taskId = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    taskId = await assignTask(office, {
      title: '河口村村务公开栏规范设置',
      leadUnitId: 'village-hekou',
      dueDate: shanghaiDate(40),
    });
    [leadPage, officePage] = await Promise.all([run.signIn(LEAD), run.signIn(OFFICE)]);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('uploads a file as the lead unit, and shows it to the office with its name', async () => {
    await leadPage.goto(`${t.stack.apiUrl}/tasks/${taskId}`);
    const panel = leadPage.getByTestId('attachments');
    await panel.getByText('暂无佐证材料').waitFor();
    await panel.getByTestId('attachment-input').setInputFiles({
      name: '村务公开栏整改前后对比.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('整改前：公开栏内容过期\n整改后：按月更新村务、财务公开内容\n', 'utf8'),
    });
    await panel.getByRole('link', { name: '村务公开栏整改前后对比.txt' }).waitFor();
    await screenshot(leadPage, 'task-attachments-unit');

    await officePage.goto(`${t.stack.apiUrl}/tasks/${taskId}`);
    const seen = officePage.getByTestId('attachments').getByRole('link', { name: '村务公开栏整改前后对比.txt' });
    await seen.waitFor();
    expect(await seen.getAttribute('href')).toMatch(/^\/v1\/attachments\/att-[0-9a-f]{32}$/);
  });

  itHasNoAccessibilityViolations(2);
});
