import { localDate } from '../../procedures/time/working-days';
import { eventually } from '../support/http';
import { openThisYearsCycle, useTestStack } from '../support/use-test-stack';

/** A local date `days` calendar days from today (Asia/Shanghai). */
const inDays = (days: number) => localDate(new Date(Date.now() + days * 86_400_000));

const resolution = (title: string, milestones: unknown[]) => ({
  title,
  leadUnitId: 'town-dongguan',
  coUnitIds: [],
  leaderId: 'p-wang-hongmei',
  requirements: '对照会议要求逐项落实，建立工作台账',
  standard: '台账经区纪委监委审核通过',
  dueDate: inDays(40),
  milestones,
});

/** Issue 20: a joint meeting's resolution carries milestones (序时进度) as the create body does, checked the same way. */
describe('milestones on a meeting resolution over HTTP', () => {
  const { office, dongguan } = useTestStack({ office: 'p-huang-min', dongguan: 'p-xie-hua' });

  it('refuses a bad milestone plan naming the resolution’s fields, and gives the task the good one', async () => {
    const cycleId = await openThisYearsCycle(office);
    const called = await office('POST', `/v1/cycles/${cycleId}/meetings`, {
      title: '序时进度专题联席会议',
      place: '区纪委监委三楼会议室',
      at: new Date(Date.now() + 5_000).toISOString(),
      confirmBy: new Date(Date.now() + 3_000).toISOString(),
      topics: ['研究重点任务序时进度'],
    });
    expect(called.status).toBe(201);
    const meetingId = called.body.id as string;
    await eventually(
      async () => ((await office('GET', `/v1/meetings/${meetingId}`)).body.state === 'HELD' ? true : undefined),
      30_000,
    );

    const bad = await office('POST', `/v1/meetings/${meetingId}/minutes`, {
      minutes: '会议研究了重点任务序时进度。',
      resolutions: [
        resolution('完成小微权力清单梳理', [
          { date: inDays(-1), percent: 10 },
          { date: inDays(50), expected: '形成报告' },
          { date: inDays(5) },
        ]),
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.resolutions[0].milestones[0].date',
      'body.resolutions[0].milestones[1].date',
      'body.resolutions[0].milestones[2].expected',
    ]);
    const tooMany = await office('POST', `/v1/meetings/${meetingId}/minutes`, {
      minutes: '会议纪要',
      resolutions: [
        resolution(
          '清单梳理',
          Array.from({ length: 13 }, (_, i) => ({ date: inDays(i + 1), percent: i + 1 })),
        ),
      ],
    });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('body.resolutions[0].milestones');

    const minuted = await office('POST', `/v1/meetings/${meetingId}/minutes`, {
      minutes: '会议研究了重点任务序时进度。',
      resolutions: [
        resolution('完成小微权力清单梳理', [
          { date: inDays(20), expected: '完成梳理', percent: 60 },
          { date: inDays(10), expected: '制定方案', percent: 20 },
        ]),
      ],
    });
    expect(minuted.status).toBe(200);
    const taskId = minuted.body.resolutions[0].taskId as string;
    const task = await eventually(async () => {
      const res = await dongguan('GET', `/v1/tasks/${taskId}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(task).toMatchObject({ type: 'MEETING_RESOLUTION', milestonesMissed: 0 });
    expect(task.milestones).toEqual([
      expect.objectContaining({ id: 'm1', date: inDays(10), expected: '制定方案', percent: 20, state: 'PENDING' }),
      expect.objectContaining({ id: 'm2', date: inDays(20), expected: '完成梳理', percent: 60, state: 'PENDING' }),
    ]);
  }, 90_000);
});
