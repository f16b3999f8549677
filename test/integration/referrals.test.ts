import { eventually } from '../support/http';
import { useTestStack } from '../support/use-test-stack';

describe('referrals (移送) over HTTP', () => {
  const { t, office, police, policeHead, court, audit, zhao, group, hekou, observer } = useTestStack({
    office: 'p-huang-min',
    police: 'p-ding-rui', // staff of enf-police (区公安分局经侦大队)
    policeHead: 'p-qin-hao', // head of enf-police, also on the major-case coordination group
    court: 'p-lu-yan', // head of enf-court, on the major-case group
    audit: 'p-sun-li', // head of enf-audit (区审计局), not on the major-case group
    zhao: 'p-zhao-zhiqiang', // the commission's secretary: leader, group member, on the major-case group
    group: 'p-li-jianguo', // leadership group, not on the major-case group
    hekou: 'p-lu-shuigen', // head of village-hekou, a responsible unit
    observer: 'p-bai-xue',
  });
  let toPolice: string;
  let clue: string;

  const matter = {
    title: '某街道原财政所长涉嫌挪用公款问题',
    parties: '张某，东关街道原财政所所长',
    summary: '审查调查中发现张某涉嫌挪用公款，数额较大',
    dates: [{ label: '立案日期', date: '2026-11-20' }],
  };
  const ids = (res: { body: Record<string, unknown> }) => (res.body.items as { id: string }[]).map((r) => r.id).sort();
  const readsAudited = async (personId: string) =>
    (
      await t.db.pool.query<{ object_id: string | null; payload: { ids?: string[] }; outcome: string }>(
        `SELECT object_id, payload, outcome FROM audit_log WHERE actor_id = $1 AND action = 'referral.read' ORDER BY id`,
        [personId],
      )
    ).rows;

  it('lets the office refer a matter to an enforcement unit and an enforcement unit refer a clue to the commission', async () => {
    const sent = await office('POST', '/v1/referrals', { ...matter, receiverUnitId: 'enf-police' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      direction: 'TO_ENFORCEMENT',
      state: 'SENT',
      acceptanceDueAt: expect.any(String),
    });
    expect(sent.headers.get('location')).toBe(`/v1/referrals/${sent.body.id}`);
    toPolice = sent.body.id;

    const fromAudit = await audit('POST', '/v1/referrals', {
      title: '审计发现某局干部违规发放津补贴问题线索',
      parties: '李某，某局副局长',
      summary: '2025年度预算执行审计中发现',
    });
    expect(fromAudit.status).toBe(201);
    expect(fromAudit.body.direction).toBe('TO_COMMISSION');
    clue = fromAudit.body.id;

    const wrong = await office('POST', '/v1/referrals', { ...matter, receiverUnitId: 'town-dongguan' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([
      { field: 'body.receiverUnitId', message: '不是执纪执法协作单位（公检法、审计）' },
    ]);
    const elsewhere = await police('POST', '/v1/referrals', { ...matter, receiverUnitId: 'enf-court' });
    expect(elsewhere.status).toBe(422);
    expect((await hekou('POST', '/v1/referrals', matter)).status).toBe(403);
    expect((await group('POST', '/v1/referrals', matter)).status).toBe(403);
  });

  it('shows a referral only to the office, its own enforcement unit and the major-case group: 404 to everyone else', async () => {
    const seen = await police('GET', `/v1/referrals/${toPolice}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ receiverUnitName: '区公安分局经侦大队', senderUnitId: 'office', state: 'SENT' });
    expect(seen.body.actions.sort()).toEqual(['accept', 'return']);
    expect(seen.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['SENT']);
    expect((await office('GET', `/v1/referrals/${toPolice}`)).body.actions.sort()).toEqual(['access', 'opinions']);
    // The major-case group's members read it only once it comes before the group (its second rung, or a meeting).
    expect((await zhao('GET', `/v1/referrals/${toPolice}`)).status).toBe(404);
    expect((await court('GET', `/v1/referrals/${toPolice}`)).status).toBe(404);

    const missing = await audit('GET', '/v1/referrals/r-000000000000');
    const unseen = await audit('GET', `/v1/referrals/${toPolice}`);
    expect(unseen.status).toBe(404);
    expect(unseen.body.detail).toBe(missing.body.detail);
    expect((await group('GET', `/v1/referrals/${toPolice}`)).status).toBe(404);
    expect((await hekou('GET', `/v1/referrals/${toPolice}`)).status).toBe(404);
    expect((await observer('GET', `/v1/referrals/${toPolice}`)).status).toBe(404);
    expect((await police('GET', `/v1/referrals/${clue}`)).status).toBe(404);
    expect((await audit('POST', `/v1/referrals/${toPolice}/accept`, {})).status).toBe(404);

    expect(ids(await office('GET', '/v1/referrals'))).toEqual([toPolice, clue].sort());
    expect(ids(await police('GET', '/v1/referrals'))).toEqual([toPolice]);
    expect(ids(await audit('GET', '/v1/referrals'))).toEqual([clue]);
    expect(ids(await zhao('GET', '/v1/referrals'))).toEqual([]);
    expect(ids(await group('GET', '/v1/referrals'))).toEqual([]);
    expect((await observer('GET', '/v1/referrals')).status).toBe(403);
  });

  it('audits every read of a referral, the refused ones too, and every list with the ids it showed', async () => {
    const audited = await readsAudited('p-sun-li');
    expect(audited).toEqual(
      expect.arrayContaining([
        { object_id: 'r-000000000000', payload: expect.anything(), outcome: 'REFUSED' },
        { object_id: toPolice, payload: expect.anything(), outcome: 'REFUSED' },
        { object_id: null, payload: { ids: [clue] }, outcome: 'DONE' },
      ]),
    );
    expect(await readsAudited('p-ding-rui')).toEqual(
      expect.arrayContaining([
        { object_id: toPolice, payload: {}, outcome: 'DONE' },
        { object_id: clue, payload: expect.anything(), outcome: 'REFUSED' },
      ]),
    );
  });

  it('takes acceptance and result feedback from the receiving unit, and refuses them from the sender', async () => {
    expect((await office('POST', `/v1/referrals/${toPolice}/accept`, {})).status).toBe(403);
    const accepted = await police('POST', `/v1/referrals/${toPolice}/accept`, { note: '已登记受理' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'ACCEPTED', acceptanceLate: false, resultDueAt: expect.any(String) });
    const again = await policeHead('POST', `/v1/referrals/${toPolice}/accept`, {});
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('该移送已受理，不能重复受理');
    const result = await policeHead('POST', `/v1/referrals/${toPolice}/result`, { result: '已立案侦查' });
    expect(result.body).toMatchObject({ state: 'ANSWERED', resultLate: false });
    const closed = await office('POST', `/v1/referrals/${toPolice}/close`, {});
    expect(closed.body.state).toBe('CLOSED');
    const { rows } = await t.db.pool.query(
      `SELECT acceptance_late, result_late, accepted_at IS NOT NULL AS accepted, result_at IS NOT NULL AS answered
       FROM referrals WHERE id = $1`,
      [toPolice],
    );
    expect(rows[0]).toEqual({ acceptance_late: false, result_late: false, accepted: true, answered: true });
  });

  it('lets the office return a clue, the enforcement unit decide to handle it itself, and name people who need to know', async () => {
    const granted = await office('POST', `/v1/referrals/${clue}/access`, {
      personIds: ['p-lu-shuigen'],
      reason: '涉及该村项目资金，需配合核查',
    });
    expect(granted.status).toBe(200);
    expect(granted.body.accessIds).toEqual(['p-lu-shuigen']);
    expect((await hekou('GET', `/v1/referrals/${clue}`)).status).toBe(200);
    expect(
      (await office('POST', `/v1/referrals/${clue}/access`, { personIds: ['p-nobody'], reason: '核查' })).status,
    ).toBe(422);

    const returned = await office('POST', `/v1/referrals/${clue}/return`, { reasons: '所涉人员不属于本级管理权限' });
    expect(returned.body).toMatchObject({ state: 'RETURNED', acceptanceLate: false });
    expect(
      (await police('POST', `/v1/referrals/${clue}/decision`, { decision: 'HANDLE', note: '自行处理' })).status,
    ).toBe(404);
    const decided = await audit('POST', `/v1/referrals/${clue}/decision`, {
      decision: 'HANDLE',
      note: '由本局依规处理',
    });
    expect(decided.body).toMatchObject({ state: 'HANDLED' });
    const detail = await audit('GET', `/v1/referrals/${clue}`);
    expect(detail.body).toMatchObject({ state: 'HANDLED', returnReasons: '所涉人员不属于本级管理权限', actions: [] });
    expect(detail.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'SENT',
      'GRANTED',
      'RETURNED',
      'DECIDED',
    ]);
  });

  it('records a coordination opinion that becomes a supervised task (COORDINATION_OPINION)', async () => {
    const sent = await office('POST', '/v1/referrals', { ...matter, receiverUnitId: 'enf-court' });
    const id = sent.body.id as string;
    const bad = await office('POST', `/v1/referrals/${id}/opinions`, {
      facts: '事实清楚',
      text: '调取资料',
      task: {
        title: '调取资料',
        leadUnitId: 'enf-police',
        leaderId: 'p-wang-hongmei',
        requirements: '调取',
        standard: '完整',
        workingDays: 5,
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ field: 'body.task.leadUnitId', message: '不是责任单位' }]);
    const opinion = await office('POST', `/v1/referrals/${id}/opinions`, {
      facts: '挪用公款事实清楚',
      nature: '涉嫌挪用公款罪',
      text: '由区财政局配合调取资金拨付凭证',
      task: {
        title: '调取资金拨付凭证',
        leadUnitId: 'dept-finance',
        leaderId: 'p-wang-hongmei',
        requirements: '调取2024年以来资金拨付凭证',
        standard: '资料完整并经区纪委监委签收',
        workingDays: 10,
      },
    });
    expect(opinion.status).toBe(200);
    expect(opinion.body.opinions).toEqual([expect.objectContaining({ seq: 1, taskId: `${id}-o1` })]);
    // The task's workflow is the referral's child: it is in the read model once its first step is recorded.
    const task = await eventually(async () => {
      const res = await office('GET', `/v1/tasks/${id}-o1`);
      return res.status === 200 ? res : undefined;
    });
    expect(task.body).toMatchObject({ type: 'COORDINATION_OPINION', leadUnitId: 'dept-finance' });
    expect((await court('POST', `/v1/referrals/${id}/opinions`, { facts: '事实', text: '意见' })).status).toBe(403);
  });

  it('opens a referral to the major-case group once its feedback reached the second rung, and not before', async () => {
    const sent = await office('POST', '/v1/referrals', { ...matter, receiverUnitId: 'enf-audit' });
    expect((await court('GET', `/v1/referrals/${sent.body.id}`)).status).toBe(404);
    // As the ladder's second rung records it (referral.test.ts climbs it on the time-skipping server).
    await t.db.pool.query('UPDATE referrals SET acceptance_escalated_at = now() WHERE id = $1', [sent.body.id]);

    expect((await court('GET', `/v1/referrals/${sent.body.id}`)).status).toBe(200);
    expect(ids(await zhao('GET', '/v1/referrals'))).toContain(sent.body.id);
    expect((await group('GET', `/v1/referrals/${sent.body.id}`)).status).toBe(404);
  });
});
