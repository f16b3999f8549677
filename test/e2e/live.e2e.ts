import type { Page } from 'playwright-core';
import { issueToken } from '../../db/queries/tokens';
import { eventually } from '../support/http';
import { DONGGUAN_HEAD, LEADER, OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, newContext, signInWithToken } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignTask, shanghaiDate } from './support/stack';

/** How often the pages of this file ask again (localStorage `heli.liveMs`; 10 s otherwise). */
const LIVE_MS = 1_000;
/** A change must show within one interval and this margin (an answer, a render). */
const WITHIN = LIVE_MS + 4_000;

/** The tab's title as the unread count makes it: `(3) 合力 · 协调工作平台`, or the title alone. */
const countIn = (title: string) => Number(/^\((\d+)\) 合力/.exec(title)?.[1] ?? 0);

describe('the workspace follows changes without a reload', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let head: Client;
  let page: Page;
  let taskId = '';
  /**
   * The page's /v1 reads the browser revalidated: it named the ETag it held and the server's 304 kept it (the page
   * is told 200, from the browser's cache).
   */
  let revalidated = 0;

  /** Marks the page, so that a reload (which loses the mark) is seen. */
  const markUnreloaded = () => page.evaluate('window.heliUnreloaded = true');
  const expectUnreloaded = async () => expect(await page.evaluate('window.heliUnreloaded === true')).toBe(true);
  /** Waits (within WITHIN) until the tab's title passes `check`. */
  const titleBecomes = (check: (title: string) => boolean) =>
    eventually(async () => {
      const title = await page.title();
      return check(title) ? title : undefined;
    }, WITHIN);

  beforeAll(async () => {
    run = await startBrowserRun();
    ({ t } = run);
    office = await t.as(OFFICE);
    head = await t.as(DONGGUAN_HEAD);
    taskId = await assignTask(office, {
      title: '开展节日期间作风建设专项检查',
      leadUnitId: 'town-dongguan',
      dueDate: shanghaiDate(30),
    });
    const context = await newContext(run.browser);
    await context.addInitScript(`localStorage.setItem('heli.liveMs', '${LIVE_MS}')`);
    page = await context.newPage();
    page.on('response', (res) => {
      if (!new URL(res.url()).pathname.startsWith('/v1/') || res.request().method() !== 'GET') return;
      void Promise.all([res.request().headerValue('if-none-match'), res.headerValue('etag')]).then(([held, etag]) => {
        if (held !== null && held === etag) revalidated++;
      });
    });
    await signInWithToken(page, t.stack.apiUrl, (await issueToken(t.db.pool, DONGGUAN_HEAD)).token);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('shows a task the office assigns in the unit’s open task list', async () => {
    await page.getByRole('link', { name: '待办任务' }).click();
    const rows = page.locator('tbody tr');
    await rows.filter({ hasText: '开展节日期间作风建设专项检查' }).waitFor();
    await markUnreloaded();
    revalidated = 0;

    await assignTask(office, { title: '报送作风建设自查报告', leadUnitId: 'town-dongguan', dueDate: shanghaiDate(10) });

    await rows.filter({ hasText: '报送作风建设自查报告' }).waitFor({ timeout: WITHIN });
    await expectUnreloaded();
    // Polls of what had not changed were revalidated with the ETag (304), not sent again.
    await eventually(async () => (revalidated > 0 ? true : undefined), WITHIN);
  });

  it('shows another person’s comment in the task’s timeline', async () => {
    await page.getByRole('link', { name: '开展节日期间作风建设专项检查' }).click();
    await page.locator('.timeline').waitFor();
    await markUnreloaded();
    expect(await page.locator('.timeline li[data-kind="COMMENT"]').count()).toBe(0);

    const leader = await t.as(LEADER);
    expect((await leader('POST', `/v1/tasks/${taskId}/comments`, { text: '请本周内完成检查。' })).status).toBe(200);

    await page.locator('.timeline li[data-kind="COMMENT"]').filter({ hasText: '请本周内完成检查' }).waitFor({
      timeout: WITHIN,
    });
    await expectUnreloaded();
  });

  it('counts unread notifications in the tab’s title and the menu as they come, and drops the count when read', async () => {
    await page.getByRole('link', { name: /消息通知/ }).click();
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await titleBecomes((title) => countIn(title) === 0);
    expect(page.url()).toContain('/notifications');
    await markUnreloaded();

    // The office opens an accountability case against the unit: its workflow notifies the unit's head.
    const opened = await office('POST', '/v1/cases', { unitId: 'town-dongguan', reason: '履职不力，约谈提醒' });
    expect(opened.status).toBe(201);
    const unread = await eventually(async () => {
      const inbox = await head('GET', '/v1/inbox?limit=1');
      return inbox.body.unread > 0 ? (inbox.body.unread as number) : undefined;
    }, 30_000);

    expect(await titleBecomes((title) => countIn(title) === unread)).toBe(`(${unread}) 合力 · 协调工作平台`);
    await page.getByRole('link', { name: new RegExp(`消息通知\\s*${unread}条未读`) }).waitFor({ timeout: WITHIN });
    await page.locator('tbody tr.unread').first().waitFor({ timeout: WITHIN });
    await expectUnreloaded();

    await page.getByRole('button', { name: '全部标为已读' }).click();
    expect(await titleBecomes((title) => countIn(title) === 0)).toBe('合力 · 协调工作平台');
    await page.getByRole('link', { name: '消息通知', exact: true }).waitFor();
    expect(await page.locator('tbody tr.unread').count()).toBe(0);
  });

  itHasNoAccessibilityViolations(2);
});
