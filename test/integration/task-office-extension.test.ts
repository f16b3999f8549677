import { dongguanTask } from '../support/task-bodies';
import { useTestStack } from '../support/use-test-stack';

/** Issue 20 item 7 over HTTP: the office itself extends a task's time limit (延期), one at a time or in bulk. */
const year = new Date().getUTCFullYear() + 1;

describe('the office’s own extension (延期)', () => {
  const { office, head } = useTestStack({
    office: 'p-huang-min',
    head: 'p-xie-hua', // head of town-dongguan, the lead unit
  });

  const newTask = async (title: string, dueDate = `${year}-03-31`) =>
    (await office('POST', '/v1/tasks', dongguanTask(title, dueDate))).body.id as string;

  it('moves the limit, tells the unit, audits, and refuses other roles, earlier dates and closed tasks', async () => {
    const id = await newTask('东关街道老旧小区改造进度督办');
    expect((await office('GET', `/v1/tasks/${id}`)).body.actions).toContain('office-extension');
    expect((await head('GET', `/v1/tasks/${id}`)).body.actions).not.toContain('office-extension');
    const body = { newDueDate: `${year}-05-29`, reason: '涉及多部门协调，经研究同意延期' };
    expect((await head('POST', `/v1/tasks/${id}/office-extension`, body)).status).toBe(403);

    const past = await office('POST', `/v1/tasks/${id}/office-extension`, { ...body, newDueDate: '2020-01-06' });
    expect(past.status).toBe(422);
    expect(past.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.newDueDate']);
    const bad = await office('POST', `/v1/tasks/${id}/office-extension`, { newDueDate: 'soon' });
    expect(bad.status).toBe(400);
    const earlier = await office('POST', `/v1/tasks/${id}/office-extension`, { ...body, newDueDate: `${year}-03-30` });
    expect(earlier.status).toBe(422);
    expect(earlier.body.detail).toContain('新的工作时限须晚于现有工作时限');

    const extended = await office('POST', `/v1/tasks/${id}/office-extension`, body);
    expect(extended.status).toBe(200);
    const task = (await office('GET', `/v1/tasks/${id}`)).body;
    expect(task.dueDate).toBe(`${year}-05-29`);
    const step = task.timeline.find((e: { kind: string }) => e.kind === 'EXTENDED');
    expect(step.message).toBe(
      `组织协调室决定延期，工作时限由${year}-03-31调整为${year}-05-29，理由：涉及多部门协调，经研究同意延期`,
    );
    const inbox = (await head('GET', '/v1/inbox')).body.items as { kind: string; title: string; taskId: string }[];
    expect(inbox.filter((n) => n.taskId === id && n.kind === 'EXTENDED').map((n) => n.title)).toEqual([
      '【工作时限已延期】东关街道老旧小区改造进度督办',
    ]);

    expect((await office('POST', `/v1/tasks/${id}/cancel`, { reason: '与年度计划重复' })).status).toBe(200);
    const closed = await office('POST', `/v1/tasks/${id}/office-extension`, { ...body, newDueDate: `${year}-06-30` });
    expect(closed.status).toBe(409);
    const audit = await office('GET', `/v1/audit?objectId=${id}&action=task.extend`);
    expect(audit.body.items.map((a: { outcome: string }) => a.outcome)).toContain('DONE');
  });

  it('extends many tasks at once with a result per task', async () => {
    const open = await newTask('东关街道消防通道整治督办');
    const later = await newTask('东关街道违建拆除督办', `${year}-09-30`);
    const closed = await newTask('东关街道路灯维修督办');
    expect((await office('POST', `/v1/tasks/${closed}/cancel`, { reason: '已并入其他任务' })).status).toBe(200);
    const input = { newDueDate: `${year}-06-30`, reason: '统一调整工作时限' };
    const past = await office('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-extend-past',
      action: 'extend',
      input: { ...input, newDueDate: '2020-01-06' },
      ids: [open],
    });
    expect(past.status).toBe(422);
    expect(past.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.input.newDueDate']);

    const bulk = await office('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-extend-0001',
      action: 'extend',
      input,
      ids: [open, later, closed],
    });
    expect(bulk.status).toBe(200);
    const outcome = Object.fromEntries(
      (bulk.body.results as { taskId: string; outcome: string }[]).map((r) => [r.taskId, r.outcome]),
    );
    expect(outcome).toEqual({ [open]: 'ACCEPTED', [later]: 'REFUSED', [closed]: 'REFUSED' });
    expect((await office('GET', `/v1/tasks/${open}`)).body.dueDate).toBe(`${year}-06-30`);
    expect((await office('GET', `/v1/tasks/${later}`)).body.dueDate).toBe(`${year}-09-30`);
  });
});
