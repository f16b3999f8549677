import type { Page } from 'playwright-core';
import { eventually } from '../support/http';
import { OFFICE } from '../support/people';
import { screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun } from './support/run';

/** 白雪, a special supervisor (特约监察员) of the district, invited to rate; she fills the form on a phone. */
const BAI_XUE = 'p-bai-xue';
const PHONE_WIDTH = 390;

describe('the supervision network takes part (行风评议, 列席检查) in Chromium', () => {
  let run: BrowserRun;
  let appraisalId: string;
  let roundId: string;

  beforeAll(async () => {
    run = await startBrowserRun();
    const office = await run.t.as(OFFICE);
    const cycle = await office('POST', '/v1/cycles', { year: new Date().getUTCFullYear() });
    const opened = await office('POST', `/v1/cycles/${cycle.body.id}/appraisals`, {
      title: '政风行风评议',
      unitIds: ['town-dongguan', 'dept-finance'],
      memberIds: [BAI_XUE],
      workingDays: 10,
    });
    appraisalId = opened.body.id;
    const day = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
    const round = await office('POST', `/v1/cycles/${cycle.body.id}/inspections`, {
      title: '作风建设专项检查',
      unitIds: ['town-dongguan', 'dept-finance'],
      checklist: ['落实中央八项规定精神情况'],
      selfCheckDueDate: day(7),
      findingsDueDate: day(21),
      observerIds: [BAI_XUE],
    });
    roundId = round.body.id;
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('lets an invited member fill the rating form on a phone, change it, and the office see her finished', async () => {
    const page: Page = await run.signIn(BAI_XUE, PHONE_WIDTH);
    await page.getByRole('link', { name: '行风评议', exact: true }).first().click();
    await page.getByTestId('member-appraisals').getByRole('link', { name: '政风行风评议' }).click();
    const form = page.getByTestId('rating-form');
    await form.getByTestId('rate-town-dongguan').getByLabel('满意', { exact: true }).check();
    await form.getByTestId('rate-dept-finance').getByLabel('基本满意').check();
    await form.getByTestId('rate-dept-finance').getByLabel('评议意见（可选）').fill('窗口办事效率有待提高');
    await form.getByRole('button', { name: '提交评议表' }).click();
    await screenshot(page, 'member-appraisal-phone');
    await expectFinished();

    // Changed before the end: the last rating counts.
    await form.getByTestId('rate-town-dongguan').getByLabel('不满意').check();
    await form.getByRole('button', { name: '提交评议表' }).click();
    const member = await run.t.as(BAI_XUE);
    const rated = await eventually(async () => {
      const mine = (await member('GET', `/v1/appraisals/${appraisalId}`)).body.myForm as {
        unitId: string;
        rating: string;
      }[];
      return mine.find((f) => f.unitId === 'town-dongguan' && f.rating === 'UNSATISFIED');
    });
    expect(rated).toBeDefined();

    async function expectFinished() {
      const officePage = await run.signIn(OFFICE);
      await officePage.goto(`${run.t.stack.apiUrl}/office/appraisals/${appraisalId}`);
      await officePage
        .getByTestId('appraisal-progress')
        .locator('tbody tr', { hasText: '白雪' })
        .getByText('2/2')
        .waitFor();
      expect(await officePage.getByTestId('appraisal-progress').textContent()).not.toMatch(/满意/);
      await officePage.close();
    }
  });

  it('lets an invited member read a round’s scope and add an observation from a phone', async () => {
    const page = await run.signIn(BAI_XUE, PHONE_WIDTH);
    await page.goto(`${run.t.stack.apiUrl}/network/inspections/${roundId}`);
    const form = page.getByTestId('observe-form');
    await form.getByLabel('涉及单位').selectOption('town-dongguan');
    await form.getByLabel('观察意见').fill('便民服务大厅工作日午间无人值守');
    await form.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('my-observations').getByText('便民服务大厅工作日午间无人值守').waitFor();
  });
});
