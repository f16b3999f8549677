import type { Page } from 'playwright-core';
import { eventually } from '../support/http';
import { DONGGUAN_HEAD, GROUP_MEMBER as GROUP, OFFICE } from '../support/people';
import type { TestStack } from '../support/test-stack';
import { itHasNoAccessibilityViolations, screenshot } from './support/browser';
import { choosePlanFile, lineOf, officePlan } from './support/office';
import { startBrowserRun, type BrowserRun, type Client } from './support/run';
import { assignEarlier } from '../support/assigned-earlier';
import { assignTask, shanghaiDate, taskBecomes } from './support/stack';

describe('the office workspace in Chromium', () => {
  let run: BrowserRun;
  let t: TestStack;
  let office: Client;
  let page: Page; // the office's
  const year = Number(shanghaiDate(0).slice(0, 4));
  const cycleId = `district-${year}`;
  const reportTask = `${cycleId}-duty-towns-report`;

  beforeAll(async () => {
    run = await startBrowserRun();
    t = run.t;
    office = await t.as(OFFICE);
    page = await run.signIn(OFFICE);
  }, 180_000);

  afterAll(() => run?.close(), 60_000);

  it('opens the cycle; shows a refused plan’s error at its line, takes the corrected plan; the group approves it', async () => {
    await page.getByText('尚未启动年度周期。').waitFor();
    // Cycle or not, the home says who is late and what awaits the office.
    await page.getByTestId('overview').waitFor();
    expect(await page.getByTestId('overview-overdue').textContent()).toMatch(/^\d+ 已逾期$/);
    expect(await page.getByTestId('overview-pending').textContent()).toContain('延期申请待审批');
    expect(await page.getByTestId('overview-pending').textContent()).toContain('抽调人员待确认：0 人');
    await page.getByRole('link', { name: '启动年度周期、上报年度工作计划' }).click();
    const open = page.getByTestId('open-cycle-form');
    await open.getByLabel('年度').selectOption(String(year));
    await open.getByRole('button', { name: '启动年度周期' }).click();

    const bad = officePlan(year, 'dept-nowhere');
    await choosePlanFile(page, 'plan-bad.yaml', bad);
    await page.getByRole('button', { name: '上报计划' }).click();
    const problems = page.getByTestId('plan-problems');
    await problems.waitFor();
    const badLine = problems.locator('.plan-line-bad');
    expect(await problems.locator('strong').textContent()).toBe('计划有1处问题，未予接收。问题所在行已标出：');
    expect(await badLine.count()).toBe(1);
    expect(await badLine.getAttribute('data-line')).toBe(String(lineOf(bad, 'dept-nowhere')));
    expect(await badLine.textContent()).toContain('leadUnit: dept-nowhere');
    expect(await badLine.textContent()).toContain('goals[1].tasks[0].leadUnit：单位不存在');
    expect((await office('GET', `/v1/cycles/${cycleId}/plan`)).status).toBe(404);
    await screenshot(page, 'office-plan-refused');

    await choosePlanFile(page, 'plan.yaml', officePlan(year));
    await page.getByRole('button', { name: '上报计划' }).click();
    await page.getByText('已接收第1版计划：2个目标、3项任务。').waitFor();
    expect(await page.getByTestId('plan-problems').count()).toBe(0);
    await page.getByTestId('plan-state').filter({ hasText: '当前第1版（待领导小组审定）' }).waitFor();
    expect(await page.getByTestId('approve-form').count()).toBe(0); // the office cannot approve

    const group = await run.signIn(GROUP);
    await group.getByRole('link', { name: '年度工作计划' }).click();
    await group.getByText('目标2：持续整治“四风”问题').click(); // the group reads the plan's tasks before approving
    const festival = group.locator('details li').filter({ hasText: '开展节日期间作风建设专项检查' });
    await festival.waitFor();
    expect(await festival.textContent()).toContain('责任单位：区财政局、西城街道；分管领导：');
    await group.getByTestId('approve-form').getByLabel('审定意见').fill('同意');
    await group.getByRole('button', { name: '审定第1版' }).click();
    await group.getByTestId('plan-state').filter({ hasText: '已审定' }).waitFor();
    expect(await group.getByTestId('plan-upload').count()).toBe(0);

    const cycle = await eventually(async () => {
      const res = await office('GET', `/v1/cycles/${cycleId}`);
      return res.body.phase === 'RUNNING' && res.body.totals.total === 3 ? res.body : undefined;
    }, 60_000);
    expect(cycle).toMatchObject({ approvedVersion: 1, approvedBy: GROUP });
  });

  it('shows the plan’s tasks on the board, each cell linking to its tasks', async () => {
    await page.getByRole('link', { name: '工作台' }).click();
    const board = page.getByTestId('cycle-board');
    await board.waitFor();

    expect(await board.locator('thead th').allTextContents()).toEqual([
      '牵头单位',
      '压实党风廉政建设主体责任',
      '持续整治“四风”问题',
    ]);
    const dongguan = board.locator('tr[data-unit="town-dongguan"]');
    expect(await dongguan.locator('th').textContent()).toBe('东关街道');
    const cell = dongguan.locator('a[data-light]');
    // Its name is what it shows, with the words a listener needs; its title (the description) says all.
    expect(await cell.textContent()).toBe('绿灯1项任务');
    expect(await cell.getAttribute('title')).toBe('东关街道·压实党风廉政建设主体责任：绿灯，1项任务');
    expect(await dongguan.getByRole('link', { name: /^绿灯\s*1\s*项任务$/ }).count()).toBe(1);
    await cell.focus(); // by keyboard
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '任务清单' }).waitFor();
    await page.getByRole('link', { name: '镇街落实主体责任情况报告' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
  });

  it('returns a submitted task with reasons; accepts it with a rating after the unit resubmits', async () => {
    const unit = await run.signIn(DONGGUAN_HEAD);
    await unit.goto(`${t.stack.apiUrl}/tasks/${reportTask}`);
    await unit.getByRole('button', { name: '签收' }).click();
    const submit = unit.getByTestId('submit-form');
    await submit.getByLabel('办理结果').fill('已形成上半年落实主体责任情况报告。');
    await submit.getByRole('button', { name: '提交报结' }).click();
    await unit.getByTestId('task-state').filter({ hasText: '已报结' }).waitFor();

    await page.goto(`${t.stack.apiUrl}/tasks/${reportTask}`);
    const panel = page.getByTestId('office-panel');
    await panel.getByText('责任单位已报结，请复核').waitFor();
    const returned = panel.getByTestId('return-form');
    await returned.getByLabel('退回理由').fill('报告未经党工委会议审议，请补充会议纪要。');
    await returned.getByRole('button', { name: '退回', exact: true }).click();
    await page.getByTestId('task-state').filter({ hasText: '办理中' }).waitFor();
    const returnedEntry = page.locator('.timeline li[data-kind="RETURNED"]');
    await returnedEntry.waitFor();
    expect(await returnedEntry.textContent()).toContain('报告未经党工委会议审议');

    await unit.reload();
    await unit.locator('.timeline li[data-kind="RETURNED"]').waitFor();
    await submit.getByLabel('办理结果').fill('已补充党工委会议纪要。');
    await submit.getByRole('button', { name: '提交报结' }).click();
    await unit.getByTestId('task-state').filter({ hasText: '已报结' }).waitFor();

    await page.reload();
    const accept = page.getByTestId('accept-form');
    await accept.getByLabel('质量评价').selectOption({ label: '良好' });
    await accept.getByLabel('复核意见').fill('材料齐全');
    await accept.getByRole('button', { name: '办结', exact: true }).click();
    await page.getByTestId('task-state').filter({ hasText: '已办结' }).waitFor();
    expect(await page.getByTestId('office-panel').textContent()).toContain('任务已办结，无需操作。');

    await taskBecomes(t, office, reportTask, (task) => task.state === 'ACCEPTED');
    const task = (await office('GET', `/v1/tasks/${reportTask}`)).body;
    expect(task).toMatchObject({ state: 'ACCEPTED', rating: 'GOOD', returns: 1 });
    expect(task.timeline.filter((e: { kind: string }) => e.kind === 'SUBMITTED')).toHaveLength(2);
  });

  it('assigns a task through the form (a refused field shown at the field); late, it turns red on the board', async () => {
    // The task list is in the menu; its 「交办任务」 opens the form.
    await page.locator('.mainnav').getByRole('link', { name: '任务清单' }).click();
    await page.getByRole('heading', { name: '任务清单' }).waitFor();
    await page.getByRole('link', { name: '交办任务' }).click();
    const form = page.getByTestId('new-task-form');
    await form.getByLabel('牵头单位').selectOption('town-xicheng');
    await form.getByRole('button', { name: '交办' }).click();
    const titleError = form.locator('.field', { has: page.getByLabel('任务名称') }).locator('.field-error');
    await titleError.waitFor();
    expect(await form.getByLabel('任务名称').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('任务名称').fill('整改巡察反馈问题');
    await form.getByLabel('分管领导').selectOption('p-wang-hongmei');
    await form.getByLabel('任务要求').fill('对巡察反馈的问题逐项整改');
    await form.getByLabel('落实标准').fill('整改台账经组织协调室审核');
    // A limit already past is refused at its field: it would escalate within seconds for a lapse nobody caused.
    await form.getByLabel('截止日期', { exact: true }).fill(shanghaiDate(-1));
    await form.getByRole('button', { name: '交办' }).click();
    const dueError = form
      .locator('.field', { has: page.getByLabel('截止日期', { exact: true }) })
      .locator('.field-error');
    await dueError.waitFor();
    expect(await dueError.textContent()).toContain('不能早于今天');

    // The same task assigned yesterday, with yesterday as its limit, is late by now.
    const id = await assignEarlier(
      t,
      {
        title: '整改巡察反馈问题',
        leadUnitId: 'town-xicheng',
        leaderId: 'p-wang-hongmei',
        requirements: '对巡察反馈的问题逐项整改',
        standard: '整改台账经组织协调室审核',
        dueDate: shanghaiDate(-1),
        cycleId,
      },
      1,
    );
    await page.goto(`${t.stack.apiUrl}/tasks/${id}`);
    await page.getByRole('heading', { name: '整改巡察反馈问题' }).waitFor();

    await taskBecomes(t, office, id, (task) => task.rung === 1 && task.light === 'RED');
    expect((await office('GET', `/v1/tasks/${id}`)).body).toMatchObject({ cycleId, leadUnitId: 'town-xicheng' });
    await page.reload();
    const rung = page.locator('.timeline li[data-kind="ESCALATION_L1"]');
    await rung.waitFor();
    expect(await rung.textContent()).toContain('L1 催办');

    await page.getByRole('link', { name: '工作台' }).click();
    const row = page.locator('tr[data-unit="town-xicheng"]');
    await row.waitFor();
    expect(await row.getAttribute('class')).toBe('board-row-red');
    const red = row.locator('a[data-light="RED"]');
    expect(await red.textContent()).toBe('红灯1项任务L1');
    expect(await red.getAttribute('title')).toBe('西城街道·年中增补任务：红灯，1项任务，最高L1 催办');
    expect(await page.locator('tr[data-unit="town-dongguan"]').getAttribute('class')).toBeNull();
    const overdue = page.locator('section', { has: page.getByRole('heading', { name: '逾期和升级督办任务' }) });
    await overdue.getByRole('link', { name: '整改巡察反馈问题' }).waitFor();
    expect(await overdue.locator('tbody tr').first().textContent()).toContain('L1 催办');
    await screenshot(page, 'office-board');

    // By month: the late task is in the column of its time limit.
    const due = shanghaiDate(-1);
    await page.getByRole('button', { name: '按月份' }).click();
    const monthCell = page.getByTitle(
      `西城街道·${due.slice(0, 4)}年${Number(due.slice(5, 7))}月：红灯，1项任务，最高L1 催办`,
      { exact: true },
    );
    await monthCell.waitFor();
    expect(await page.getByRole('button', { name: '按月份' }).getAttribute('aria-pressed')).toBe('true');

    const board = (await office('GET', `/v1/cycles/${cycleId}/board`)).body;
    expect(board.cells).toContainEqual(
      expect.objectContaining({ unitId: 'town-xicheng', column: null, worst: 'RED', maxRung: 1 }),
    );
  });

  it('approves a unit’s extension request: the time limit moves to the date asked for', async () => {
    const id = await assignTask(office, {
      title: '报送廉政风险防控台账',
      leadUnitId: 'town-dongguan',
      dueDate: shanghaiDate(10),
    });
    const unit = await t.as(DONGGUAN_HEAD);
    expect((await unit('POST', `/v1/tasks/${id}/sign`, {})).status).toBe(200);
    const asked = await unit('POST', `/v1/tasks/${id}/extension`, {
      reason: '需等待区财政局反馈数据',
      proposedDate: shanghaiDate(40),
      progress: '已完成台账初稿',
    });
    expect(asked.status).toBe(200);

    await page.goto(`${t.stack.apiUrl}/tasks/${id}`);
    const decision = page.getByTestId('extension-decision');
    await decision.getByText('需等待区财政局反馈数据').waitFor();
    await decision.getByLabel('审批意见').fill('同意，请按期报结');
    await decision.getByRole('button', { name: '同意延期', exact: true }).click();
    await page.locator('.timeline li[data-kind="EXTENSION_APPROVED"]').waitFor();
    expect(await page.getByTestId('extension-decision').count()).toBe(0);

    await taskBecomes(t, office, id, (task) => task.dueDate === shanghaiDate(40));
    expect((await office('GET', `/v1/tasks/${id}`)).body).toMatchObject({ pendingExtension: null });
  });

  it('works at phone width, and in English', async () => {
    const phone = await run.signIn(OFFICE, 390);
    const red = phone.locator('tr[data-unit="town-xicheng"] a[data-light="RED"]');
    await red.waitFor();
    expect(await red.isVisible()).toBe(true);
    await screenshot(phone, 'office-board-phone');

    await phone.getByRole('button', { name: 'English' }).click();
    await phone.getByRole('heading', { name: 'Board' }).waitFor();
    expect(await phone.getByRole('button', { name: 'By month' }).count()).toBe(1);
  });

  itHasNoAccessibilityViolations(3);
});
