import { parseOrganisationFile } from '../../db/org-file';
import { loadOrganisation } from '../../db/queries/load-organisation';
import { assignEarlier } from '../support/assigned-earlier';
import { eventually } from '../support/http';
import { officeOnlyOrganisation } from '../support/office-only-organisation';
import { festivalCheck, shanghaiDate } from '../support/task-bodies';
import { useTestStack, type ApiClient } from '../support/use-test-stack';

const RULES = '/v1/rules/notice-templates';
const TITLE = festivalCheck.title;

/** The district's own wording of the assignment and of the L1 urging (逾期催办). */
const assignment = {
  kind: 'TASK_ASSIGNED_LEAD',
  title: '【任务交办】{任务名称}（限{工作时限}前完成）',
  body:
    '{牵头单位}：现交办「{任务名称}」[，请会同{协办单位}]。要求：{任务要求}标准：{落实标准}' +
    '请于{签收时限}个工作日内签收，{工作时限}前办结。',
};
const overdue = {
  kind: 'ESCALATION_L1',
  title: '【逾期催办】{牵头单位}：{任务名称}',
  body: '「{任务名称}」已超过工作时限{工作时限}，请{牵头单位}主要负责人立即督促办结。',
};

describe('notice templates, edited with versions (issue 22)', () => {
  const { t, office, unit } = useTestStack({ office: 'p-huang-min', unit: 'p-xie-hua' });
  let elsewhere: ApiClient;

  beforeAll(async () => {
    await loadOrganisation(
      t.db.pool,
      parseOrganisationFile(officeOnlyOrganisation('notices-elsewhere'), 'elsewhere.yaml'),
      'elsewhere',
    );
    elsewhere = await t.as('p-notices-elsewhere');
  });

  /** The notice of `kind` the unit head received for a task, once written. */
  const noticeOf = (taskId: string, kind: string) =>
    eventually(async () => {
      const { items } = (await unit('GET', '/v1/inbox?limit=200')).body as {
        items: { taskId: string; kind: string; title: string; body: string }[];
      };
      return items.find((i) => i.taskId === taskId && i.kind === kind);
    });
  const createTask = async (title = TITLE) => {
    const res = await office('POST', '/v1/tasks', {
      ...festivalCheck,
      title,
      coUnitIds: ['town-xicheng'],
      dueDate: shanghaiDate(40),
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('answers version 0, every notice with its variables and built-in template, before anything is published', async () => {
    const res = await office('GET', RULES);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'notice-templates', version: 0, content: { templates: [] }, versions: [] });
    const reminder = res.body.catalogue.find((c: { kind: string }) => c.kind === 'REMINDER');
    expect(reminder).toEqual({
      kind: 'REMINDER',
      name: '到期提醒',
      variables: [
        { name: '任务名称', label: '任务的标题' },
        { name: '工作时限', label: expect.stringContaining('工作时限') },
        { name: '剩余工作日', label: '距工作时限的工作日数，如“3”' },
      ],
      required: ['任务名称', '工作时限'],
      default: {
        title: '【到期提醒】{任务名称}距工作时限还有{剩余工作日}个工作日',
        body: expect.stringContaining('「{任务名称}」的工作时限为{工作时限}'),
      },
    });
    expect(res.body.catalogue.map((c: { kind: string }) => c.kind)).toEqual(
      expect.arrayContaining(['TASK_ASSIGNED_LEAD', 'ESCALATION_L2', 'ESCALATION_L3', 'RETURNED', 'EXTENSION_DENIED']),
    );
  });

  it('writes the built-in text while no version is published', async () => {
    const id = await createTask('核查专项资金使用情况');

    const notice = await noticeOf(id, 'ASSIGNED');

    expect(notice.title).toBe('【交办】核查专项资金使用情况');
    expect(notice.body).toMatch(/^现将「核查专项资金使用情况」交由你单位牵头办理，协办单位：西城街道。工作时限：/);
  });

  it('refuses templates that mean nonsense with 422, every problem at once, naming each field', async () => {
    const content = {
      templates: [
        { kind: 'REMINDER', title: '【提醒】{任务名称}', body: '还剩{剩余天数}个工作日，请抓紧。' },
        { kind: 'NO_SUCH_NOTICE', title: '{任务名称}', body: '{任务名称}' },
        { kind: 'ACCEPTED', title: '', body: '「{任务名称}」办结，评定{质量评定' },
      ],
    };

    const zh = await office('POST', RULES, { baseVersion: 0, reason: '试改', content });
    const en = await office('POST', RULES, { baseVersion: 0, reason: '试改', content }, { 'accept-language': 'en' });
    const preview = await office('POST', `${RULES}/preview`, { content });

    expect(zh.status).toBe(422);
    expect(zh.body.errors).toEqual([
      {
        field: 'body.content.templates[0].body',
        message: '模板使用了未定义的变量{剩余天数}，可用变量：{任务名称}、{工作时限}、{剩余工作日}',
      },
      { field: 'body.content.templates[0].body', message: '“到期提醒”的模板须在标题或正文中使用变量{工作时限}' },
      { field: 'body.content.templates[1].kind', message: expect.stringMatching(/^没有“NO_SUCH_NOTICE”这种通知/) },
      { field: 'body.content.templates[2].title', message: '标题不能为空' },
      { field: 'body.content.templates[2].body', message: '第14个字符处的“{”缺少对应的“}”' },
    ]);
    expect(en.body.errors[0].message).toBe(
      'the template uses the undefined variable {剩余天数}; it may use {任务名称}、{工作时限}、{剩余工作日}',
    );
    expect(preview.status).toBe(422);
    expect(preview.body.errors).toEqual(zh.body.errors);
    expect((await office('GET', RULES)).body.version).toBe(0);
  });

  it('previews a draft with sample values, or with a task’s own facts, storing nothing', async () => {
    const id = await createTask('排查村级财务问题');
    const content = { templates: [assignment] };

    const samples = await office('POST', `${RULES}/preview`, { content });
    const withTask = await office('POST', `${RULES}/preview`, { content, kind: 'TASK_ASSIGNED_LEAD', taskId: id });
    const another = await elsewhere('POST', `${RULES}/preview`, { content, taskId: id });

    expect(samples.status).toBe(200);
    expect(samples.body.notices).toHaveLength(18);
    expect(samples.body.notices[0]).toEqual({
      kind: 'TASK_ASSIGNED_LEAD',
      name: '交办（致牵头单位）',
      overridden: true,
      title: '【任务交办】开展节日期间作风建设专项检查（限2027年1月29日前完成）',
      body:
        '××街道：现交办「开展节日期间作风建设专项检查」，请会同××镇、××局。要求：对公车使用、公款吃喝开展检查。' +
        '标准：形成检查报告。请于1个工作日内签收，2027年1月29日前办结。',
    });
    expect(samples.body.notices.find((n: { kind: string }) => n.kind === 'REMINDER')).toMatchObject({
      overridden: false,
      title: '【到期提醒】开展节日期间作风建设专项检查距工作时限还有3个工作日',
    });
    expect(withTask.status).toBe(200);
    expect(withTask.body).toMatchObject({ basedOn: 0, taskId: id });
    expect(withTask.body.notices).toEqual([
      expect.objectContaining({
        kind: 'TASK_ASSIGNED_LEAD',
        body: expect.stringMatching(/^东关街道：现交办「排查村级财务问题」，请会同西城街道。要求：对辖区内公车使用/),
      }),
    ]);
    expect(another.status).toBe(404);
    expect((await office('GET', RULES)).body.version).toBe(0);
  });

  it('writes notices recorded after publishing with the version in force; one written before keeps its text', async () => {
    const before = await createTask('清理违规兼职取酬');
    await noticeOf(before, 'ASSIGNED');

    const published = await office('POST', RULES, {
      baseVersion: 0,
      reason: '统一交办和催办的文字',
      content: { templates: [assignment, overdue] },
    });
    const after = await createTask('整治群众身边不正之风');
    const lapsed = await assignEarlier(t, { ...festivalCheck, title: '落实巡察整改', dueDate: shanghaiDate(-1) }, 2);

    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 1, authorId: 'p-huang-min', reason: '统一交办和催办的文字' });
    const assigned = await noticeOf(after, 'ASSIGNED');
    expect(assigned.title).toBe(
      `【任务交办】整治群众身边不正之风（限${limit(shanghaiDate(40), assigned.body)}前完成）`,
    );
    expect(assigned.body).toMatch(/^东关街道：现交办「整治群众身边不正之风」，请会同西城街道。要求：对辖区内/);
    const urged = await noticeOf(lapsed, 'ESCALATION_L1');
    expect(urged.title).toBe('【逾期催办】东关街道：落实巡察整改');
    expect(urged.body).toBe(
      `「落实巡察整改」已超过工作时限${limit(shanghaiDate(-1), urged.body)}，请东关街道主要负责人立即督促办结。`,
    );
    expect((await noticeOf(before, 'ASSIGNED')).title).toBe('【交办】清理违规兼职取酬');
    // Another organisation's notices are its own: it still has version 0.
    expect((await elsewhere('GET', RULES)).body).toMatchObject({ version: 0, content: { templates: [] } });
  }, 120_000);

  it('compares versions in sentences, restores one as a new version, and 404s a version there is not', async () => {
    const second = await office('POST', RULES, {
      baseVersion: 1,
      reason: '催办恢复默认',
      content: { templates: [{ ...assignment, title: '【交办】{任务名称}' }] },
    });
    const diff = await office('GET', `${RULES}/diff?from=1&to=2`);
    const restored = await office('POST', `${RULES}/versions/1/restore`, { baseVersion: 2, reason: '恢复第1版' });
    const stale = await office('POST', `${RULES}/versions/1/restore`, { baseVersion: 2, reason: '再恢复' });

    expect(second.status).toBe(201);
    expect(diff.body.changes.map((c: { text: string }) => c.text)).toEqual([
      '“交办（致牵头单位）”的标题由“【任务交办】{任务名称}（限{工作时限}前完成）”改为“【交办】{任务名称}”',
      '“逾期催办（一级督办）”恢复默认模板',
    ]);
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({ version: 3, restoredFrom: 1, content: { templates: [assignment, overdue] } });
    expect(stale.status).toBe(409);
    expect((await office('GET', `${RULES}/versions/3`)).body.content).toEqual({ templates: [assignment, overdue] });
    expect((await office('GET', `${RULES}/versions/9`)).status).toBe(404);
    expect((await elsewhere('GET', `${RULES}/versions/1`)).status).toBe(404);
    expect((await unit('GET', RULES)).status).toBe(403);
  });
});

/**
 * '2027-03-05' → '2027年3月5日', as a notice states a time limit, with 「（暂定）」 when `text` says it is provisional
 * (a year whose official calendar the test stack has not loaded).
 */
function limit(date: string, text: string) {
  const [y, m, d] = date.split('-').map(Number);
  const stated = `${y}年${m}月${d}日`;
  return text.includes(`${stated}（暂定）`) ? `${stated}（暂定）` : stated;
}
