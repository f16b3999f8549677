import { apiClient, eventually } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

const task = (key: string, leadUnit: string) => ({
  key,
  title: `落实${key}`,
  leadUnit,
  leader: 'p-wang-hongmei',
  requirements: '按年度计划落实',
  standard: '按期办结',
  dueDate: '2028-06-30',
});
const plan = (tasks: unknown[]) => ({
  year: 2028,
  goals: [{ id: 'g1', title: '压实党风廉政建设主体责任', priority: 1, tasks }],
});

describe('the annual cycle over HTTP', () => {
  let t: TestStack;
  let office: ReturnType<typeof apiClient>;
  let group: ReturnType<typeof apiClient>;
  let unit: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    t = await startTestStack();
    office = await t.as('p-huang-min');
    group = await t.as('p-li-jianguo');
    unit = await t.as('p-xie-hua');
  }, 120_000);

  afterAll(() => t?.stop(), 60_000);

  it('opens a year once: opening it again answers the same cycle', async () => {
    const first = await office('POST', '/v1/cycles', { year: 2028 });
    const again = await office('POST', '/v1/cycles', { year: 2028 });

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({ id: 'district-2028', phase: 'PLANNING', approvalDueDate: '2028-01-31' });
  });

  it('refuses a plan with one bad row whole, naming the row', async () => {
    const res = await office(
      'PUT',
      '/v1/cycles/district-2028/plan',
      plan([task('a', 'town-dongguan'), task('b', 'town-nowhere')]),
    );

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'body.goals[0].tasks[1].leadUnit', message: 'no such unit' }]);
    const stored = await t.db.pool.query("SELECT count(*)::int AS n FROM cycle_plans WHERE cycle_id = 'district-2028'");
    expect(stored.rows).toEqual([{ n: 0 }]);
  });

  it('takes a revised plan, lets only the group approve it, and decomposes it to the units', async () => {
    await office('PUT', '/v1/cycles/district-2028/plan', plan([task('a', 'town-dongguan')]));
    const revised = await office(
      'PUT',
      '/v1/cycles/district-2028/plan',
      plan([task('a', 'town-dongguan'), task('b', 'town-xicheng'), task('c', 'dept-finance')]),
    );
    expect(revised.body).toMatchObject({ planRevision: 2, tasksPlanned: 3 });

    expect((await unit('POST', '/v1/cycles/district-2028/approve', {})).status).toBe(403);
    expect((await office('POST', '/v1/cycles/district-2028/approve', {})).status).toBe(403);
    const approved = await group('POST', '/v1/cycles/district-2028/approve', {});
    expect(approved.body).toMatchObject({ phase: 'RUNNING', approvedRevision: 2 });

    const cycle = await eventually(async () => {
      const res = await office('GET', '/v1/cycles/district-2028');
      return res.body.tasksStarted === 3 && res.body.byUnit.length === 3 ? res.body : undefined;
    });
    expect(cycle.byUnit.map((u: { unitId: string }) => u.unitId).sort()).toEqual([
      'dept-finance',
      'town-dongguan',
      'town-xicheng',
    ]);
    const mine = await unit('GET', '/v1/tasks?cycle=district-2028');
    expect(mine.body.total).toBe(1);
    expect((await office('PUT', '/v1/cycles/district-2028/plan', plan([task('d', 'town-nanhu')]))).status).toBe(409);
  });
});
