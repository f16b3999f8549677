import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { issueToken } from '../../db/queries/tokens';
import { publishAnnualReport } from '../support/annual-report';
import { OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, screenshot, SCREENSHOTS } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate, taskBecomes } from './support/stack';

const YEAR = new Date().getUTCFullYear();
const CYCLE = `district-${YEAR}`;

/**
 * Issue 21 items 2–4 in Chromium: each print-ready document — the monthly bulletin, the urging slip (督办单), a unit's
 * assessment sheet and the year's assessment report — rendered to PNG from the PDF Heli serves (Poppler's pdftoppm,
 * the Debian package `poppler-utils`) and from its printable page (Chromium), screenshots committed under
 * docs/screenshots/; the workspace's links download the PDFs, and its charts draw the example cycle's data.
 */
describe('print-ready documents in Chromium', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let page: Page;
  let bulletinId = '';
  let slip = '';
  let token = '';
  let caseId = '';
  let annualId = '';

  /** The PDF at `apiPath`, its first page as docs/screenshots/<name>.png (Poppler, 80 dpi). */
  const pdfToPng = async (apiPath: string, name: string) => {
    const res = await fetch(`${t.stack.apiUrl}${apiPath}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'heli-doc-'));
    writeFileSync(path.join(dir, 'doc.pdf'), Buffer.from(await res.arrayBuffer()));
    await promisify(execFile)(
      'pdftoppm',
      ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', 'doc.pdf', 'page'],
      {
        cwd: dir,
      },
    );
    const png = readFileSync(path.join(dir, 'page.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    writeFileSync(path.join(SCREENSHOTS, `${name}.png`), png);
  };

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    token = (await issueToken(t.db.pool, OFFICE)).token;
    expect((await office('POST', '/v1/cycles', { year: YEAR })).status).toBe(201);
    // The example cycle's data: tasks of several units, one urged, one done, then two months' bulletins.
    const ids: string[] = [];
    for (const [title, leadUnitId] of [
      ['落实“一岗双责”责任清单', 'town-dongguan'],
      ['整治群众身边不正之风和腐败问题', 'town-xicheng'],
      ['规范村级小微权力运行', 'village-hekou'],
    ] as const) {
      ids.push(await assignTask(office, { title, leadUnitId, dueDate: shanghaiDate(30), cycleId: CYCLE }));
    }
    expect(
      (await office('POST', `/v1/tasks/${ids[0]}/urgings`, { text: '请于本周五前报送责任清单落实进展。' })).status,
    ).toBe(200);
    await taskBecomes(t, office, ids[0]!, (task) =>
      (task.timeline as { kind: string; slip?: string }[]).some((e) => {
        if (e.kind === 'URGED') slip = e.slip!;
        return e.kind === 'URGED';
      }),
    );
    // Two of them done, rated differently, so the scores and the charts differ from unit to unit.
    for (const [id, head, rating] of [
      [ids[1]!, 'p-han-bing', 'POOR'],
      [ids[2]!, 'p-lu-shuigen', 'EXCELLENT'],
    ] as const) {
      const unit = await t.as(head);
      expect((await unit('POST', `/v1/tasks/${id}/sign`, {})).status).toBe(200);
      expect((await unit('POST', `/v1/tasks/${id}/submit`, { summary: '已按清单完成并形成台账' })).status).toBe(200);
      expect((await office('POST', `/v1/tasks/${id}/accept`, { rating })).status).toBe(200);
    }
    for (const [from, to] of [
      [`${YEAR}-10-01`, `${YEAR}-10-31`],
      [`${YEAR}-11-01`, `${YEAR}-11-30`],
    ]) {
      const created = await office('POST', '/v1/bulletins', { from, to });
      expect(created.status).toBe(201);
      bulletinId = created.body.id as string;
    }
    expect((await office('POST', `/v1/cycles/${CYCLE}/assessment`, {})).status).toBe(201);
    // An accountability case, explained and decided: its decision (问责决定书) prints.
    const opened = await office('POST', '/v1/cases', {
      unitId: 'town-xicheng',
      reason: '西城街道整治群众身边不正之风和腐败问题任务推进迟缓，质量不高',
      cycleId: CYCLE,
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.id as string;
    const xicheng = await t.as('p-han-bing');
    expect(
      (
        await xicheng('POST', `/v1/cases/${caseId}/statement`, {
          text: '我街道对任务推进迟缓的原因进行了剖析，已明确专人负责，逐项整改到位。',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await office('POST', `/v1/cases/${caseId}/decision`, {
          measure: 'TALK',
          basis: '《党风廉政建设责任制实施办法》第二十条',
        })
      ).status,
    ).toBe(200);
    // The year's annual report (年度通报) as the cycle publishes it at its close, with the published assessment.
    expect((await office('POST', `/v1/cycles/${CYCLE}/assessment/publish`)).status).toBe(200);
    annualId = await publishAnnualReport(t.db.pool, CYCLE, YEAR);
    page = await run.signIn(OFFICE);
  }, 240_000);

  afterAll(() => run?.close(), 60_000);

  it('renders each document’s PDF to PNG', async () => {
    await pdfToPng(`/v1/bulletins/${bulletinId}/pdf`, 'doc-bulletin');
    await pdfToPng(`${slip}.pdf`, 'doc-urging-slip');
    await pdfToPng(`/v1/cycles/${CYCLE}/assessment/units/town-dongguan/sheet.pdf`, 'doc-assessment-sheet');
    await pdfToPng(`/v1/cycles/${CYCLE}/assessment/report.pdf`, 'doc-assessment-report');
    await pdfToPng(`/v1/cases/${caseId}/decision-document.pdf`, 'doc-case-decision');
    await pdfToPng(`/v1/bulletins/${annualId}/pdf`, 'doc-annual-report');
  });

  it('shows the printable page in the project’s font, with its chart drawn', async () => {
    await page.goto(`${t.stack.apiUrl}/v1/bulletins/${bulletinId}/html`);
    await page.locator('figure.chart svg').first().waitFor();
    await page.evaluate('document.fonts.ready');
    // The page's text is set in Noto Sans SC, loaded from Heli itself, not in a font the machine happens to have.
    expect(await page.evaluate(`document.fonts.check('12pt "Noto Sans SC"', '通报')`)).toBe(true);
    const loaded = await page.evaluate<string[]>(
      `[...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family)`,
    );
    expect(loaded).toContain('Noto Sans SC');
    await screenshot(page, 'doc-bulletin-html');
  });

  it('downloads a bulletin’s PDF from its page, and draws the assessment and board charts', async () => {
    await page.goto(`${t.stack.apiUrl}/bulletins/${bulletinId}`);
    // The month against the one before, as its PDF charts it.
    await page
      .getByTestId('bulletin-comparison')
      .locator('svg text', { hasText: `${YEAR}年11月` })
      .waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/情况通报.*\.pdf$/);
    const saved = readFileSync(await download.path());
    expect(saved.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.goto(`${t.stack.apiUrl}/office/assessment?cycle=${CYCLE}`);
    const scores = page.getByTestId('score-chart');
    await scores.locator('svg text', { hasText: '东关街道' }).waitFor();
    await page.getByTestId('distribution-chart').locator('svg').waitFor();
    expect(await page.getByTestId('assessment-report-pdf').getAttribute('href')).toBe(
      `/v1/cycles/${CYCLE}/assessment/report.pdf`,
    );
    await screenshot(page, 'assessment-charts');

    await page.goto(`${t.stack.apiUrl}/office`);
    await page.getByTestId('overview-units').locator('svg text', { hasText: '东关街道' }).waitFor();
    // The board: the cycle's tasks month by month, and by lead unit.
    await page.getByTestId('board-units').locator('svg text', { hasText: '西城街道' }).waitFor();
    const trend = page.getByTestId('board-trend');
    await trend.locator('svg text', { hasText: '逾期' }).first().waitFor();
    await trend.scrollIntoViewIfNeeded();
    await screenshot(page, 'board-charts');
  });

  it('prints a case’s decision from its page, and shows the annual report’s months, ranking and cases', async () => {
    await page.goto(`${t.stack.apiUrl}/office/cases/${caseId}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('case-decision-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`问责决定书-${caseId}.pdf`);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    await page.goto(`${t.stack.apiUrl}/group/annual-report?cycle=${CYCLE}`);
    await page.getByTestId('annual-months').locator('svg text', { hasText: '升级督办' }).waitFor();
    await page.getByRole('cell', { name: '东关街道' }).first().waitFor();
    await page.getByText('本年度启动责任追究程序1件，已作出处理决定1件。').waitFor();
  });

  itHasNoAccessibilityViolations(4);
});
