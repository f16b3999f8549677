import { readFileSync } from 'node:fs';
import { fromProject } from '../../config/paths';
import { eventually } from '../support/http';
import { useTestStack } from '../support/use-test-stack';
import { assignEarlier } from '../support/assigned-earlier';
import { localDate } from '../../procedures/time/working-days';
import { cycleBoard } from '../../db/queries/cycle-board';

const examplePlan = readFileSync(fromProject('examples/plan-2027.yaml'), 'utf8');
const yaml = { 'content-type': 'application/yaml' };

describe('the office’s board of a cycle (GET /v1/cycles/:id/board)', () => {
  const { t, office, group, unit } = useTestStack({ office: 'p-huang-min', group: 'p-li-jianguo', unit: 'p-xie-hua' });

  beforeAll(async () => {
    await office('POST', '/v1/cycles', { year: 2027 });
    await office('PUT', '/v1/cycles/district-2027/plan', examplePlan, yaml);
    await group('POST', '/v1/cycles/district-2027/plan/approve', { version: 1 });
    await eventually(async () => {
      const res = await office('GET', '/v1/cycles/district-2027');
      return res.body.phase === 'RUNNING' && res.body.totals.total === 3 ? true : undefined;
    }, 60_000);
  }, 180_000);

  it('shows each lead unit × goal with its worst light, and a late task added during the year as red', async () => {
    // Assigned yesterday with yesterday as its limit (the API refuses a past limit today): late by now.
    const yesterday = localDate(new Date(Date.now() - 86_400_000));
    const lateId = await assignEarlier(
      t,
      {
        title: '整改巡察反馈问题',
        leadUnitId: 'town-dongguan',
        leaderId: 'p-wang-hongmei',
        requirements: '逐项整改',
        standard: '整改台账',
        dueDate: yesterday,
        cycleId: 'district-2027',
      },
      1,
    );
    const board = await eventually(async () => {
      const res = await office('GET', '/v1/cycles/district-2027/board');
      const cell = res.body.cells?.find((c: { column: string | null }) => c.column === null);
      return cell?.worst === 'RED' && cell.maxRung >= 1 ? res.body : undefined;
    }, 30_000);

    expect(board.columns).toEqual([
      { key: 'duty', title: '压实党风廉政建设主体责任' },
      { key: 'style', title: '持续整治“四风”问题' },
      { key: null, title: '' },
    ]);
    expect(board.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([
      'dept-finance',
      'dept-organisation',
      'town-dongguan',
    ]);
    expect(board.cells).toContainEqual({
      unitId: 'town-dongguan',
      column: null,
      total: 1,
      open: 1,
      red: 1,
      yellow: 0,
      green: 0,
      worst: 'RED',
      maxRung: 1,
      milestonesMissed: 0,
    });
    expect(board.cells).toContainEqual(
      expect.objectContaining({ unitId: 'dept-finance', column: 'style', total: 1, worst: 'GREEN', maxRung: 0 }),
    );
    // A cell links to its tasks: the task list filters by lead unit, goal ('-': none) and month of the time limit.
    const cell = await office('GET', '/v1/tasks?cycle=district-2027&leadUnit=town-dongguan&goal=-');
    const byMonth = await office('GET', '/v1/tasks?cycle=district-2027&leadUnit=town-dongguan&dueMonth=2027-07');
    expect(cell.body.items.map((x: { id: string }) => x.id)).toEqual([lateId]);
    expect(byMonth.body.items.map((x: { id: string }) => x.id)).toEqual(['district-2027-duty-towns-report']);
  });

  it('groups by the month of the time limit on request', async () => {
    const res = await office('GET', '/v1/cycles/district-2027/board?by=month');

    expect(res.status).toBe(200);
    // The plan's third task is due 20 working days after its assignment, so its month depends on today.
    const keys = res.body.columns.map((c: { key: string }) => c.key);
    expect(keys).toEqual([...keys].sort());
    const lateMonth = localDate(new Date(Date.now() - 86_400_000)).slice(0, 7); // the late task's, added yesterday
    expect(keys).toEqual(expect.arrayContaining([lateMonth, '2027-03', '2027-07']));
    expect(keys).not.toContain(null);
    expect(res.body.cells).toContainEqual(
      expect.objectContaining({ unitId: 'town-dongguan', column: lateMonth, worst: 'RED' }),
    );
  });

  it('charts the same tasks month by month: due, completed, lapsed and escalated', async () => {
    const [res, byMonth] = await Promise.all([
      office('GET', '/v1/cycles/district-2027/board'),
      office('GET', '/v1/cycles/district-2027/board?by=month'),
    ]);
    type Month = { month: string; due: number; completed: number; lapsed: number; escalations: number };
    const trend = res.body.trend as Month[];
    const months = trend.map((m) => m.month);
    const lateMonth = localDate(new Date(Date.now() - 86_400_000)).slice(0, 7);
    const thisMonth = localDate(new Date()).slice(0, 7);
    // From the late task's month (before the cycle's year) on, without a gap, to January at least.
    expect(months[0]).toBe([lateMonth, '2027-01'].sort()[0]);
    expect(months).toContain('2027-01');
    months.slice(1).forEach((m, i) => {
      const [y, n] = months[i]!.split('-').map(Number) as [number, number];
      expect(m).toBe(n === 12 ? `${y + 1}-01` : `${y}-${String(n + 1).padStart(2, '0')}`);
    });
    // Tasks due in a month are those of the month's column on the board by month.
    for (const m of trend) {
      const column = (byMonth.body.cells as { column: string; total: number }[]).filter((c) => c.column === m.month);
      expect(m.due).toBe(column.reduce((n, c) => n + c.total, 0));
    }
    // The late task lapsed in its month and climbed L1 this month; nothing was completed.
    expect(trend.find((m) => m.month === lateMonth)!.lapsed).toBeGreaterThanOrEqual(1);
    expect(trend.find((m) => m.month === thisMonth)!.escalations).toBeGreaterThanOrEqual(1);
    expect(trend.reduce((n, m) => n + m.completed, 0)).toBe(0);
  });

  it('shows a leader only the tasks their task list shows', async () => {
    // 刘芳 is no member of the leadership group; she is responsible for the health and education bureaus.
    const added = await office('POST', '/v1/tasks', {
      title: '开展医德医风专项整治',
      leadUnitId: 'dept-health',
      leaderId: 'p-wang-hongmei',
      requirements: '排查医疗领域不正之风',
      standard: '整治台账',
      workingDays: 10,
      cycleId: 'district-2027',
    });
    expect(added.status).toBe(201);
    const leader = await t.as('p-liu-fang');
    const board = await eventually(async () => {
      const res = await leader('GET', '/v1/cycles/district-2027/board');
      return res.body.cells?.length > 0 ? res.body : undefined;
    });
    const [all, list] = await Promise.all([
      office('GET', '/v1/cycles/district-2027/board'),
      leader('GET', '/v1/tasks?cycle=district-2027'),
    ]);
    const total = (cells: { total: number }[]) => cells.reduce((n, c) => n + c.total, 0);

    expect(board.units).toEqual([{ unitId: 'dept-health', unitName: expect.any(String) }]);
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([added.body.id]);
    expect(total(board.cells)).toBe(1);
    expect(total(all.body.cells)).toBeGreaterThan(1);
    // The trend counts the same one task, none of the others.
    const due = (trend: { due: number; lapsed: number }[]) => trend.reduce((n, m) => n + m.due, 0);
    expect(due(board.trend)).toBe(1);
    expect(board.trend.reduce((n: number, m: { lapsed: number }) => n + m.lapsed, 0)).toBe(0);
    expect(due(all.body.trend)).toBeGreaterThan(due(board.trend));
  });

  it('is refused to a unit and answers 404 for a cycle that does not exist', async () => {
    expect((await unit('GET', '/v1/cycles/district-2027/board')).status).toBe(403);
    expect((await office('GET', '/v1/cycles/district-2031/board')).status).toBe(404);
    expect((await office('GET', '/v1/cycles/district-2027/board?by=week')).status).toBe(400);
  });

  it('counts 2,000 tasks into its cells in one grouped query', async () => {
    // Copies of a plan task, spread over the organisation's units and both goals, a tenth of them red.
    await t.db.pool.query(`
      INSERT INTO tasks (id, workflow_id, org_id, cycle_id, goal_id, type, type_name, title, lead_unit_id, leader_id,
                         requirements, standard, time_limit, extension_decided_by, due_date, state, light, rung,
                         version, created_by)
      SELECT 'bulk-' || n, 'bulk-wf-' || n, t.org_id, t.cycle_id, CASE WHEN n % 2 = 0 THEN 'duty' ELSE 'style' END,
             t.type, t.type_name, t.title || n, u.ids[1 + n % cardinality(u.ids)], t.leader_id, t.requirements, t.standard, t.time_limit,
             t.extension_decided_by, t.due_date, 'IN_PROGRESS', CASE WHEN n % 10 = 0 THEN 'RED' ELSE 'GREEN' END,
             CASE WHEN n % 10 = 0 THEN 1 ELSE 0 END, 1, t.created_by
      FROM tasks t, generate_series(1, 2000) n,
           (SELECT array_agg(id ORDER BY id) AS ids FROM units WHERE org_id = 'district') u
      WHERE t.id = 'district-2027-duty-pledges'`);

    // How fast is for a benchmark, not a timed test (a busy CI machine would make it flaky): here, that it counts.
    const res = await office('GET', '/v1/cycles/district-2027/board');

    expect(res.status).toBe(200);
    const total = res.body.cells.reduce((n: number, c: { total: number }) => n + c.total, 0);
    // The copies, the plan's three tasks and the two added during the year by the tests above.
    expect(total).toBe(2005);
    expect(res.body.cells.filter((c: { worst: string }) => c.worst === 'RED').length).toBeGreaterThan(1);
  });

  it('keeps the counts the whole organisation’s board sums exact as tasks change, move and go', async () => {
    const whole = { orgId: 'district', wholeOrg: true };
    const same = async () => {
      for (const axis of ['goal', 'month'] as const) {
        const [kept, counted] = await Promise.all([
          cycleBoard(t.db.pool, 'district-2027', axis, whole),
          cycleBoard(t.db.pool, 'district-2027', axis, whole, { direct: true }),
        ]);
        expect(kept).toEqual(counted);
      }
    };
    await same();

    // Lights, rungs and states change (some close), tasks move between units, goals and months, one statement each.
    await t.db.pool.query(`UPDATE tasks SET light = 'YELLOW', rung = 2 WHERE id LIKE 'bulk-%' AND right(id, 1) = '3'`);
    await t.db.pool.query(
      `UPDATE tasks SET state = 'ACCEPTED', light = 'NONE' WHERE id LIKE 'bulk-%' AND right(id, 1) IN ('4', '5')`,
    );
    await t.db.pool.query(
      `UPDATE tasks SET goal_id = NULL, due_date = due_date + 40, lead_unit_id = 'town-dongguan'
       WHERE id LIKE 'bulk-%' AND right(id, 1) = '6'`,
    );
    await t.db.pool.query(`UPDATE tasks SET title = title || '（修订）' WHERE id LIKE 'bulk-%'`);
    await t.db.pool.query(`DELETE FROM tasks WHERE id LIKE 'bulk-%' AND right(id, 1) = '7'`);
    await same();
    const res = await office('GET', '/v1/cycles/district-2027/board?by=month');
    expect(res.body.cells.reduce((n: number, c: { total: number }) => n + c.total, 0)).toBe(2005 - 200);

    await t.db.pool.query(`DELETE FROM tasks WHERE id LIKE 'bulk-%'`);
    await same();
  });
});
