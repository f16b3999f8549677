import type { Page } from 'playwright-core';
import { OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';

const POLICE_STAFF = 'p-ding-rui'; // 区公安分局经侦大队
const AUDIT_HEAD = 'p-sun-li'; // 区审计局
const TITLE = '某街道原财政所长涉嫌挪用公款问题';

describe('referrals (移送) in Chromium: the office’s and an enforcement unit’s views', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let officePage: Page;
  let policePage: Page;
  let referralId = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    officePage = await run.signIn(OFFICE);
    policePage = await run.signIn(POLICE_STAFF);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('lets the office refer a matter to the police from the referrals page', async () => {
    const page = officePage;
    await page.getByRole('link', { name: '案件移送', exact: true }).click();
    const form = page.getByTestId('new-referral-form');
    await form.getByLabel('接收单位').selectOption({ label: '区公安分局经侦大队' });
    await form.getByLabel('移送事项').fill(TITLE);
    await form.getByLabel('涉及人员').fill('张某，东关街道原财政所所长');
    await form.getByLabel('基本情况').fill('审查调查中发现张某涉嫌挪用公款，数额较大');
    await form.getByRole('button', { name: '移送并通知接收单位' }).click();
    await page.getByRole('heading', { name: `移送：${TITLE}` }).waitFor();
    expect(await page.getByTestId('referral-state').textContent()).toBe('待受理反馈');
    referralId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    expect(referralId).toMatch(/^r-/);
  });

  it('shows the police their referral, where they give acceptance and result feedback on time', async () => {
    const page = policePage;
    await page.goto(new URL('/referrals', page.url()).toString());
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: `移送：${TITLE}` }).waitFor();
    await page.getByTestId('accept-form').getByLabel('受理说明（可不填）').fill('已登记受理，指定专人办理');
    await page.getByTestId('accept-form').getByRole('button', { name: '确认受理' }).click();
    await page.getByTestId('referral-state').filter({ hasText: '已受理，待处理结果反馈' }).waitFor();
    expect(await page.getByTestId('referral-acceptance').textContent()).toContain('按时反馈');

    const result = page.getByTestId('result-form');
    await result.getByLabel('处理结果').fill('已对张某涉嫌挪用公款案立案侦查');
    await result.getByRole('button', { name: '反馈处理结果' }).click();
    await page.getByTestId('referral-state').filter({ hasText: '已反馈处理结果' }).waitFor();
    expect(await page.getByTestId('referral-result').textContent()).toContain('已对张某涉嫌挪用公款案立案侦查');
    expect(await page.locator('.timeline li[data-kind="ANSWERED"]').count()).toBe(1);
    await screenshot(page, 'referral-police');
  });

  it('lets the police return a referral outside their jurisdiction and refer a clue to the commission', async () => {
    const sent = await office('POST', '/v1/referrals', {
      receiverUnitId: 'enf-police',
      title: '某村干部涉嫌职务侵占问题',
      parties: '王某，某村村委会主任',
      summary: '群众反映王某侵占集体资金',
    });
    const page = policePage;
    await page.goto(new URL(`/referrals/${sent.body.id}`, page.url()).toString());
    const form = page.getByTestId('return-form');
    await form.getByLabel('退回理由').fill('不属于本单位管辖，建议移送区人民检察院');
    await form.getByRole('button', { name: '退回移送' }).click();
    await page.getByTestId('referral-state').filter({ hasText: '已退回，待移送单位决定' }).waitFor();
    expect(await page.getByTestId('referral-return').textContent()).toContain('不属于本单位管辖');

    await page.goto(new URL('/referrals', page.url()).toString());
    const clue = page.getByTestId('clue-form');
    await clue.getByLabel('移送事项').fill('办案中发现某局干部涉嫌受贿问题线索');
    await clue.getByLabel('涉及人员').fill('李某，某局副局长');
    await clue.getByLabel('基本情况').fill('在侦办一起合同诈骗案中发现');
    await clue.getByRole('button', { name: '移送线索' }).click();
    await page.getByRole('heading', { name: '移送：办案中发现某局干部涉嫌受贿问题线索' }).waitFor();
    expect(await page.getByText('移送纪委监委', { exact: true }).count()).toBeGreaterThan(0);
  });

  it('lets the office decide on the return, record a coordination opinion that becomes a task, and name who needs to know', async () => {
    const page = officePage;
    await page.getByRole('link', { name: '案件移送', exact: true }).click();
    await page.getByRole('link', { name: '某村干部涉嫌职务侵占问题' }).click();
    const decide = page.getByTestId('referral-decision-form');
    await decide.getByLabel('处理方式').selectOption({ label: '另行移送其他单位' });
    await decide.getByLabel('另行移送的接收单位').selectOption({ label: '区人民检察院' });
    await decide.getByLabel('处理意见').fill('经研究，改移送区人民检察院');
    await decide.getByRole('button', { name: '作出决定' }).click();
    await page.getByTestId('referral-state').filter({ hasText: '已另行移送' }).waitFor();

    await page.goto(new URL(`/referrals/${referralId}`, page.url()).toString());
    const opinion = page.getByTestId('opinion-form');
    await opinion.getByLabel('事实认定').fill('挪用公款事实清楚');
    await opinion.getByLabel('性质认定').fill('涉嫌挪用公款罪');
    await opinion.getByLabel('协调意见', { exact: true }).fill('由区财政局配合调取资金拨付凭证');
    await opinion.getByLabel('需落实事项（不填则不交办）').fill('调取资金拨付凭证');
    await opinion.getByLabel('牵头单位').selectOption({ label: '区财政局' });
    await opinion.getByLabel('分管领导').selectOption({ label: '王红梅' });
    await opinion.getByLabel('任务要求').fill('调取2024年以来资金拨付凭证');
    await opinion.getByLabel('落实标准').fill('资料完整并经区纪委监委签收');
    await opinion.getByRole('button', { name: '记录协调意见' }).click();
    await page
      .getByTestId('referral-opinions')
      .getByRole('link', { name: `督办任务 ${referralId}-o1` })
      .waitFor();

    const access = page.getByTestId('access-form');
    await access.getByLabel('知悉人员', { exact: true }).selectOption({ label: '陆水根（村党支部书记）' });
    await access.getByLabel('知悉事由').fill('涉及该村项目资金，需配合核查');
    await access.getByRole('button', { name: '增加知悉人员' }).click();
    await page.getByTestId('referral-access').filter({ hasText: '陆水根' }).waitFor();
    await screenshot(page, 'referral-office');
  });

  it('shows another enforcement unit neither the police’s referral nor it in its list', async () => {
    await office('POST', '/v1/referrals', {
      receiverUnitId: 'enf-audit',
      title: '区直单位专项资金审计问题',
      parties: '某局财务科',
      summary: '专项资金使用情况需审计核实',
    });
    const page = await run.signIn(AUDIT_HEAD);
    await page.getByRole('link', { name: '区直单位专项资金审计问题' }).waitFor();
    expect(await page.getByRole('link', { name: TITLE }).count()).toBe(0);
    await page.goto(new URL(`/referrals/${referralId}`, page.url()).toString());
    await page.getByRole('heading', { name: '页面不存在或无权查看' }).waitFor();
    await page.context().close();
  });

  itHasNoAccessibilityViolations(4);
});
