import type { Page } from 'playwright-core';
import { OFFICE } from '../support/people';
import { axeCheck } from './support/axe';
import { PHONE, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun } from './support/run';

const MEMBER = 'p-bai-xue'; // 特约监察员, a member of the supervision network
const WHAT = '东关街道便民服务中心窗口工作人员上班时间长时间离岗';
const ANSWER = '经核实，已责成东关街道调整窗口排班并公开监督电话';

/** A supervisor submits from a phone, the office replies from its desk, and the answer reaches the phone. */
describe('submissions (反映) from a phone', () => {
  let run: BrowserRun;
  let member: Page;
  let submissionId = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    member = await run.signIn(MEMBER, PHONE.width);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('lets a member submit a problem from a phone-sized screen', async () => {
    const page = member;
    await page.getByRole('heading', { name: '我的反映' }).waitFor();
    const form = page.getByTestId('new-submission-form');
    await form.getByLabel('类别').selectOption({ label: '问题反映' });
    await form.getByLabel('被反映单位').selectOption({ label: '东关街道' });
    await form.getByLabel('反映内容').fill(WHAT);
    await form.getByLabel('地点').fill('东关街道便民服务中心');
    await form.getByRole('button', { name: '提交' }).tap();
    await page.getByTestId('submission-state').filter({ hasText: '待分办' }).waitFor();
    submissionId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    expect(submissionId).toMatch(/^s-/);
    expect(await page.getByTestId('submission-submitter').count()).toBe(0);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await axeCheck(page)).toEqual([]);
    await screenshot(page, 'submission-member-phone');
  });

  it('shows the office who submitted, awaiting triage, and lets it reply', async () => {
    const page = await run.signIn(OFFICE);
    await page.goto(new URL('/office/submissions', page.url()).toString());
    await page.getByRole('link', { name: WHAT }).click();
    await page.getByTestId('submission-state').filter({ hasText: '待分办' }).waitFor();
    expect(await page.getByTestId('submission-submitter').textContent()).toContain('白雪');
    const reply = page.getByTestId('reply-form');
    await reply.getByLabel('答复').fill(ANSWER);
    await reply.getByRole('button', { name: '答复' }).click();
    await page.getByTestId('submission-state').filter({ hasText: '已答复' }).waitFor();
    await screenshot(page, 'submission-office');
  });

  it('shows the member the answer as it arrives, and takes their rating once', async () => {
    const page = member;
    await page.reload();
    await page.getByTestId('submission-state').filter({ hasText: '已答复' }).waitFor();
    expect(await page.getByTestId('submission-answer').textContent()).toContain(ANSWER);
    const rate = page.getByTestId('rate-form');
    await rate.getByLabel('评价', { exact: true }).selectOption({ label: '4分 比较满意' });
    await rate.getByLabel('评价意见').fill('答复及时');
    await rate.getByRole('button', { name: '提交评价' }).tap();
    await page.getByTestId('submission-rating').filter({ hasText: '4分' }).waitFor();
    expect(await page.getByTestId('rate-form').count()).toBe(0);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await axeCheck(page)).toEqual([]);
    await screenshot(page, 'submission-answered-phone');
  });
});
