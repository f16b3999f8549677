import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromProject } from '../../config/paths';
import { eventually } from '../support/http';
import { runHeliAsync } from '../support/heli-process';
import { useTestStack } from '../support/use-test-stack';

const examplePlan = readFileSync(fromProject('examples/plan-2027.yaml'), 'utf8');
const yaml = { 'content-type': 'application/yaml' };
/** A task the office adds during the year (办公室增补任务). */
const addition = {
  title: '开展节日期间作风建设专项检查',
  leadUnitId: 'town-xicheng',
  leaderId: 'p-wang-hongmei',
  requirements: '对公车使用、公款吃喝开展检查',
  standard: '形成检查报告',
  dueDate: '2027-02-28',
};

describe('annual cycles and plans through the API', () => {
  const { t, office, group, unit, observer } = useTestStack({
    office: 'p-huang-min',
    group: 'p-li-jianguo',
    unit: 'p-xie-hua',
    observer: 'p-bai-xue',
  });

  it('opens the year once: 201, then 200 with the same cycle; refused to a unit', async () => {
    const first = await office('POST', '/v1/cycles', { year: 2027 });
    const again = await office('POST', '/v1/cycles', { year: 2027, meetingDay: 10 });
    const byUnit = await unit('POST', '/v1/cycles', { year: 2027 });
    const badYear = await office('POST', '/v1/cycles', { year: 2040 });
    const badModel = await office('POST', '/v1/cycles', { year: 2026, scoringModel: { id: 'standard', version: 99 } });

    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe('/v1/cycles/district-2027');
    expect(first.body).toMatchObject({ id: 'district-2027', phase: 'PLANNING', planDueDate: '2027-01-31' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: 'district-2027', settings: { meetingDay: 20 } });
    expect(byUnit.status).toBe(403);
    expect(badYear).toMatchObject({ status: 422, body: { errors: [{ field: 'body.year' }] } });
    expect(badModel).toMatchObject({ status: 422, body: { errors: [{ field: 'body.scoringModel' }] } });
    // Chosen when the cycle opens: the scoring models' default at that moment, kept for the cycle's assessment.
    expect(first.body.settings).toMatchObject({
      scoringModel: { id: 'standard', version: 5 },
      cutOffDate: '2027-12-31',
    });
    const { rows } = await t.db.pool.query(
      `SELECT outcome, payload->>'created' AS created FROM audit_log WHERE action = 'cycle.open' ORDER BY id`,
    );
    expect(rows).toEqual([
      { outcome: 'DONE', created: null },
      { outcome: 'DONE', created: 'false' },
      { outcome: 'REFUSED', created: null },
    ]);
  });

  it('refuses a plan with a bad row whole, naming row and line; takes YAML, then a JSON revision', async () => {
    const bad = await office(
      'PUT',
      '/v1/cycles/district-2027/plan',
      examplePlan.replace('leadUnit: dept-finance', 'leadUnit: dept-nowhere'),
      yaml,
    );
    const v1 = await office('PUT', '/v1/cycles/district-2027/plan', examplePlan, yaml);
    const revised = JSON.parse(JSON.stringify((await office('GET', '/v1/cycles/district-2027/plan')).body.content));
    revised.goals[0].tasks[0].title = '签订2027年度党风廉政建设责任书';
    const v2 = await office('PUT', '/v1/cycles/district-2027/plan', revised);
    const byUnit = await unit('GET', '/v1/cycles/district-2027/plan');

    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { field: 'body.goals[1].tasks[0].leadUnit', message: expect.stringMatching(/^第\d+行第\d+列：单位不存在$/) },
    ]);
    expect(v1.body).toMatchObject({ version: 1, taskCount: 3, goals: 2, phase: 'PLANNING' });
    expect(v2.body).toMatchObject({ version: 2, taskCount: 3 });
    expect(byUnit.status).toBe(403);
    const read = await group('GET', '/v1/cycles/district-2027/plan');
    expect(read.body).toMatchObject({ version: 2, approved: false, versions: [{ version: 1 }, { version: 2 }] });
  });

  it('approves the newest plan only, decomposes it, and shows the progress per unit and goal', async () => {
    const stale = await group('POST', '/v1/cycles/district-2027/plan/approve', { version: 1 });
    const byOffice = await office('POST', '/v1/cycles/district-2027/plan/approve', { version: 2 });
    const approved = await group('POST', '/v1/cycles/district-2027/plan/approve', { version: 2, comment: '同意' });
    const cycle = await eventually(async () => {
      const res = await office('GET', '/v1/cycles/district-2027');
      return res.body.phase === 'RUNNING' && res.body.totals.total === 3 ? res.body : undefined;
    });
    // A unit reads the cycle with the same scope as its task list: its own tasks' counts and deadlines, no other's.
    const byUnitView = (await unit('GET', '/v1/cycles/district-2027')).body;
    const late = await office('PUT', '/v1/cycles/district-2027/plan', examplePlan, yaml);

    expect(stale).toMatchObject({ status: 409, body: { detail: expect.stringContaining('最新为第2版') } });
    expect(byOffice.status).toBe(403);
    // The answer shows the cycle as it stands when the approval is recorded: decomposing its three tasks, or (on a
    // busy machine the workflow may get there first) already running them.
    expect(approved).toMatchObject({ status: 200, body: { approvedVersion: 2 } });
    expect(['DECOMPOSING', 'RUNNING']).toContain(approved.body.phase);
    expect(cycle.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([
      'dept-finance',
      'dept-organisation',
      'town-dongguan',
    ]);
    expect(cycle.goals).toEqual([
      expect.objectContaining({ goalId: 'duty', total: 2 }),
      expect.objectContaining({ goalId: 'style', total: 1 }),
    ]);
    expect(cycle.totals).toMatchObject({ total: 3, byLight: { GREEN: 3 }, overdue: 0 });
    expect(byUnitView.units.map((u: { unitId: string }) => u.unitId)).toEqual(['town-dongguan']);
    expect(byUnitView.totals).toMatchObject({ total: 1, byLight: { GREEN: 1 } });
    expect(byUnitView.goals).toEqual([expect.objectContaining({ goalId: 'duty', total: 1 })]);
    expect(byUnitView.upcomingDeadlines.map((d: { leadUnitId: string }) => d.leadUnitId)).toEqual(['town-dongguan']);
    expect(cycle.upcoming[0]).toMatchObject({ kind: expect.stringMatching(/MEETING|BULLETIN/) });
    expect(cycle.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'OPENED',
      'PLAN_SUBMITTED',
      'PLAN_SUBMITTED',
      'PLAN_APPROVED',
      'DECOMPOSED',
    ]);
    expect(late.status).toBe(409);
    const task = await unit('GET', '/v1/tasks/district-2027-duty-towns-report');
    expect(task.body).toMatchObject({ cycleId: 'district-2027', leadUnitId: 'town-dongguan', state: 'ASSIGNED' });
    expect((await observer('GET', '/v1/cycles/district-2027')).status).toBe(404);

    const added = await office('POST', '/v1/tasks', { ...addition, cycleId: 'district-2027' });
    expect(added.status).toBe(201);
    const withAddition = await eventually(async () => {
      const res = await office('GET', '/v1/cycles/district-2027');
      return res.body.totals.total === 4 ? res.body : undefined;
    });
    expect(withAddition.goals).toContainEqual(expect.objectContaining({ goalId: null, total: 1 }));
  });

  it('closes only with a reason, by the office', async () => {
    const noReason = await office('POST', '/v1/cycles/district-2027/close', {});
    const byGroup = await group('POST', '/v1/cycles/district-2027/close', { reason: '年度工作结束' });
    const closed = await office('POST', '/v1/cycles/district-2027/close', { reason: '年度工作结束' });
    const twice = await office('POST', '/v1/cycles/district-2027/close', { reason: '年度工作结束' });

    expect(noReason).toMatchObject({ status: 400, body: { errors: [{ field: 'body.reason' }] } });
    expect(byGroup.status).toBe(403);
    expect(closed.body).toMatchObject({ phase: 'CLOSED' });
    expect(twice.status).toBe(409);
    const intoClosed = await office('POST', '/v1/tasks', { ...addition, cycleId: 'district-2027' });
    expect(intoClosed).toMatchObject({
      status: 422,
      body: { errors: [{ field: 'body.cycleId', message: '年度周期已经结束' }] },
    });
  });

  it('takes tasks added during the year into the cycle, and refuses a cycle that does not exist', async () => {
    const unknown = await office('POST', '/v1/tasks', { ...addition, cycleId: 'district-2031' });
    expect(unknown).toMatchObject({
      status: 422,
      body: { errors: [{ field: 'body.cycleId', message: '年度周期不存在' }] },
    });
  });

  it('takes a plan from `heli cycle plan <year> <file>`, and names the bad row when it refuses one', async () => {
    const env = {
      DATABASE_URL: t.db.url,
      TEMPORAL_ADDRESS: t.stack.temporalAddress,
      TEMPORAL_TASK_QUEUE: t.taskQueue,
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'heli-cli-')),
    };
    // A year ahead of any other cycle of this file, so that every date of the example plan is still to come.
    const year = String(new Date().getUTCFullYear() + 2);
    const file = path.join(os.tmpdir(), `plan-${year}-${process.pid}.yaml`);
    writeFileSync(file, examplePlan.replaceAll('2027', year));
    const badFile = path.join(os.tmpdir(), `plan-${year}-bad-${process.pid}.yaml`);
    writeFileSync(badFile, examplePlan.replaceAll('2027', year).replace('leader: p-wu-haitao', 'leader: p-xie-hua'));

    const opened = await runHeliAsync(['cycle', 'open', year], env);
    const refused = await runHeliAsync(['cycle', 'plan', year, badFile], env);
    const submitted = await runHeliAsync(['cycle', 'plan', year, file], env);

    expect(opened).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(new RegExp(`opened cycle district-${year}`)),
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/goals\[1\]\.tasks\[0\]\.leader: 第\d+行第\d+列：不是分管领导/);
    expect(submitted).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        new RegExp(`submitted plan version 1 of cycle district-${year}: 2 goal\\(s\\), 3 task\\(s\\)`),
      ),
    });
  });
});
