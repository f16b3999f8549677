import { localDate } from '../../procedures/time/working-days';
import { useTestStack } from '../support/use-test-stack';

/** Pause (挂账) and refusal (退单) of a task over HTTP: who may, the 409 reasons, the 422 fields. */
describe('pausing and refusing a task over HTTP', () => {
  const { office, lead, co, leader } = useTestStack({
    office: 'p-huang-min',
    lead: 'p-xie-hua', // head of town-dongguan
    co: 'p-han-bing', // head of town-xicheng
    leader: 'p-wang-hongmei',
  });
  const newTask = async () => {
    const created = await office('POST', '/v1/tasks', {
      title: '推进农村集体“三资”清理',
      leadUnitId: 'town-dongguan',
      coUnitIds: ['town-xicheng'],
      leaderId: 'p-wang-hongmei',
      requirements: '完成集体资产清查',
      standard: '形成清查台账',
      workingDays: 15,
    });
    expect(created.status).toBe(201);
    return `/v1/tasks/${created.body.id}`;
  };

  it('takes a pause from the lead unit, its decision from the office, and shows PAUSED until either resumes', async () => {
    const path = await newTask();
    expect((await lead('POST', `${path}/sign`, {})).status).toBe(200);

    // A malformed body is a 400 naming every field; a well-formed one naming what does not exist a 422.
    const bad = await lead('POST', `${path}/pause`, { category: 'WEATHER' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.category', 'body.reason']);
    expect((await co('POST', `${path}/pause`, { category: 'COURT', reason: '待判决' })).status).toBe(403);
    const asked = await lead('POST', `${path}/pause`, { category: 'COURT', reason: '土地权属纠纷待法院判决' });
    expect(asked.status).toBe(200);
    const again = await lead('POST', `${path}/pause`, { category: 'COURT', reason: '再次申请' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('已有中止计时申请待审批');

    expect((await office('GET', path)).body.actions).toContain('pause-decision');
    expect((await lead('POST', `${path}/pause-decision`, { approve: true })).status).toBe(403);
    const tooLong = await office('POST', `${path}/pause-decision`, { approve: true, limitWorkingDays: 90 });
    expect(tooLong.status).toBe(409);
    expect(tooLong.body.detail).toBe('中止计时期限应为1至60个工作日');
    const approved = await office('POST', `${path}/pause-decision`, { approve: true, comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.light).toBe('PAUSED');

    const detail = await lead('GET', path);
    expect(detail.body).toMatchObject({ light: 'PAUSED', pausedWorkingDays: 0 });
    expect(detail.body.pauses).toEqual([
      expect.objectContaining({ category: 'COURT', decision: 'APPROVED', limitWorkingDays: 20 }),
    ]);
    expect(detail.body.actions).toEqual(['progress', 'resume', 'handler', 'comments']);
    const listed = await office('GET', '/v1/tasks?light=PAUSED&limit=200');
    expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(detail.body.id);
    const submit = await lead('POST', `${path}/submit`, { summary: '完成' });
    expect(submit.status).toBe(409);
    expect(submit.body.detail).toBe('任务已中止计时，请先恢复计时再报结');
    expect((await co('POST', `${path}/resume`, {})).status).toBe(403);
    expect((await leader('POST', `${path}/resume`, {})).status).toBe(403);

    const resumed = await office('POST', `${path}/resume`, { comment: '已判决' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.light).not.toBe('PAUSED');
    const after = await lead('GET', path);
    expect(after.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'ASSIGNED',
      'SIGNED',
      'PAUSE_REQUESTED',
      'PAUSE_APPROVED',
      'RESUMED',
    ]);
    expect(after.body.timeline.at(-1).message).toMatch(/^组织协调室决定恢复计时，本次中止计时0个工作日（等待司法程序/);
    const notResumed = await lead('POST', `${path}/resume`, {});
    expect(notResumed.status).toBe(409);
    expect(notResumed.body.detail).toBe('任务未中止计时，无需恢复');
  });

  it('takes one refusal per unit within the sign-for limit and the office’s ruling', async () => {
    const path = await newTask();
    const unknown = await lead('POST', `${path}/refuse`, { responsibleUnitId: 'no-such-unit', reason: '非本单位职责' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'body.responsibleUnitId', message: '单位不存在' }]);
    const enforcement = await lead('POST', `${path}/refuse`, { responsibleUnitId: 'enf-police', reason: '属公安职责' });
    expect(enforcement.body.errors).toEqual([{ field: 'body.responsibleUnitId', message: '不是责任单位' }]);
    const empty = await lead('POST', `${path}/refuse`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.reason',
      'body.responsibleUnitId',
    ]);
    expect((await co('POST', `${path}/refuse`, { responsibleUnitId: 'dept-finance', reason: 'x' })).status).toBe(403);

    const refused = await lead('POST', `${path}/refuse`, {
      responsibleUnitId: 'town-xicheng',
      reason: '该村属西城街道',
    });
    expect(refused.status).toBe(200);
    const twice = await lead('POST', `${path}/refuse`, { responsibleUnitId: 'town-xicheng', reason: '再次退单' });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toBe('本单位已就该任务退单一次，每个单位对同一任务只能退单一次');
    const sign = await lead('POST', `${path}/sign`, {});
    expect(sign.status).toBe(409);
    expect(sign.body.detail).toBe('已申请退单，待组织协调室裁定后再签收');
    expect((await lead('GET', path)).body.actions).toEqual(['handler', 'comments']);
    expect((await office('GET', path)).body.actions).toContain('refusal-ruling');

    const insistWithUnit = await office('POST', `${path}/refusal-ruling`, {
      ruling: 'INSIST',
      reason: '属地职责',
      leadUnitId: 'town-xicheng',
    });
    expect(insistWithUnit.status).toBe(422);
    expect(insistWithUnit.body.errors).toEqual([{ field: 'body.leadUnitId', message: '维持交办时不能指定' }]);
    expect((await lead('POST', `${path}/refusal-ruling`, { ruling: 'INSIST', reason: 'x' })).status).toBe(403);
    const ruled = await office('POST', `${path}/refusal-ruling`, { ruling: 'REASSIGN', reason: '属西城街道辖区' });
    expect(ruled.status).toBe(200);
    const moved = await office('GET', path);
    expect(moved.body).toMatchObject({ leadUnitId: 'town-xicheng', state: 'ASSIGNED', coUnitIds: [] });
    expect(moved.body.refusals).toEqual([
      expect.objectContaining({ unitId: 'town-dongguan', proposedUnitId: 'town-xicheng', ruling: 'REASSIGN' }),
    ]);
    expect(moved.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'ASSIGNED',
      'REFUSED',
      'REFUSAL_REASSIGNED',
      'REASSIGNED',
    ]);
    const noneLeft = await office('POST', `${path}/refusal-ruling`, { ruling: 'INSIST', reason: 'x' });
    expect(noneLeft.status).toBe(409);
    expect(noneLeft.body.detail).toBe('没有待裁定的退单');
  });

  it('names the paused tasks in the bulletin of the period: how many, how long, why', async () => {
    const path = await newTask();
    await lead('POST', `${path}/sign`, {});
    await lead('POST', `${path}/pause`, { category: 'BUDGET', reason: '专项资金尚未下达' });
    await office('POST', `${path}/pause-decision`, { approve: true, limitWorkingDays: 5 });
    const today = localDate(new Date());
    const bulletin = await office('POST', '/v1/bulletins', { from: `${today.slice(0, 8)}01`, to: today });
    expect(bulletin.status).toBe(201);
    const id = path.split('/').at(-1);
    const { content } = (await office('GET', `/v1/bulletins/${bulletin.body.id}`)).body;
    expect(content.paused.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          taskId: id,
          category: 'BUDGET',
          reason: '专项资金尚未下达',
          pausedWorkingDays: null,
        }),
      ]),
    );
    expect(content.paused.byCategory).toEqual(
      expect.arrayContaining([expect.objectContaining({ category: 'BUDGET' })]),
    );
  });
});
