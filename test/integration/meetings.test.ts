import { eventually } from '../support/http';
import { openThisYearsCycle, useTestStack } from '../support/use-test-stack';

/** A resolution as the office words it in the minutes. */
const resolution = (title: string, leadUnitId: string) => ({
  title,
  leadUnitId,
  coUnitIds: [],
  leaderId: 'p-wang-hongmei',
  requirements: '对照会议要求逐项落实，建立工作台账',
  standard: '台账经区纪委监委审核通过',
  workingDays: 10,
});

describe('joint meetings over HTTP', () => {
  const { office, dongguan, finance, village } = useTestStack({
    office: 'p-huang-min',
    dongguan: 'p-xie-hua', // head of town-dongguan (a member unit)
    finance: 'p-lin-feng', // head of dept-finance (a member unit)
    village: 'p-lu-shuigen', // head of village-hekou (not a member unit)
  });
  let cycleId: string;
  let meetingId: string;

  beforeAll(async () => {
    cycleId = await openThisYearsCycle(office);
  });

  const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

  it('refuses a call for an unknown cycle, by a unit, or with a deadline after the meeting', async () => {
    const body = {
      title: '专题联席会议',
      place: '区纪委监委会议室',
      at: inFuture(3_600_000),
      confirmBy: inFuture(60_000),
    };

    expect((await office('POST', '/v1/cycles/district-1999/meetings', body)).status).toBe(404);
    expect((await dongguan('POST', `/v1/cycles/${cycleId}/meetings`, body)).status).toBe(403);
    const late = await office('POST', `/v1/cycles/${cycleId}/meetings`, { ...body, confirmBy: inFuture(7_200_000) });
    expect(late.status).toBe(422);
    expect(late.body.errors).toEqual([{ field: 'body.confirmBy', message: 'must not be after the meeting' }]);
  });

  it('runs a meeting from the call to the minutes, and its resolutions become supervised tasks', async () => {
    // Called a few seconds ahead: the meeting begins while the test waits for it.
    const called = await office('POST', `/v1/cycles/${cycleId}/meetings`, {
      title: '党风廉政建设责任制专题联席会议',
      place: '区纪委监委三楼会议室',
      at: inFuture(8_000),
      confirmBy: inFuture(6_000),
      topics: ['研究村级小微权力清单落实工作'],
    });
    expect(called.status).toBe(201);
    meetingId = called.body.id;
    expect(called.headers.get('location')).toBe(`/v1/meetings/${meetingId}`);

    const noticed = await office('GET', `/v1/meetings/${meetingId}`);
    expect(noticed.body).toMatchObject({ state: 'NOTICED', kind: 'AD_HOC', cycleId, calledBy: 'p-huang-min' });
    expect(noticed.body.attendance.every((a: { status: string }) => a.status === 'INVITED')).toBe(true);
    expect((await village('GET', `/v1/meetings/${meetingId}`)).status).toBe(404);
    expect((await village('GET', '/v1/meetings')).body.total).toBe(0);
    expect(
      (await dongguan('GET', `/v1/meetings?cycleId=${cycleId}`)).body.items.map((m: { id: string }) => m.id),
    ).toContain(meetingId);

    const confirmed = await dongguan('POST', `/v1/meetings/${meetingId}/attendance`, {
      attending: true,
      attendee: '谢华',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.attendance).toMatchObject({ unitId: 'town-dongguan', status: 'CONFIRMED', attendee: '谢华' });
    const noReason = await finance('POST', `/v1/meetings/${meetingId}/attendance`, { attending: false });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([{ field: 'body.reason', message: '不参会时必填' }]);
    const declined = await finance('POST', `/v1/meetings/${meetingId}/attendance`, {
      attending: false,
      reason: '参加市财政局年度预算会议',
    });
    expect(declined.status).toBe(200);
    const twice = await dongguan('POST', `/v1/meetings/${meetingId}/attendance`, { attending: true });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/不能重复确认/);
    expect((await village('POST', `/v1/meetings/${meetingId}/attendance`, { attending: true })).status).toBe(404);
    const early = await office('POST', `/v1/meetings/${meetingId}/minutes`, { minutes: '会议纪要', resolutions: [] });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/会议尚未召开/);

    const held = await eventually(async () => {
      const res = await office('GET', `/v1/meetings/${meetingId}`);
      return res.body.state === 'HELD' ? res.body : undefined;
    }, 30_000);
    expect(held.agenda.items[0]).toMatch(/督办工作推进情况/);
    expect(held.agenda.report).toMatchObject({ total: 0, overdue: [], escalations: [] });
    const statuses = Object.fromEntries(
      held.attendance.map((a: { unitId: string; status: string }) => [a.unitId, a.status]),
    );
    expect(statuses).toMatchObject({ 'town-dongguan': 'PRESENT', 'dept-finance': 'ABSENT', 'town-xicheng': 'ABSENT' });
    expect(held.timeline.map((e: { kind: string }) => e.kind)).toContain('URGED');

    const badUnit = await office('POST', `/v1/meetings/${meetingId}/minutes`, {
      minutes: '会议纪要',
      resolutions: [resolution('东关街道完成清单梳理', 'town-dongguan'), resolution('专项检查', 'dept-nowhere')],
    });
    expect(badUnit.status).toBe(422);
    expect(badUnit.body.errors).toEqual([{ field: 'body.resolutions[1].leadUnitId', message: '单位不存在' }]);

    const minuted = await office('POST', `/v1/meetings/${meetingId}/minutes`, {
      minutes: '会议听取了督办工作情况通报，研究了村级小微权力清单落实工作。',
      resolutions: [
        resolution('东关街道完成小微权力清单梳理', 'town-dongguan'),
        resolution('西城街道开展专项资金检查', 'town-xicheng'),
      ],
    });
    expect(minuted.status).toBe(200);
    const taskIds = minuted.body.resolutions.map((r: { taskId: string }) => r.taskId);
    expect(taskIds).toEqual([`${meetingId}-1`, `${meetingId}-2`]);

    const task = await eventually(async () => {
      const res = await office('GET', `/v1/tasks/${taskIds[1]}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(task).toMatchObject({ type: 'MEETING_RESOLUTION', cycleId, leadUnitId: 'town-xicheng' });
    const inbox = await eventually(async () => {
      const items = (await dongguan('GET', '/v1/inbox')).body.items as { kind: string; body: string }[];
      return items.find((n) => n.kind === 'MEETING_DISTRIBUTED');
    });
    expect(inbox.body).toContain('村级小微权力清单');
    const final = await office('GET', `/v1/meetings/${meetingId}`);
    expect(final.body).toMatchObject({
      state: 'MINUTED',
      minutedBy: 'p-huang-min',
      resolutions: [
        { seq: 1, taskId: taskIds[0] },
        { seq: 2, taskId: taskIds[1] },
      ],
    });
  }, 90_000);

  it('audits every mutation on the meeting, done or refused', async () => {
    const audit = await office('GET', `/v1/audit?objectType=meeting&objectId=${meetingId}&limit=50`);
    const rows = (audit.body.items as { action: string; outcome: string; actorId: string }[])
      .map((r) => `${r.action} ${r.outcome} ${r.actorId}`)
      .reverse();

    expect(rows).toEqual([
      'meeting.confirm DONE p-xie-hua',
      'meeting.confirm REFUSED p-lin-feng',
      'meeting.confirm DONE p-lin-feng',
      'meeting.confirm REFUSED p-xie-hua',
      'meeting.confirm REFUSED p-lu-shuigen',
      'meeting.minutes REFUSED p-huang-min',
      'meeting.minutes REFUSED p-huang-min',
      'meeting.minutes DONE p-huang-min',
    ]);
  });
});
