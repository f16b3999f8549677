import { readWorkingCalendar } from '../../db/queries/calendar';
import { issueToken } from '../../db/queries/tokens';
import { localDate, workingDaysBetween } from '../../procedures/time/working-days';
import { eventually } from '../support/http';
import { useTestStack } from '../support/use-test-stack';

/**
 * Requests as a careless or hostile client sends them (issue 15): bodies in a charset or media type the API does not
 * read, the scheme of the Authorization header in lower case, a token in the query string, ids of what the caller
 * may not see beside ids of nothing at all.
 */
describe('hostile and careless requests', () => {
  const { t, office, lead, other } = useTestStack({
    office: 'p-huang-min',
    lead: 'p-xie-hua', // head of town-dongguan
    other: 'p-han-bing', // head of town-xicheng
  });
  const raw = async (method: string, path: string, headers: Record<string, string>, body?: string) => {
    const res = await fetch(`${t.stack.apiUrl}${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text };
  };
  const task = {
    title: '核查扶贫资金使用情况',
    leadUnitId: 'town-dongguan',
    leaderId: 'p-wang-hongmei',
    requirements: '逐笔核查',
    standard: '核查报告',
    workingDays: 5,
  };

  it('answers a body in another charset or media type with 415 and a problem, never 500 or 400', async () => {
    const { token } = await issueToken(t.db.pool, 'p-huang-min');
    const auth = { authorization: `Bearer ${token}` };
    for (const [type, body] of [
      ['application/json; charset=latin1', JSON.stringify(task)],
      ['application/json; charset=utf-16', JSON.stringify(task)],
      ['text/plain', JSON.stringify(task)],
      ['application/x-www-form-urlencoded', 'title=x'],
    ] as const) {
      const res = await raw('POST', '/v1/tasks', { ...auth, 'content-type': type }, body);
      expect({ type, status: res.status }).toEqual({ type, status: 415 });
      expect(res.type).toContain('application/problem+json');
      expect(JSON.parse(res.text)).toMatchObject({ status: 415, errors: [{ field: 'header.content-type' }] });
    }
    // Signing in to the web workspace too; UTF-8 said aloud is fine.
    const login = await raw('POST', '/auth/session', { 'content-type': 'application/json; charset=latin1' }, '{}');
    expect(login.status).toBe(415);
    const utf8 = await raw(
      'POST',
      '/v1/tasks',
      { ...auth, 'content-type': 'application/json; charset=UTF-8' },
      JSON.stringify(task),
    );
    expect(utf8.status).toBe(201);
    // A plan is read as YAML as well, and only in UTF-8.
    const plan = await raw('PUT', '/v1/cycles/district-2099/plan', { ...auth, 'content-type': 'text/csv' }, 'a,b');
    expect(plan.status).toBe(415);
  });

  it('takes the Authorization scheme in any case, and never echoes a token given in the query', async () => {
    const { token } = await issueToken(t.db.pool, 'p-xie-hua');
    const lower = await raw('GET', '/v1/me', { authorization: `bearer ${token}` });
    expect(lower.status).toBe(200);

    const leaked = await raw('GET', `/v1/tasks?access_token=${token}`, { authorization: `Bearer ${token}` });
    expect(leaked.status).toBe(400);
    expect(leaked.text).not.toContain(token);
    expect(JSON.parse(leaked.text).instance).toBe('/v1/tasks');
  });

  it('takes the same body with its keys reordered under one Idempotency-Key as the same request', async () => {
    const key = { 'idempotency-key': 'reordered-1' };
    const first = await office('POST', '/v1/tasks', task, key);
    const reordered = Object.fromEntries(Object.entries(task).reverse());
    const again = await office('POST', '/v1/tasks', JSON.stringify(reordered, null, 2), key);

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const changed = await office('POST', '/v1/tasks', { ...reordered, workingDays: 6 }, key);
    expect(changed.status).toBe(422);
  });

  it('states a date limit once in the task’s timeline', async () => {
    const due = `${new Date().getUTCFullYear() + 1}-06-30`;
    const { workingDays: _days, ...byDate } = task;
    const created = await office('POST', '/v1/tasks', { ...byDate, dueDate: due });
    const read = await office('GET', `/v1/tasks/${created.body.id}`);

    expect(read.body.timeline[0]).toMatchObject({
      kind: 'ASSIGNED',
      message: `交办任务「${task.title}」，工作时限：${due}`,
    });
  });

  it('states the real lateness when a task reaches the top rung long after its deadline', async () => {
    const due = localDate(new Date(Date.now() - 45 * 86_400_000));
    const { workingDays: _days, ...byDate } = task;
    const created = await office('POST', '/v1/tasks', { ...byDate, dueDate: due });
    expect(created.status).toBe(201);
    const notice = await eventually(async () => {
      const inbox = await office('GET', '/v1/inbox?limit=200');
      return (inbox.body.items as { kind: string; taskId: string; title: string }[]).find(
        (n) => n.kind === 'ESCALATION_L3' && n.taskId === created.body.id,
      );
    });
    const today = localDate(new Date());
    const cal = await readWorkingCalendar(t.db.pool, Number(due.slice(0, 4)) - 1, Number(today.slice(0, 4)) + 1);
    const late = workingDaysBetween(cal, due, today);

    expect(late).toBeGreaterThan(10); // more than the rung's own ten working days
    expect(notice.title).toContain(`逾期${late}个工作日`);
  });

  it('tells the units why a task was withdrawn', async () => {
    const created = await office('POST', '/v1/tasks', task);
    const cancelled = await office('POST', `/v1/tasks/${created.body.id}/cancel`, { reason: '与另一项任务合并办理' });
    expect(cancelled.status).toBe(200);
    const notice = await eventually(async () => {
      const inbox = await lead('GET', '/v1/inbox');
      return (inbox.body.items as { kind: string; taskId: string; body: string }[]).find(
        (n) => n.kind === 'CANCELLED' && n.taskId === created.body.id,
      );
    });
    expect(notice.body).toContain('撤销理由：与另一项任务合并办理。');
  });

  it('answers an id out of the caller’s scope exactly as an id of nothing', async () => {
    const created = await office('POST', '/v1/tasks', task);
    const opened = await office('POST', '/v1/cases', { unitId: 'town-dongguan', reason: '推进不力' });
    expect([created.status, opened.status]).toEqual([201, 201]);
    const same = (res: { status: number; type: string; body: Record<string, unknown> }) => ({
      status: res.status,
      type: res.type,
      body: { ...res.body, instance: undefined, requestId: undefined },
    });
    for (const [path, visible, missing] of [
      ['tasks', created.body.id, 't-000000000000'],
      ['cases', opened.body.id, 'c-000000000000'],
    ] as const) {
      expect((await lead('GET', `/v1/${path}/${visible}`)).status).toBe(200);
      const outOfScope = await other('GET', `/v1/${path}/${visible}`);
      const nothing = await other('GET', `/v1/${path}/${missing}`);
      expect(outOfScope.status).toBe(404);
      expect(same(outOfScope)).toEqual(same(nothing));
    }
  });
});
