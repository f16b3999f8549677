import { caseTeamBody } from '../support/case-team-fixtures';
import { eventually } from '../support/http';
import { useTestStack } from '../support/use-test-stack';

describe('case teams (办案组) over HTTP', () => {
  const { t, office, dongguan, yuHong, xicheng, nanhu, hekou, group } = useTestStack({
    office: 'p-huang-min',
    dongguan: 'p-xie-hua', // head of town-dongguan
    yuHong: 'p-yu-hong', // staff of town-dongguan
    xicheng: 'p-han-bing', // head of town-xicheng
    nanhu: 'p-shi-jia', // staff of town-nanhu, the unit the case concerns
    hekou: 'p-lu-shuigen', // head of village-hekou, not in the zone
    group: 'p-li-jianguo', // leadership group
  });
  const body = caseTeamBody();
  let teamId: string;
  let dongguanSeat: string;
  let xichengSeat: string;

  /** The audit rows of reads of case teams and secondments by `actorId`, newest last. */
  const readsBy = async (actorId: string, action: string) =>
    (
      await t.db.pool.query<{ object_id: string | null; outcome: string; payload: { ids?: string[] } | null }>(
        `SELECT object_id, outcome, payload FROM audit_log WHERE actor_id = $1 AND action = $2 ORDER BY id`,
        [actorId, action],
      )
    ).rows;

  it('opens a team, once per Idempotency-Key, and refuses a unit the case concerns, an unknown zone and a reversed period', async () => {
    const opened = await office('POST', '/v1/case-teams', body, { 'idempotency-key': 'team-1' });
    expect(opened.status).toBe(201);
    expect(opened.headers.get('location')).toBe(`/v1/case-teams/${opened.body.id}`);
    teamId = opened.body.id;
    expect(opened.body.secondments.map((s: { unitId: string }) => s.unitId)).toEqual(['town-dongguan', 'town-xicheng']);
    [dongguanSeat, xichengSeat] = opened.body.secondments.map((s: { id: string }) => s.id);
    expect((await office('POST', '/v1/case-teams', body, { 'idempotency-key': 'team-1' })).body.id).toBe(teamId);

    const refused = await office('POST', '/v1/case-teams', {
      ...body,
      units: [
        { unitId: 'town-nanhu' },
        { unitId: 'dept-finance' },
        { unitId: 'town-dongguan', personId: 'p-han-bing' },
      ],
      endDate: '2020-01-01',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { field: 'body.endDate', message: '不能早于开始日期' },
      { field: 'body.units[0].unitId', message: '与本案有关，应当回避' },
      { field: 'body.units[1].unitId', message: '不是本协作区可抽调的成员单位' },
      { field: 'body.units[2].personId', message: '不是该单位人员' },
    ]);
    const tooMany = await office('POST', '/v1/case-teams', {
      ...body,
      skills: [
        { skill: '财务审计', count: 20 },
        { skill: '纪检监察', count: 20 },
        { skill: '法律', count: 20 },
      ],
      startDate: '2020-01-01',
      endDate: '2020-01-31',
    });
    expect(tooMany.body.errors).toEqual([
      { field: 'body.endDate', message: '结束日期已过' },
      { field: 'body.skills', message: '一次最多抽调50人' },
    ]);
    const noZone = await office('POST', '/v1/case-teams', { ...body, zoneId: 'zone-9' });
    expect(noZone.body.errors).toEqual([{ field: 'body.zoneId', message: '协作区不存在' }]);
    expect((await dongguan('POST', '/v1/case-teams', body)).status).toBe(403);
    expect((await group('POST', '/v1/case-teams', body)).status).toBe(403);
  });

  it('asks every member unit of the zone but the one the case concerns when the office names none', async () => {
    const { units: _chosen, ...zoneWide } = body;
    const opened = await office('POST', '/v1/case-teams', { ...zoneWide, skills: [{ skill: '纪检监察', count: 5 }] });
    expect(opened.status).toBe(201);
    expect(opened.body.secondments.map((s: { unitId: string }) => s.unitId)).toEqual([
      'dept-health',
      'dept-organisation',
      'dept-publicity',
      'town-dongguan',
      'town-xicheng',
    ]);
    const release = await office('POST', `/v1/case-teams/${opened.body.id}/release`, { reason: '测试结束' });
    expect(release.status).toBe(200);
  });

  it('shows a unit its own secondment request without the case, and not the team', async () => {
    const list = await xicheng('GET', '/v1/secondments');
    expect(list.status).toBe(200);
    const mine = list.body.items.find((s: { id: string }) => s.id === xichengSeat);
    expect(mine).toMatchObject({
      teamId,
      unitId: 'town-xicheng',
      zoneName: '第一协作区',
      skill: '财务审计',
      startDate: body.startDate,
      endDate: body.endDate,
      state: 'REQUESTED',
      late: false,
      actions: ['nominate'],
    });
    expect(JSON.stringify(list.body)).not.toContain('纪协');
    expect(list.body.items.every((s: { unitId: string }) => s.unitId === 'town-xicheng')).toBe(true);
    const detail = await xicheng('GET', `/v1/secondments/${xichengSeat}`);
    expect(detail.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['SECONDMENT_REQUESTED']);
    expect(JSON.stringify(detail.body)).not.toContain('纪协');
    // The team itself (its case, its roster) is not there for the unit, nor another unit's request.
    const team = await xicheng('GET', `/v1/case-teams/${teamId}`);
    const missing = await xicheng('GET', '/v1/case-teams/ct-000000000000');
    expect(team.status).toBe(404);
    expect(team.body.detail).toBe(missing.body.detail);
    expect((await xicheng('GET', `/v1/secondments/${dongguanSeat}`)).status).toBe(404);
    expect((await hekou('GET', '/v1/secondments')).body.items).toEqual([]);
    expect((await group('GET', '/v1/case-teams')).status).toBe(403);
  });

  it('lets a unit name its person, refuses one of the unit the case concerns, and shows the team to the confirmed member', async () => {
    const concerned = await dongguan('POST', `/v1/secondments/${dongguanSeat}/nominate`, { personId: 'p-shi-jia' });
    expect(concerned.status).toBe(409);
    expect(concerned.body.detail).toMatch(/应当回避/);
    const named = await dongguan('POST', `/v1/secondments/${dongguanSeat}/nominate`, { personId: 'p-yu-hong' });
    expect(named.body).toMatchObject({ state: 'NAMED', personId: 'p-yu-hong', late: false });
    expect((await yuHong('GET', `/v1/case-teams/${teamId}`)).status).toBe(404); // not yet confirmed
    const confirmed = await office('POST', `/v1/secondments/${dongguanSeat}/confirm`, {});
    expect(confirmed.body).toMatchObject({ state: 'CONFIRMED', personId: 'p-yu-hong' });

    const seen = await yuHong('GET', `/v1/case-teams/${teamId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ caseRef: body.caseRef, state: 'OPEN', actions: [] });
    // A member reads the roster: the confirmed seats only, not the requests still open.
    expect(seen.body.secondments.map((s: { personId: string }) => s.personId)).toEqual(['p-yu-hong']);
    const byOffice = await office('GET', `/v1/case-teams/${teamId}`);
    expect(byOffice.body.actions).toEqual(['extend', 'release']);
    expect(byOffice.body.secondments.map((s: { state: string }) => s.state)).toEqual(['CONFIRMED', 'REQUESTED']);
    const roster = await t.db.pool.query('SELECT person_id, unit_id FROM case_team_members WHERE team_id = $1', [
      teamId,
    ]);
    expect(roster.rows).toEqual([{ person_id: 'p-yu-hong', unit_id: 'town-dongguan' }]);
    expect((await nanhu('GET', `/v1/case-teams/${teamId}`)).status).toBe(404);
  });

  it('audits every read of a team or a secondment, lists with the ids shown, refusals too', async () => {
    await yuHong('GET', '/v1/case-teams');
    const lists = await readsBy('p-yu-hong', 'caseTeam.read');
    expect(lists.at(-1)).toMatchObject({ object_id: null, outcome: 'DONE', payload: { ids: [teamId] } });
    expect(lists.filter((r) => r.object_id === teamId).map((r) => r.outcome)).toEqual(['REFUSED', 'DONE']);
    const byUnit = await readsBy('p-han-bing', 'caseTeam.read');
    expect(byUnit.map((r) => [r.object_id, r.outcome])).toEqual([
      [teamId, 'REFUSED'],
      ['ct-000000000000', 'REFUSED'],
    ]);
    const seatReads = await readsBy('p-han-bing', 'secondment.read');
    expect(seatReads.map((r) => [r.object_id, r.outcome])).toEqual([
      [null, 'DONE'],
      [xichengSeat, 'DONE'],
      [dongguanSeat, 'REFUSED'],
    ]);
    expect(seatReads[0]!.payload!.ids).toContain(xichengSeat);
  });

  it('takes a member off the team when they declare a conflict, asks the unit again, and releases the team early', async () => {
    expect(
      (await dongguan('POST', `/v1/secondments/${dongguanSeat}/declare-conflict`, { reason: '代为声明' })).status,
    ).toBe(403);
    const recused = await yuHong('POST', `/v1/secondments/${dongguanSeat}/declare-conflict`, {
      reason: '本人与被审查人系近亲属',
    });
    expect(recused.body).toMatchObject({ state: 'REQUESTED', round: 1, personId: null });
    expect((await yuHong('GET', `/v1/case-teams/${teamId}`)).status).toBe(404);
    const again = await dongguan('GET', `/v1/secondments/${dongguanSeat}`);
    expect(again.body).toMatchObject({ state: 'REQUESTED', recused: ['p-yu-hong'], actions: ['nominate'] });
    expect(JSON.stringify(again.body.timeline)).not.toContain('近亲属');
    await dongguan('POST', `/v1/secondments/${dongguanSeat}/nominate`, { personId: 'p-xie-hua' });
    await office('POST', `/v1/secondments/${dongguanSeat}/confirm`, {});

    const early = await office('POST', `/v1/case-teams/${teamId}/extend`, { endDate: body.startDate, reason: '延长' });
    expect(early.status).toBe(409);
    const released = await office('POST', `/v1/case-teams/${teamId}/release`, { reason: '案件已移送审理' });
    expect(released.body).toMatchObject({ state: 'RELEASED', releasedAt: expect.any(String) });
    const roster = await eventually(async () => {
      const { rows } = await t.db.pool.query(
        'SELECT person_id, released_at IS NOT NULL AS released FROM case_team_members WHERE team_id = $1',
        [teamId],
      );
      return rows[0]?.released ? rows : undefined;
    });
    expect(roster).toEqual([{ person_id: 'p-xie-hua', released: true }]);
    const notified = await t.db.pool.query(
      `SELECT DISTINCT person_id FROM notifications WHERE workflow_id = $1 AND kind = 'CASE_TEAM_RELEASED' ORDER BY 1`,
      [`case-team:${teamId}`],
    );
    expect(notified.rows.map((r) => r.person_id)).toEqual(
      ['p-han-bing', 'p-huang-min', 'p-xie-hua', 'p-yang-fan', 'p-zhang-wei'].sort(),
    );
    const xichengView = await xicheng('GET', `/v1/secondments/${xichengSeat}`);
    expect(xichengView.body).toMatchObject({ state: 'WITHDRAWN', teamState: 'RELEASED', actions: [] });
  });
});
