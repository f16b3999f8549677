import { eventually } from '../support/http';
import { festivalCheck } from '../support/task-bodies';
import { useTestStack } from '../support/use-test-stack';

type Entry = { kind: string; message: string };

/**
 * 单位合并 (issue 22): 北山街道 (town-beishan) merges into 新华街道 (town-xinhua). The administrator is 黄敏, who holds
 * ADMIN beside OFFICE in the example organisation; 张伟 is of the office without it.
 */
describe('a unit merged into another hands its open tasks over by reassignment', () => {
  const { t, office, beishan, deputy } = useTestStack({
    office: 'p-huang-min',
    beishan: 'p-feng-lei',
    deputy: 'p-zhang-wei',
  });
  const tasks: Record<'led' | 'co' | 'submitted' | 'other', string> = { led: '', co: '', submitted: '', other: '' };
  const MERGE = '/v1/units/town-beishan/merge';

  const create = async (leadUnitId: string, coUnitIds: string[] = []) => {
    const res = await office('POST', '/v1/tasks', { ...festivalCheck, leadUnitId, coUnitIds, workingDays: 10 });
    expect(res.status).toBe(201);
    await eventually(async () => ((await office('GET', `/v1/tasks/${res.body.id}`)).status === 200 ? true : undefined));
    return res.body.id as string;
  };
  const task = async (id: string) => (await office('GET', `/v1/tasks/${id}`)).body;

  beforeAll(async () => {
    tasks.led = await create('town-beishan', ['town-dongguan']);
    tasks.co = await create('town-dongguan', ['town-beishan', 'town-xinhua']);
    tasks.submitted = await create('town-beishan');
    tasks.other = await create('town-zhongxin');
    expect((await beishan('POST', `/v1/tasks/${tasks.led}/sign`, {})).status).toBe(200);
    expect((await beishan('POST', `/v1/tasks/${tasks.led}/progress`, { text: '已部署检查' })).status).toBe(200);
    expect((await beishan('POST', `/v1/tasks/${tasks.submitted}/sign`, {})).status).toBe(200);
    expect((await beishan('POST', `/v1/tasks/${tasks.submitted}/submit`, { summary: '检查完成' })).status).toBe(200);
  });

  it('refuses an office member without the administrator permission with 403, changing nothing', async () => {
    const res = await deputy('POST', MERGE, { intoUnitId: 'town-xinhua', reason: '区划调整' });

    expect(res.status).toBe(403);
    expect((await task(tasks.led)).leadUnitId).toBe('town-beishan');
  });

  it('refuses a successor that is no responsible unit, or the unit itself, naming the field', async () => {
    const cases = [
      ['office', '只有部门、镇街和村社区可以合并'],
      ['town-beishan', '不能并入本单位'],
      ['town-nowhere', '单位不存在'],
    ];
    for (const [intoUnitId, message] of cases) {
      const res = await office('POST', MERGE, { intoUnitId, reason: '区划调整' });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'body.intoUnitId', message }]);
    }
    const shape = await office('POST', MERGE, { intoUnitId: 'town-xinhua' });
    expect(shape.status).toBe(400);
    expect(shape.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.reason']);
  });

  it('moves each open task to the successor with its history, and names the one it could not move', async () => {
    const before = (await task(tasks.led)).timeline as Entry[];

    const res = await office('POST', MERGE, { intoUnitId: 'town-xinhua', reason: '区划调整（区政府文件）' });

    expect(res.status).toBe(200);
    expect(res.body.moved.map((x: { taskId: string }) => x.taskId).sort()).toEqual([tasks.led, tasks.co].sort());
    expect(res.body.notMoved).toEqual([
      { taskId: tasks.submitted, title: festivalCheck.title, reason: expect.any(String) },
    ]);
    const led = await task(tasks.led);
    expect(led).toMatchObject({ leadUnitId: 'town-xinhua', coUnitIds: ['town-dongguan'] });
    const entries = led.timeline as Entry[];
    // Its history is kept as it was, the progress report still naming the unit it came from; the move said why.
    expect(entries.slice(0, before.length)).toEqual(before);
    expect(entries.at(-1)).toMatchObject({ kind: 'REASSIGNED' });
    expect(entries.at(-1)!.message).toContain('单位合并：北山街道并入新华街道（区划调整（区政府文件））');
    // A co-organising unit's place goes to the successor, once, beside the units already on the task.
    expect(await task(tasks.co)).toMatchObject({ leadUnitId: 'town-dongguan', coUnitIds: ['town-xinhua'] });
    expect((await task(tasks.other)).leadUnitId).toBe('town-zhongxin');
    expect((await task(tasks.submitted)).leadUnitId).toBe('town-beishan');
  });

  it('retires the unit for good: off the lists, kept in the audit log with before and after', async () => {
    const units = (await office('GET', '/v1/units?limit=200')).body.items as { id: string }[];
    expect(units.map((u) => u.id)).not.toContain('town-beishan');
    const { rows } = await t.db.pool.query(
      `SELECT actor_id, outcome, payload FROM audit_log WHERE action = 'organisation.mergeUnit' ORDER BY id`,
    );
    const done = rows.filter((r) => r.outcome === 'DONE');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({
      actor_id: 'p-huang-min',
      payload: {
        before: { id: 'town-beishan', active: true, successorId: null },
        after: { id: 'town-beishan', active: false, successorId: 'town-xinhua' },
      },
    });
    // Merged already: missing to another merge, and to a new task.
    const again = await office('POST', MERGE, { intoUnitId: 'town-zhongxin', reason: '再次合并' });
    expect(again.status).toBe(404);
    const fresh = await office('POST', '/v1/tasks', { ...festivalCheck, leadUnitId: 'town-beishan', workingDays: 5 });
    expect(fresh.status).toBe(422);
  });

  it('moves what is left when the same merge is sent again, and nothing twice', async () => {
    const res = await office('POST', MERGE, { intoUnitId: 'town-xinhua', reason: '区划调整（区政府文件）' });

    expect(res.status).toBe(200);
    expect(res.body.moved).toEqual([]);
    expect(res.body.notMoved.map((x: { taskId: string }) => x.taskId)).toEqual([tasks.submitted]);
    const reassigned = ((await task(tasks.led)).timeline as Entry[]).filter((e) => e.kind === 'REASSIGNED');
    expect(reassigned).toHaveLength(1);
  });
});
