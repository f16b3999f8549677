import { eventually } from '../support/http';
import { useTestStack } from '../support/use-test-stack';

/**
 * A detail lists the actions its reader may take now (`actions`: the verbs of POST /v1/{kind}/{id}/{verb}), from the
 * machine's offer in the instance's state to the reader's roles, narrowed by the policy on that very instance: the
 * lead unit signs, a co-organising unit reports its part, the office manages, a leader decides extensions.
 */
describe('the actions a detail offers its reader', () => {
  const { office, lead, co, leader, group, hekou } = useTestStack({
    office: 'p-huang-min',
    lead: 'p-xie-hua', // head of town-dongguan
    co: 'p-han-bing', // head of town-xicheng
    leader: 'p-wang-hongmei', // the task's responsible leader (also in the leadership group)
    group: 'p-li-jianguo',
    hekou: 'p-lu-shuigen', // head of village-hekou
  });
  const actionsOf = async (who: typeof office, path: string) => {
    const res = await who('GET', path);
    expect(res.status).toBe(200);
    return res.body.actions as string[];
  };

  it('offers each reader of a task what the machine and the policy allow them, as its state moves', async () => {
    const created = await office('POST', '/v1/tasks', {
      title: '落实“一岗双责”情况专项报告',
      leadUnitId: 'town-dongguan',
      coUnitIds: ['town-xicheng'],
      leaderId: 'p-wang-hongmei',
      requirements: '报告本单位落实情况',
      standard: '书面报告',
      workingDays: 10,
    });
    expect(created.status).toBe(201);
    const path = `/v1/tasks/${created.body.id}`;

    expect(await actionsOf(lead, path)).toEqual(['sign', 'refuse', 'handler', 'comments']);
    expect(await actionsOf(co, path)).toEqual(['co-report', 'handler', 'comments']);
    expect(await actionsOf(office, path)).toEqual([
      'co-report-override',
      'cancel',
      'reassign',
      'milestones',
      'urgings',
      'supervision',
      'office-extension',
      'comments',
    ]);
    expect(await actionsOf(leader, path)).toEqual(['comments']);

    expect((await lead('POST', `${path}/sign`, {})).status).toBe(200);
    expect(await actionsOf(lead, path)).toEqual(['progress', 'submit', 'extension', 'pause', 'handler', 'comments']);
    expect(await actionsOf(leader, path)).toEqual(['extension-decision', 'comments']);
    expect(await actionsOf(group, path)).toEqual(['comments']);

    expect((await office('POST', `${path}/cancel`, { reason: '任务调整' })).status).toBe(200);
    for (const who of [lead, co, office, leader]) expect(await actionsOf(who, path)).toEqual([]);
  });

  it('offers a case’s statement to its unit and its decision to the office', async () => {
    const opened = await office('POST', '/v1/cases', { unitId: 'village-hekou', reason: '村务公开不及时' });
    expect(opened.status).toBe(201);
    const path = `/v1/cases/${opened.body.id}`;
    await eventually(async () => ((await office('GET', path)).status === 200 ? true : undefined));

    expect(await actionsOf(hekou, path)).toEqual(['statement']);
    expect(await actionsOf(office, path)).toEqual(['decision']);
    expect(await actionsOf(group, path)).toEqual([]);
  });
});
