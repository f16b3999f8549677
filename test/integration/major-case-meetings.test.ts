import { eventually } from '../support/http';
import { comparableAnswer, missingIdIn } from '../support/missing-id';
import { openThisYearsCycle, useTestStack, type ApiClient } from '../support/use-test-stack';

/**
 * The major-case coordination group's meetings (大要案协调小组, issue 18 part 4) over HTTP: convened by the office,
 * seen by the office and the group's members only (404 as absent for everyone else, lists and counts included),
 * every read audited, each member confirming in person, resolutions becoming tasks.
 */
describe('major-case coordination group meetings over HTTP', () => {
  const people = useTestStack({
    office: 'p-huang-min',
    qinHao: 'p-qin-hao', // 公安, ENFORCEMENT, a member
    zhengYu: 'p-zheng-yu', // 政法委书记, LEADER + GROUP, a member
    dingRui: 'p-ding-rui', // 公安 staff, ENFORCEMENT, not a member
    liJianguo: 'p-li-jianguo', // 领导小组组长, LEADER + GROUP, not a member
    fangLiang: 'p-fang-liang', // a responsible leader, not a member
    dongguan: 'p-xie-hua', // head of town-dongguan, a member unit of the joint meetings
    observer: 'p-bai-xue', // external supervisor
  });
  const { t, office, qinHao, zhengYu, dingRui } = people;
  type Who = Exclude<keyof typeof people, 't'>;
  const client = (who: Who): ApiClient => people[who];
  const UNSEEN: Who[] = ['dingRui', 'liJianguo', 'fangLiang', 'dongguan', 'observer'];
  let cycleId: string;
  let meetingId: string;
  /** The first call's times and referral, as a retry repeats them. */
  let first: Record<string, string>;
  /** The referral (移送) the group is convened on. */
  let referralId: string;

  const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();
  const callBody = () => ({
    title: '大要案协调小组会议',
    place: '区纪委监委保密会议室',
    at: inFuture(3_600_000),
    confirmBy: inFuture(1_800_000),
  });
  const convene = (extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    office(
      'POST',
      `/v1/cycles/${cycleId}/meetings`,
      {
        kind: 'MAJOR_CASE',
        title: '大要案协调小组会议',
        place: '区纪委监委保密会议室',
        at: inFuture(3_600_000),
        confirmBy: inFuture(1_800_000),
        topics: ['研究区住建局原局长涉嫌受贿案移送事宜'],
        ...extra,
      },
      headers,
    );
  const audited = async (requestId: string) =>
    (
      await t.db.pool.query<{ action: string; outcome: string; object_id: string | null; payload: unknown }>(
        'SELECT action, outcome, object_id, payload FROM audit_log WHERE request_id = $1 ORDER BY id',
        [requestId],
      )
    ).rows;

  beforeAll(async () => {
    cycleId = await openThisYearsCycle(office);
    const referral = await office('POST', '/v1/referrals', {
      title: '区住建局原局长涉嫌受贿案',
      parties: '王某，区住建局原局长',
      summary: '审查调查中发现王某涉嫌受贿，需移送检察机关审查起诉',
      receiverUnitId: 'enf-procuratorate',
    });
    expect(referral.status).toBe(201);
    referralId = referral.body.id;
    first = { referralId, at: inFuture(3_600_000), confirmBy: inFuture(1_800_000) };
    const called = await convene(first, { 'idempotency-key': 'mc-1' });
    expect(called.status).toBe(201);
    meetingId = called.body.id;
  });

  it('is convened on a referral of the organisation only (422 naming the field), which its members may then read', async () => {
    const unknown = await convene({ ...first, referralId: 'r-000000000000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'body.referralId', message: '移送不存在' }]);
    // Brought before the group, the referral is the members' to read (the police head is not its party).
    expect((await qinHao('GET', `/v1/referrals/${referralId}`)).status).toBe(200);
    expect((await zhengYu('GET', '/v1/referrals')).body.items.map((r: { id: string }) => r.id)).toEqual([referralId]);
    expect((await dingRui('GET', `/v1/referrals/${referralId}`)).status).toBe(404);
  });

  it('is convened by the office alone, once per Idempotency-Key, with the notice to each member in person', async () => {
    const again = await convene(first, { 'idempotency-key': 'mc-1' });
    expect(again.body.id).toBe(meetingId);
    expect(again.headers.get('location')).toBe(`/v1/meetings/${meetingId}`);
    expect(again.body).toMatchObject({ kind: 'MAJOR_CASE', cycleId });
    // Only the office convenes: an enforcement member sees no cycle (404), a leader member may not call (403).
    const body = { kind: 'MAJOR_CASE', title: '大要案协调小组会议', place: '会议室', ...first };
    expect((await qinHao('POST', `/v1/cycles/${cycleId}/meetings`, body)).status).toBe(404);
    expect((await zhengYu('POST', `/v1/cycles/${cycleId}/meetings`, body)).status).toBe(403);

    const { rows } = await t.db.pool.query<{ person_id: string }>(
      `SELECT DISTINCT person_id FROM notifications WHERE workflow_id = $1 ORDER BY person_id`,
      [`meeting:${meetingId}`],
    );
    expect(rows.map((r) => r.person_id)).toEqual([
      'p-lu-yan',
      'p-qin-hao',
      'p-zhao-zhiqiang',
      'p-zheng-yu',
      'p-zhou-min',
    ]);
    const { rows: cycleTimeline } = await t.db.pool.query(`SELECT message FROM cycle_timeline WHERE message LIKE $1`, [
      `%${meetingId}%`,
    ]);
    expect(cycleTimeline).toEqual([]);
  });

  it('shows the meeting to the office and its members, and to nobody else: 404 exactly as a missing one', async () => {
    const seen = await qinHao('GET', `/v1/meetings/${meetingId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      kind: 'MAJOR_CASE',
      referralId,
      invitedUnits: 0,
      invitedMembers: 5,
      actions: ['attendance'],
    });
    expect(seen.body.attendance.map((a: { personId: string }) => a.personId)).toEqual([
      'p-zhao-zhiqiang',
      'p-zheng-yu',
      'p-lu-yan',
      'p-qin-hao',
      'p-zhou-min',
    ]);
    expect((await zhengYu('GET', `/v1/meetings/${meetingId}`)).status).toBe(200);
    expect((await office('GET', `/v1/meetings/${meetingId}`)).body.actions).toEqual(['cancel']);

    const reference = missingIdIn('GET /v1/meetings/:id', `/v1/meetings/${meetingId}`);
    for (const who of UNSEEN) {
      const res = await client(who)('GET', `/v1/meetings/${meetingId}`);
      const missing = await client(who)('GET', reference.path);
      expect([who, res.status]).toEqual([who, 404]);
      expect(comparableAnswer(res, reference.id)).toEqual(comparableAnswer(missing, reference.missingId));
    }
  });

  it('lists and counts it for the office and its members only', async () => {
    const listed = async (who: Who) => {
      const res = await client(who)('GET', `/v1/meetings?limit=200`);
      return res.status === 200 ? (res.body.items as { id: string }[]).map((m) => m.id) : res.status;
    };
    expect(await listed('office')).toContain(meetingId);
    expect(await listed('zhengYu')).toContain(meetingId);
    const enforcement = await qinHao('GET', '/v1/meetings');
    expect(enforcement.body).toMatchObject({ total: 1, items: [{ id: meetingId, kind: 'MAJOR_CASE' }] });
    // Enforcement people list no meetings (403), unless members of the group: then theirs only.
    expect((await dingRui('GET', '/v1/meetings')).status).toBe(403);
    for (const who of ['liJianguo', 'fangLiang', 'dongguan'] as const) {
      expect([who, await listed(who)]).toEqual([who, expect.not.arrayContaining([meetingId])]);
    }
    // The leadership group sees every joint meeting, but not this one: its count is one less than the office's.
    const total = async (who: Who) => (await client(who)('GET', '/v1/meetings')).body.total as number;
    expect(await total('liJianguo')).toBe((await total('office')) - 1);
  });

  it('audits every read of it, seen or refused, and each list that showed it', async () => {
    await qinHao('GET', `/v1/meetings/${meetingId}`, undefined, { 'x-request-id': 'mc-read-qin' });
    await dingRui('GET', `/v1/meetings/${meetingId}`, undefined, { 'x-request-id': 'mc-read-ding' });
    await people.liJianguo('GET', `/v1/meetings/${meetingId}`, undefined, { 'x-request-id': 'mc-read-li' });
    await office('GET', '/v1/meetings', undefined, { 'x-request-id': 'mc-list-office' });
    await dingRui('GET', '/v1/meetings', undefined, { 'x-request-id': 'mc-list-ding' });

    const read = { action: 'majorCaseMeeting.read', object_id: meetingId };
    expect(await audited('mc-read-qin')).toEqual([expect.objectContaining({ ...read, outcome: 'DONE' })]);
    expect(await audited('mc-read-ding')).toEqual([expect.objectContaining({ ...read, outcome: 'REFUSED' })]);
    expect(await audited('mc-read-li')).toEqual([expect.objectContaining({ ...read, outcome: 'REFUSED' })]);
    expect(await audited('mc-list-office')).toEqual([
      expect.objectContaining({
        action: 'majorCaseMeeting.read',
        outcome: 'DONE',
        object_id: null,
        payload: { ids: expect.arrayContaining([meetingId]) },
      }),
    ]);
    expect(await audited('mc-list-ding')).toEqual([]);
  });

  it('takes each member’s answer in person: an enforcement member confirms, others are refused', async () => {
    const answer = { attending: true, attendee: '丁锐（侦查员）' };
    const confirmed = await qinHao('POST', `/v1/meetings/${meetingId}/attendance`, answer);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.attendance).toMatchObject({
      personId: 'p-qin-hao',
      unitId: 'enf-police',
      status: 'CONFIRMED',
    });
    expect((await qinHao('POST', `/v1/meetings/${meetingId}/attendance`, answer)).status).toBe(409);
    const noReason = await zhengYu('POST', `/v1/meetings/${meetingId}/attendance`, { attending: false });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([{ field: 'body.reason', message: '不参会时必填' }]);
    expect((await office('POST', `/v1/meetings/${meetingId}/attendance`, answer)).status).toBe(403);
    for (const who of UNSEEN) {
      const res = await client(who)('POST', `/v1/meetings/${meetingId}/attendance`, answer);
      expect([who, res.status]).toEqual([who, 404]);
    }
    expect((await qinHao('POST', `/v1/meetings/${meetingId}/minutes`, { minutes: '纪要' })).status).toBe(403);
    expect((await qinHao('POST', `/v1/meetings/${meetingId}/cancel`, { reason: '无' })).status).toBe(403);
    expect((await people.liJianguo('POST', `/v1/meetings/${meetingId}/cancel`, { reason: '无' })).status).toBe(404);
  });

  /**
   * The authorisation matrix of a MAJOR_CASE meeting: every route that reaches one × members (an enforcement member, a
   * leader member) and non-members (an enforcement person, the leadership group, a leader, a unit, an observer).
   * `listed`: in the caller's `GET /v1/meetings`. Rows run in this order; each row's meeting is its own (a fresh one,
   * still taking answers), and the office's call-off comes last in its row.
   */
  const MATRIX: Record<
    string,
    { request: (id: string) => [string, string, unknown?]; expect: Record<Who, number | 'listed' | 'unlisted'> }
  > = {
    'POST /v1/cycles/:id/meetings (kind MAJOR_CASE)': {
      request: () => ['POST', `/v1/cycles/${cycleId}/meetings`, { ...callBody(), kind: 'MAJOR_CASE' }],
      expect: {
        office: 201,
        qinHao: 404,
        zhengYu: 403,
        dingRui: 404,
        liJianguo: 403,
        fangLiang: 403,
        dongguan: 403,
        observer: 404,
      },
    },
    'GET /v1/meetings': {
      request: () => ['GET', '/v1/meetings?limit=200'],
      expect: {
        office: 'listed',
        qinHao: 'listed',
        zhengYu: 'listed',
        dingRui: 403,
        liJianguo: 'unlisted',
        fangLiang: 'unlisted',
        dongguan: 'unlisted',
        observer: 403,
      },
    },
    'GET /v1/meetings/:id': {
      request: (id) => ['GET', `/v1/meetings/${id}`],
      expect: {
        office: 200,
        qinHao: 200,
        zhengYu: 200,
        dingRui: 404,
        liJianguo: 404,
        fangLiang: 404,
        dongguan: 404,
        observer: 404,
      },
    },
    'POST /v1/meetings/:id/attendance': {
      request: (id) => ['POST', `/v1/meetings/${id}/attendance`, { attending: true }],
      expect: {
        office: 403,
        qinHao: 200,
        zhengYu: 200,
        dingRui: 404,
        liJianguo: 404,
        fangLiang: 404,
        dongguan: 404,
        observer: 404,
      },
    },
    'POST /v1/meetings/:id/minutes': {
      // Not held yet: the office is refused by the meeting's state (409), not by the policy.
      request: (id) => ['POST', `/v1/meetings/${id}/minutes`, { minutes: '纪要', resolutions: [] }],
      expect: {
        office: 409,
        qinHao: 403,
        zhengYu: 403,
        dingRui: 404,
        liJianguo: 404,
        fangLiang: 404,
        dongguan: 404,
        observer: 404,
      },
    },
    'POST /v1/meetings/:id/cancel': {
      request: (id) => ['POST', `/v1/meetings/${id}/cancel`, { reason: '案件已另行协调' }],
      expect: {
        qinHao: 403,
        zhengYu: 403,
        dingRui: 404,
        liJianguo: 404,
        fangLiang: 404,
        dongguan: 404,
        observer: 404,
        office: 200,
      },
    },
  };
  const rowMeetings = new Map<string, Promise<string>>();
  const meetingOfRow = (route: string) => {
    if (!rowMeetings.has(route))
      rowMeetings.set(
        route,
        convene().then((r) => r.body.id as string),
      );
    return rowMeetings.get(route)!;
  };
  const matrixCases = Object.entries(MATRIX).flatMap(([route, row]) =>
    (Object.keys(row.expect) as Who[]).map((who) => [route, who, row.expect[who]] as const),
  );

  it.each(matrixCases)('%s as %s answers %s', async (route, who, expected) => {
    const id = await meetingOfRow(route);
    const [method, path, body] = MATRIX[route]!.request(id);
    const requestId = `mc-matrix-${route.replace(/\W+/g, '-')}-${who}`;

    const res = await client(who)(method, path, body, { 'x-request-id': requestId });

    if (expected === 'listed' || expected === 'unlisted') {
      expect(res.status).toBe(200);
      const ids = (res.body.items as { id: string }[]).map((m) => m.id);
      expect(ids.includes(id)).toBe(expected === 'listed');
      return;
    }
    expect(res.status).toBe(expected);
    if (expected === 404 && path.includes(id)) {
      // What the caller may not see answers exactly as a missing meeting does.
      const reference = missingIdIn(`${method} /v1/meetings/:id`, path);
      const missing = await client(who)(method, reference.path, body);
      expect(comparableAnswer(res, reference.id)).toEqual(comparableAnswer(missing, reference.missingId));
    }
    // A refused action is audited; so is any read of the meeting, seen or refused.
    const read = method === 'GET' && path.includes(id);
    if (read || (method !== 'GET' && path.includes(id) && expected >= 400)) {
      expect(await audited(requestId)).toEqual([
        expect.objectContaining({ object_id: id, outcome: expected < 300 ? 'DONE' : 'REFUSED' }),
      ]);
    }
  });

  it('runs to its minutes, whose resolution becomes a supervised task; nothing of it reaches a unit’s meetings', async () => {
    const called = await convene({ at: inFuture(9_000), confirmBy: inFuture(7_000), topics: ['研究线索移送'] });
    expect(called.status).toBe(201);
    const id = called.body.id as string;
    expect((await qinHao('POST', `/v1/meetings/${id}/attendance`, { attending: true })).status).toBe(200);
    await eventually(async () =>
      (await office('GET', `/v1/meetings/${id}`)).body.state === 'HELD' ? true : undefined,
    );
    const held = await qinHao('GET', `/v1/meetings/${id}`);
    // Its agenda is its topics: no status report of the cycle (the API's agenda, which always has one, stays null).
    expect(held.body).toMatchObject({ agenda: null, topics: ['研究线索移送'] });

    const minuted = await office('POST', `/v1/meetings/${id}/minutes`, {
      minutes: '会议形成协调意见：由区住建局配合调取档案。',
      resolutions: [
        {
          title: '区住建局配合调取工程项目审批档案',
          leadUnitId: 'dept-housing',
          coUnitIds: [],
          leaderId: 'p-wang-hongmei',
          requirements: '按协调意见调取并移交相关档案',
          standard: '档案移交清单经组织协调室确认',
          workingDays: 5,
        },
      ],
    });
    expect(minuted.status).toBe(200);
    expect(minuted.body.resolutions).toEqual([
      { seq: 1, title: '区住建局配合调取工程项目审批档案', taskId: `${id}-1` },
    ]);
    const task = await eventually(async () => {
      const res = await office('GET', `/v1/tasks/${id}-1`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(task).toMatchObject({ type: 'MEETING_RESOLUTION', leadUnitId: 'dept-housing', state: 'ASSIGNED' });
    const { rows } = await t.db.pool.query('SELECT 1 FROM meeting_attendance WHERE meeting_id = $1', [id]);
    expect(rows).toEqual([]);
  });
});
