import type { Page } from 'playwright-core';
import { OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate, taskBecomes } from './support/stack';

const LEAD = 'p-lu-shuigen'; // head of village-hekou (河口村)

/** The rows of the task page's milestones table (序时进度): date, planned, actual, state. */
async function milestoneRows(page: Page): Promise<string[][]> {
  const rows = page.getByTestId('task-milestones').locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    out.push((await rows.nth(i).locator('td').allInnerTexts()).map((s) => s.trim()));
  }
  return out;
}

describe('milestones (序时进度) in Chromium (issue 20 item 4)', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let lead: Client;
  let officePage: Page;
  let leadPage: Page;
  let taskId = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    lead = await t.as(LEAD);
    taskId = await assignTask(office, {
      title: '河口村小微权力清单落实',
      leadUnitId: 'village-hekou',
      dueDate: shanghaiDate(40),
    });
    expect((await lead('POST', `/v1/tasks/${taskId}/sign`, {})).status).toBe(200);
    [officePage, leadPage] = await Promise.all([run.signIn(OFFICE), run.signIn(LEAD)]);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('lets the office set milestones on the task page, each problem shown at its row', async () => {
    await officePage.goto(`${t.stack.apiUrl}/tasks/${taskId}`);
    const form = officePage.getByTestId('milestones-form');
    await form.waitFor();
    await form.getByRole('button', { name: '添加节点' }).click();
    await form.getByRole('button', { name: '添加节点' }).click();
    // The second milestone lies after the deadline: refused at its row.
    await form.getByLabel('节点日期').nth(0).fill(shanghaiDate(10));
    await form.getByLabel('预期成果').nth(0).fill('制定清单');
    await form.getByLabel('完成比例（%）').nth(0).fill('20');
    await form.getByLabel('节点日期').nth(1).fill(shanghaiDate(50));
    await form.getByLabel('预期成果').nth(1).fill('全部公开');
    await form.getByLabel('完成比例（%）').nth(1).fill('60');
    await form.getByLabel('序时进度调整的理由').fill('细化落实节点');
    await form.getByRole('button', { name: '保存序时进度' }).click();
    await form.locator('.field-error').filter({ hasText: '不能晚于工作时限' }).waitFor();
    expect((await office('GET', `/v1/tasks/${taskId}`)).body.milestones ?? []).toEqual([]);

    await form.getByLabel('节点日期').nth(1).fill(shanghaiDate(20));
    await form.getByRole('button', { name: '保存序时进度' }).click();
    await officePage.getByTestId('task-milestones').waitFor();
    await taskBecomes(t, office, taskId, (task) => (task.milestones as unknown[] | undefined)?.length === 2);
    const rows = await milestoneRows(officePage);
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['制定清单，20%', '未报告', '未到期'],
      ['全部公开，60%', '未报告', '未到期'],
    ]);
    await screenshot(officePage, 'task-milestones-set');
  });

  it('lets the unit report progress naming a milestone, and the page shows planned against actual', async () => {
    await leadPage.goto(`${t.stack.apiUrl}/tasks/${taskId}`);
    const progress = leadPage.getByTestId('progress-form');
    await progress.waitFor();
    await progress.getByLabel('进展情况').fill('已梳理村级小微权力事项21项，清单初稿已形成');
    await progress.getByLabel('完成比例（%）').fill('25');
    await progress.getByLabel('对应序时进度节点').selectOption('m1');
    await progress.getByRole('button', { name: '提交进展' }).click();
    await taskBecomes(t, office, taskId, (task) => (task.milestones as { state: string }[])[0]?.state === 'MET');
    await leadPage.reload();
    await leadPage.getByTestId('task-milestones').locator('tr.milestone-met').waitFor();
    const rows = await milestoneRows(leadPage);
    expect(rows[0]![1]).toBe('制定清单，20%');
    expect(rows[0]![2]).toMatch(/报告 25%$/);
    expect(rows[0]![3]).toBe('按期完成');
    expect(rows[1]!.slice(2)).toEqual(['未报告', '未到期']);
    // The unit sees the plan, never the office's form to change it.
    expect(await leadPage.getByTestId('milestones-form').count()).toBe(0);
    await screenshot(leadPage, 'task-milestones-reported');
  });
});
