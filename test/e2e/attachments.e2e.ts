import type { Page } from 'playwright-core';
import { documentPdf } from '../../render/pdf';
import { OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate } from './support/stack';

const LEAD = 'p-lu-shuigen'; // head of village-hekou (河口村)

/** A real one-page PDF with Chinese text, as Heli's own documents are made (render/pdf.ts). */
const minimalPdf = () =>
  documentPdf({
    orgName: '河口村村民委员会',
    title: '村务公开制度',
    date: '2026-12-01',
    blocks: [{ kind: 'paragraph', text: '村务、财务按月公开，接受村民监督。' }],
  });

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

  it('gives the uploaded file with a progress report, and the office finds it in the timeline entry', async () => {
    await leadPage.goto(`${t.stack.apiUrl}/tasks/${taskId}`);
    await leadPage.getByRole('button', { name: '签收' }).click();
    const progress = leadPage.getByTestId('progress-form');
    await progress.waitFor();
    // The file uploaded before is offered, ticked: the unit gives it with the report unless it unticks it.
    const files = progress.getByTestId('progress-files');
    expect(await files.getByRole('checkbox', { name: '村务公开栏整改前后对比.txt' }).isChecked()).toBe(true);
    await progress.getByLabel('进展情况').fill('公开栏已按月更新村务、财务公开内容');
    await progress.getByRole('button', { name: '提交进展' }).click();
    await leadPage.getByTestId('step-files').getByRole('link', { name: '村务公开栏整改前后对比.txt' }).waitFor();
    // Given once, the file is no longer offered to another action.
    expect(await leadPage.getByTestId('progress-files').count()).toBe(0);

    await officePage.goto(`${t.stack.apiUrl}/tasks/${taskId}`);
    const entry = officePage.locator('li[data-kind="PROGRESS"]');
    await entry.getByTestId('step-files').getByRole('link', { name: '村务公开栏整改前后对比.txt' }).waitFor();
    expect(await entry.locator('.timeline-message').textContent()).toContain('附佐证材料1件');
    await screenshot(officePage, 'task-attachments-timeline');
  });

  it('previews an image and a PDF in the page, served inline only as a preview', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await leadPage.goto(`${t.stack.apiUrl}/tasks/${taskId}`);
    const panel = leadPage.getByTestId('attachments');
    await panel
      .getByTestId('attachment-input')
      .setInputFiles({ name: '公开栏现场照片.png', mimeType: 'image/png', buffer: png });
    const thumb = panel.getByRole('img', { name: '公开栏现场照片.png' });
    await thumb.waitFor();
    // Loaded lazily: once on screen.
    await thumb.scrollIntoViewIfNeeded();
    // Loaded, not a broken image: the preview is the file itself, as the browser decoded it.
    await leadPage.waitForFunction(
      (el) =>
        (el as unknown as { complete: boolean; naturalWidth: number }).complete &&
        (el as unknown as { naturalWidth: number }).naturalWidth > 0,
      await thumb.elementHandle(),
    );
    const pdf = await minimalPdf();
    await panel.getByTestId('attachment-input').setInputFiles({
      name: '村务公开制度.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await panel.getByRole('button', { name: '预览' }).click();
    const frame = panel.locator('iframe[title="村务公开制度.pdf"]');
    await frame.waitFor();
    const src = await frame.getAttribute('src');
    const shown = await leadPage.request.get(`${t.stack.apiUrl}${src}`);
    expect(shown.headers()['content-type']).toBe('application/pdf');
    expect(shown.headers()['content-disposition']).toMatch(/^inline; /);
    // Without asking for a preview, the same file downloads.
    const plain = await leadPage.request.get(`${t.stack.apiUrl}${src!.replace('?inline=true', '')}`);
    expect(plain.headers()['content-disposition']).toMatch(/^attachment; /);
    await screenshot(leadPage, 'task-attachments-preview');
  });

  itHasNoAccessibilityViolations(2);
});
