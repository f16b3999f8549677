import { caseTeamBody } from '../support/case-team-fixtures';
import { eventually } from '../support/http';
import { openThisYearsCycle, useTestStack } from '../support/use-test-stack';

/** The first day of the month after next, and the last day of a two-month window from it. */
const nextWindow = () => {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 4, 0)).toISOString().slice(0, 10);
  return { start, end };
};
const localToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Case collaboration's figures by unit (issue 18 "Confidentiality": bulletins and boards show counts and timeliness
 * only; the assessment counts feedback timeliness and secondment compliance per unit), computed from what the
 * procedures wrote: a referral answered on time and one whose acceptance deadline lapsed unanswered, a secondment
 * named in time, a rotation window confirmed in time.
 */
describe('case collaboration in bulletins and the assessment', () => {
  const { t, office, police, dongguan, hekou, zhengYu, liuFang, fangLiang, group } = useTestStack({
    office: 'p-huang-min',
    police: 'p-ding-rui', // staff of enf-police
    dongguan: 'p-xie-hua', // head of town-dongguan
    hekou: 'p-lu-shuigen', // head of village-hekou
    zhengYu: 'p-zheng-yu', // leads the police, the procuratorate and the court, and sits on the leadership group
    liuFang: 'p-liu-fang', // responsible leader of two departments, outside the leadership group
    fangLiang: 'p-fang-liang', // responsible leader of village-hekou
    group: 'p-li-jianguo', // leadership group
  });
  const matter = { title: '某所长涉嫌挪用公款问题', parties: '张某', summary: '审查调查中发现' };
  let cycleId: string;
  let lapsed: string;

  beforeAll(async () => {
    cycleId = await openThisYearsCycle(office);
    const toPolice = await office('POST', '/v1/referrals', { ...matter, receiverUnitId: 'enf-police' });
    expect((await police('POST', `/v1/referrals/${toPolice.body.id}/accept`, {})).status).toBe(200);
    lapsed = (await office('POST', '/v1/referrals', { ...matter, receiverUnitId: 'enf-audit' })).body.id;
    // Its acceptance deadline has passed unanswered (the workflow's ladder is the behaviour tests' subject).
    await t.db.pool.query(`UPDATE referrals SET acceptance_due_at = now() - interval '1 hour' WHERE id = $1`, [lapsed]);

    const team = await office('POST', '/v1/case-teams', caseTeamBody());
    const seat = (team.body.secondments as { id: string; unitId: string }[]).find((s) => s.unitId === 'town-dongguan');
    expect((await dongguan('POST', `/v1/secondments/${seat!.id}/nominate`, { personId: 'p-xie-hua' })).status).toBe(
      200,
    );

    const plan = await office('POST', '/v1/rotations', {
      year: new Date().getUTCFullYear() + 1,
      windows: [{ personId: 'p-lu-shuigen', unitId: 'village-hekou', ...nextWindow() }],
    });
    expect(plan.status).toBe(201);
    expect((await hekou('POST', `/v1/rotations/${plan.body.id}/confirm`, { windowId: 'w1' })).status).toBe(200);
    await eventually(async () => {
      const { rows } = await t.db.pool.query('SELECT 1 FROM rotation_windows WHERE answered_at IS NOT NULL');
      return rows.length > 0 ? true : undefined;
    });
  });

  it('reports each unit’s answers due and on time in the bulletin, and names the late ones, with no case in it', async () => {
    const created = await office('POST', '/v1/bulletins', {
      from: `${localToday().slice(0, 4)}-01-01`,
      to: localToday(),
    });
    expect(created.status).toBe(201);
    const { body: bulletin } = await dongguan('GET', `/v1/bulletins/${created.body.id}`);
    const byUnit = Object.fromEntries(
      (bulletin.content.collaboration as { unitId: string }[]).map(({ unitId, ...figures }) => [unitId, figures]),
    );

    expect(byUnit['enf-police']).toMatchObject({ referralsDue: 1, referralsOnTime: 1 });
    expect(byUnit['enf-audit']).toMatchObject({ referralsDue: 1, referralsOnTime: 0 });
    expect(byUnit['town-dongguan']).toMatchObject({ secondmentsDue: 1, secondmentsOnTime: 1 });
    expect(byUnit['village-hekou']).toMatchObject({ rotationsDue: 1, rotationsOnTime: 1 });
    // The other seat (town-xicheng) is not due yet and unanswered: not counted.
    expect(byUnit['town-xicheng']).toBeUndefined();

    const html = (await dongguan('GET', `/v1/bulletins/${created.body.id}/html`)).text as string;
    expect(html).toContain('五、协同办案配合情况');
    expect(html).toContain('以下单位未按期反馈或答复，请认真落实协同办案工作要求：区审计局。');
    for (const secret of [matter.title, matter.parties, caseTeamBody().caseRef]) expect(html).not.toContain(secret);
  });

  it('scores late referral feedback and answers on time with the default model (v5, as v3 and v4 before it)', async () => {
    const computed = await office('POST', `/v1/cycles/${cycleId}/assessment`, {});
    expect(computed.status).toBe(201);
    const score = (unitId: string) =>
      (computed.body.scores as { unitId: string; metrics: object; breakdown: { indicator: string }[] }[]).find(
        (s) => s.unitId === unitId,
      );
    const line = (unitId: string, indicator: string) => score(unitId)?.breakdown.find((l) => l.indicator === indicator);

    expect(computed.body.model).toMatchObject({ id: 'standard', version: 5 });
    // The enforcement bodies are assessed on the referrals they received, and on those alone.
    expect(score('enf-audit')).toMatchObject({ computedScore: 95, metrics: { referrals: { due: 1, onTime: 0 } } });
    expect(line('enf-audit', 'referralFeedback')).toMatchObject({ points: -5, raw: { part: 0, whole: 1 } });
    expect(score('enf-police')).toMatchObject({ computedScore: 100, metrics: { referrals: { due: 1, onTime: 1 } } });
    expect(score('enf-court')).toBeUndefined();
    expect(score('town-dongguan')?.metrics).toMatchObject({ secondments: { due: 1, onTime: 1 } });
    expect(line('town-dongguan', 'secondmentCompliance')).toMatchObject({ points: 0, raw: { part: 1, whole: 1 } });
  });

  it('shows the year’s figures on the overview in each reader’s scope, and the office what awaits its decision', async () => {
    const unitsOf = async (client: typeof office) =>
      ((await client('GET', '/v1/overview')).body.collaboration.units as { unitId: string }[]).map((u) => u.unitId);
    const mine = await office('GET', '/v1/overview');

    expect(mine.body.collaboration.units).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unitId: 'enf-audit', referralsDue: 1, referralsOnTime: 0 }),
        expect.objectContaining({ unitId: 'village-hekou', rotationsDue: 1, rotationsOnTime: 1 }),
      ]),
    );
    // The seat town-dongguan named awaits the office's confirmation; no swap, no returned referral.
    expect(mine.body.pending.collaboration).toEqual({ secondments: 1, swaps: 0, referrals: 0 });
    // A leader: the units they lead (and their own unit); one in the leadership group: the whole organisation.
    expect(await unitsOf(fangLiang)).toEqual(['village-hekou']);
    expect(await unitsOf(liuFang)).toEqual([]);
    expect((await unitsOf(zhengYu)).sort()).toEqual((await unitsOf(office)).sort());
    expect((await unitsOf(group)).sort()).toEqual((await unitsOf(office)).sort());
    expect((await group('GET', '/v1/overview')).body.pending.collaboration).toBeNull();
    expect(JSON.stringify(mine.body)).not.toContain(caseTeamBody().caseRef);
  });
});
