import type { Page } from 'playwright-core';
import { LEADER, OFFICE, XICHENG_HEAD } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate, taskBecomes } from './support/stack';

const LEAD = 'p-lu-shuigen'; // head of village-hekou (河口村)
const PAUSE_FORMS = ['pause-form', 'resume-form', 'refuse-form', 'pause-decision-form', 'refusal-ruling-form'];

/** Which of the pause and refusal forms the page shows now. */
async function formsOn(page: Page): Promise<string[]> {
  const shown: string[] = [];
  for (const id of PAUSE_FORMS) if ((await page.getByTestId(id).count()) > 0) shown.push(id);
  return shown;
}

describe('pause (挂账) and refusal (退单) in Chromium (issue 20 items 1 and 2)', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let lead: Client;
  let leadPage: Page;
  let officePage: Page;
  const ids = { refused: '', paused: '' };

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    lead = await t.as(LEAD);
    ids.refused = await assignTask(office, {
      title: '河口村集体土地征收补偿款发放核查',
      leadUnitId: 'village-hekou',
      dueDate: shanghaiDate(40),
    });
    ids.paused = await assignTask(office, {
      title: '河口村历史遗留宅基地纠纷化解',
      leadUnitId: 'village-hekou',
      dueDate: shanghaiDate(40),
    });
    expect((await lead('POST', `/v1/tasks/${ids.paused}/sign`, {})).status).toBe(200);
    [leadPage, officePage] = await Promise.all([run.signIn(LEAD), run.signIn(OFFICE)]);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('lets the lead unit refuse a task once and the office insist, each seeing only its own forms', async () => {
    await leadPage.goto(`${t.stack.apiUrl}/tasks/${ids.refused}`);
    await leadPage.getByTestId('task-state').filter({ hasText: '已交办' }).waitFor();
    expect(await formsOn(leadPage)).toEqual(['refuse-form']);
    const refuse = leadPage.getByTestId('refuse-form');
    await refuse.getByLabel('应由哪个单位牵头').selectOption({ label: '西城街道' });
    await refuse.getByLabel('退单理由').fill('该地块位于西城街道辖区，补偿款由街道发放');
    await refuse.getByRole('button', { name: '提交退单' }).click();
    // Once per unit and task: the form is gone.
    await refuse.waitFor({ state: 'detached' });
    await screenshot(leadPage, 'task-refused-unit');

    await officePage.goto(`${t.stack.apiUrl}/tasks/${ids.refused}`);
    const ruling = officePage.getByTestId('refusal-ruling-form');
    await ruling.waitFor();
    expect(await formsOn(officePage)).not.toContain('refuse-form');
    expect(await formsOn(officePage)).not.toContain('pause-form');
    await ruling.getByLabel('裁定结果').selectOption({ label: '退单不成立，维持交办' });
    await ruling.getByLabel('裁定理由').fill('补偿款发放属河口村村务，仍由河口村牵头');
    await ruling.getByRole('button', { name: '提交裁定' }).click();
    await ruling.waitFor({ state: 'detached' });
    await screenshot(officePage, 'task-refusal-insisted');

    const task = (await office('GET', `/v1/tasks/${ids.refused}`)).body;
    expect(task).toMatchObject({ leadUnitId: 'village-hekou', state: 'ASSIGNED' });
    await leadPage.reload();
    await leadPage.getByTestId('task-state').filter({ hasText: '已交办' }).waitFor();
    expect(await formsOn(leadPage)).toEqual([]);
  });

  it('lets the lead unit ask for a pause, the office approve it, and the unit resume the clock', async () => {
    await leadPage.goto(`${t.stack.apiUrl}/tasks/${ids.paused}`);
    await leadPage.getByTestId('task-state').filter({ hasText: '已签收' }).waitFor();
    expect(await formsOn(leadPage)).toEqual(['pause-form']);
    const pause = leadPage.getByTestId('pause-form');
    await pause.getByLabel('事由类别').selectOption({ label: '等待司法程序' });
    await pause.getByLabel('中止计时理由').fill('宅基地权属纠纷已诉至区人民法院，尚待判决');
    await pause.getByRole('button', { name: '提交中止计时申请' }).click();
    await pause.waitFor({ state: 'detached' });

    await officePage.goto(`${t.stack.apiUrl}/tasks/${ids.paused}`);
    const decision = officePage.getByTestId('pause-decision-form');
    await decision.waitFor();
    await decision.getByLabel('是否同意').selectOption({ label: '同意' });
    await decision.getByLabel('中止计时期限（工作日，默认按任务类型）').fill('5');
    await decision.getByRole('button', { name: '提交审批意见' }).click();
    await decision.waitFor({ state: 'detached' });
    await officePage.locator('[data-light="PAUSED"]').filter({ hasText: '中止计时' }).first().waitFor();
    expect(await formsOn(officePage)).toEqual(['resume-form']);
    await screenshot(officePage, 'task-paused-office');

    await leadPage.reload();
    await leadPage.locator('[data-light="PAUSED"]').first().waitFor();
    expect(await formsOn(leadPage)).toEqual(['resume-form']);
    const resume = leadPage.getByTestId('resume-form');
    await resume.getByRole('button', { name: '恢复计时' }).click();
    await resume.waitFor({ state: 'detached' });
    await taskBecomes(t, office, ids.paused, (task) => task.light !== 'PAUSED');
    await leadPage.reload();
    await leadPage.getByTestId('task-state').filter({ hasText: '已签收' }).waitFor();
    expect(await formsOn(leadPage)).toEqual(['pause-form']);
  });

  it('offers none of these forms to the responsible leader, and another unit finds no such task', async () => {
    const leaderPage = await run.signIn(LEADER);
    await leaderPage.goto(`${t.stack.apiUrl}/tasks/${ids.paused}`);
    await leaderPage.getByTestId('task-state').waitFor();
    expect(await formsOn(leaderPage)).toEqual([]);

    const otherUnit = await run.signIn(XICHENG_HEAD);
    await otherUnit.goto(`${t.stack.apiUrl}/tasks/${ids.paused}`);
    await otherUnit.getByTestId('not-found').waitFor();
    expect(await formsOn(otherUnit)).toEqual([]);
  });

  itHasNoAccessibilityViolations(2);
});
