import { localDate } from '../../procedures/time/working-days';
import { useTestStack } from '../support/use-test-stack';

/** A local date `days` calendar days from today (Asia/Shanghai). */
const inDays = (days: number) => localDate(new Date(Date.now() + days * 86_400_000));

/** Milestones (序时进度) over HTTP: set at creation and again by the office, every problem named in one 422. */
describe('milestones of a task over HTTP', () => {
  const { office, lead, leader } = useTestStack({
    office: 'p-huang-min',
    lead: 'p-xie-hua', // head of town-dongguan
    leader: 'p-wang-hongmei',
  });
  const task = {
    title: '推进农村集体“三资”清理',
    leadUnitId: 'town-dongguan',
    leaderId: 'p-wang-hongmei',
    requirements: '完成集体资产清查',
    standard: '形成清查台账',
    dueDate: inDays(40),
  };

  it('creates a task with milestones and shows them planned against actual', async () => {
    const created = await office('POST', '/v1/tasks', {
      ...task,
      milestones: [
        { date: inDays(20), expected: '完成清查', percent: 60 },
        { date: inDays(10), expected: '制定方案', percent: 20 },
      ],
    });
    expect(created.status).toBe(201);
    const path = `/v1/tasks/${created.body.id}`;
    const detail = await lead('GET', path);
    expect(detail.body).toMatchObject({ milestonesMissed: 0, light: 'GREEN' });
    expect(detail.body.milestones).toEqual([
      expect.objectContaining({ id: 'm1', date: inDays(10), expected: '制定方案', percent: 20, state: 'PENDING' }),
      expect.objectContaining({ id: 'm2', date: inDays(20), percent: 60, state: 'PENDING' }),
    ]);
    expect(detail.body.actions).not.toContain('milestones');
    expect((await office('GET', path)).body.actions).toContain('milestones');

    // The unit reports against a milestone by its day: met, with its actual.
    expect((await lead('POST', `${path}/sign`, {})).status).toBe(200);
    const unknown = await lead('POST', `${path}/progress`, { text: '方案已定', milestoneId: 'm9' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.detail).toBe('该任务没有这个序时进度节点');
    const reported = await lead('POST', `${path}/progress`, { text: '方案已定', milestoneId: 'm1', percent: 25 });
    expect(reported.status).toBe(200);
    const after = await office('GET', path);
    expect(after.body.milestones[0]).toMatchObject({ state: 'MET', reportedPercent: 25, reportText: '方案已定' });
    expect(after.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'ASSIGNED',
      'SIGNED',
      'PROGRESS',
      'MILESTONE_MET',
    ]);
  });

  it('refuses a milestone plan with every problem named, at creation and when set again', async () => {
    const bad = await office('POST', '/v1/tasks', {
      ...task,
      milestones: [
        { date: inDays(-1), percent: 10 },
        { date: inDays(50), expected: '形成报告' },
        { date: inDays(5) },
        { date: inDays(8), percent: 5 },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.milestones[0].date',
      'body.milestones[1].date',
      'body.milestones[2].expected',
      'body.milestones[3].percent',
    ]);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'body.milestones[1].date').message).toBe(
      `不能晚于工作时限（${task.dueDate}）`,
    );
    const english = await office(
      'POST',
      '/v1/tasks',
      { ...task, milestones: [{ date: inDays(50), percent: 1 }] },
      {
        'accept-language': 'en',
      },
    );
    expect(english.status).toBe(422);
    expect(english.body.errors[0].message).toBe(`must not be after the time limit (${task.dueDate})`);
    const tooMany = await office('POST', '/v1/tasks', {
      ...task,
      milestones: Array.from({ length: 13 }, (_, i) => ({ date: inDays(i + 1), percent: i })),
    });
    expect(tooMany.status).toBe(400);

    const created = await office('POST', '/v1/tasks', { ...task, workingDays: 10, dueDate: undefined });
    expect(created.status).toBe(201);
    const path = `/v1/tasks/${created.body.id}`;
    const dueDate = (await office('GET', path)).body.dueDate;
    const late = await office('POST', `${path}/milestones`, { milestones: [{ date: inDays(40), percent: 50 }] });
    expect(late.status).toBe(422);
    expect(late.body.errors).toEqual([{ field: 'body.milestones[0].date', message: `不能晚于工作时限（${dueDate}）` }]);
    expect((await lead('POST', `${path}/milestones`, { milestones: [] })).status).toBe(403);
    expect((await leader('POST', `${path}/milestones`, { milestones: [] })).status).toBe(403);
    const set = await office('POST', `${path}/milestones`, {
      milestones: [{ date: inDays(3), expected: '完成摸底' }],
      reason: '细化进度',
    });
    expect(set.status).toBe(200);
    const detail = await office('GET', path);
    expect(detail.body.milestones).toEqual([expect.objectContaining({ id: 'm1', date: inDays(3), state: 'PENDING' })]);
    expect(detail.body.timeline.at(-1)).toMatchObject({ kind: 'MILESTONES_SET' });
  });
});
