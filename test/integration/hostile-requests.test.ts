import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import { issueToken } from '../../db/queries/tokens';
import { lettersFor } from '../../activities/task-events';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import type { TaskStatus } from '../../procedures/task/messages';
import { localDate, workingDaysBetween } from '../../procedures/time/working-days';
import { eventually } from '../support/http';
import { openThisYearsCycle, useTestStack } from '../support/use-test-stack';

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

  it('states a date limit once in the task’s timeline, and a provisional one as provisional', async () => {
    // Twenty days on: a date whose year may or may not have its official calendar yet, so either answer is possible.
    const due = localDate(new Date(Date.now() + 20 * 86_400_000));
    const { workingDays: _days, ...byDate } = task;
    const created = await office('POST', '/v1/tasks', { ...byDate, dueDate: due });
    const read = await office('GET', `/v1/tasks/${created.body.id}`);

    const provisional = created.body.provisional ? '（暂定：所涉年度官方工作日历尚未发布）' : '';
    expect(read.body.timeline[0]).toMatchObject({
      kind: 'ASSIGNED',
      message: `交办任务「${task.title}」，工作时限：${due}${provisional}`,
    });
  });

  it('says a limit in a year without its official calendar is provisional: in the answer, the timeline and the notice', async () => {
    const { workingDays: _days, ...byDate } = task;
    const created = await office('POST', '/v1/tasks', { ...byDate, title: '暂定时限的任务', dueDate: '2099-06-30' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ dueDate: '2099-06-30', provisional: true });

    const read = await office('GET', `/v1/tasks/${created.body.id}`);
    expect(read.body.provisional).toBe(true);
    expect(read.body.timeline[0].message).toContain('2099-06-30（暂定：所涉年度官方工作日历尚未发布）');
    const notice = await eventually(async () => {
      const inbox = await lead('GET', '/v1/inbox?limit=200');
      return (inbox.body.items as { kind: string; taskId: string; body: string }[]).find(
        (n) => n.kind === 'ASSIGNED' && n.taskId === created.body.id,
      );
    });
    expect(notice.body).toContain('工作时限：2099年6月30日（暂定）。');
    expect(notice.body).toContain('所涉年度的官方工作日历尚未发布');
  });

  it('refuses a time limit already past, naming the field, and stores nothing', async () => {
    const { workingDays: _days, ...byDate } = task;
    const before = await office('GET', '/v1/tasks?limit=1');
    for (const dueDate of ['1999-01-01', localDate(new Date(Date.now() - 86_400_000))]) {
      const refused = await office('POST', '/v1/tasks', { ...byDate, title: '时限已过的任务', dueDate });
      expect({ dueDate, status: refused.status }).toEqual({ dueDate, status: 422 });
      expect(refused.body.errors).toEqual([
        { field: 'body.dueDate', message: expect.stringContaining('不能早于今天') },
      ]);
    }
    const after = await office('GET', '/v1/tasks?limit=1');
    expect(after.body.total).toBe(before.body.total);
    // Today is fine: the limit ends at 24:00.
    const today = await office('POST', '/v1/tasks', { ...byDate, dueDate: localDate(new Date()) });
    expect(today.status).toBe(201);

    // So is a rework's new limit: returned with yesterday as its limit is refused, and the task stays submitted.
    const id = today.body.id as string;
    for (const [verb, body] of [
      ['sign', {}],
      ['submit', { summary: '已完成' }],
    ] as const) {
      expect((await lead('POST', `/v1/tasks/${id}/${verb}`, body)).status).toBe(200);
    }
    const yesterday = localDate(new Date(Date.now() - 86_400_000));
    const returned = await office('POST', `/v1/tasks/${id}/return`, { reasons: '材料不全', newDueDate: yesterday });
    expect(returned.status).toBe(422);
    expect(returned.body.errors).toEqual([
      { field: 'body.newDueDate', message: expect.stringContaining('不能早于今天') },
    ]);
    expect((await office('GET', `/v1/tasks/${id}`)).body.state).toBe('SUBMITTED');
  });

  it('refuses a plan task whose time limit has passed, with every other problem of the plan', async () => {
    const cycleId = await openThisYearsCycle(office);
    const yesterday = localDate(new Date(Date.now() - 86_400_000));
    const planTask = {
      leadUnit: 'town-dongguan',
      leader: 'p-wang-hongmei',
      requirements: '逐项落实',
      standard: '台账',
    };
    const plan = {
      year: Number(cycleId.slice(-4)),
      goals: [
        {
          id: 'duty',
          title: '压实主体责任',
          tasks: [
            { ...planTask, key: 'late', title: '已过时限的任务', dueDate: yesterday },
            { ...planTask, key: 'nowhere', title: '单位不存在的任务', leadUnit: 'town-nowhere', workingDays: 10 },
          ],
        },
      ],
    };
    const refused = await office('PUT', `/v1/cycles/${cycleId}/plan`, plan);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { field: 'body.goals[0].tasks[0].dueDate', message: expect.stringContaining('不能早于今天') },
      { field: 'body.goals[0].tasks[1].leadUnit', message: expect.any(String) },
    ]);
  });

  it('imports a historical task only for the office, audited, and never escalates the lapse before the import', async () => {
    const due = localDate(new Date(Date.now() - 45 * 86_400_000));
    const { workingDays: _days, ...byDate } = task;
    const body = { ...byDate, title: '补录的历史任务', dueDate: due, historical: true };

    const byUnit = await lead('POST', '/v1/tasks', body);
    expect(byUnit.status).toBe(403);
    const withoutDate = await office('POST', '/v1/tasks', { ...task, historical: true });
    expect(withoutDate.status).toBe(422);
    expect(withoutDate.body.errors).toEqual([{ field: 'body.dueDate', message: expect.any(String) }]);

    const imported = await office('POST', '/v1/tasks', body);
    expect(imported.status).toBe(201);
    const id = imported.body.id as string;
    // An action after the start: the workflow has long passed the moment a lapsed rung would have fired.
    expect((await lead('POST', `/v1/tasks/${id}/sign`, {})).status).toBe(200);
    const read = await eventually(async () => {
      const r = await office('GET', `/v1/tasks/${id}`);
      return r.body.timeline.some((e: { kind: string }) => e.kind === 'SIGNED') ? r : undefined;
    });
    expect(read.body.timeline[0].message).toBe(
      `补录历史任务「${body.title}」，工作时限：${due}；补录前已届满，不再追溯督办升级`,
    );
    expect(read.body).toMatchObject({ rung: 0, light: 'RED' });
    expect(read.body.timeline.map((e: { kind: string }) => e.kind)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^ESCALATION_/)]),
    );
    const audit = await t.db.pool.query(`SELECT action FROM audit_log WHERE object_id = $1 AND outcome = 'DONE'`, [id]);
    expect(audit.rows.map((r) => r.action)).toContain('task.import');
  });

  it('states the real lateness when a task reaches the top rung long after its deadline', async () => {
    // A rung can fire late (a worker down for weeks): its notice counts the working days up to the step.
    const due = localDate(new Date(Date.now() - 45 * 86_400_000));
    const policy = loadTaskPolicies(fromProject('config/task-policies.yaml')).get('ROUTINE')!;
    const status = { dueDate: due, provisional: false } as TaskStatus;
    const [letter] = await lettersFor(t.db.pool, {
      workflowId: 'task:late',
      step: '9-escalation_l3',
      kind: 'ESCALATION_L3',
      task: {
        taskId: 'late',
        orgId: 'district',
        title: task.title,
        leadUnitId: 'town-dongguan',
        coUnitIds: [],
        leaderId: 'p-wang-hongmei',
      },
      status,
      policy,
      details: {},
      at: new Date().toISOString(),
    });
    const today = localDate(new Date());
    const cal = await readWorkingCalendar(
      t.db.pool,
      NATIONAL,
      Number(due.slice(0, 4)) - 1,
      Number(today.slice(0, 4)) + 1,
    );
    const late = workingDaysBetween(cal, due, today);

    expect(late).toBeGreaterThan(10); // more than the rung's own ten working days
    expect(letter?.text.title).toContain(`逾期${late}个工作日`);
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
