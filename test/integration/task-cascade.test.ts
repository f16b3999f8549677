import { eventually } from '../support/http';
import { useTestStack } from '../support/use-test-stack';

/** Issue 20 item 6 over HTTP: a town splits its task for its villages (三级联动); scope, gating and the override. */
const year = new Date().getUTCFullYear() + 1;

describe('cascade (三级联动) over HTTP', () => {
  const { office, town, village, otherTown, otherVillage } = useTestStack({
    office: 'p-huang-min',
    town: 'p-cheng-gang', // head of town-liuhe, the lead unit
    village: 'p-lu-shuigen', // head of village-hekou, under town-liuhe
    otherTown: 'p-xiao-bo', // head of town-qingshi
    otherVillage: 'p-ye-changshan', // head of village-dongling, under town-qingshi
  });

  const newTask = async (title: string) => {
    const res = await office('POST', '/v1/tasks', {
      title,
      type: 'ROUTINE',
      leadUnitId: 'town-liuhe',
      coUnitIds: [],
      leaderId: 'p-wang-hongmei',
      requirements: '全面排查本镇农村集体“三资”管理问题',
      standard: '形成排查台账',
      dueDate: `${year}-03-31`,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('splits for a village once, names every problem, and scopes the sub-task', async () => {
    const id = await newTask('柳河镇农村集体“三资”排查');
    const bad = await town('POST', `/v1/tasks/${id}/subtasks`, {
      subtasks: [
        { unitId: 'village-dongling', dueDate: `${year}-03-20` },
        { unitId: 'village-hekou', dueDate: `${year}-04-30` },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.subtasks[0].unitId',
      'body.subtasks[1].dueDate',
    ]);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'body.subtasks[1].dueDate').message).toBe(
      `子任务办结时限不得晚于主任务（${year}-03-31）`,
    );
    const shape = await town('POST', `/v1/tasks/${id}/subtasks`, { subtasks: [] });
    expect(shape.status).toBe(400);
    // Another town's head sees nothing of the task; a village cannot split it.
    const body = { subtasks: [{ unitId: 'village-hekou', dueDate: `${year}-03-20`, requirements: '完成本村排查' }] };
    expect((await otherTown('POST', `/v1/tasks/${id}/subtasks`, body)).status).toBe(404);

    const split = await town('POST', `/v1/tasks/${id}/subtasks`, body);
    expect(split.status).toBe(200);
    const subId = `${id}-village-hekou`;
    expect(split.body.subtasks).toEqual([
      { id: subId, unitId: 'village-hekou', dueDate: `${year}-03-20`, created: true },
    ]);
    // The same request again (a lost answer): the same sub-task, nothing started twice.
    const again = await town('POST', `/v1/tasks/${id}/subtasks`, body);
    expect(again.body.subtasks).toEqual([
      { id: subId, unitId: 'village-hekou', dueDate: `${year}-03-20`, created: false },
    ]);

    const sub = (await village('GET', `/v1/tasks/${subId}`)).body;
    expect(sub).toMatchObject({
      leadUnitId: 'village-hekou',
      parentTaskId: id,
      requirements: '完成本村排查',
      title: '柳河镇农村集体“三资”排查（柳河镇河口村）',
    });
    expect(sub.actions).toContain('sign');
    // The village does not see the parent; the town sees both; other units see neither.
    expect((await village('GET', `/v1/tasks/${id}`)).status).toBe(404);
    expect((await town('GET', `/v1/tasks/${subId}`)).status).toBe(200);
    expect((await town('GET', `/v1/tasks/${subId}`)).body.actions).not.toContain('sign');
    for (const stranger of [otherTown, otherVillage])
      expect((await stranger('GET', `/v1/tasks/${subId}`)).status).toBe(404);
    const townList = (await town('GET', '/v1/tasks?limit=100')).body.items.map((t: { id: string }) => t.id);
    expect(townList).toEqual(expect.arrayContaining([id, subId]));
    const strangerList = (await otherTown('GET', '/v1/tasks?limit=100')).body.items.map((t: { id: string }) => t.id);
    expect(strangerList).not.toContain(subId);

    const parent = (await town('GET', `/v1/tasks/${id}`)).body;
    expect(parent.subtasks).toEqual([
      expect.objectContaining({ id: subId, unitId: 'village-hekou', state: 'ASSIGNED', dueDate: `${year}-03-20` }),
    ]);
    expect(parent.openSubtasks).toBe(1);
    const audit = await office('GET', `/v1/audit?objectId=${id}&action=task.split`);
    // Both splits; the refused ones too: the bad body (422) and the other town's attempt (404).
    expect(audit.body.items.map((a: { outcome: string }) => a.outcome).sort()).toEqual([
      'DONE',
      'DONE',
      'REFUSED',
      'REFUSED',
    ]);
  });

  it('holds the town’s submission until the village is done, unless the office overrides', async () => {
    const id = await newTask('柳河镇人居环境整治');
    await town('POST', `/v1/tasks/${id}/subtasks`, {
      subtasks: [{ unitId: 'village-hekou', dueDate: `${year}-03-20` }],
    });
    const subId = `${id}-village-hekou`;
    expect((await town('POST', `/v1/tasks/${id}/sign`, {})).status).toBe(200);
    const held = await town('POST', `/v1/tasks/${id}/submit`, { summary: '已完成' });
    expect(held.status).toBe(409);
    expect(held.body.detail).toContain('子任务尚未办结');
    // The parent heard of its sub-task: the workflow holds it, whatever the read model says.
    await eventually(async () =>
      (await office('GET', `/v1/tasks/${id}`)).body.actions.includes('subtask-override') ? true : undefined,
    );
    expect((await town('POST', `/v1/tasks/${id}/subtask-override`, { reason: '先行报结' })).status).toBe(403);
    const override = await office('POST', `/v1/tasks/${id}/subtask-override`, { reason: '村级整改已纳入长效管理' });
    expect(override.status).toBe(200);
    expect((await office('POST', `/v1/tasks/${id}/subtask-override`, { reason: '再次' })).status).toBe(409);
    expect((await town('POST', `/v1/tasks/${id}/submit`, { summary: '已完成' })).status).toBe(200);
    const timeline = (await office('GET', `/v1/tasks/${id}`)).body.timeline;
    expect(timeline.find((e: { kind: string }) => e.kind === 'SUBTASK_OVERRIDE').message).toBe(
      '组织协调室准许牵头单位在村（社区）子任务未全部办结时报结，理由：村级整改已纳入长效管理',
    );
    // A submitted parent takes no more sub-tasks, and a sub-task is never split again.
    const late = await town('POST', `/v1/tasks/${id}/subtasks`, {
      subtasks: [{ unitId: 'village-hekou', dueDate: `${year}-03-20` }],
    });
    expect(late.status).toBe(409);
    const deeper = await office('POST', `/v1/tasks/${subId}/subtasks`, {
      subtasks: [{ unitId: 'village-hekou', dueDate: `${year}-03-20` }],
    });
    expect(deeper.status).toBe(409);
  });
});
