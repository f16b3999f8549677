import { openThisYearsCycle, useTestStack } from '../support/use-test-stack';

describe('accountability cases over HTTP', () => {
  const { office, hekou, xicheng, fangLiang, shiJia, group, observer } = useTestStack({
    office: 'p-huang-min',
    hekou: 'p-lu-shuigen', // head of village-hekou
    xicheng: 'p-han-bing', // head of town-xicheng
    fangLiang: 'p-fang-liang', // responsible leader of village-hekou
    shiJia: 'p-shi-jia', // a leader named by the town-xicheng case
    group: 'p-li-jianguo', // leadership group
    observer: 'p-bai-xue', // external supervisor
  });
  let cycleId: string;
  let hekouCase: string;
  let xichengCase: string;

  const ids = (res: { body: Record<string, unknown> }) => (res.body.items as { id: string }[]).map((c) => c.id).sort();

  beforeAll(async () => {
    cycleId = await openThisYearsCycle(office);
  });

  it('opens cases on the office’s finding, once per Idempotency-Key, and refuses unknown units and other roles', async () => {
    const body = { unitId: 'village-hekou', reason: '村级小微权力清单未按期公开，群众反映强烈', cycleId };
    const first = await office('POST', '/v1/cases', body, { 'idempotency-key': 'case-hekou-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ state: 'OPEN', statementDueAt: expect.any(String) });
    expect(first.headers.get('location')).toBe(`/v1/cases/${first.body.id}`);
    hekouCase = first.body.id;
    const again = await office('POST', '/v1/cases', body, { 'idempotency-key': 'case-hekou-1' });
    expect(again.body.id).toBe(hekouCase);

    const other = await office('POST', '/v1/cases', {
      unitId: 'town-xicheng',
      leaderId: 'p-shi-jia',
      reason: '专项整治工作推进不力',
    });
    expect(other.status).toBe(201);
    xichengCase = other.body.id;

    const unknown = await office('POST', '/v1/cases', { ...body, unitId: 'dept-nowhere', leaderId: 'p-lu-shuigen' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      { field: 'body.unitId', message: '单位不存在' },
      { field: 'body.leaderId', message: '不是分管领导' },
    ]);
    expect((await hekou('POST', '/v1/cases', body)).status).toBe(403);
    expect((await observer('POST', '/v1/cases', body)).status).toBe(403);
  });

  it('shows a case to its unit, its leaders, the office and the group only', async () => {
    const seen = await hekou('GET', `/v1/cases/${hekouCase}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      unitId: 'village-hekou',
      unitName: '柳河镇河口村',
      cycleId,
      sourceKind: 'OFFICE',
    });
    expect(seen.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['OPENED']);
    expect((await xicheng('GET', `/v1/cases/${hekouCase}`)).status).toBe(404);
    expect((await shiJia('GET', `/v1/cases/${hekouCase}`)).status).toBe(404);
    expect((await fangLiang('GET', `/v1/cases/${hekouCase}`)).status).toBe(200);
    expect((await group('GET', `/v1/cases/${xichengCase}`)).status).toBe(200);
    expect((await observer('GET', `/v1/cases/${hekouCase}`)).status).toBe(404);
    expect((await observer('GET', '/v1/cases')).status).toBe(403);
    expect((await office('GET', '/v1/cases/c-000000000000')).status).toBe(404);

    expect(ids(await hekou('GET', '/v1/cases'))).toEqual([hekouCase]);
    expect(ids(await xicheng('GET', '/v1/cases'))).toEqual([xichengCase]);
    expect(ids(await fangLiang('GET', '/v1/cases'))).toEqual([hekouCase]);
    expect(ids(await shiJia('GET', '/v1/cases'))).toEqual([xichengCase]);
    expect(ids(await group('GET', '/v1/cases'))).toEqual([hekouCase, xichengCase].sort());
  });

  it('lists cases per unit, leader and cycle', async () => {
    expect(ids(await office('GET', '/v1/cases?unitId=village-hekou'))).toEqual([hekouCase]);
    expect(ids(await office('GET', '/v1/cases?leaderId=p-shi-jia'))).toEqual([xichengCase]);
    expect(ids(await office('GET', '/v1/cases?leaderId=p-fang-liang'))).toEqual([hekouCase]);
    expect(ids(await office('GET', `/v1/cases?cycleId=${cycleId}`))).toEqual([hekouCase]);
    expect(ids(await office('GET', '/v1/cases?state=OPEN'))).toEqual([hekouCase, xichengCase].sort());
  });

  it('takes the unit’s statement and the office’s decision, then closes the case', async () => {
    expect((await xicheng('POST', `/v1/cases/${hekouCase}/statement`, { text: '代为说明' })).status).toBe(404);
    expect((await fangLiang('POST', `/v1/cases/${hekouCase}/statement`, { text: '说明' })).status).toBe(403);
    const stated = await hekou('POST', `/v1/cases/${hekouCase}/statement`, {
      text: '因村“两委”换届交接，清单公开滞后，现已全部公开并建立台账。',
    });
    expect(stated.status).toBe(200);
    expect(stated.body).toMatchObject({ state: 'STATEMENT_RECEIVED', statementLate: false });
    const twice = await hekou('POST', `/v1/cases/${hekouCase}/statement`, { text: '补充' });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/不能重复报送/);

    const measures = await hekou('GET', '/v1/accountability-measures');
    expect(measures.body.items.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(['约谈', '诫勉', '通报批评']),
    );
    expect((await observer('GET', '/v1/accountability-measures')).status).toBe(403);

    const decision = { measure: 'TALK', basis: '《党风廉政建设责任追究办法》第八条' };
    expect((await hekou('POST', `/v1/cases/${hekouCase}/decision`, decision)).status).toBe(403);
    const unknownMeasure = await office('POST', `/v1/cases/${hekouCase}/decision`, { ...decision, measure: 'FINE' });
    expect(unknownMeasure.status).toBe(409);
    expect(unknownMeasure.body.detail).toMatch(/没有这项处理措施/);
    const unknownPerson = await office('POST', `/v1/cases/${hekouCase}/decision`, { ...decision, persons: ['p-x'] });
    expect(unknownPerson.status).toBe(422);
    const decided = await office('POST', `/v1/cases/${hekouCase}/decision`, { ...decision, persons: ['p-lu-shuigen'] });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ state: 'CLOSED', measure: 'TALK', measureName: '约谈' });

    const closed = await fangLiang('GET', `/v1/cases/${hekouCase}`);
    expect(closed.body).toMatchObject({ state: 'CLOSED', measureName: '约谈', basis: decision.basis });
    expect(closed.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'OPENED',
      'STATEMENT_RECEIVED',
      'DECIDED',
      'CLOSED',
    ]);
    expect(ids(await office('GET', '/v1/cases?state=CLOSED&unitId=village-hekou'))).toEqual([hekouCase]);
    const late = await hekou('POST', `/v1/cases/${hekouCase}/statement`, { text: '补充说明' });
    expect(late.status).toBe(409);

    const inbox = await hekou('GET', '/v1/inbox');
    expect(inbox.body.items.map((n: { title: string }) => n.title)).toEqual(
      expect.arrayContaining([
        '【责任追究】关于柳河镇河口村说明情况的通知',
        '【处理决定】关于柳河镇河口村的责任追究处理决定',
      ]),
    );
  });

  it('refuses a decision without a statement before its deadline', async () => {
    const early = await office('POST', `/v1/cases/${xichengCase}/decision`, { measure: 'ADMONISH', basis: '推进不力' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/说明情况期限.*未到/);
  });
});
