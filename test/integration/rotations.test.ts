import { addMonths } from '../../procedures/rotation/windows';
import { localDate } from '../../procedures/time/working-days';
import { useTestStack } from '../support/use-test-stack';

/** The first day of the month after next, and the last day of a window of `months` from `start`. */
const firstStart = () => `${addMonths(localDate(new Date()), 2).slice(0, 7)}-01`;
const lastDay = (start: string, months: number) =>
  new Date(Date.parse(`${addMonths(start, months)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('rotation plans (轮训) over HTTP', () => {
  const { t, office, hekou, dongguan, yuHong, xicheng, fangLiang, shiJia, group, observer, enforcement } = useTestStack(
    {
      office: 'p-huang-min',
      hekou: 'p-lu-shuigen', // head of village-hekou
      dongguan: 'p-xie-hua', // head of town-dongguan
      yuHong: 'p-yu-hong', // staff of town-dongguan, a trainee
      xicheng: 'p-han-bing', // head of town-xicheng, with no window
      fangLiang: 'p-fang-liang', // responsible leader of village-hekou
      shiJia: 'p-shi-jia', // responsible leader of another village
      group: 'p-li-jianguo',
      observer: 'p-bai-xue',
      enforcement: 'p-ding-rui',
    },
  );
  const s = firstStart();
  const later = addMonths(s, 1);
  let planId: string;

  it('makes the plan once per year and refuses bad windows, naming each field', async () => {
    const bad = await office('POST', '/v1/rotations', {
      year: 2031,
      windows: [
        { personId: 'p-yu-hong', unitId: 'village-hekou', start: s, end: lastDay(s, 2) },
        { personId: 'p-xie-hua', unitId: 'town-dongguan', start: s, end: lastDay(s, 7) },
        { personId: 'p-huang-min', unitId: 'office', start: '2020-01-01', end: '2020-02-29' },
        { personId: 'p-lu-shuigen', unitId: 'village-hekou', start: s, end: lastDay(s, 2) },
        { personId: 'p-lu-shuigen', unitId: 'village-hekou', start: later, end: lastDay(later, 2) },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { field: 'body.windows[0].personId', message: '不是该单位的人员' },
      { field: 'body.windows[1].end', message: expect.stringContaining('轮训时段应为2至6个月') },
      { field: 'body.windows[2].unitId', message: '不是责任单位' },
      { field: 'body.windows[2].start', message: '开始日期（2020-01-01）已过' },
      { field: 'body.windows[4].start', message: '与第4个时段重叠（同一人员）' },
    ]);
    expect((await office('POST', '/v1/rotations', { year: 2031, windows: [] })).status).toBe(400);
    expect(
      (
        await dongguan('POST', '/v1/rotations', {
          year: 2031,
          windows: [{ personId: 'p-yu-hong', unitId: 'town-dongguan', start: s, end: lastDay(s, 2) }],
        })
      ).status,
    ).toBe(403);

    const body = {
      year: 2031,
      confirmWorkingDays: 3,
      windows: [
        { personId: 'p-lu-shuigen', unitId: 'village-hekou', start: s, end: lastDay(s, 2) },
        { personId: 'p-yu-hong', unitId: 'town-dongguan', start: s, end: lastDay(s, 3) },
      ],
    };
    const made = await office('POST', '/v1/rotations', body);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ id: 'district-2031', workflowId: 'rotation:district:2031', state: 'OPEN' });
    expect(made.headers.get('location')).toBe('/v1/rotations/district-2031');
    planId = made.body.id;
    expect((await office('POST', '/v1/rotations', body)).status).toBe(409);
  });

  it('shows each unit its own windows, a leader their units’, the office and the group all', async () => {
    const windowsOf = async (client: typeof office) => {
      const res = await client('GET', `/v1/rotations/${planId}`);
      return res.status === 200 ? res.body.windows.map((w: { windowId: string }) => w.windowId) : res.status;
    };
    expect(await windowsOf(office)).toEqual(['w1', 'w2']);
    expect(await windowsOf(group)).toEqual(['w1', 'w2']);
    expect(await windowsOf(hekou)).toEqual(['w1']);
    expect(await windowsOf(dongguan)).toEqual(['w2']);
    expect(await windowsOf(fangLiang)).toEqual(['w1']);
    expect(await windowsOf(xicheng)).toBe(404);
    expect(await windowsOf(shiJia)).toBe(404);
    expect(await windowsOf(observer)).toBe(404);
    expect(await windowsOf(enforcement)).toBe(404);

    const hekouView = await hekou('GET', `/v1/rotations/${planId}`);
    expect(hekouView.body.actions.sort()).toEqual(['confirm', 'swap']);
    expect(hekouView.body.windows[0]).toMatchObject({
      personName: '陆水根',
      unitName: '柳河镇河口村',
      state: 'PENDING',
    });
    expect((await office('GET', `/v1/rotations/${planId}`)).body.actions.sort()).toEqual([
      'early-end',
      'swap-decision',
    ]);

    const listed = await dongguan('GET', '/v1/rotations');
    expect(
      listed.body.items.map((r: { id: string; windows: { windowId: string }[] }) => [
        r.id,
        r.windows.map((w) => w.windowId),
      ]),
    ).toEqual([[planId, ['w2']]]);
    expect((await xicheng('GET', '/v1/rotations')).body.items).toEqual([]);
    expect((await observer('GET', '/v1/rotations')).status).toBe(403);
  });

  it('takes a confirmation, a swap request with its decision, and refuses another unit’s confirmation', async () => {
    expect((await dongguan('POST', `/v1/rotations/${planId}/confirm`, { windowId: 'w1' })).status).toBe(403);
    expect((await xicheng('POST', `/v1/rotations/${planId}/confirm`, { windowId: 'w1' })).status).toBe(404);
    const confirmed = await hekou('POST', `/v1/rotations/${planId}/confirm`, { windowId: 'w1' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.window).toMatchObject({
      state: 'CONFIRMED',
      confirmedBy: 'p-lu-shuigen',
      confirmedLate: false,
    });
    expect((await hekou('POST', `/v1/rotations/${planId}/confirm`, { windowId: 'w1' })).status).toBe(409);

    const notOfUnit = await dongguan('POST', `/v1/rotations/${planId}/swap`, {
      windowId: 'w2',
      personId: 'p-lu-shuigen',
      reason: '换人',
    });
    expect(notOfUnit.status).toBe(422);
    expect(notOfUnit.body.errors).toEqual([{ field: 'body.personId', message: '不是该单位的人员' }]);
    const swap = await dongguan('POST', `/v1/rotations/${planId}/swap`, {
      windowId: 'w2',
      personId: 'p-xie-hua',
      start: later,
      end: lastDay(later, 2),
      reason: '于红同志承担换届工作',
    });
    expect(swap.status).toBe(200);
    expect(swap.body.window.state).toBe('SWAP_REQUESTED');
    expect(
      (await dongguan('POST', `/v1/rotations/${planId}/swap-decision`, { windowId: 'w2', approve: true })).status,
    ).toBe(403);
    const decided = await office('POST', `/v1/rotations/${planId}/swap-decision`, { windowId: 'w2', approve: true });
    expect(decided.body.window).toMatchObject({ state: 'CONFIRMED', personId: 'p-xie-hua', start: later });

    const detail = await office('GET', `/v1/rotations/${planId}`);
    expect(detail.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'CREATED',
      'CONFIRMED',
      'SWAP_REQUESTED',
      'SWAP_DECIDED',
    ]);
    const hekouTimeline = (await hekou('GET', `/v1/rotations/${planId}`)).body.timeline;
    expect(hekouTimeline.map((e: { kind: string }) => e.kind)).toEqual(['CREATED', 'CONFIRMED']);
  });

  it('shows a trainee’s cases to the office and the trainee, their count to the unit and its leader, and audits each read', async () => {
    // A window served last year (as the workflow records it), and the case teams the trainee joined in it and after.
    const { pool } = t.db;
    await pool.query(
      `INSERT INTO rotation_plans (id, workflow_id, org_id, year, state, created_by, created_at, due_at, escalate_at, version)
       VALUES ('district-2020', 'rotation:district:2020', 'district', 2020, 'CLOSED', 'p-huang-min', '2020-01-02', '2020-01-10', '2020-01-15', 9)`,
    );
    await pool.query(
      `INSERT INTO rotation_windows (plan_id, window_id, org_id, person_id, unit_id, start_date, end_date, original, state,
         due_at, answered_at, confirmed_at, started_at, ended_at, version)
       VALUES ('district-2020', 'w1', 'district', 'p-yu-hong', 'town-dongguan', '2020-03-01', '2020-04-30', '{}', 'FINISHED',
         '2020-01-10', '2020-01-05', '2020-01-05', '2020-02-29T16:00:00Z', '2020-04-30T16:00:00Z', 9)`,
    );
    await pool.query(
      `INSERT INTO case_team_members (team_id, person_id, unit_id, org_id, case_ref, joined_at, released_at) VALUES
         ('team-a', 'p-yu-hong', 'town-dongguan', 'district', '东纪案〔2020〕3号', '2020-03-05T02:00:00Z', '2020-04-01T02:00:00Z'),
         ('team-b', 'p-yu-hong', 'town-dongguan', 'district', '东纪案〔2020〕7号', '2020-04-20T02:00:00Z', NULL),
         ('team-c', 'p-yu-hong', 'town-dongguan', 'district', '东纪案〔2020〕9号', '2020-05-03T02:00:00Z', NULL)`,
    );
    const path = '/v1/people/p-yu-hong/rotation-record';
    const full = await office('GET', path);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ personName: '于红', unitName: '东关街道', caseRefsShown: true });
    const served = full.body.windows.find((w: { planId: string }) => w.planId === 'district-2020');
    expect(served).toMatchObject({ state: 'FINISHED', caseCount: 2 });
    expect(served.cases.map((c: { caseRef: string }) => c.caseRef)).toEqual(['东纪案〔2020〕3号', '东纪案〔2020〕7号']);
    expect((await yuHong('GET', path)).body.caseRefsShown).toBe(true);

    for (const client of [dongguan, group]) {
      const counted = await client('GET', path);
      expect(counted.status).toBe(200);
      expect(counted.body.caseRefsShown).toBe(false);
      const w = counted.body.windows.find((x: { planId: string }) => x.planId === 'district-2020');
      expect(w).toMatchObject({ caseCount: 2, cases: null });
      expect(JSON.stringify(counted.body)).not.toContain('东纪案');
    }
    expect((await hekou('GET', path)).status).toBe(404);
    expect((await shiJia('GET', path)).status).toBe(404);
    expect((await observer('GET', path)).status).toBe(404);
    expect((await office('GET', '/v1/people/p-nobody/rotation-record')).status).toBe(404);

    const { rows } = await pool.query<{ actor_id: string; outcome: string; payload: { caseRefs?: boolean } | null }>(
      `SELECT actor_id, outcome, payload FROM audit_log WHERE action = 'rotationRecord.read' AND object_id = 'p-yu-hong'
       ORDER BY id`,
    );
    expect(rows.map((r) => [r.actor_id, r.outcome, r.payload?.caseRefs ?? null])).toEqual([
      ['p-huang-min', 'DONE', true],
      ['p-yu-hong', 'DONE', true],
      ['p-xie-hua', 'DONE', false],
      ['p-li-jianguo', 'DONE', false],
      ['p-lu-shuigen', 'REFUSED', null],
      ['p-shi-jia', 'REFUSED', null],
      ['p-bai-xue', 'REFUSED', null],
    ]);
  });

  it('records an absence by the office only', async () => {
    expect((await hekou('POST', `/v1/rotations/${planId}/early-end`, { windowId: 'w1', reason: '病休' })).status).toBe(
      403,
    );
    const ended = await office('POST', `/v1/rotations/${planId}/early-end`, { windowId: 'w1', reason: '本人病休' });
    expect(ended.status).toBe(200);
    expect(ended.body.window).toMatchObject({ state: 'ABSENT', endReason: '本人病休' });
  });
});
