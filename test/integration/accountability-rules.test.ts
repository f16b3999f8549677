import { loadAccountability } from '../../config/accountability';
import { contentOfAccountability, type AccountabilityContent } from '../../config/accountability-rules';
import { useTestStack } from '../support/use-test-stack';

const RULES = '/v1/rules/accountability';
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

/** Version 0 of every organisation: config/accountability.yaml as the deployment loaded it. */
const shipped = contentOfAccountability(loadAccountability());

/** The file's, with a statement due in 3 working days, a new measure and a threshold of 65. */
const v1: AccountabilityContent = {
  ...shipped,
  statementWorkingDays: 3,
  assessmentThreshold: 65,
  measures: [...shipped.measures, { code: 'PUBLIC_APOLOGY', name: '责令公开道歉' }],
};

/** v1 with 诫勉 renamed and 通报批评 removed. */
const v2: AccountabilityContent = {
  ...v1,
  measures: v1.measures
    .filter((m) => m.code !== 'CRITICISM_NOTICE')
    .map((m) => (m.code === 'ADMONISH' ? { ...m, name: '诫勉谈话' } : m)),
};

describe('the accountability policy, edited with versions; a running case keeps the policy it was opened with', () => {
  const { t, office, hekou, xicheng } = useTestStack({
    office: 'p-huang-min',
    hekou: 'p-lu-shuigen', // head of village-hekou
    xicheng: 'p-han-bing', // head of town-xicheng
  });
  let before: { id: string; statementDueAt: string };
  let after: { id: string; statementDueAt: string };

  const openCase = async (unitId: string, reason: string) => {
    const res = await office('POST', '/v1/cases', { unitId, reason });
    expect(res.status).toBe(201);
    return res.body as { id: string; statementDueAt: string };
  };

  it('answers version 0, the deployment’s file as loaded, before anything is published', async () => {
    const res = await office('GET', RULES);

    expect(res.body).toEqual({ kind: 'accountability', version: 0, content: shipped, versions: [] });
    expect((await hekou('GET', RULES)).status).toBe(403);
  });

  it('refuses a policy that means nonsense with 422, every problem at once, naming each field', async () => {
    const content = {
      ...shipped,
      statementWorkingDays: 0,
      assessmentThreshold: 120,
      measures: [...shipped.measures, { code: 'TALK', name: '谈话' }, { code: 'TALK_AGAIN', name: '约谈' }],
    };
    const n = shipped.measures.length;

    const res = await office('POST', RULES, { baseVersion: 0, reason: '试改', content });
    const none = await office('POST', RULES, { baseVersion: 0, reason: '试改', content: { ...shipped, measures: [] } });

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'body.content.statementWorkingDays', message: '须在1至60之间' },
      { field: 'body.content.assessmentThreshold', message: '须在0至100之间' },
      { field: `body.content.measures[${n}].code`, message: '处理措施代码重复（与第2项相同）' },
      { field: `body.content.measures[${n + 1}].name`, message: '处理措施名称重复（与第2项相同）' },
    ]);
    expect(none.body.errors).toEqual([{ field: 'body.content.measures', message: '至少须有一项处理措施' }]);
    expect((await office('GET', RULES)).body.version).toBe(0);
  });

  it('gives a case opened after publishing the new version, and keeps the old one for a case opened before', async () => {
    before = await openCase('village-hekou', '村级小微权力清单未按期公开');
    const published = await office('POST', RULES, { baseVersion: 0, reason: '区纪委常委会议定', content: v1 });
    after = await openCase('town-xicheng', '专项整治工作推进不力');
    const measures = await office('GET', '/v1/accountability-measures');

    expect(published).toMatchObject({ status: 201, body: { version: 1, content: v1 } });
    expect(measures.body).toMatchObject({ statementWorkingDays: 3, assessmentThreshold: 65 });
    expect(measures.body.items.map((m: { code: string }) => m.code)).toContain('PUBLIC_APOLOGY');
    // Three working days for the statement instead of five.
    expect(Date.parse(after.statementDueAt)).toBeLessThan(Date.parse(before.statementDueAt));
    const audit = await t.db.pool.query(
      `SELECT object_id, payload FROM audit_log WHERE action = 'rules.publish' AND outcome = 'DONE'`,
    );
    expect(audit.rows).toEqual([
      { object_id: 'accountability/1', payload: expect.objectContaining({ before: shipped, after: v1 }) },
    ]);
  });

  it('decides the new case with the new measure, and refuses it for the case opened before', async () => {
    expect((await hekou('POST', `/v1/cases/${before.id}/statement`, { text: '已全部公开并建立台账。' })).status).toBe(
      200,
    );
    expect((await xicheng('POST', `/v1/cases/${after.id}/statement`, { text: '已制定整改方案。' })).status).toBe(200);
    // 通报批评 is removed and 诫勉 renamed meanwhile: neither reaches a case opened before.
    expect((await office('POST', RULES, { baseVersion: 1, reason: '调整处理措施', content: v2 })).status).toBe(201);
    const basis = '《党风廉政建设责任追究办法》第八条';

    const refused = await office('POST', `/v1/cases/${before.id}/decision`, { measure: 'PUBLIC_APOLOGY', basis });
    const old = await office('POST', `/v1/cases/${before.id}/decision`, { measure: 'CRITICISM_NOTICE', basis });
    const fresh = await office('POST', `/v1/cases/${after.id}/decision`, { measure: 'PUBLIC_APOLOGY', basis });

    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/没有这项处理措施：PUBLIC_APOLOGY/);
    expect(old.body).toMatchObject({ state: 'CLOSED', measure: 'CRITICISM_NOTICE', measureName: '通报批评' });
    expect(fresh.body).toMatchObject({ state: 'CLOSED', measure: 'PUBLIC_APOLOGY', measureName: '责令公开道歉' });
  });

  it('compares two versions in sentences, refuses a stale edit, and restores a version as a new one', async () => {
    const diff = await office('GET', `${RULES}/diff?from=1&to=2`);
    const back = await office('GET', `${RULES}/diff?from=2&to=1`);
    const stale = await office('POST', RULES, { baseVersion: 1, reason: '另一编辑', content: shipped });
    const restored = await office('POST', `${RULES}/versions/1/restore`, { baseVersion: 2, reason: '恢复第1版' });

    expect(diff.body.changes.map((c: { text: string }) => c.text)).toEqual([
      '处理措施“诫勉”更名为“诫勉谈话”',
      '删除处理措施“通报批评”',
    ]);
    expect(back.body.changes.map((c: { text: string }) => c.text)).toEqual([
      '处理措施“诫勉谈话”更名为“诫勉”',
      '新增处理措施“通报批评”（代码CRITICISM_NOTICE）',
    ]);
    expect(stale.status).toBe(409);
    expect(restored).toMatchObject({ status: 201, body: { version: 3, restoredFrom: 1, content: v1 } });
    expect((await office('GET', `${RULES}/versions/9`)).status).toBe(404);
  });

  it('opens a cycle after publishing with the version’s assessment threshold', async () => {
    expect((await office('POST', '/v1/cycles', { year: NEXT_YEAR })).status).toBe(201);

    const cycle = await office('GET', `/v1/cycles/district-${NEXT_YEAR}`);

    expect(cycle.body.settings.assessmentThreshold).toBe(65);
  });
});
