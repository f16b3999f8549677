import type { Page } from 'playwright-core';
import { eventually } from '../support/http';
import { DONGGUAN_HEAD, DONGGUAN_STAFF, OFFICE, XICHENG_HEAD } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { shanghaiDate } from './support/stack';

const CASE_REF = '（2026）纪协3号 某街道原副主任涉嫌违纪案';

describe('case teams (办案组) in Chromium: the office’s pages and a unit’s secondment requests', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let page: Page;
  let teamId = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    page = await run.signIn(OFFICE);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  /** The secondment request asked of `unitId` on the team, as the office reads it. */
  const seatOf = async (unitId: string) =>
    ((await office('GET', `/v1/case-teams/${teamId}`)).body.secondments as { id: string; unitId: string }[]).find(
      (s) => s.unitId === unitId,
    )!;

  it('opens a case team for a zone, naming the unit the case concerns, and shows its secondment requests', async () => {
    await page.getByRole('link', { name: '办案组', exact: true }).click();
    const form = page.getByTestId('open-case-team-form');
    await form.getByLabel('协作区', { exact: true }).selectOption({ label: '第一协作区' });
    await form.getByLabel('案件编号/案由', { exact: true }).fill(CASE_REF);
    await form.getByLabel('所需专业', { exact: true }).fill('财务审计');
    await form.getByLabel('人数', { exact: true }).fill('2');
    await form.getByLabel('开始日期', { exact: true }).fill(shanghaiDate(1));
    await form.getByLabel('结束日期', { exact: true }).fill(shanghaiDate(30));
    await form.getByLabel('本案涉及单位（回避）', { exact: true }).selectOption([{ label: '南湖街道' }]);
    await form
      .getByLabel('抽调单位（不选则抽调协作区全部成员单位）', { exact: true })
      .selectOption([{ label: '东关街道' }, { label: '西城街道' }]);
    await form.getByRole('button', { name: '组建并发出抽调函' }).click();

    await page.getByRole('heading', { name: `办案组：${CASE_REF}` }).waitFor();
    teamId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    expect(await page.getByTestId('team-state').textContent()).toBe('办案中');
    expect(await page.getByTestId('seat-state-town-dongguan').textContent()).toBe('待选派');
    expect(await page.getByTestId('seat-state-town-xicheng').textContent()).toBe('待选派');
    const stored = await office('GET', `/v1/case-teams/${teamId}`);
    expect(stored.body).toMatchObject({ caseRef: CASE_REF, concernedUnitIds: ['town-nanhu'] });
    await screenshot(page, 'case-team-office');
  });

  it('lets the unit name one of its people on its secondment request, which never shows the case', async () => {
    const unit = await run.signIn(DONGGUAN_HEAD);
    await unit.getByRole('link', { name: '抽调', exact: true }).click();
    await unit.getByRole('link', { name: '财务审计' }).click();
    await unit.getByRole('heading', { name: '抽调函：财务审计' }).waitFor();
    expect(await unit.getByText('纪协3号').count()).toBe(0);

    const form = unit.getByTestId('nominate-form');
    await form.getByLabel('选派人员', { exact: true }).selectOption({ label: '于红（纪工委干事）' });
    await form.getByRole('button', { name: '报送人选' }).click();
    await unit.getByTestId('secondment-state').filter({ hasText: '待确认' }).waitFor();
    expect(await unit.getByTestId('secondment-person').textContent()).toBe('于红');
    expect(await unit.content()).not.toContain('纪协3号');
    await screenshot(unit, 'case-team-unit');
    // The team's page is the office's: a unit gets "not found", and the API a 404.
    await unit.goto(`${t.stack.apiUrl}/office/case-teams/${teamId}`);
    await unit.getByTestId('not-found').waitFor();
    expect((await (await t.as(DONGGUAN_HEAD))('GET', `/v1/case-teams/${teamId}`)).status).toBe(404);
    // left open: its pages are checked for accessibility at the end (itHasNoAccessibilityViolations)
  });

  it('confirms the person named, who then declares a conflict (回避): the unit is asked again', async () => {
    await page.reload();
    const actions = page.getByTestId('seat-actions-town-dongguan');
    await actions.getByRole('button', { name: '确认：东关街道 · 于红' }).click();
    await page.getByTestId('seat-state-town-dongguan').filter({ hasText: '已确认' }).waitFor();

    const member = await run.signIn(DONGGUAN_STAFF);
    await member.getByRole('link', { name: '抽调', exact: true }).click();
    await member.getByRole('link', { name: '财务审计' }).click();
    const conflict = member.getByTestId('conflict-form');
    await conflict.getByLabel('回避理由（仅组织协调室可见）', { exact: true }).fill('本人与被审查人系近亲属');
    await conflict.getByRole('button', { name: '声明回避' }).click();
    await member.getByTestId('secondment-state').filter({ hasText: '待选派' }).waitFor();
    expect(await member.getByText('近亲属').count()).toBe(0);
    // left open: its pages are checked for accessibility at the end (itHasNoAccessibilityViolations)

    await page.reload();
    await page.getByTestId('seat-state-town-dongguan').filter({ hasText: '待选派' }).waitFor();
    const timeline = page.locator('section', { has: page.locator('#team-timeline') });
    expect(await timeline.getByText('声明回避，已退出办案组').count()).toBe(1);
  });

  it('extends the period with a reason, then releases the team early', async () => {
    const before = await page.getByTestId('team-period').textContent();
    const extend = page.getByTestId('extend-form');
    await extend.getByLabel('新的结束日期', { exact: true }).fill(shanghaiDate(45));
    await extend.getByLabel('理由', { exact: true }).fill('案情复杂，需补充调查取证');
    await extend.getByRole('button', { name: '延长并通知' }).click();
    await eventually(async () => ((await page.getByTestId('team-period').textContent()) !== before ? true : undefined));
    expect((await office('GET', `/v1/case-teams/${teamId}`)).body.endDate).toBe(shanghaiDate(45));
    expect(await page.getByText('案情复杂，需补充调查取证').count()).toBeGreaterThan(0);

    const release = page.getByTestId('release-form');
    await release.getByLabel('理由', { exact: true }).fill('案件已移送审理');
    await release.getByRole('button', { name: '提前解散并通知' }).click();
    await page.getByTestId('team-state').filter({ hasText: '已解散' }).waitFor();
    expect(await page.getByTestId('seat-state-town-xicheng').textContent()).toBe('已撤回');
    expect((await seatOf('town-xicheng')).id).toBeTruthy();
  });

  it('shows the other unit asked its withdrawn request, never the case', async () => {
    const other = await run.signIn(XICHENG_HEAD);
    await other.getByRole('link', { name: '抽调', exact: true }).click();
    await other.getByRole('link', { name: '财务审计' }).click();
    await other.getByTestId('secondment-state').filter({ hasText: '已撤回' }).waitFor();
    expect(await other.getByText('纪协3号').count()).toBe(0);
    // left open: its pages are checked for accessibility at the end (itHasNoAccessibilityViolations)
  });

  itHasNoAccessibilityViolations(4);
});
