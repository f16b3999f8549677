import { dongguanTask } from '../support/task-bodies';
import { useTestStack } from '../support/use-test-stack';

/** Issue 20 item 3 over HTTP: the office urges a task by hand (督办/催办), one at a time or in bulk. */
const year = new Date().getUTCFullYear() + 1;

describe('urging a task by hand (督办)', () => {
  const { office, head, leader } = useTestStack({
    office: 'p-huang-min',
    head: 'p-xie-hua', // head of town-dongguan, the lead unit
    leader: 'p-wang-hongmei', // the task's responsible leader
  });

  const newTask = async (title: string) =>
    (await office('POST', '/v1/tasks', dongguanTask(title, `${year}-03-31`))).body.id as string;

  it('tells the unit (and the leader when copied), records it, refuses other roles and closed tasks', async () => {
    const id = await newTask('东关街道背街小巷整治情况督办');
    expect((await office('GET', `/v1/tasks/${id}`)).body.actions).toContain('urgings');
    expect((await head('GET', `/v1/tasks/${id}`)).body.actions).not.toContain('urgings');
    expect((await head('POST', `/v1/tasks/${id}/urgings`, { text: '请抓紧' })).status).toBe(403);
    const blank = await office('POST', `/v1/tasks/${id}/urgings`, {});
    expect(blank.status).toBe(400);

    const urged = await office('POST', `/v1/tasks/${id}/urgings`, { text: '请于本周内报送整改进展', toLeader: true });
    expect(urged.status).toBe(200);
    const task = (await office('GET', `/v1/tasks/${id}`)).body;
    expect(task.urgings).toBe(1);
    expect(task.timeline.map((e: { kind: string }) => e.kind)).toContain('URGED');
    const titles = async (who: typeof head) =>
      ((await who('GET', '/v1/inbox')).body.items as { kind: string; title: string; taskId: string }[])
        .filter((n) => n.taskId === id && n.kind === 'URGED')
        .map((n) => n.title);
    expect(await titles(head)).toEqual(['【督办】东关街道背街小巷整治情况督办']);
    expect(await titles(leader)).toEqual(['【督办】东关街道背街小巷整治情况督办']);

    expect((await office('POST', `/v1/tasks/${id}/cancel`, { reason: '与年度计划重复' })).status).toBe(200);
    const closed = await office('POST', `/v1/tasks/${id}/urgings`, { text: '请抓紧' });
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toContain('任务已撤销');
    const audit = await office('GET', `/v1/audit?objectId=${id}&action=task.urge`);
    expect(audit.body.items.map((a: { outcome: string }) => a.outcome).sort()).toEqual(['DONE', 'REFUSED', 'REFUSED']);
  });

  it('urges many tasks at once with a result per task', async () => {
    const open = await newTask('东关街道燃气管道排查督办');
    const closed = await newTask('东关街道窨井盖排查督办');
    expect((await office('POST', `/v1/tasks/${closed}/cancel`, { reason: '已并入其他任务' })).status).toBe(200);
    const bulk = await office('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-urge-0001',
      action: 'urge',
      input: { text: '请加快进度' },
      ids: [open, closed],
    });
    expect(bulk.status).toBe(200);
    const outcome = Object.fromEntries(
      (bulk.body.results as { taskId: string; outcome: string }[]).map((r) => [r.taskId, r.outcome]),
    );
    expect(outcome).toEqual({ [open]: 'ACCEPTED', [closed]: 'REFUSED' });
    expect((await office('GET', `/v1/tasks/${open}`)).body.urgings).toBe(1);
  });
});
