import type { Page } from 'playwright-core';
import { inspectionBody } from '../support/inspection-fixtures';
import { OFFICE } from '../support/people';
import { itHasNoAccessibilityViolations } from './support/browser';
import { startBrowserRun, type BrowserRun } from './support/run';
import { shanghaiDate } from './support/stack';

const LEAD = 'p-lu-shuigen'; // head of village-hekou (河口村)

/**
 * Issue 21 item 1 in Chromium, beyond tasks: the unit gives files with its self-check (自查报告) and with its statement
 * on a case (说明情况) through the same file panel and picker as a task's; the office finds them in the timelines.
 */
describe('files given with a self-check and a statement, in Chromium', () => {
  let run: BrowserRun;
  /** The lead unit's page and the office's, and the round and the case they answer and read. */
  let lead: Page;
  let office: Page;
  const made = { round: '', case: '' };
  const at = (path: string) => `${run.t.stack.apiUrl}${path}`;

  beforeAll(async () => {
    run = await startBrowserRun();
    const api = await run.t.as(OFFICE);
    const cycleId = (await api('POST', '/v1/cycles', { year: Number(shanghaiDate(0).slice(0, 4)) })).body.id;
    const round = { ...inspectionBody(), title: '村务公开专项检查', checklist: ['村务、财务公开情况'] };
    made.round = (await api('POST', `/v1/cycles/${cycleId}/inspections`, round)).body.id;
    made.case = (await api('POST', '/v1/cases', { unitId: 'village-hekou', reason: '村务公开不及时' })).body.id;
    [lead, office] = await Promise.all([run.signIn(LEAD), run.signIn(OFFICE)]);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  /** Uploads a text file named `name` in the page's file panel, and waits until it is listed. */
  const upload = async (page: Page, name: string) => {
    const panel = page.getByTestId('attachments');
    await panel.getByTestId('attachment-input').setInputFiles({
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(`${name}\n`, 'utf8'),
    });
    await panel.getByRole('link', { name }).waitFor();
  };

  it('files the self-check with the file the unit uploaded to its part of the round', async () => {
    await lead.goto(at('/unit/inspections'));
    await lead.getByRole('link', { name: '村务公开专项检查' }).click();
    await upload(lead, '公开栏照片说明.txt');
    const form = lead.getByTestId('self-check-form');
    expect(await form.getByRole('checkbox', { name: '公开栏照片说明.txt' }).isChecked()).toBe(true);
    await form.getByLabel('自查报告').fill('逐项自查，公开栏已按月更新。');
    await form.getByRole('button', { name: '报送自查报告' }).click();
    await lead.getByTestId('step-files').getByRole('link', { name: '公开栏照片说明.txt' }).waitFor();

    await office.goto(at(`/office/inspections/${made.round}`));
    const entry = office.locator('li[data-kind="SELF_CHECK_FILED"]');
    await entry.getByTestId('step-files').getByRole('link', { name: '公开栏照片说明.txt' }).waitFor();
  });

  it('submits the statement with the file the unit uploaded to its case', async () => {
    await lead.goto(at(`/unit/cases/${made.case}`));
    await upload(lead, '情况说明附件.txt');
    const form = lead.getByTestId('statement-form');
    await form.getByLabel('情况说明', { exact: true }).fill('因村干部调整，公开延误，现已补公开。');
    await form.getByRole('button', { name: '提交情况说明' }).click();
    await lead.getByTestId('step-files').getByRole('link', { name: '情况说明附件.txt' }).waitFor();

    await office.goto(at(`/office/cases/${made.case}`));
    await office.getByTestId('attachments').getByRole('link', { name: '情况说明附件.txt' }).waitFor();
    const entry = office.locator('li[data-kind="STATEMENT_RECEIVED"]');
    await entry.getByTestId('step-files').getByRole('link', { name: '情况说明附件.txt' }).waitFor();
  });

  itHasNoAccessibilityViolations(2);
});
