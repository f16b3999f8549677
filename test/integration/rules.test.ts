import { readFileSync } from 'node:fs';
import { fromProject } from '../../config/paths';
import { parseOrganisationFile } from '../../db/org-file';
import { loadOrganisation } from '../../db/queries/load-organisation';
import { eventually } from '../support/http';
import { officeOnlyOrganisation } from '../support/office-only-organisation';
import { festivalCheck } from '../support/task-bodies';
import { useTestStack, type ApiClient } from '../support/use-test-stack';

const RULES = '/v1/rules/task-policies';

/** The district's own routine type, stricter than the deployment's: three days to sign, L2/L3 at 5/12. */
const routine = {
  type: 'ROUTINE',
  name: '日常督办事项（区定）',
  signForWorkingDays: 3,
  escalation: { l2AfterWorkingDays: 5, l3AfterWorkingDays: 12 },
  extensionDecidedBy: 'LEADER',
  requireEvidence: true,
};
const rectification = {
  type: 'RECTIFICATION',
  name: '整改落实',
  escalation: { l2AfterWorkingDays: 3, l3AfterWorkingDays: 8 },
};

describe('task policies, edited with versions', () => {
  const { t, office, unit, leader, group } = useTestStack({
    office: 'p-huang-min',
    unit: 'p-xie-hua', // head of town-dongguan
    leader: 'p-fang-liang',
    group: 'p-li-jianguo',
  });
  let elsewhere: ApiClient;

  beforeAll(async () => {
    await loadOrganisation(
      t.db.pool,
      parseOrganisationFile(officeOnlyOrganisation('rules-elsewhere'), 'elsewhere.yaml'),
      'elsewhere',
    );
    elsewhere = await t.as('p-rules-elsewhere');
  });

  const auditRows = async () =>
    (
      await t.db.pool.query(
        `SELECT action, actor_id, org_id, object_id, outcome, reason, payload FROM audit_log
         WHERE action LIKE 'rules.%' ORDER BY id`,
      )
    ).rows;

  it('answers version 0, the organisation file’s types, before anything is published', async () => {
    const res = await office('GET', RULES);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ kind: 'task-policies', version: 0, content: { types: [] }, versions: [] });
  });

  it('publishes a version with its author, time and reason, audited with the content before and after', async () => {
    const res = await office('POST', RULES, {
      baseVersion: 0,
      reason: '区纪委常委会议定',
      content: { types: [routine] },
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      version: 1,
      authorId: 'p-huang-min',
      reason: '区纪委常委会议定',
      restoredFrom: null,
    });
    expect(res.body.content.types[0]).toMatchObject({ ...routine, remindWorkingDaysBefore: [3, 1] });
    const rules = await office('GET', RULES);
    expect(rules.body.version).toBe(1);
    expect(rules.body.versions).toEqual([
      { version: 1, authorId: 'p-huang-min', at: expect.any(String), reason: '区纪委常委会议定', restoredFrom: null },
    ]);
    expect(await auditRows()).toEqual([
      {
        action: 'rules.publish',
        actor_id: 'p-huang-min',
        org_id: 'district',
        object_id: 'task-policies/1',
        outcome: 'DONE',
        reason: '区纪委常委会议定',
        payload: expect.objectContaining({ version: 1, before: { types: [] }, after: res.body.content }),
      },
    ]);
  });

  it('gives a task created after the publish the new policy: its sign-for limit, decider and evidence', async () => {
    const created = await office('POST', '/v1/tasks', { ...festivalCheck, type: 'ROUTINE', workingDays: 10 });
    expect(created.status).toBe(201);

    const task = await eventually(async () => {
      const res = await office('GET', `/v1/tasks/${created.body.id}`);
      return res.status === 200 ? res.body : undefined;
    });
    expect(task).toMatchObject({ typeName: routine.name, extensionDecidedBy: 'LEADER', evidenceRequired: true });
    const notice = await eventually(async () => {
      const items = (await unit('GET', '/v1/inbox?limit=100')).body.items as { kind: string; taskId: string }[];
      return items?.find((n) => n.taskId === created.body.id && n.kind === 'ASSIGNED');
    });
    expect(notice).toMatchObject({ body: expect.stringContaining('请于3个工作日内签收') });
    const types = (await office('GET', '/v1/task-types')).body.items as { type: string }[];
    expect(types.find((p) => p.type === 'ROUTINE')).toMatchObject({ signForWorkingDays: 3 });
  });

  it('refuses an edit based on a version no longer in force with 409, and audits the refusal', async () => {
    const res = await office('POST', RULES, { baseVersion: 0, reason: '过时的修改', content: { types: [] } });

    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('现行为第1版');
    expect((await auditRows()).at(-1)).toMatchObject({ action: 'rules.publish', outcome: 'REFUSED' });
    expect((await office('GET', RULES)).body.version).toBe(1);
  });

  it('compares two versions type by type and field by field, each change in a sentence', async () => {
    const edited = { ...routine, escalation: { l2AfterWorkingDays: 3, l3AfterWorkingDays: 12 } };
    const v2 = await office('POST', RULES, {
      baseVersion: 1,
      reason: '缩短二级督办时点',
      content: { types: [edited, rectification] },
    });
    expect(v2.status).toBe(201);

    const res = await office('GET', `${RULES}/diff?from=1&to=2`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: 1,
      to: 2,
      changes: [
        {
          type: 'ROUTINE',
          field: 'escalation.l2AfterWorkingDays',
          change: 'CHANGED',
          before: 5,
          after: 3,
          text: '任务类型“日常督办事项（区定）”的二级督办时点由期限后5个工作日改为3个工作日',
        },
        {
          type: 'RECTIFICATION',
          field: null,
          change: 'ADDED',
          before: null,
          after: expect.objectContaining(rectification),
          text: '新增任务类型“整改落实”（RECTIFICATION），取代部署的同名类型',
        },
      ],
    });
    const back = await office('GET', `${RULES}/diff?from=2&to=1`);
    expect(back.body.changes.map((c: { change: string; text: string }) => c.text)).toEqual([
      '任务类型“日常督办事项（区定）”的二级督办时点由期限后3个工作日改为5个工作日',
      '删除任务类型“整改落实”（RECTIFICATION），改用部署的默认规则',
    ]);
  });

  it('restores a version as a new one, audited with the content before and after', async () => {
    const v1 = (await office('GET', `${RULES}/versions/1`)).body;
    const v2 = (await office('GET', `${RULES}/versions/2`)).body;

    const res = await office('POST', `${RULES}/versions/1/restore`, { baseVersion: 2, reason: '恢复原规则' });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 3, restoredFrom: 1, reason: '恢复原规则', content: v1.content });
    expect((await office('GET', RULES)).body).toMatchObject({ version: 3, content: v1.content });
    expect((await auditRows()).at(-1)).toMatchObject({
      action: 'rules.restore',
      object_id: 'task-policies/3',
      outcome: 'DONE',
      payload: expect.objectContaining({ restoredFrom: 1, before: v2.content, after: v1.content }),
    });
    expect((await office('POST', `${RULES}/versions/2/restore`, { baseVersion: 2, reason: '过时' })).status).toBe(409);
    expect((await office('POST', `${RULES}/versions/9/restore`, { baseVersion: 3, reason: '无此版' })).status).toBe(
      404,
    );
  });

  it('refuses a body of the wrong shape with 400, naming every bad field at once, in Chinese or English', async () => {
    const body = {
      baseVersion: 3,
      content: {
        types: [
          { ...routine, signForWorkingDays: -1 },
          { ...rectification, type: 'bad type', escalation: { l2AfterWorkingDays: 0, l3AfterWorkingDays: 8 } },
        ],
      },
    };

    const zh = await office('POST', RULES, body);
    const en = await office('POST', RULES, body, { 'accept-language': 'en' });

    expect(zh.status).toBe(400);
    expect(zh.type).toContain('application/problem+json');
    const fields = [
      'body.reason',
      'body.content.types[0].signForWorkingDays',
      'body.content.types[1].type',
      'body.content.types[1].escalation.l2AfterWorkingDays',
    ];
    expect(zh.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
    expect(zh.body.detail).toMatch(/^请求中的/);
    expect(en.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
    expect(en.body.detail).toMatch(/^The request has invalid fields/);
  });

  it('refuses rules that mean nonsense with 422, naming every field at once, in Chinese or English', async () => {
    const body = {
      baseVersion: 3,
      reason: '错误的规则',
      content: {
        types: [
          { ...routine, escalation: { l2AfterWorkingDays: 5, l3AfterWorkingDays: 4 } },
          { ...rectification, pause: { defaultWorkingDays: 30, maxWorkingDays: 20 }, remindWorkingDaysBefore: [3, 3] },
          { ...rectification, name: '重复的整改' },
        ],
      },
    };

    const zh = await office('POST', RULES, body);
    const en = await office('POST', RULES, body, { 'accept-language': 'en' });

    expect(zh.status).toBe(422);
    expect(zh.body.errors).toEqual([
      { field: 'body.content.types[0].escalation.l3AfterWorkingDays', message: '须晚于二级督办（期限后5个工作日）' },
      { field: 'body.content.types[1].pause.defaultWorkingDays', message: '默认挂账期限不得超过最长期限' },
      { field: 'body.content.types[1].remindWorkingDaysBefore[1]', message: '提醒日重复列出' },
      { field: 'body.content.types[2].type', message: '任务类型代码重复（与第2项相同）' },
    ]);
    expect(en.status).toBe(422);
    expect(en.body.detail).toBe('The task types break a rule');
    expect(en.body.errors[3]).toEqual({
      field: 'body.content.types[2].type',
      message: 'lists the type of item 2 again',
    });
    expect((await office('GET', RULES)).body.version).toBe(3);
  });

  it.each([
    ['a unit', () => unit],
    ['a leader', () => leader],
    ['the leadership group', () => group],
  ])('refuses %s with 403, reading or editing', async (_who, as) => {
    const client = as();
    const reads = [RULES, `${RULES}/versions/1`, `${RULES}/diff?from=1&to=2`];
    for (const path of reads) expect((await client('GET', path)).status).toBe(403);

    const edit = await client('POST', RULES, { baseVersion: 3, reason: '越权', content: { types: [] } });
    const restore = await client('POST', `${RULES}/versions/1/restore`, { baseVersion: 3, reason: '越权' });

    expect([edit.status, restore.status]).toEqual([403, 403]);
  });

  it('shows another organisation’s office none of the versions, and lets it keep its own', async () => {
    expect((await elsewhere('GET', RULES)).body).toMatchObject({ version: 0, versions: [] });
    expect((await elsewhere('GET', `${RULES}/versions/1`)).status).toBe(404);
    expect((await elsewhere('GET', `${RULES}/diff?from=1&to=2`)).status).toBe(404);
    expect((await elsewhere('POST', `${RULES}/versions/1/restore`, { baseVersion: 0, reason: '窃取' })).status).toBe(
      404,
    );

    const own = await elsewhere('POST', RULES, {
      baseVersion: 0,
      reason: '本区规则',
      content: { types: [rectification] },
    });

    expect(own.status).toBe(201);
    expect(own.body.version).toBe(1);
    expect((await office('GET', RULES)).body.version).toBe(3);
  });

  it('records a loaded organisation file as a version when its types differ from those in force, and only then', async () => {
    const district = parseOrganisationFile(readFileSync(fromProject('examples/organisation.yaml'), 'utf8'), 'd.yaml');
    const fromFile = {
      ...district,
      taskPolicies: [{ ...(await office('GET', RULES)).body.content.types[0], signForWorkingDays: 2 }],
    };

    await loadOrganisation(t.db.pool, fromFile, 'file-with-types', 'p-huang-min');
    await loadOrganisation(t.db.pool, fromFile, 'file-with-types', 'p-huang-min');

    const rules = await office('GET', RULES);
    expect(rules.body.version).toBe(4);
    expect(rules.body.versions[0]).toMatchObject({ version: 4, reason: '载入组织文件', restoredFrom: null });
    expect(rules.body.content.types[0]).toMatchObject({ type: 'ROUTINE', signForWorkingDays: 2 });
  });

  it('keeps the office’s version in force when the same file is loaded again, as every start of the stack does', async () => {
    const district = parseOrganisationFile(readFileSync(fromProject('examples/organisation.yaml'), 'utf8'), 'd.yaml');
    const fromFile = { ...district, taskPolicies: (await office('GET', RULES)).body.content.types };
    const published = await office('POST', RULES, { baseVersion: 4, reason: '办公室修改', content: { types: [] } });
    expect(published.body.version).toBe(5);

    await loadOrganisation(t.db.pool, fromFile, 'file-with-types', 'system:start');

    expect((await office('GET', RULES)).body).toMatchObject({ version: 5, content: { types: [] } });
  });
});
