import { useTestStack } from '../support/use-test-stack';

/** Issue 20 item 5 over HTTP: a unit names its handler of a task (承办人), who is told and then shown on the task. */
const year = new Date().getUTCFullYear() + 1;

describe('naming a task’s handler (承办人)', () => {
  const { office, head, staff, otherHead } = useTestStack({
    office: 'p-huang-min',
    head: 'p-xie-hua', // head of town-dongguan, the lead unit
    staff: 'p-yu-hong', // staff of town-dongguan
    otherHead: 'p-han-bing', // head of town-xicheng, not on the task
  });

  it('lets the lead unit name one of its own, tells them, shows them on the task, and refuses what does not fit', async () => {
    const created = await office('POST', '/v1/tasks', {
      title: '东关街道老旧小区改造资金使用情况核查',
      type: 'ROUTINE',
      leadUnitId: 'town-dongguan',
      coUnitIds: [],
      leaderId: 'p-wang-hongmei',
      requirements: '逐项核查资金使用',
      standard: '核查报告',
      dueDate: `${year}-03-31`,
    });
    const id = created.body.id as string;
    expect((await head('GET', `/v1/tasks/${id}`)).body.actions).toContain('handler');

    // A person of another unit is no handler of this unit (422, naming the field); nor may another unit name one.
    const foreign = await head('POST', `/v1/tasks/${id}/handler`, { handlerId: 'p-han-bing' });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'body.handlerId' })]);
    expect((await otherHead('POST', `/v1/tasks/${id}/handler`, { handlerId: 'p-han-bing' })).status).toBe(404);
    expect((await office('POST', `/v1/tasks/${id}/handler`, { handlerId: 'p-yu-hong' })).status).toBe(403);

    const named = await head('POST', `/v1/tasks/${id}/handler`, { handlerId: 'p-yu-hong' });
    expect(named.status).toBe(200);
    const again = await head('POST', `/v1/tasks/${id}/handler`, { handlerId: 'p-yu-hong' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('已是本单位的承办人');

    const task = (await staff('GET', `/v1/tasks/${id}`)).body;
    expect(task.handlers).toEqual({ 'town-dongguan': 'p-yu-hong' });
    expect(task.timeline.map((e: { kind: string }) => e.kind)).toContain('HANDLER_NAMED');
    const inbox = (await staff('GET', '/v1/inbox')).body.items as { kind: string; title: string; taskId: string }[];
    expect(inbox.filter((n) => n.taskId === id && n.kind === 'HANDLER_NAMED').map((n) => n.title)).toEqual([
      '【承办】东关街道老旧小区改造资金使用情况核查',
    ]);
    const audit = await office('GET', `/v1/audit?objectId=${id}&action=task.nameHandler`);
    expect(audit.body.items.map((a: { outcome: string }) => a.outcome).sort()).toEqual([
      'DONE',
      'REFUSED',
      'REFUSED',
      'REFUSED',
      'REFUSED',
    ]);
  });
});
