import pino from 'pino';
import type { AppDeps } from '../../api/deps';
import { v1Routes } from '../../api/routes';
import { apiClient, eventually } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Every /v1 route × every role × own/other unit, with the status the policy must answer. The tasks under
 * test: lead unit village-hekou, co-organising unit town-dongguan, leader p-zhao-zhiqiang.
 */
const PEOPLE = {
  office: 'p-huang-min',
  unitLead: 'p-lu-shuigen', // head of village-hekou, the lead unit
  unitCo: 'p-xie-hua', // head of town-dongguan, a co-organising unit
  unitOther: 'p-han-bing', // head of town-xicheng, not on the task
  leaderOwn: 'p-fang-liang', // responsible leader of village-hekou (and staff of town-liuhe)
  leaderOther: 'p-shi-jia', // responsible leader of another village (and staff of town-nanhu)
  group: 'p-li-jianguo', // leadership group
  observer: 'p-bai-xue', // external supervisor
} as const;
type Who = keyof typeof PEOPLE;
type Client = ReturnType<typeof apiClient>;

const all = (status: number): Record<Who, number> =>
  Object.fromEntries(Object.keys(PEOPLE).map((who) => [who, status])) as Record<Who, number>;
const officeOnly = (ok: number) => ({ ...all(403), office: ok });
/** An action of the lead unit: those who see the task but are not the lead unit get 403, the rest 404. */
const leadUnitOnly = { ...all(403), unitLead: 200, unitOther: 404, leaderOther: 404 };

