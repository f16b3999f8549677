import type { Page } from 'playwright-core';
import { OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate } from './support/stack';

/** 程刚, head of town-liuhe (柳河镇), whose village is village-hekou (河口村). */
const LIUHE_HEAD = 'p-cheng-gang';
/** 陆水根, head of village-hekou. */
const HEKOU_HEAD = 'p-lu-shuigen';

describe('cascade (三级联动) in Chromium (issue 20 item 6)', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let townPage: Page;

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    townPage = await run.signIn(LIUHE_HEAD);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('lets the town split its task for its village, shows the village its sub-task and not the form', async () => {
    const due = shanghaiDate(30);
    const id = await assignTask(office, { title: '柳河镇农村集体“三资”排查', leadUnitId: 'town-liuhe', dueDate: due });

    await townPage.goto(`${t.stack.apiUrl}/tasks/${id}`);
    const form = townPage.getByTestId('subtasks-form');
    await form.getByLabel('柳河镇河口村').check();
    await form.getByLabel('柳河镇河口村办结时限').fill(shanghaiDate(20));
    await form.getByLabel('工作要求（不填则沿用主任务的要求）').fill('完成本村“三资”台账排查');
    await form.getByRole('button', { name: '分解' }).click();
    const item = townPage.getByTestId('subtasks').locator('li[data-unit="village-hekou"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('柳河镇农村集体“三资”排查（柳河镇河口村）');
    // Split for its only village: the form is gone.
    expect(await townPage.getByTestId('subtasks-form').count()).toBe(0);
    await screenshot(townPage, 'cascade');

    const villagePage = await run.signIn(HEKOU_HEAD);
    await villagePage.goto(`${t.stack.apiUrl}/unit/inbox`);
    await villagePage.getByRole('link', { name: '柳河镇农村集体“三资”排查（柳河镇河口村）' }).click();
    await villagePage.getByTestId('subtask-parent').waitFor();
    expect(await villagePage.getByTestId('subtasks-form').count()).toBe(0);
    expect(await villagePage.locator('.timeline li[data-kind="ASSIGNED"]').count()).toBe(1);

    // Once the town signed for its task, the office's page offers the override while the village's sub-task is open.
    const town = await t.as(LIUHE_HEAD);
    expect((await town('POST', `/v1/tasks/${id}/sign`, {})).status).toBe(200);
    const officePage = await run.signIn(OFFICE);
    await officePage.goto(`${t.stack.apiUrl}/tasks/${id}`);
    await officePage.getByTestId('subtasks').locator('li[data-unit="village-hekou"]').waitFor();
    await officePage.getByTestId('subtask-override-form').waitFor();
  });
});
