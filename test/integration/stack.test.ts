import { eventually } from '../support/http';
import { festivalCheck, shanghaiDate } from '../support/task-bodies';
import { useTestStack } from '../support/use-test-stack';
import { assignEarlier } from '../support/assigned-earlier';

const OFFICE = 'p-huang-min';
const DONGGUAN_HEAD = 'p-xie-hua'; // head of town-dongguan
const XICHENG_HEAD = 'p-han-bing'; // head of town-xicheng

const newTask = (overrides: Record<string, unknown> = {}) => ({
  ...festivalCheck,
  coUnitIds: ['dept-finance'],
  dueDate: shanghaiDate(60),
  ...overrides,
});

describe('the stack on the Temporal dev server and PostgreSQL, over HTTP', () => {
  const { t, office, dongguan, xicheng } = useTestStack({
    office: OFFICE,
    dongguan: DONGGUAN_HEAD,
    xicheng: XICHENG_HEAD,
  });

  it('reports Temporal, the database and the worker healthy', async () => {
    const res = await t.anonymous('GET', '/healthz');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      temporal: { ok: true },
      database: { ok: true },
      worker: { state: 'RUNNING' },
    });
  });

  it('refuses /v1 without a token, as problem+json', async () => {
    const res = await t.anonymous('GET', '/v1/units');

    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('lists the units the organisation file loaded, filtered by kind', async () => {
    const towns = await office('GET', '/v1/units?kind=TOWN&limit=100');
    const departments = await office('GET', '/v1/units?kind=DEPARTMENT');

    expect(towns.status).toBe(200);
    expect(towns.body.total).toBe(12);
    expect(departments.body.total).toBe(10);
    expect(towns.body.items[0]).toMatchObject({ kind: 'TOWN', level: 2 });
  });

  it('names the query field it does not know', async () => {
    const res = await office('GET', '/v1/units?colour=red');

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'query.colour' })]);
  });

  it('lists the people of a unit', async () => {
    const res = await office('GET', '/v1/people?unit=office');

    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { id: string }) => p.id)).toContain(OFFICE);
  });

  it('starts a task workflow whose activity writes the read model, readable as soon as the 201 arrives', async () => {
    const created = await office('POST', '/v1/tasks', newTask());
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/tasks/${created.body.id}`);

    const read = await office('GET', `/v1/tasks/${created.body.id}`);

    expect(read.status).toBe(200);
    const task = read.body;

    expect(task).toMatchObject({ state: 'ASSIGNED', light: 'GREEN', leadUnitId: 'town-dongguan', createdBy: OFFICE });
    expect(task.timeline).toEqual([expect.objectContaining({ kind: 'ASSIGNED', actorId: OFFICE })]);
    const audit = await t.db.pool.query(
      "SELECT outcome FROM audit_log WHERE action = 'task.create' AND object_id = $1",
      [created.body.id],
    );
    expect(audit.rows).toEqual([{ outcome: 'DONE' }]);
  });

  it('turns a task red and urges its unit once its deadline has passed', async () => {
    // Assigned yesterday with yesterday as its limit (the API refuses a past limit today): not yet late to sign for.
    const id = await assignEarlier(t, newTask({ dueDate: shanghaiDate(-1) }), 1);

    const task = await eventually(async () => {
      const res = await office('GET', `/v1/tasks/${id}`);
      return res.body.rung === 1 && res.body.timeline.length === 3 ? res.body : undefined;
    });

    expect(task).toMatchObject({ state: 'ASSIGNED', light: 'RED', urgings: 1 });
    // The urging at L1 is also copied to the task's responsible leader (抄送分管领导).
    expect(task.timeline.map((e: { kind: string }) => e.kind)).toEqual(['ASSIGNED', 'ESCALATION_L1', 'L1_LEADER_COPY']);
  });

  it('shows a task to its lead unit and hides it from another unit', async () => {
    const created = await office('POST', '/v1/tasks', newTask());
    await eventually(async () =>
      (await office('GET', `/v1/tasks/${created.body.id}`)).status === 200 ? true : undefined,
    );

    expect((await dongguan('GET', `/v1/tasks/${created.body.id}`)).status).toBe(200);
    expect((await xicheng('GET', `/v1/tasks/${created.body.id}`)).status).toBe(404);
  });

  it('lets only the office assign tasks, and audits the refusal', async () => {
    const res = await dongguan('POST', '/v1/tasks', newTask());

    expect(res.status).toBe(403);
    const audit = await t.db.pool.query(
      "SELECT actor_id FROM audit_log WHERE action = 'task.create' AND outcome = 'REFUSED'",
    );
    expect(audit.rows).toContainEqual({ actor_id: DONGGUAN_HEAD });
  });

  it('names every bad field of a task', async () => {
    const res = await office('POST', '/v1/tasks', newTask({ priority: 'high', dueDate: '2026-02-30' }));
    const unknownUnit = await office('POST', '/v1/tasks', newTask({ leadUnitId: 'town-nowhere' }));

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.dueDate', 'body.priority']);
    expect(unknownUnit.status).toBe(422);
    expect(unknownUnit.body.errors).toEqual([{ field: 'body.leadUnitId', message: '单位不存在' }]);
  });

  it('cancels a running task through an Update, and answers 409 when it is no longer allowed', async () => {
    const created = await office('POST', '/v1/tasks', newTask());
    await eventually(async () =>
      (await office('GET', `/v1/tasks/${created.body.id}`)).status === 200 ? true : undefined,
    );

    const cancelled = await office('POST', `/v1/tasks/${created.body.id}/cancel`, { reason: '与年度计划任务重复' });
    const again = await office('POST', `/v1/tasks/${created.body.id}/cancel`, { reason: '再次撤销' });

    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'CANCELLED' });
    expect(again.status).toBe(409);
    const task = await eventually(async () => {
      const res = await office('GET', `/v1/tasks/${created.body.id}`);
      return res.body.state === 'CANCELLED' ? res.body : undefined;
    });
    expect(task.timeline.at(-1)).toMatchObject({ kind: 'CANCELLED', message: '任务已撤销，理由：与年度计划任务重复' });
  });

  it('serves its OpenAPI document and browsable docs', async () => {
    const spec = await t.anonymous('GET', '/openapi.json');
    const docs = await fetch(`${t.stack.apiUrl}/docs`);

    expect(spec.body.openapi).toBe('3.1.0');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/v1/units', '/v1/people', '/v1/tasks', '/v1/tasks/{id}']),
    );
    expect(spec.body.paths['/v1/tasks'].post.responses).toHaveProperty('403');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
  });
});
