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
    expect(late.body.errors).toEqual([{ field: 'body.confirmBy', message: '参会确认时限不得晚于会议时间' }]);
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

  it('refuses a meeting in the past, naming every field at once, in the language the client prefers', async () => {
    const body = { title: '专题联席会议', place: '区纪委监委会议室', at: '2020-01-06T09:30:00+08:00' };
    const past = await office('POST', `/v1/cycles/${cycleId}/meetings`, { ...body, confirmBy: '2020-01-03T16:00:00Z' });
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([
      { field: 'body.at', message: '会议时间须晚于现在' },
      { field: 'body.confirmBy', message: '参会确认时限须晚于现在' },
    ]);
    const english = await office(
      'POST',
      `/v1/cycles/${cycleId}/meetings`,
      { ...body, confirmBy: inFuture(60_000) },
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(422);
    expect(english.body.errors).toEqual([
      { field: 'body.at', message: 'must be in the future' },
      { field: 'body.confirmBy', message: 'must not be after the meeting' },
    ]);
    // Yesterday, inside the running cycle, is just as past.
    const yesterday = await office('POST', `/v1/cycles/${cycleId}/meetings`, {
      ...body,
      at: inFuture(-86_400_000),
      confirmBy: inFuture(-90_000_000),
    });
    expect(yesterday.status).toBe(422);
    expect(yesterday.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.at', 'body.confirmBy']);
  });

  /** A Saturday at least three days ahead that is no make-up workday (调休), as the official calendar says. */
  async function nextSaturday(): Promise<string> {
    for (let d = 3; ; d++) {
      const date = new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000).toISOString().slice(0, 10);
      if (new Date(`${date}T00:00:00Z`).getUTCDay() !== 6) continue;
      const year = await office('GET', `/v1/calendar/${date.slice(0, 4)}`);
      const workdays = (year.body.workdays ?? []) as { date: string }[];
      if (!workdays.some((w) => w.date === date)) return date;
    }
  }

  let cancelledId: string;
  it('calls a meeting at an odd offset, half past midnight on a Saturday, with warnings that the timelines note', async () => {
    const saturday = await nextSaturday();
    const friday = new Date(Date.parse(`${saturday}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const [month, day] = [Number(saturday.slice(5, 7)), Number(saturday.slice(8, 10))];
    // 09:30 at UTC-07:00 on Friday is 00:30 on Saturday in Beijing.
    const called = await office('POST', `/v1/cycles/${cycleId}/meetings`, {
      title: '作风建设专题联席会议',
      place: '区纪委监委三楼会议室',
      at: `${friday}T09:30:00-07:00`,
      confirmBy: inFuture(86_400_000),
    });

    expect(called.status).toBe(201);
    expect(called.body.at).toBe(`${friday}T16:30:00.000Z`);
    const warned = called.body.warnings as { field: string; message: string }[];
    expect(warned).toEqual(
      expect.arrayContaining([
        { field: 'body.at', message: `会议时间按UTC-07:00给出，折合北京时间为${month}月${day}日00:30，请核对` },
        { field: 'body.at', message: `会议日期${month}月${day}日为星期六，不是工作日` },
        { field: 'body.at', message: `会议时间${month}月${day}日00:30不在工作时间（8:00—18:00）内` },
      ]),
    );
    cancelledId = called.body.id;
    const meeting = await office('GET', `/v1/meetings/${cancelledId}`);
    expect(meeting.body.timeline[0].message).toContain(`召集时提示：${warned.map((w) => w.message).join('；')}`);
    expect(meeting.body.actions).toEqual(['cancel']);
    const cycle = await office('GET', `/v1/cycles/${cycleId}`);
    const calledEntry = (cycle.body.timeline as { kind: string; message: string }[]).find(
      (e) => e.kind === 'MEETING_CALLED' && e.message.includes(cancelledId),
    );
    expect(calledEntry?.message).toContain('召集时提示：会议时间按UTC-07:00给出');
    // An ordinary call warns of nothing.
    const plain = await office('POST', `/v1/cycles/${cycleId}/meetings`, {
      title: '专题联席会议',
      place: '区纪委监委会议室',
      at: inFuture(3_600_000),
      confirmBy: inFuture(60_000),
    });
    expect(plain.status).toBe(201);
    expect(Array.isArray(plain.body.warnings)).toBe(true);
    expect(plain.body.warnings.map((w: { message: string }) => w.message).join()).not.toMatch(/UTC/);
  });

  it('lets the office call off an ad-hoc meeting with a reason every member unit reads; then nothing more', async () => {
    const reason = '主要议题已提交区委常委会研究';
    expect((await dongguan('POST', `/v1/meetings/${cancelledId}/cancel`, { reason })).status).toBe(403);
    // A unit the meeting does not concern may not see it: as if it did not exist.
    expect((await village('POST', `/v1/meetings/${cancelledId}/cancel`, { reason })).status).toBe(404);
    expect((await dongguan('GET', `/v1/meetings/${cancelledId}`)).body.actions).toEqual(['attendance']);
    const blank = await office('POST', `/v1/meetings/${cancelledId}/cancel`, { reason: '  ' });
    expect(blank.status).toBe(400);
    expect(new Set(blank.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['body.reason']));
    expect((await office('POST', '/v1/meetings/district-1999-a1/cancel', { reason })).status).toBe(404);

    const cancelled = await office('POST', `/v1/meetings/${cancelledId}/cancel`, { reason });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'CANCELLED', cancelled: { by: 'p-huang-min', reason } });

    const shown = await eventually(async () => {
      const res = await dongguan('GET', `/v1/meetings/${cancelledId}`);
      return res.body.state === 'CANCELLED' ? res.body : undefined;
    });
    expect(shown.actions).toEqual([]);
    expect((await office('GET', `/v1/meetings/${cancelledId}`)).body.actions).toEqual([]);
    expect(shown.timeline.at(-1)).toMatchObject({
      kind: 'CANCELLED',
      message: `组织协调室取消会议，取消理由：${reason}`,
    });
    const notice = await eventually(async () => {
      const items = (await finance('GET', '/v1/inbox')).body.items as { kind: string; title: string; body: string }[];
      return items.find((n) => n.kind === 'MEETING_CANCELLED');
    });
    expect(notice.title).toBe('【会议取消】作风建设专题联席会议');
    expect(notice.body).toContain(`取消理由：${reason}。`);
    expect((await village('GET', '/v1/inbox')).body.items.map((n: { kind: string }) => n.kind)).not.toContain(
      'MEETING_CANCELLED',
    );

    const twice = await office('POST', `/v1/meetings/${cancelledId}/cancel`, { reason });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/会议已经取消/);
    const answer = await dongguan('POST', `/v1/meetings/${cancelledId}/attendance`, { attending: true });
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toMatch(/会议已经取消|会议已取消/);
    const audit = await office('GET', `/v1/audit?objectType=meeting&objectId=${cancelledId}&limit=50`);
    expect(
      (audit.body.items as { action: string; outcome: string; actorId: string }[])
        .filter((r) => r.action === 'meeting.cancel')
        .map((r) => `${r.outcome} ${r.actorId}`)
        .reverse(),
    ).toEqual(['REFUSED p-xie-hua', 'REFUSED p-lu-shuigen', 'DONE p-huang-min', 'REFUSED p-huang-min']);
  });

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
