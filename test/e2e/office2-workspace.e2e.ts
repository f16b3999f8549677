import type { Page } from 'playwright-core';
import { eventually } from '../support/http';
import { DONGGUAN_HEAD, FINANCE_HEAD, GROUP_MEMBER, OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { shanghaiDate } from './support/stack';

/** A datetime-local value (Asia/Shanghai wall time) `days` from today at `time`. */
const localDateTime = (days: number, time: string) => `${shanghaiDate(days)}T${time}`;

describe('the office’s meetings, inspections, assessment and audit pages in Chromium', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let dongguan: Client;
  let page: Page;
  let cycleId: string;
  let meetingId: string;
  let roundId = '';

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    dongguan = await t.as(DONGGUAN_HEAD);
    const opened = await office('POST', '/v1/cycles', { year: Number(shanghaiDate(0).slice(0, 4)) });
    cycleId = opened.body.id as string;
    // A meeting called a few seconds ahead: it is held while the browser signs in, so its minutes can be recorded.
    const called = await office('POST', `/v1/cycles/${cycleId}/meetings`, {
      title: '党风廉政建设责任制专题联席会议',
      place: '区纪委监委三楼会议室',
      at: new Date(Date.now() + 9_000).toISOString(),
      confirmBy: new Date(Date.now() + 7_000).toISOString(),
      topics: ['研究村级小微权力清单落实工作'],
    });
    if (called.status !== 201) throw new Error(`calling a meeting answered ${called.status}`);
    meetingId = called.body.id as string;
    await dongguan('POST', `/v1/meetings/${meetingId}/attendance`, { attending: true, attendee: '谢华' });
    const finance = await t.as(FINANCE_HEAD);
    await finance('POST', `/v1/meetings/${meetingId}/attendance`, {
      attending: false,
      reason: '参加市财政局年度预算会议',
    });
    page = await run.signIn(OFFICE);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('calls an ad-hoc joint meeting from the meetings page', async () => {
    await page.getByRole('link', { name: '联席会议', exact: true }).click();
    await page.getByRole('link', { name: '党风廉政建设责任制专题联席会议' }).waitFor();
    const form = page.getByTestId('call-meeting-form');
    await form.getByLabel('会议名称').fill('村级小微权力清单推进会');
    await form.getByLabel('会议时间').fill(localDateTime(3, '09:30'));
    await form.getByLabel('参会确认时限').fill(localDateTime(2, '17:00'));
    await form.getByLabel('会议地点').fill('区纪委监委会议室');
    await form.getByLabel('会议议题').fill('听取各镇街推进情况');
    await form.getByRole('button', { name: '发出会议通知' }).click();

    await page.getByRole('heading', { name: '村级小微权力清单推进会' }).waitFor();
    expect(await page.getByTestId('meeting-state').textContent()).toBe('已通知');
    const listed = await office('GET', `/v1/meetings?cycleId=${cycleId}`);
    expect(listed.body.items.map((m: { title: string }) => m.title)).toContain('村级小微权力清单推进会');
  });

  it('records a held meeting’s minutes with a resolution, which becomes a supervised task', async () => {
    await eventually(async () => {
      const res = await office('GET', `/v1/meetings/${meetingId}`);
      return res.body.state === 'HELD' ? true : undefined;
    }, 40_000);
    await page.goto(`${t.stack.apiUrl}/office/meetings/${meetingId}`);
    expect(await page.getByTestId('meeting-state').textContent()).toBe('已召开');
    expect(await page.locator('tr[data-unit="town-dongguan"]').textContent()).toContain('参会');
    const finance = page.locator('tr[data-unit="dept-finance"]');
    expect(await finance.textContent()).toContain('缺席');
    expect(await finance.textContent()).toContain('参加市财政局年度预算会议');

    const form = page.getByTestId('minutes-form');
    await form.getByLabel('会议纪要').fill('会议听取了督办工作情况通报，研究了村级小微权力清单落实工作。');
    await form.getByRole('button', { name: '增加一项议定事项' }).click();
    const r = form.getByTestId('resolution-1');
    await r.getByLabel('议定事项', { exact: true }).fill('东关街道完成小微权力清单梳理');
    await r.getByLabel('牵头单位').selectOption({ label: '东关街道' });
    await r.getByLabel('协办单位').selectOption([{ label: '区财政局' }]);
    await r.getByLabel('分管领导').selectOption('p-wang-hongmei');
    await r.getByLabel('任务要求').fill('对照会议要求逐项梳理，建立工作台账');
    await r.getByLabel('落实标准').fill('台账经组织协调室审核通过');
    // No time limit: the API names the field, and the page shows it there.
    await form.getByRole('button', { name: '保存纪要并交办议定事项' }).click();
    const problem = r.locator('.field-error[data-field="resolutions[0].dueDate"]');
    await problem.waitFor();
    expect(await r.getByLabel('落实时限').getAttribute('aria-invalid')).toBe('true');

    await r.getByLabel('落实时限').fill(shanghaiDate(30));
    await form.getByRole('button', { name: '保存纪要并交办议定事项' }).click();
    await page.getByTestId('meeting-state').filter({ hasText: '已录入纪要' }).waitFor();
    const link = page.getByTestId('resolutions').getByRole('link', { name: '东关街道完成小微权力清单梳理' });
    await link.waitFor();
    await screenshot(page, 'office-meeting');

    const taskId = `${meetingId}-1`;
    const task = await eventually(async () => {
      const res = await office('GET', `/v1/tasks/${taskId}`);
      return res.status === 200 ? res.body : undefined;
    }, 30_000);
    expect(task).toMatchObject({
      type: 'MEETING_RESOLUTION',
      title: '东关街道完成小微权力清单梳理',
      leadUnitId: 'town-dongguan',
      coUnitIds: ['dept-finance'],
      leaderId: 'p-wang-hongmei',
      dueDate: shanghaiDate(30),
    });
    await link.click();
    await page.getByRole('heading', { name: '东关街道完成小微权力清单梳理' }).waitFor();
  });

  it('defines an inspection round and records a finding, which becomes the unit’s rectification task', async () => {
    await page.getByRole('link', { name: '检查督办', exact: true }).click();
    const form = page.getByTestId('define-round-form');
    await form.getByLabel('检查名称').fill('作风建设专项检查');
    await form.getByLabel('东关街道').check();
    await form.getByLabel('西城街道').check();
    await form.getByLabel('检查内容').fill('落实中央八项规定精神情况\n专项资金使用管理情况');
    await form.getByLabel('自查报告报送时限').fill(shanghaiDate(7));
    await form.getByLabel('问题录入截止日期').fill(shanghaiDate(21));
    await form.getByRole('button', { name: '发出检查通知' }).click();
    await page.getByRole('heading', { name: '作风建设专项检查' }).waitFor();
    roundId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    expect(await page.getByTestId('round-state').textContent()).toBe('单位自查');
    expect(await page.locator('tr[data-unit="town-dongguan"]').textContent()).toContain('未报送');

    const findings = page.getByTestId('findings-form');
    await findings.getByLabel('被检查单位').selectOption({ label: '东关街道' });
    await findings.getByLabel('问题性质').selectOption({ label: '较重' });
    await findings.getByLabel('发现问题', { exact: true }).fill('公务接待审批单不规范');
    await findings.getByLabel('整改要求').fill('规范公务接待审批，建立台账');
    await findings.getByLabel('整改时限').fill(shanghaiDate(30));
    await findings.getByRole('button', { name: '录入问题并交办整改' }).click();
    const row = page.getByTestId('findings').locator('tr').filter({ hasText: '公务接待审批单不规范' });
    await row.waitFor();
    expect(await row.textContent()).toContain('较重');

    const round = await office('GET', `/v1/inspections/${roundId}`);
    const taskId = round.body.findings[0].taskId as string;
    const seen = await eventually(async () => {
      const res = await dongguan('GET', '/v1/tasks?unit=town-dongguan&limit=50');
      return res.body.items.find((x: { id: string }) => x.id === taskId);
    }, 30_000);
    expect(seen).toMatchObject({ type: 'RECTIFICATION', leadUnitId: 'town-dongguan', dueDate: shanghaiDate(30) });

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '结束问题录入' }).click();
    await page.getByTestId('round-state').filter({ hasText: '整改中' }).waitFor();
    expect((await office('GET', `/v1/inspections/${roundId}`)).body.state).toBe('RECTIFYING');
  });

  it('computes the assessment and shows the ranking and chart; an adjustment needs a reason', async () => {
    await page.getByRole('link', { name: '考核评价', exact: true }).click();
    await page.getByTestId('assessment-missing').waitFor();
    await page.getByRole('button', { name: '按现有数据计算考核结果' }).click();
    const ranking = page.getByTestId('ranking');
    await ranking.locator('tbody tr').first().waitFor();

    const stored = (await office('GET', `/v1/cycles/${cycleId}/assessment`)).body;
    const rows = ranking.locator('tbody tr');
    expect(await rows.count()).toBe(stored.scores.length);
    expect(await rows.first().locator('td').nth(1).textContent()).toBe(stored.ranking[0].unitName);
    // Drawn by ECharts: one image for screen readers, its figures in its name; a bar label per unit in the SVG.
    const chart = page.getByTestId('score-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toMatch(/^各单位考核得分及扣分构成（按排名）：第1名/);
    await chart.locator('svg text', { hasText: `第1名 ${stored.ranking[0].unitName}` }).waitFor();
    for (const s of stored.scores as { rank: number; unitName: string }[]) {
      expect(await chart.locator('svg text', { hasText: `第${s.rank}名 ${s.unitName}` }).count()).toBe(1);
    }
    await page.getByTestId('distribution-chart').locator('svg text', { hasText: '90分及以上' }).waitFor();
    expect(await page.getByTestId('assessment-state').textContent()).toBe('草稿（未发布）');

    const adjust = page.getByTestId('adjust-form');
    await adjust.getByLabel('单位').selectOption('town-dongguan');
    await adjust.getByLabel('调整分值（减分填负数）').fill('2');
    await adjust.getByRole('button', { name: '调整' }).click();
    await adjust.locator('.field-error[data-field="reason"]').waitFor();
    await adjust.getByLabel('调整理由').fill('牵头完成全区清单梳理工作，成效突出');
    await adjust.getByRole('button', { name: '调整' }).click();
    const dongguanRow = ranking.locator('tr[data-unit="town-dongguan"]');
    await dongguanRow.filter({ hasText: '+2' }).waitFor();
    const after = (await office('GET', `/v1/cycles/${cycleId}/assessment`)).body;
    const score = after.scores.find((s: { unitId: string }) => s.unitId === 'town-dongguan');
    expect(score.adjustment).toBe(2);
    expect(score.adjustments[0].reason).toBe('牵头完成全区清单梳理工作，成效突出');
    expect(await dongguanRow.getByTestId('final-score').textContent()).toBe(String(score.finalScore));
    expect(await page.getByTestId('assessment-csv').getAttribute('href')).toBe(`/v1/cycles/${cycleId}/assessment.csv`);
    await screenshot(page, 'assessment');
  });

  it('publishes a bulletin, which the leadership group can read with the annual report page', async () => {
    await page.getByRole('link', { name: '情况通报', exact: true }).click();
    const form = page.getByTestId('publish-bulletin-form');
    await form.getByLabel('起始日期').fill(shanghaiDate(-30));
    await form.getByLabel('截止日期').fill(shanghaiDate(0));
    await form.getByLabel('年度周期').selectOption(cycleId);
    await form.getByRole('button', { name: '生成并发布' }).click();
    await page.getByRole('link', { name: '下载各单位数据（CSV）' }).waitFor();
    const bulletinId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    const csv = await page.evaluate(async (id) => (await fetch(`/v1/bulletins/${id}/csv`)).status, bulletinId);
    expect(csv).toBe(200);

    const p = await run.signIn(GROUP_MEMBER);
    await p.getByRole('link', { name: '情况通报', exact: true }).click();
    await p
      .getByRole('link', { name: /党风廉政建设责任落实情况通报/ })
      .first()
      .waitFor();
    expect(await p.getByTestId('publish-bulletin-form').count()).toBe(0);
    await p.getByRole('link', { name: '年度通报', exact: true }).click();
    await p.getByTestId('annual-missing').waitFor();
    await p.context().close();
  });

  it('shows the assessment at phone width, and in English', async () => {
    const p = await run.signIn(OFFICE, 390);
    await p.goto(`${t.stack.apiUrl}/office/assessment?cycle=${cycleId}`);
    await p.getByTestId('score-chart').waitFor();
    const cell = p.getByTestId('ranking').locator('tbody tr').first().locator('td').first();
    expect(await cell.getAttribute('data-label')).toBe('名次');
    expect(await p.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(p, 'assessment-phone');

    await p.getByRole('button', { name: 'English' }).click();
    await p.getByRole('heading', { name: 'Assessment' }).waitFor();
    expect(await p.getByTestId('assessment-state').textContent()).toBe('Draft (not published)');
    await p.context().close();
  });

  it('opens an accountability case, shows the unit’s statement, and records the decision with its basis', async () => {
    await page.getByRole('link', { name: '责任追究', exact: true }).click();
    const form = page.getByTestId('open-case-form');
    await form.getByLabel('被追究单位').selectOption({ label: '区财政局' });
    await form.getByLabel('立案事由').fill('未按要求落实联席会议议定事项，经催办仍未报送进展');
    await form.getByRole('button', { name: '立案并通知' }).click();
    await page.getByRole('heading', { name: '责任追究：区财政局' }).waitFor();
    expect(await page.getByTestId('case-state').textContent()).toBe('待说明情况');
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');

    const finance = await t.as(FINANCE_HEAD);
    const stated = await finance('POST', `/v1/cases/${caseId}/statement`, {
      text: '因预算编制任务集中，进展报送滞后，现已补报并建立周报制度。',
    });
    expect(stated.status).toBe(200);
    await page.reload();
    await page.getByTestId('case-statement').filter({ hasText: '现已补报并建立周报制度' }).waitFor();

    const decide = page.getByTestId('decision-form');
    await decide.getByLabel('处理措施').selectOption({ label: '约谈' });
    await decide.getByLabel('处理依据').fill('《党风廉政建设责任追究办法》第八条');
    await decide.getByRole('button', { name: '作出决定并通知' }).click();
    await page.getByTestId('case-measure').filter({ hasText: '约谈' }).waitFor();
    const stored = await office('GET', `/v1/cases/${caseId}`);
    expect(stored.body).toMatchObject({
      unitId: 'dept-finance',
      measure: 'TALK',
      basis: '《党风廉政建设责任追究办法》第八条',
      decidedBy: OFFICE,
    });
    expect(await page.locator('.timeline li[data-kind="DECIDED"]').count()).toBe(1);
  });

  it('lists the actions just taken in the audit log, filtered by action', async () => {
    await page.getByRole('link', { name: '操作日志', exact: true }).click();
    const table = page.getByTestId('audit-table');
    await table.locator('tr[data-action="case.decide"]').first().waitFor();
    for (const action of ['meeting.call', 'meeting.minutes', 'inspection.findings', 'case.open', 'case.decide']) {
      expect(await table.locator(`tr[data-action="${action}"]`).count()).toBeGreaterThan(0);
    }
    await page.getByTestId('audit-filters').getByLabel('操作', { exact: true }).fill('meeting.minutes');
    await page.getByRole('button', { name: '筛选' }).click();
    await eventually(async () => {
      // Read at once: the table re-renders when the filtered page arrives, and a row handle taken before it would
      // wait for a row that is gone.
      const actions = await table
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => (r as unknown as { getAttribute(name: string): string | null }).getAttribute('data-action')),
        );
      return actions.length > 0 && actions.every((a) => a === 'meeting.minutes') ? true : undefined;
    }, 10_000);
    // The refused attempt (no time limit) and the recorded minutes.
    const outcomes = await table.locator('tbody tr td:last-child').allTextContents();
    expect(outcomes.some((o) => o.startsWith('被拒绝'))).toBe(true);
    expect(outcomes.some((o) => o.startsWith('成功'))).toBe(true);
  });

  it('does not open the office’s pages for a unit, and the API refuses it', async () => {
    const p = await run.signIn(DONGGUAN_HEAD);
    expect(await p.getByRole('link', { name: '操作日志' }).count()).toBe(0);
    for (const path of ['/office/meetings', `/office/meetings/${meetingId}`, '/office/audit', '/office/assessment']) {
      await p.goto(`${t.stack.apiUrl}${path}`);
      await p.getByTestId('not-found').waitFor();
      expect(await p.getByRole('heading', { name: '页面不存在或无权查看' }).count()).toBe(1);
    }
    expect((await dongguan('GET', '/v1/audit')).status).toBe(403);
    expect((await dongguan('POST', `/v1/inspections/${roundId}/close-findings`)).status).toBe(403);
    expect((await dongguan('POST', `/v1/cycles/${cycleId}/assessment`, {})).status).toBe(403);
    await p.context().close();
  });

  itHasNoAccessibilityViolations(3);
});
