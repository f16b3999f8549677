import type { Page } from 'playwright-core';
import { eventually } from '../support/http';
import { DONGGUAN_HEAD, OFFICE } from '../support/people';
import { axeCheck } from './support/axe';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate } from './support/stack';

const RULES = '/v1/rules/notice-templates';

/** The reminder (到期提醒) as the office rewrites it, and the assignment's title (交办（致牵头单位）). */
const REMINDER = {
  title: '【到期提醒】{任务名称}（限{工作时限}前办结）',
  body: '「{任务名称}」将于{工作时限}到期，还剩{剩余工作日}个工作日，请抓紧办理。',
};
const ASSIGNED_TITLE = '【任务交办】{任务名称}（限{工作时限}前办结）';

/** A task's time limit as a notice states it: 「2027年1月5日」, and 「（暂定）」 while its year has no calendar. */
async function dueOf(office: Client, taskId: string): Promise<string> {
  const task = await eventually(async () => {
    const t = (await office('GET', `/v1/tasks/${taskId}`)).body as { dueDate?: string; provisional?: boolean };
    return t.dueDate ? t : undefined;
  });
  const [y, m, d] = task.dueDate!.split('-').map(Number);
  return `${y}年${m}月${d}日${task.provisional ? '（暂定）' : ''}`;
}

/**
 * The notice templates (通知模板) in Chromium (issue 22): a notice's body and title edited by typing and by inserting
 * variables at the cursor, previewed with sample values and with a task's facts (an unknown task said at its field),
 * an unknown variable refused at the body of its notice (and an empty title at another's, both marked in the
 * catalogue), published as version 1 (a task assigned afterwards gets the new wording), a notice restored to its
 * default and published as version 2, the two compared in a sentence, version 1 restored, and a stale draft (409).
 */
