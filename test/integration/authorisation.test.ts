import pino from 'pino';
import type { AppDeps } from '../../api/deps';
import { v1Routes } from '../../api/routes';
import { apiClient, eventually } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Every /v1 route × every role × own/other unit, with the status the policy must answer. The task under
 * test: lead unit village-hekou, co-organising unit town-dongguan, leader p-zhao-zhiqiang.
 */
const PEOPLE = {
  office: 'p-huang-min',
  unitLead: 'p-lu-shuigen', // head of village-hekou, the lead unit
  unitCo: 'p-xie-hua', // head of town-dongguan, a co-organising unit
  unitOther: 'p-han-bing', // head of town-xicheng, not on the task
  leaderOwn: 'p-fang-liang', // responsible leader of village-hekou
  leaderOther: 'p-shi-jia', // responsible leader of another village
  group: 'p-li-jianguo', // leadership group
  observer: 'p-bai-xue', // external supervisor
} as const;
type Who = keyof typeof PEOPLE;

const all = (status: number): Record<Who, number> =>
  Object.fromEntries(Object.keys(PEOPLE).map((who) => [who, status])) as Record<Who, number>;
const officeOnly = (ok: number) => ({ ...all(403), office: ok });

interface Ctx {
  taskId: string;
  newTaskId: () => Promise<string>;
}
interface Row {
  request: (ctx: Ctx) => Promise<{ method: string; path: string; body?: unknown }>;
  expect: Record<Who, number>;
}

const taskBody = {
  title: '村级小微权力清单落实情况整改',
  leadUnitId: 'village-hekou',
  coUnitIds: ['town-dongguan'],
  leaderId: 'p-zhao-zhiqiang',
  requirements: '对照清单逐项整改',
  standard: '整改台账经镇纪委审核',
  dueDate: '2027-05-31',
};

const TABLE: Record<string, Row> = {
  'GET /v1/units': { request: async () => ({ method: 'GET', path: '/v1/units' }), expect: all(200) },
  'GET /v1/people': { request: async () => ({ method: 'GET', path: '/v1/people' }), expect: all(200) },
  'GET /v1/me': { request: async () => ({ method: 'GET', path: '/v1/me' }), expect: all(200) },
  'POST /v1/tasks': {
    request: async () => ({ method: 'POST', path: '/v1/tasks', body: taskBody }),
    expect: officeOnly(201),
  },
  'GET /v1/tasks/:id': {
    request: async ({ taskId }) => ({ method: 'GET', path: `/v1/tasks/${taskId}` }),
    expect: {
      office: 200,
      unitLead: 200,
      unitCo: 200,
      unitOther: 404,
      leaderOwn: 200,
      leaderOther: 404,
      group: 200,
      observer: 403,
    },
  },
  'POST /v1/tasks/:id/cancel': {
    request: async ({ newTaskId }) => ({
      method: 'POST',
      path: `/v1/tasks/${await newTaskId()}/cancel`,
      body: { reason: '测试撤销' },
    }),
    expect: officeOnly(200),
  },
  'GET /v1/audit': { request: async () => ({ method: 'GET', path: '/v1/audit' }), expect: officeOnly(200) },
};

describe('who may do what, for every /v1 route', () => {
  let t: TestStack;
  let clients: Record<Who, ReturnType<typeof apiClient>>;
  let ctx: Ctx;

  beforeAll(async () => {
    t = await startTestStack();
    clients = Object.fromEntries(
      await Promise.all(Object.entries(PEOPLE).map(async ([who, id]) => [who, await t.as(id)])),
    ) as Record<Who, ReturnType<typeof apiClient>>;
    const newTaskId = async () => {
      const created = await clients.office('POST', '/v1/tasks', taskBody);
      const id = created.body.id as string;
      await eventually(async () =>
        (await clients.office('GET', `/v1/tasks/${id}`)).status === 200 ? true : undefined,
      );
      return id;
    };
    ctx = { taskId: await newTaskId(), newTaskId };
  }, 120_000);

  afterAll(() => t?.stop(), 60_000);

  it('has a row for every route the API mounts, and none for a route it does not', () => {
    const mounted = v1Routes({ log: pino({ level: 'silent' }) } as AppDeps).map(
      (r) => `${r.method.toUpperCase()} /v1${r.path}`,
    );

    expect(Object.keys(TABLE).sort()).toEqual(mounted.sort());
  });

  const cases = Object.entries(TABLE).flatMap(([route, row]) =>
    (Object.keys(PEOPLE) as Who[]).map((who) => [route, who, row.expect[who]] as const),
  );

  it.each(cases)('%s as %s answers %i', async (route, who, status) => {
    const { method, path, body } = await TABLE[route]!.request(ctx);

    const res = await clients[who](method, path, body);

    expect(res.status).toBe(status);
  });

  it('left an audit row for every task it created or cancelled, and for every refusal', async () => {
    const unaudited = await t.db.pool.query(`
      SELECT t.id, t.state FROM tasks t
      WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.object_id = t.id AND a.action = 'task.create' AND a.outcome = 'DONE')
         OR (t.state = 'CANCELLED' AND NOT EXISTS (
               SELECT 1 FROM audit_log a WHERE a.object_id = t.id AND a.action = 'task.cancel' AND a.outcome = 'DONE'))`);
    const refusals = await t.db.pool.query(
      "SELECT action, count(*)::int AS n FROM audit_log WHERE outcome = 'REFUSED' GROUP BY action ORDER BY action",
    );
    const refusedInTable = (route: string) => Object.values(TABLE[route]!.expect).filter((s) => s === 403).length;

    expect(unaudited.rows).toEqual([]);
    expect(refusals.rows).toEqual([
      { action: 'task.cancel', n: refusedInTable('POST /v1/tasks/:id/cancel') },
      { action: 'task.create', n: refusedInTable('POST /v1/tasks') },
    ]);
  });
});
