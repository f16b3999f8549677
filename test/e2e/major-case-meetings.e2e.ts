import type { Page } from 'playwright-core';
import { DONGGUAN_HEAD, OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { shanghaiDate } from './support/stack';

/** 秦浩, head of the police unit, ENFORCEMENT, a member of the major-case coordination group. */
const POLICE_MEMBER = 'p-qin-hao';
/** 丁锐, police investigator, ENFORCEMENT, not a member. */
const POLICE_STAFF = 'p-ding-rui';
const TITLE = '大要案协调小组第一次会议';

/** A datetime-local value (Asia/Shanghai wall time) `days` from today at `time`. */
const localDateTime = (days: number, time: string) => `${shanghaiDate(days)}T${time}`;

describe('the major-case coordination group’s meetings in Chromium', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let page: Page;
  let meetingId = '';
  /** The referral (移送) the group is convened on. */
  let referralId = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    await office('POST', '/v1/cycles', { year: Number(shanghaiDate(0).slice(0, 4)) });
    const referral = await office('POST', '/v1/referrals', {
      title: '区住建局原局长涉嫌受贿案',
      parties: '王某，区住建局原局长',
      summary: '审查调查中发现王某涉嫌受贿',
      receiverUnitId: 'enf-procuratorate',
    });
    referralId = referral.body.id as string;
    page = await run.signIn(OFFICE);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('lets the office convene one from the meetings page, choosing its kind', async () => {
    await page.getByRole('link', { name: '联席会议', exact: true }).click();
    const form = page.getByTestId('call-meeting-form');
    await form.getByLabel('会议类型').selectOption('MAJOR_CASE');
    await form.getByLabel('移送事项编号').fill(referralId);
    await form.getByLabel('会议名称').fill(TITLE);
    await form.getByLabel('会议时间').fill(localDateTime(3, '09:30'));
    await form.getByLabel('参会确认时限').fill(localDateTime(2, '17:00'));
    await form.getByLabel('会议地点').fill('区纪委监委保密会议室');
    await form.getByLabel('会议议题').fill('研究区住建局原局长涉嫌受贿案移送事宜');
    await form.getByRole('button', { name: '发出会议通知' }).click();

    await page.getByRole('heading', { name: TITLE }).waitFor();
    meetingId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    expect(await page.getByTestId('meeting-state').textContent()).toBe('已通知');
    expect(await page.getByText('大要案协调小组会议', { exact: true }).count()).toBeGreaterThan(0);
    const members = await page
      .locator('tr[data-person]')
      .evaluateAll((rows) =>
        rows.map((r) => (r as unknown as { getAttribute(name: string): string | null }).getAttribute('data-person')),
      );
    expect(members.sort()).toEqual(['p-lu-yan', 'p-qin-hao', 'p-zhao-zhiqiang', 'p-zheng-yu', 'p-zhou-min']);
  });

  it('shows it to an enforcement member, who confirms attendance in person', async () => {
    const p = await run.signIn(POLICE_MEMBER);
    await p.getByRole('link', { name: '大要案协调小组', exact: true }).click();
    await p.getByRole('link', { name: TITLE }).click();
    await p.getByRole('heading', { name: TITLE }).waitFor();
    expect(await p.getByTestId('attendance-status').textContent()).toBe('未回执');
    await p.getByTestId('attend-form').getByLabel('随同人员（可不填）').fill('丁锐（侦查员）');
    await p.getByTestId('attend-form').getByRole('button', { name: '确认参会' }).click();
    await p.getByTestId('attendance-status').filter({ hasText: '确认参会' }).waitFor();

    const seen = await office('GET', `/v1/meetings/${meetingId}`);
    expect(seen.body.attendance.find((a: { personId: string }) => a.personId === POLICE_MEMBER)).toMatchObject({
      status: 'CONFIRMED',
      attendee: '丁锐（侦查员）',
    });
  });

  it('is absent for an enforcement person not on the group and for a unit', async () => {
    const staff = await run.signIn(POLICE_STAFF);
    await staff.getByRole('link', { name: '大要案协调小组', exact: true }).click();
    await staff.getByTestId('not-a-member').waitFor();
    expect(await staff.getByRole('link', { name: TITLE }).count()).toBe(0);
    await staff.goto(`${t.stack.apiUrl}/major-case/meetings/${encodeURIComponent(meetingId)}`);
    await staff.getByTestId('not-found').waitFor();

    const unit = await run.signIn(DONGGUAN_HEAD);
    await unit.goto(`${t.stack.apiUrl}/unit/meetings/${encodeURIComponent(meetingId)}`);
    await unit.getByTestId('not-found').waitFor();
    const dongguan = await t.as(DONGGUAN_HEAD);
    const listed = await dongguan('GET', '/v1/meetings?limit=200');
    expect(listed.body.items.map((m: { id: string }) => m.id)).not.toContain(meetingId);
  });

  // At least the page each profile ends on: the office's meeting, the member's notice, the unit's (absent) meeting.
  itHasNoAccessibilityViolations(3);
});