describe('the office words the task notices with versions in Chromium (issue 22)', () => {
  let run: BrowserRun;
  let office: Client;
  let unit: Client;
  let page: Page;
  /** A task of town-dongguan assigned before anything is published: the preview takes its facts. */
  let taskId = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    office = await run.t.as(OFFICE);
    unit = await run.t.as(DONGGUAN_HEAD);
    page = await run.signIn(OFFICE);
    taskId = await assignTask(office, {
      title: '核查村级财务收支情况',
      leadUnitId: 'town-dongguan',
      dueDate: shanghaiDate(40),
    });
  }, 240_000);

  afterAll(() => run?.close(), 60_000);

  const catalogue = () => page.getByTestId('notice-catalogue');
  const inCatalogue = (kind: string) => catalogue().locator(`li[data-kind="${kind}"]`);
  const editor = () => page.getByTestId('notice-editor');
  const body = () => editor().getByLabel('正文', { exact: true });
  const title = () => editor().getByLabel('标题', { exact: true });
  const variable = (name: string) => editor().getByRole('button', { name: `{${name}}`, exact: true });
  const publishForm = () => page.getByTestId('notice-publish');
  const open = async (kind: string, name: string) => {
    await inCatalogue(kind).getByRole('button').click();
    await editor()
      .getByRole('heading', { name: `编辑通知：${name}` })
      .waitFor();
  };
  const publish = async (reason: string) => {
    await publishForm().getByLabel('修改原因').fill(reason);
    await publishForm().getByRole('button', { name: '发布', exact: true }).click();
  };
  const previewNow = () => editor().getByRole('button', { name: '预览', exact: true }).click();

  it('lists every notice, each with its built-in template, before anything is published', async () => {
    // The office's first page and the rules' first tab on the way are checked too (the watcher may miss a page left
    // at once).
    expect(await axeCheck(page)).toEqual([]);
    await page.getByRole('link', { name: '督办规则', exact: true }).click();
    await page.getByRole('heading', { name: '督办规则', level: 1 }).waitFor();
    expect(await axeCheck(page)).toEqual([]);
    await page.getByRole('link', { name: '通知模板', exact: true }).click();
    await page.getByRole('heading', { name: '现行规则：尚未发布版本' }).waitFor();
    expect(await inCatalogue('REMINDER').textContent()).toContain('到期提醒');
    expect(await inCatalogue('REMINDER').getByTestId('notice-status').textContent()).toBe('默认模板');
    expect(await catalogue().locator('li').count()).toBe(18);
  });

  it('edits the reminder’s body and title, inserting variables at the cursor by click and by keyboard', async () => {
    await open('REMINDER', '到期提醒');
    // Its variables, each with what it holds.
    expect(await editor().getByTestId('notice-variables').textContent()).toContain('距工作时限的工作日数');
    await body().fill('「{任务名称}」将于{工作时限}到期，还剩');
    await body().press('Control+End');
    await variable('剩余工作日').click();
    // The focus is back in the body, after the variable: typing goes on from there.
    await page.keyboard.type('个工作日，请抓紧办理。');
    expect(await body().inputValue()).toBe(REMINDER.body);

    await title().fill('【到期提醒】{任务名称}（限');
    await title().press('End');
    await variable('工作时限').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('前办结）');
    expect(await title().inputValue()).toBe(REMINDER.title);

    expect(await inCatalogue('REMINDER').getByTestId('notice-status').textContent()).toBe('本单位模板');
    expect(await inCatalogue('REMINDER').textContent()).toContain('未发布');
    expect(await publishForm().getByTestId('notice-changes').textContent()).toContain('“到期提醒”改用本单位的模板');
  });

  it('previews the draft with sample values, then with a task’s facts; an unknown task is said at its field', async () => {
    await previewNow();
    const shown = editor().getByTestId('notice-preview');
    await shown.getByText('预览：到期提醒（示例值）').waitFor();
    expect(await shown.getByTestId('notice-preview-title').textContent()).toBe(
      '【到期提醒】开展节日期间作风建设专项检查（限2027年1月29日前办结）',
    );
    expect(await shown.getByTestId('notice-preview-body').textContent()).toBe(
      '「开展节日期间作风建设专项检查」将于2027年1月29日到期，还剩3个工作日，请抓紧办理。',
    );

    expect(await axeCheck(page)).toEqual([]);
    await screenshot(page, 'notice-templates-preview');

    const task = editor().getByLabel('任务编号（可选）');
    await task.fill('no-such-task');
    await previewNow();
    const missing = editor().locator('[data-field="taskId"]');
    await missing.waitFor();
    expect(await missing.textContent()).toBe('找不到任务“no-such-task”，或您无权查看该任务。请核对任务编号。');
    expect(await task.getAttribute('aria-invalid')).toBe('true');

    await task.fill(taskId);
    await previewNow();
    await shown.getByText(`预览：到期提醒（任务${taskId}）`).waitFor();
    expect(await shown.getByTestId('notice-preview-body').textContent()).toBe(
      `「核查村级财务收支情况」将于${await dueOf(office, taskId)}到期，还剩3个工作日，请抓紧办理。`,
    );
    // The preview stored nothing.
    expect((await office('GET', RULES)).body.version).toBe(0);
  });

  it('refuses an unknown variable at the body of its notice, and an empty title at another’s, both marked', async () => {
    await body().fill('「{任务名称}」将于{工作时限}到期，还剩{剩余天数}天。');
    await open('CANCELLED', '撤销');
    await title().fill('');
    await publish('改写到期提醒');

    const problems = page.getByTestId('notice-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('草稿中有2项通知的模板未通过检查');
    expect(await inCatalogue('REMINDER').textContent()).toContain('有错误');
    expect(await inCatalogue('CANCELLED').textContent()).toContain('有错误');
    // The notice edited now, 撤销, shows its own: the content sent holds the reminder first, then it.
    const titleProblem = editor().locator('[data-field="content.templates[1].title"]');
    expect(await titleProblem.textContent()).toBe('标题不能为空');
    expect(await title().getAttribute('aria-invalid')).toBe('true');

    await problems.getByRole('button', { name: '编辑“到期提醒”' }).click();
    await editor().getByRole('heading', { name: '编辑通知：到期提醒' }).waitFor();
    const bodyProblem = editor().locator('[data-field="content.templates[0].body"]');
    expect(await bodyProblem.textContent()).toContain(
      '模板使用了未定义的变量{剩余天数}，可用变量：{任务名称}、{工作时限}、{剩余工作日}',
    );
    expect(await body().getAttribute('aria-invalid')).toBe('true');
    expect((await office('GET', RULES)).body.version).toBe(0);
    expect(await axeCheck(page)).toEqual([]);
  });

  it('restores the cancellation to its default (its mark goes) and fixes the reminder', async () => {
    await open('CANCELLED', '撤销');
    await editor().getByRole('button', { name: '恢复默认', exact: true }).click();
    expect(await title().inputValue()).toBe('【撤销】{任务名称}');
    expect(await inCatalogue('CANCELLED').textContent()).not.toContain('有错误');
    expect(await inCatalogue('CANCELLED').getByTestId('notice-status').textContent()).toBe('默认模板');
    await open('REMINDER', '到期提醒');
    await body().fill(REMINDER.body);
  });

  it('publishes the reminder and the assignment’s title as version 1: a task assigned afterwards gets its wording', async () => {
    await open('TASK_ASSIGNED_LEAD', '交办（致牵头单位）');
    await title().fill(ASSIGNED_TITLE);
    await publish('按本区公文习惯改写到期提醒和交办通知');
    await page.getByTestId('rules-published').getByText('已发布第1版。').waitFor();
    await page.getByRole('heading', { name: '现行规则：第1版' }).waitFor();
    const rules = (await office('GET', RULES)).body;
    expect(rules.version).toBe(1);
    expect(rules.content.templates).toEqual([
      { kind: 'TASK_ASSIGNED_LEAD', title: ASSIGNED_TITLE, body: expect.stringContaining('{签收时限}') },
      { kind: 'REMINDER', ...REMINDER },
    ]);
    // The catalogue shows both as rewritten, nothing left unpublished.
    await publishForm().getByText('与现行版本相比没有修改。').waitFor();
    for (const kind of ['REMINDER', 'TASK_ASSIGNED_LEAD']) {
      expect(await inCatalogue(kind).getByTestId('notice-status').textContent()).toBe('本单位模板');
      expect(await inCatalogue(kind).textContent()).not.toContain('未发布');
    }
    const row = page.getByTestId('rules-versions').locator('tr[data-version="1"]');
    expect(await row.textContent()).toContain('按本区公文习惯改写到期提醒和交办通知');
    expect(await row.textContent()).toContain('黄敏');

    const id = await assignTask(office, {
      title: '排查扶贫资金发放情况',
      leadUnitId: 'town-dongguan',
      dueDate: shanghaiDate(30),
    });
    const notice = await eventually(async () => {
      const { items } = (await unit('GET', '/v1/inbox?limit=200')).body as {
        items: { taskId: string; kind: string; title: string }[];
      };
      return items.find((i) => i.taskId === id && i.kind === 'ASSIGNED');
    }, 30_000);
    expect(notice.title).toBe(`【任务交办】排查扶贫资金发放情况（限${await dueOf(office, id)}前办结）`);
  });

  it('restores the reminder to its default and publishes version 2; 版本比较 says so in a sentence', async () => {
    await open('REMINDER', '到期提醒');
    await editor().getByRole('button', { name: '恢复默认', exact: true }).click();
    expect(await publishForm().getByTestId('notice-changes').textContent()).toContain('“到期提醒”恢复默认模板');
    await publish('到期提醒仍用统一格式');
    await page.getByTestId('rules-published').getByText('已发布第2版。').waitFor();
    expect((await office('GET', RULES)).body.content.templates.map((x: { kind: string }) => x.kind)).toEqual([
      'TASK_ASSIGNED_LEAD',
    ]);
    expect(await inCatalogue('REMINDER').getByTestId('notice-status').textContent()).toBe('默认模板');

    const diff = page.getByTestId('rules-diff');
    await diff.getByLabel('原版本').selectOption({ label: '第1版' });
    await diff.getByLabel('新版本').selectOption({ label: '第2版' });
    await diff.getByRole('button', { name: '比较' }).click();
    await diff.getByTestId('rules-diff-changes').getByText('“到期提醒”恢复默认模板').waitFor();
  });

  it('restores version 1 as version 3, 「恢复自第1版」: the reminder is rewritten again', async () => {
    await page.getByTestId('rules-versions').getByRole('button', { name: '恢复此版本（第1版）' }).click();
    const form = page.getByTestId('rules-restore');
    await form.getByLabel('修改原因').fill('恢复改写后的到期提醒');
    await form.getByRole('button', { name: '恢复第1版' }).click();
    await page.getByTestId('rules-published').getByText('已发布第3版。').waitFor();
    const row = page.getByTestId('rules-versions').locator('tr[data-version="3"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('恢复自第1版');
    const rules = (await office('GET', RULES)).body;
    expect(rules.version).toBe(3);
    expect(rules.content.templates).toContainEqual({ kind: 'REMINDER', ...REMINDER });
    await publishForm().getByRole('heading', { name: '发布新版本（基于第3版）' }).waitFor();
    expect(await inCatalogue('REMINDER').getByTestId('notice-status').textContent()).toBe('本单位模板');
    expect(await axeCheck(page)).toEqual([]);
  });

  it('offers to start again when another version was published meanwhile (409)', async () => {
    await open('URGED', '督办（组织协调室催办）');
    await body().fill('请{牵头单位}抓紧办理「{任务名称}」。督办意见：{督办意见}');
    const meanwhile = await office('POST', RULES, {
      baseVersion: 3,
      reason: '另一位同事的修改',
      content: { templates: [] },
    });
    expect(meanwhile.status).toBe(201);
    await publish('改写督办通知');
    const stale = page.getByTestId('rules-stale');
    await stale.waitFor();
    await stale.getByRole('button', { name: '载入现行版本' }).click();
    await publishForm().getByRole('heading', { name: '发布新版本（基于第4版）' }).waitFor();
    expect(await inCatalogue('URGED').getByTestId('notice-status').textContent()).toBe('默认模板');
    expect((await office('GET', RULES)).body.version).toBe(4);
  });

  itHasNoAccessibilityViolations(3);
});
