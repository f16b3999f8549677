import { openThisYearsCycle, useTestStack } from '../support/use-test-stack';

/** A local date (Asia/Shanghai) `days` from today. */
const localDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

interface Line {
  indicator: string;
  raw: Record<string, number | null>;
  points: number;
}

describe('the supervision network takes part (监督网络): conduct appraisals and inspection rounds over HTTP', () => {
  const { t, office, bai, kong, he, dongguan, finance, liu, group } = useTestStack({
    office: 'p-huang-min',
    bai: 'p-bai-xue', // 特约监察员, invited
    kong: 'p-kong-deming', // 政风行风监督员, invited
    he: 'p-he-wen', // 区政协委员, a serving member never invited
    dongguan: 'p-xie-hua', // head of town-dongguan
    finance: 'p-lin-feng', // head of dept-finance
    liu: 'p-liu-fang', // a responsible leader of neither unit appraised
    group: 'p-li-jianguo',
  });
  let cycleId: string;
  let appraisalId: string;

  beforeAll(async () => {
    cycleId = await openThisYearsCycle(office);
  });

  it('refuses bad input naming every field at once: units not appraised, people not serving in the network', async () => {
    const bad = await office('POST', `/v1/cycles/${cycleId}/appraisals`, {
      title: '政风行风评议',
      unitIds: ['office', 'dept-nowhere', 'town-dongguan', 'town-dongguan'],
      memberIds: ['p-huang-min', 'p-wu-gang', 'p-bai-xue', 'p-bai-xue'],
      workingDays: 5,
    });
    expect({ status: bad.status, body: bad.body }).toMatchObject({ status: 422 });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'body.unitIds[0]',
      'body.unitIds[1]',
      'body.unitIds[3]',
      'body.memberIds[0]',
      'body.memberIds[1]', // retired (已解聘)
      'body.memberIds[3]',
    ]);
    expect(bad.body.errors[4].message).toMatch(/不是在任的监督网络成员/);
    const shape = await office('POST', `/v1/cycles/${cycleId}/appraisals`, {
      title: '',
      memberIds: [],
      workingDays: 0,
    });
    expect(shape.status).toBe(400);
    expect(shape.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.memberIds',
      'body.title',
      'body.workingDays',
    ]);
    const english = await office(
      'POST',
      `/v1/cycles/${cycleId}/appraisals`,
      { title: '评议', memberIds: ['p-wu-gang'], workingDays: 5 },
      { 'accept-language': 'en' },
    );
    expect(english.body.errors).toEqual([
      { field: 'body.memberIds[0]', message: expect.stringMatching(/not a serving member/) },
    ]);
    expect(
      (
        await dongguan('POST', `/v1/cycles/${cycleId}/appraisals`, {
          title: '评议',
          memberIds: ['p-bai-xue'],
          workingDays: 5,
        })
      ).status,
    ).toBe(403);
  });

  it('opens an appraisal the invited members fill and change; a member not invited gets 404 as for a missing one', async () => {
    const opened = await office('POST', `/v1/cycles/${cycleId}/appraisals`, {
      title: '政风行风评议',
      unitIds: ['town-dongguan', 'dept-finance'],
      memberIds: ['p-bai-xue', 'p-kong-deming'],
      workingDays: 5,
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ state: 'OPEN', units: 2, members: 2, dueAt: expect.any(String) });
    appraisalId = opened.body.id;

    const missing = await he('GET', '/v1/appraisals/a-000000000000');
    const unseen = await he('GET', `/v1/appraisals/${appraisalId}`);
    expect(unseen.status).toBe(404);
    expect(unseen.body.detail).toBe(missing.body.detail);
    expect((await he('GET', '/v1/appraisals')).body.items).toEqual([]);
    expect(
      (
        await he('POST', `/v1/appraisals/${appraisalId}/ratings`, {
          ratings: [{ unitId: 'town-dongguan', rating: 'SATISFIED' }],
        })
      ).status,
    ).toBe(404);

    const first = await bai('POST', `/v1/appraisals/${appraisalId}/ratings`, {
      ratings: [{ unitId: 'town-dongguan', rating: 'UNSATISFIED' }],
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rated: 1, units: 2, finishedAt: null });
    const outOfScope = await bai('POST', `/v1/appraisals/${appraisalId}/ratings`, {
      ratings: [
        { unitId: 'town-xicheng', rating: 'SATISFIED' },
        { unitId: 'dept-finance', rating: 'SO_SO' },
      ],
    });
    expect(outOfScope.status).toBe(400);
    expect(outOfScope.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.ratings[1].rating']);
    const notAppraised = await bai('POST', `/v1/appraisals/${appraisalId}/ratings`, {
      ratings: [{ unitId: 'town-xicheng', rating: 'SATISFIED' }],
    });
    expect(notAppraised.body.errors).toEqual([{ field: 'body.ratings[0].unitId', message: '不在本次评议范围内' }]);

    const changed = await bai('POST', `/v1/appraisals/${appraisalId}/ratings`, {
      ratings: [
        { unitId: 'town-dongguan', rating: 'SATISFIED', comment: '办事高效' },
        { unitId: 'dept-finance', rating: 'BASIC' },
      ],
    });
    expect(changed.body.finishedAt).not.toBeNull();
    const mine = await bai('GET', `/v1/appraisals/${appraisalId}`);
    expect(mine.body.myForm.map((f: { unitId: string; rating: string }) => [f.unitId, f.rating])).toEqual([
      ['dept-finance', 'BASIC'],
      ['town-dongguan', 'SATISFIED'],
    ]);
    expect(mine.body).toMatchObject({ progress: null, results: [], timeline: [] });
    expect(mine.body.actions).toEqual(['ratings']);
  });

  it('shows the office who has finished, never what anyone rated; the office closes once all have finished', async () => {
    const early = await office('POST', `/v1/appraisals/${appraisalId}/close`);
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/尚有监督员未完成评议/);
    const kongs = await kong('POST', `/v1/appraisals/${appraisalId}/ratings`, {
      ratings: [
        { unitId: 'town-dongguan', rating: 'BASIC' },
        { unitId: 'dept-finance', rating: 'UNSATISFIED' },
      ],
    });
    expect({ status: kongs.status, body: kongs.body }).toMatchObject({ status: 200 });
    const progress = await office('GET', `/v1/appraisals/${appraisalId}`);
    expect(progress.body.finished).toBe(2);
    expect(
      progress.body.progress.map((m: { personId: string; rated: number }) => [m.personId, m.rated]).sort(),
    ).toEqual([
      ['p-bai-xue', 2],
      ['p-kong-deming', 2],
    ]);
    expect(progress.body.myForm).toBeNull();
    expect(JSON.stringify(progress.body)).not.toMatch(/UNSATISFIED|BASIC|办事高效/);
    // A unit sees the appraisal it is in, but no aggregate before the close.
    expect((await dongguan('GET', `/v1/appraisals/${appraisalId}`)).body.results).toEqual([]);

    const closed = await office('POST', `/v1/appraisals/${appraisalId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('CLOSED');
    const after = await bai('POST', `/v1/appraisals/${appraisalId}/ratings`, {
      ratings: [{ unitId: 'town-dongguan', rating: 'BASIC' }],
    });
    expect(after.status).toBe(409);
  });

  it('lets a unit read only its own aggregate after the close, never a rater; a leader of neither unit gets 404', async () => {
    const own = await dongguan('GET', `/v1/appraisals/${appraisalId}`);
    expect(own.status).toBe(200);
    expect(own.body.results).toEqual([
      {
        unitId: 'town-dongguan',
        unitName: expect.any(String),
        raters: 2,
        satisfied: 1,
        basic: 1,
        unsatisfied: 0,
        score: 80,
      },
    ]);
    for (const body of [own.body, (await finance('GET', `/v1/appraisals/${appraisalId}`)).body]) {
      expect(body).toMatchObject({ progress: null, myForm: null, timeline: [] });
      expect(JSON.stringify(body)).not.toMatch(/p-bai-xue|p-kong-deming|办事高效/);
    }
    expect((await finance('GET', `/v1/appraisals/${appraisalId}`)).body.results).toEqual([
      expect.objectContaining({ unitId: 'dept-finance', raters: 2, basic: 1, unsatisfied: 1, score: 30 }),
    ]);
    expect((await liu('GET', `/v1/appraisals/${appraisalId}`)).status).toBe(404);
    const whole = await group('GET', `/v1/appraisals/${appraisalId}`);
    expect(whole.body.results).toHaveLength(2);
    expect(JSON.stringify(whole.body)).not.toMatch(/p-bai-xue|p-kong-deming/);
    // The audit log (the office's) records that members rated, not how.
    const audit = await t.db.pool.query(`SELECT payload FROM audit_log WHERE action = 'appraisal.rate'`);
    expect(JSON.stringify(audit.rows)).not.toMatch(/SATISFIED|BASIC|办事高效/);
  });

  it('feeds the aggregate into the assessment with the cycle’s model (v5 keeps v4’s weight); a unit without an appraisal loses nothing', async () => {
    const assessed = await office('POST', `/v1/cycles/${cycleId}/assessment`, {});
    expect(assessed.status).toBe(201);
    expect(assessed.body.model).toMatchObject({ id: 'standard', version: 5 });
    const line = (unitId: string) =>
      (assessed.body.scores as { unitId: string; breakdown: Line[] }[])
        .find((s) => s.unitId === unitId)!
        .breakdown.find((b) => b.indicator === 'conductAppraisal')!;
    // town-dongguan: 满意1 + 基本满意1 × 0.6 = 1.6 of 2 ratings = 80%: −10 × 0.2 = −2.
    expect(line('town-dongguan')).toMatchObject({ raw: { part: 1.6, whole: 2, rate: 0.8 }, points: -2 });
    // dept-finance: 0.6 of 2 = 30%: −7.
    expect(line('dept-finance')).toMatchObject({ raw: { part: 0.6, whole: 2 }, points: -7 });
    expect(line('town-xicheng')).toMatchObject({ raw: { whole: 0 }, points: 0 });
  });

  it('invites a member into an inspection round: they see its scope, observe a unit; the unit reads it unnamed', async () => {
    const round = await office('POST', `/v1/cycles/${cycleId}/inspections`, {
      title: '2027年上半年作风建设专项检查',
      unitIds: ['town-dongguan', 'dept-finance'],
      checklist: ['落实中央八项规定精神情况'],
      selfCheckDueDate: localDay(7),
      findingsDueDate: localDay(21),
      observerIds: ['p-bai-xue'],
    });
    expect(round.status).toBe(201);
    const roundId = round.body.id as string;

    const seen = await bai('GET', `/v1/inspections/${roundId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      title: '2027年上半年作风建设专项检查',
      units: [],
      findings: [],
      observerIds: null,
    });
    expect(seen.body.inspected.map((u: { unitId: string }) => u.unitId).sort()).toEqual([
      'dept-finance',
      'town-dongguan',
    ]);
    expect(seen.body.actions).toEqual(['observe']);
    expect((await bai('GET', '/v1/inspections')).body.items.map((r: { id: string }) => r.id)).toEqual([roundId]);
    const missing = await kong('GET', `/v1/inspections/${cycleId}-x999`);
    const unseen = await kong('GET', `/v1/inspections/${roundId}`);
    expect(unseen.status).toBe(404);
    expect(unseen.body.detail).toBe(missing.body.detail);

    const bad = await bai('POST', `/v1/inspections/${roundId}/observe`, { unitId: 'town-xicheng', text: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.text']);
    const outside = await bai('POST', `/v1/inspections/${roundId}/observe`, {
      unitId: 'town-xicheng',
      text: '窗口无人',
    });
    expect(outside.body.errors).toEqual([{ field: 'body.unitId', message: '不在本轮检查范围内' }]);
    const observed = await bai('POST', `/v1/inspections/${roundId}/observe`, {
      unitId: 'town-dongguan',
      text: '便民服务大厅工作日午间无人值守',
    });
    expect(observed.status).toBe(200);

    const forOffice = await office('GET', `/v1/inspections/${roundId}`);
    expect(forOffice.body.observerIds).toEqual(['p-bai-xue']);
    expect(forOffice.body.observations).toEqual([
      expect.objectContaining({ unitId: 'town-dongguan', personId: 'p-bai-xue' }),
    ]);
    expect(forOffice.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['OBSERVERS_INVITED', 'OBSERVED']),
    );
    const forUnit = await dongguan('GET', `/v1/inspections/${roundId}`);
    expect(forUnit.body.observations).toEqual([
      expect.objectContaining({ unitId: 'town-dongguan', text: '便民服务大厅工作日午间无人值守', personId: null }),
    ]);
    expect(JSON.stringify(forUnit.body)).not.toMatch(/p-bai-xue|白雪/);
    // The group oversees the round (every unit's observations), but never who observed: not in its timeline either.
    const forGroup = await group('GET', `/v1/inspections/${roundId}`);
    expect(forGroup.body.observations).toEqual([expect.objectContaining({ unitId: 'town-dongguan', personId: null })]);
    expect(JSON.stringify(forGroup.body)).not.toMatch(/p-bai-xue|白雪/);
    expect((await finance('GET', `/v1/inspections/${roundId}`)).body.observations).toEqual([]);

    const notServing = await office('POST', `/v1/inspections/${roundId}/observers`, {
      personIds: ['p-wu-gang', 'p-xie-hua'],
    });
    expect(notServing.status).toBe(422);
    expect(notServing.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'body.personIds[0]',
      'body.personIds[1]',
    ]);
    const invited = await office('POST', `/v1/inspections/${roundId}/observers`, { personIds: ['p-kong-deming'] });
    expect(invited.body.observerIds.sort()).toEqual(['p-bai-xue', 'p-kong-deming']);
    expect((await kong('GET', `/v1/inspections/${roundId}`)).status).toBe(200);
  });
});