/** Tasks prepared in the state an action needs. */
type Stage = 'ASSIGNED' | 'SIGNED' | 'READY' | 'SUBMITTED' | 'EXTENSION_PENDING';
interface Ctx {
  taskId: string;
  task: (stage: Stage) => Promise<string>;
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
const calendar2027 = {
  year: 2027,
  source: '测试用 2027 年节假日安排',
  holidays: [{ date: '2027-02-08', name: '春节' }],
  workdays: [{ date: '2027-02-06', name: '春节调休' }],
};

const on = (stage: Stage, verb: string, body: unknown) => async (ctx: Ctx) => ({
  method: 'POST',
  path: `/v1/tasks/${await ctx.task(stage)}/${verb}`,
  body,
});

const TABLE: Record<string, Row> = {
  'GET /v1/units': { request: async () => ({ method: 'GET', path: '/v1/units' }), expect: all(200) },
  'GET /v1/people': { request: async () => ({ method: 'GET', path: '/v1/people' }), expect: all(200) },
  'GET /v1/me': { request: async () => ({ method: 'GET', path: '/v1/me' }), expect: all(200) },
  'POST /v1/tasks': {
    request: async () => ({ method: 'POST', path: '/v1/tasks', body: taskBody }),
    expect: officeOnly(201),
  },
  'GET /v1/tasks': {
    request: async () => ({ method: 'GET', path: '/v1/tasks' }),
    expect: { ...all(200), observer: 403 },
  },
  'GET /v1/task-types': { request: async () => ({ method: 'GET', path: '/v1/task-types' }), expect: all(200) },
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
  'POST /v1/tasks/:id/sign': { request: on('ASSIGNED', 'sign', {}), expect: leadUnitOnly },
  'POST /v1/tasks/:id/progress': { request: on('SIGNED', 'progress', { text: '已完成摸底' }), expect: leadUnitOnly },
  'POST /v1/tasks/:id/co-report': {
    request: on('SIGNED', 'co-report', { text: '已配合完成' }),
    expect: { ...leadUnitOnly, unitLead: 403, unitCo: 200 },
  },
  'POST /v1/tasks/:id/co-report-override': {
    request: on('SIGNED', 'co-report-override', { reason: '协办单位已口头反馈' }),
    expect: officeOnly(200),
  },
  'POST /v1/tasks/:id/submit': { request: on('READY', 'submit', { summary: '整改完成' }), expect: leadUnitOnly },
  'POST /v1/tasks/:id/accept': { request: on('SUBMITTED', 'accept', { rating: 'GOOD' }), expect: officeOnly(200) },
  'POST /v1/tasks/:id/return': {
    request: on('SUBMITTED', 'return', { reasons: '台账不全', newDueDate: '2027-06-30' }),
    expect: officeOnly(200),
  },
  'POST /v1/tasks/:id/extension': {
    request: on('SIGNED', 'extension', { reason: '需补充调查', proposedDate: '2027-06-30', progress: '过半' }),
    expect: leadUnitOnly,
  },
  'POST /v1/tasks/:id/extension-decision': {
    request: on('EXTENSION_PENDING', 'extension-decision', { approve: true }),
    // The office decides under the ROUTINE policy; a leader may only for tasks they lead themselves.
    expect: { ...all(403), office: 200, leaderOther: 404 },
  },
  'POST /v1/tasks/:id/cancel': { request: on('ASSIGNED', 'cancel', { reason: '测试撤销' }), expect: officeOnly(200) },
  'POST /v1/tasks/:id/reassign': {
    request: on('SIGNED', 'reassign', {
      leadUnitId: 'town-xicheng',
      coUnitIds: [],
      leaderId: 'p-zhao-zhiqiang',
      reason: '职责调整',
    }),
    expect: officeOnly(200),
  },
  'POST /v1/tasks/:id/comments': {
    request: on('ASSIGNED', 'comments', { text: '请加快进度' }),
    expect: { ...all(200), unitOther: 404, leaderOther: 404, observer: 403 },
  },
  'GET /v1/audit': { request: async () => ({ method: 'GET', path: '/v1/audit' }), expect: officeOnly(200) },
  'GET /v1/calendar/:year': { request: async () => ({ method: 'GET', path: '/v1/calendar/2026' }), expect: all(200) },
  'PUT /v1/calendar/:year': {
    request: async () => ({ method: 'PUT', path: '/v1/calendar/2027', body: calendar2027 }),
    expect: officeOnly(200),
  },
  'GET /v1/inbox': { request: async () => ({ method: 'GET', path: '/v1/inbox' }), expect: all(200) },
  'POST /v1/inbox/read-all': {
    request: async () => ({ method: 'POST', path: '/v1/inbox/read-all' }),
    expect: all(200),
  },
  'POST /v1/inbox/:id/read': {
    // Nobody's notification: every role may mark its own read, this one is outside every caller's scope.
    request: async () => ({ method: 'POST', path: '/v1/inbox/n_000000000000000000000000/read' }),
    expect: all(404),
  },
  'PUT /v1/units/:id/webhook': {
    request: async () => ({
      method: 'PUT',
      path: '/v1/units/town-dongguan/webhook',
      body: { url: 'https://hooks.example.org/heli' },
    }),
    expect: officeOnly(200),
  },
  'GET /v1/units/:id/webhook': {
    // After the PUT row above: the office's PUT set it (rows run in table order).
    request: async () => ({ method: 'GET', path: '/v1/units/town-dongguan/webhook' }),
    expect: officeOnly(200),
  },
  'DELETE /v1/units/:id/webhook': {
    request: async () => ({ method: 'DELETE', path: '/v1/units/town-xicheng/webhook' }),
    expect: officeOnly(200),
  },
};

describe('who may do what, for every /v1 route', () => {
  let t: TestStack;
  let clients: Record<Who, Client>;
  let ctx: Ctx;
  const mutations: { requestId: string; status: number }[] = [];

  beforeAll(async () => {
    t = await startTestStack();
    clients = Object.fromEntries(
      await Promise.all(Object.entries(PEOPLE).map(async ([who, id]) => [who, await t.as(id)])),
    ) as Record<Who, Client>;
    const as = (who: Who) => async (method: string, path: string, body?: unknown) => {
      const res = await clients[who](method, path, body);
      if (res.status >= 300) throw new Error(`preparing: ${method} ${path} as ${who} answered ${res.status}`);
      return res.body;
    };
    const office = as('office');
    const lead = as('unitLead');
    const task = async (stage: Stage) => {
      const { id } = await office('POST', '/v1/tasks', taskBody);
      if (stage === 'ASSIGNED') return id as string;
      await lead('POST', `/v1/tasks/${id}/sign`, {});
      if (stage === 'EXTENSION_PENDING') {
        const extension = { reason: '需补充调查', proposedDate: '2027-06-30', progress: '过半' };
        await lead('POST', `/v1/tasks/${id}/extension`, extension);
      }
      if (stage === 'READY' || stage === 'SUBMITTED') {
        await as('unitCo')('POST', `/v1/tasks/${id}/co-report`, { text: '协办完成' });
      }
      if (stage === 'SUBMITTED') await lead('POST', `/v1/tasks/${id}/submit`, { summary: '完成' });
      return id as string;
    };
    ctx = { taskId: await task('ASSIGNED'), task };
  }, 120_000);

  afterAll(() => t?.stop(), 60_000);

  it('has a row for every route the API mounts, and none for a route it does not', () => {
    const mounted = v1Routes({ log: pino({ level: 'silent' }), taskPolicies: new Map() } as unknown as AppDeps).map(
      (r) => `${r.method.toUpperCase()} /v1${r.path}`,
    );

    expect(Object.keys(TABLE).sort()).toEqual(mounted.sort());
  });

  const cases = Object.entries(TABLE).flatMap(([route, row]) =>
    (Object.keys(PEOPLE) as Who[]).map((who) => [route, who, row.expect[who]] as const),
  );

  it.each(cases)('%s as %s answers %i', async (route, who, status) => {
    const { method, path, body } = await TABLE[route]!.request(ctx);
    const requestId = `authz-${mutations.length}-${who}`;

    const res = await clients[who](method, path, body, { 'x-request-id': requestId });

    expect(res.status).toBe(status);
    if (method !== 'GET') mutations.push({ requestId, status });
  });

  it('left an audit row for every mutation it attempted, done or refused', async () => {
    const { rows } = await t.db.pool.query<{ request_id: string; outcome: string }>(
      'SELECT request_id, outcome FROM audit_log WHERE request_id = ANY($1)',
      [mutations.map((m) => m.requestId)],
    );
    const outcomes = new Map(rows.map((r) => [r.request_id, r.outcome]));

    const missing = mutations.filter((m) => outcomes.get(m.requestId) !== (m.status < 300 ? 'DONE' : 'REFUSED'));
    expect(missing).toEqual([]);
  });

  it('lists to each caller only the tasks in its scope', async () => {
    await eventually(async () => ((await clients.office('GET', '/v1/tasks')).body.total > 0 ? true : undefined));
    const totals = Object.fromEntries(
      await Promise.all(
        (Object.keys(PEOPLE) as Who[])
          .filter((w) => w !== 'observer')
          .map(async (who) => [who, (await clients[who]('GET', '/v1/tasks?limit=200')).body.total as number]),
      ),
    );
    const office = totals.office as number;

    expect(totals.group).toBe(office);
    expect(totals.unitOther).toBeLessThan(office);
    expect(totals.leaderOther).toBe(0);
    expect(totals.unitCo).toBeGreaterThan(0);
  });
});
