import type { Page } from 'playwright-core';
import { eventually } from '../support/http';
import { OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { axeCheck } from './support/axe';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate } from './support/stack';

const RULES = '/v1/rules/task-policies';
const TITLE = '开展村级财务公开专项检查';
/** The district's own routine type, as version 1 publishes it: the deployment's L2/L3 at 3 and 10 working days. */
const routine = {
  type: 'ROUTINE',
  name: '日常督办事项',
  escalation: { l2AfterWorkingDays: 3, l3AfterWorkingDays: 10 },
};
const L2 = '二级督办时点（期限后工作日）';
const L3_FIELD = '[data-field="content.types[0].escalation.l3AfterWorkingDays"]';

describe('the office edits its task types with versions in Chromium (督办规则, issue 22)', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let page: Page;
  let taskId = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    const first = await office('POST', RULES, {
      baseVersion: 0,
      reason: '区纪委常委会审定',
      content: { types: [routine] },
    });
    if (first.status !== 201) throw new Error(`publishing version 1 answered ${first.status}`);
    // A running task of the type, assigned on version 1: the preview lists it, publishing for running tasks tells it.
    taskId = await assignTask(office, { title: TITLE, leadUnitId: 'town-dongguan', dueDate: shanghaiDate(40) });
    page = await run.signIn(OFFICE);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  const editor = () => page.getByTestId('rules-editor');
  const routineFields = () => editor().getByTestId('rules-type-ROUTINE');

  it('shows the version in force and every version with its author, time and reason', async () => {
    await page.getByRole('link', { name: '督办规则', exact: true }).click();
    await page.getByRole('heading', { name: '现行规则：第1版' }).waitFor();
    const row = page.getByTestId('rules-versions').locator('tr[data-version="1"]');
    expect(await row.textContent()).toContain('区纪委常委会审定');
    expect(await row.textContent()).toContain('黄敏');
  });

  it('shows a 422 at its field: L3 must come after an L2 moved past it', async () => {
    await routineFields().getByLabel(L2).fill('12');
    await editor().getByRole('button', { name: '预览影响' }).click();
    const problem = routineFields().locator(L3_FIELD);
    await problem.waitFor();
    expect(await problem.textContent()).toContain('须晚于二级督办（期限后12个工作日）');
    const l3 = routineFields().getByLabel('三级督办时点（期限后工作日）');
    expect(await l3.getAttribute('aria-invalid')).toBe('true');
    expect(await axeCheck(page)).toEqual([]);
  });

  it('previews the fixed draft: the change, and the running task with what would change for it', async () => {
    await routineFields().getByLabel(L2).fill('5');
    await editor().getByRole('button', { name: '预览影响' }).click();
    const preview = page.getByTestId('rules-preview');
    await preview.getByText('任务类型“日常督办事项”的二级督办时点由期限后3个工作日改为5个工作日').waitFor();
    expect(await routineFields().locator(L3_FIELD).count()).toBe(0);
    const row = preview.getByTestId('rules-preview-tasks').locator(`tr[data-task="${taskId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(TITLE);
    expect(await row.textContent()).toContain('二级督办');
    expect(await axeCheck(page)).toEqual([]);
    await screenshot(page, 'rules-preview');
  });

  it('publishes for running tasks too: the new version is in force and the page says how many were told', async () => {
    await editor().getByLabel('修改原因').fill('缩短二级督办时点，压实分管领导责任');
    await editor().getByLabel('同时适用于在办任务').check();
    await editor().getByRole('button', { name: '发布', exact: true }).click();
    const published = page.getByTestId('rules-published');
    await published.getByText('已发布第2版。').waitFor();
    expect(await published.textContent()).toContain('已通知1项在办任务');
    await page.getByRole('heading', { name: '现行规则：第2版' }).waitFor();
    const rules = await office('GET', RULES);
    expect(rules.body.version).toBe(2);
    expect(rules.body.content.types[0].escalation).toEqual({ l2AfterWorkingDays: 5, l3AfterWorkingDays: 10 });
    // The running task took the new policy: its timeline says so.
    await eventually(async () => {
      const timeline = (await office('GET', `/v1/tasks/${taskId}`)).body.timeline as { kind: string }[] | undefined;
      return timeline?.some((e) => e.kind === 'POLICY_CHANGED') ? true : undefined;
    }, 30_000);
    // The editor starts again from the version now in force.
    await editor().getByRole('heading', { name: '修改任务类型（基于第2版）' }).waitFor();
  });

  it('compares versions 1 and 2 in a sentence', async () => {
    const diff = page.getByTestId('rules-diff');
    await diff.getByLabel('原版本').selectOption({ label: '第1版' });
    await diff.getByLabel('新版本').selectOption({ label: '第2版' });
    await diff.getByRole('button', { name: '比较' }).click();
    await diff
      .getByTestId('rules-diff-changes')
      .getByText('任务类型“日常督办事项”的二级督办时点由期限后3个工作日改为5个工作日')
      .waitFor();
  });

  it('restores version 1 as version 3, 「恢复自第1版」', async () => {
    await page.getByTestId('rules-versions').getByRole('button', { name: '恢复此版本（第1版）' }).click();
    const form = page.getByTestId('rules-restore');
    await form.getByLabel('修改原因').fill('恢复原督办时点');
    await form.getByRole('button', { name: '恢复第1版' }).click();
    await page.getByTestId('rules-published').getByText('已发布第3版。').waitFor();
    const row = page.getByTestId('rules-versions').locator('tr[data-version="3"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('恢复自第1版');
    await page.getByRole('heading', { name: '现行规则：第3版' }).waitFor();
    expect((await office('GET', RULES)).body.content.types[0].escalation.l2AfterWorkingDays).toBe(3);
    await screenshot(page, 'rules-versions');
  });

  it('says someone published meanwhile (409) and starts again from the version in force', async () => {
    const other = await office('POST', RULES, {
      baseVersion: 3,
      reason: '另一人同时修改',
      content: { types: [{ ...routine, signForWorkingDays: 2 }] },
    });
    expect(other.status).toBe(201);
    await routineFields().getByLabel('名称').fill('日常督办');
    await editor().getByRole('button', { name: '预览影响' }).click();
    await page.getByTestId('rules-preview').waitFor();
    await editor().getByLabel('修改原因').fill('简化名称');
    await editor().getByRole('button', { name: '发布', exact: true }).click();
    const stale = editor().getByTestId('rules-stale');
    await stale.waitFor();
    await stale.getByRole('button', { name: '载入现行版本' }).click();
    await editor().getByRole('heading', { name: '修改任务类型（基于第4版）' }).waitFor();
    expect(await routineFields().getByLabel('签收时限（工作日）').inputValue()).toBe('2');
  });

  itHasNoAccessibilityViolations(1);
});
