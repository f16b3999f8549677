import {
  defaultNoticeText,
  NOTICE_TEMPLATE_KIND_IDS,
  NOTICE_TEMPLATE_KINDS,
  noticeText,
  type NoticeTemplateKind,
} from '../../activities/notice-templates';
import { diffNoticeTemplates, noticeTemplateProblems } from '../../render/notice-template-rules';
import { inLanguage } from '../../procedures/kernel/said';

/** Each kind's sample, and the variations of it its built-in text words differently. */
const variations: Record<NoticeTemplateKind, Record<string, unknown>[]> = {
  TASK_ASSIGNED_LEAD: [{}, { coUnitNames: [] }, { facts: { standard: '逐项销号。' } }, { provisional: true }],
  TASK_ASSIGNED_CO: [{}, { leadUnitName: undefined }, { provisional: true, signForWorkingDays: 3, facts: {} }],
  SIGN_FOR_OVERDUE: [{}, { provisional: true }],
  REMINDER: [{}, { workingDaysLeft: 1, provisional: true }],
  PROGRESS_MISSING: [{}],
  MILESTONE_MISSED: [{}, { expected: '' }],
  ESCALATION_L1: [{}, { unitName: undefined }],
  ESCALATION_L2: [{}, { overdueWorkingDays: 0 }, { leaderName: undefined }, { raisedAs: '挂牌督办事项' }],
  ESCALATION_L3: [{}, { overdueWorkingDays: 0, leaderName: undefined }, { raisedAs: '挂牌督办事项、领导批示件' }],
  SUBMITTED: [{}],
  ACCEPTED: [{}, { comment: '材料翔实' }],
  RETURNED: [{}, { reasons: ['缺少台账。', '未附照片；'] }, { provisional: true }],
  EXTENSION_REQUESTED: [{}, { progress: '已完成七成' }],
  EXTENSION_APPROVED: [{}, { provisional: true }],
  EXTENSION_DENIED: [{}, { reason: undefined }],
  EXTENDED: [{}, { reason: '' }],
  URGED: [{}],
  CANCELLED: [{}, { reason: '重复交办。' }],
};

describe('notice templates (issue 22)', () => {
  describe.each(NOTICE_TEMPLATE_KIND_IDS)('the default template of %s', (kind) => {
    const def = NOTICE_TEMPLATE_KINDS[kind];
    it.each(variations[kind].map((v, n) => [n, v] as const))(
      'writes exactly the built-in text (variation %i)',
      (_n, variation) => {
        const input = { ...def.sample, ...variation } as never;

        expect(defaultNoticeText(kind, input)).toEqual((def.text as (i: never) => unknown)(input));
      },
    );

    it('uses only its own variables and shows what it must', () => {
      const content = { templates: [{ kind, title: def.title, body: def.body }] };

      expect(noticeTemplateProblems(content)).toEqual([]);
    });
  });

  it('writes the office’s template with the notice’s values, and the built-in text for kinds it left alone', () => {
    const content = {
      templates: [
        { kind: 'REMINDER', title: '【提醒】{任务名称}', body: '请于{工作时限}前办结，还剩{剩余工作日}个工作日。' },
      ],
    };
    const input = { taskTitle: '整改巡察反馈问题', dueDate: '2027-03-05', provisional: true, workingDaysLeft: 2 };

    expect(noticeText('REMINDER', input, content)).toEqual({
      title: '【提醒】整改巡察反馈问题',
      body: '请于2027年3月5日（暂定）前办结，还剩2个工作日。',
    });
    expect(noticeText('CANCELLED', { ...input, reason: '重复' }, content).title).toBe('【撤销】整改巡察反馈问题');
  });

  it('sends the built-in text should a stored template not parse, rather than no notice', () => {
    const input = { taskTitle: '整改巡察反馈问题', dueDate: '2027-03-05', reason: '重复交办' };
    const broken = { templates: [{ kind: 'CANCELLED', title: '{任务名称', body: '{撤销理由}' }] };

    expect(noticeText('CANCELLED', input, broken)).toEqual(NOTICE_TEMPLATE_KINDS.CANCELLED.text(input));
  });

  it('leaves out an optional passage whose variable is empty', () => {
    const content = {
      templates: [
        {
          kind: 'TASK_ASSIGNED_LEAD',
          title: '{任务名称}',
          body: '请办理「{任务名称}」[（协办：{协办单位}）]，{工作时限}前办结。{任务要求}{落实标准}{签收时限}',
        },
      ],
    };
    const base = { ...NOTICE_TEMPLATE_KINDS.TASK_ASSIGNED_LEAD.sample, facts: {} };

    expect(noticeText('TASK_ASSIGNED_LEAD', { ...base, coUnitNames: [] }, content).body).toBe(
      '请办理「开展节日期间作风建设专项检查」，2027年1月29日前办结。1',
    );
    expect(noticeText('TASK_ASSIGNED_LEAD', base, content).body).toBe(
      '请办理「开展节日期间作风建设专项检查」（协办：××镇、××局），2027年1月29日前办结。1',
    );
  });

  it('names every problem at once, each at its field', () => {
    const problems = noticeTemplateProblems({
      templates: [
        { kind: 'REMINDER', title: '【提醒】{任务名称}', body: '还剩{剩余天数}个工作日。' },
        { kind: 'NO_SUCH', title: 'x', body: 'y' },
        { kind: 'REMINDER', title: '{任务名称}', body: '{工作时限}' },
        { kind: 'ACCEPTED', title: '', body: '「{任务名称}」办结，评定{质量评定' },
        { kind: 'CANCELLED', title: '{任务名称}', body: `{撤销理由}${'很'.repeat(1_000)}` },
        { kind: 'URGED', title: '｛任务名称｝', body: '[请抓紧]{督办意见}' },
      ],
    }).map((p) => [p.path.join('.'), inLanguage(p.message, 'zh')]);

    expect(problems).toEqual([
      ['templates.0.body', '模板使用了未定义的变量{剩余天数}，可用变量：{任务名称}、{工作时限}、{剩余工作日}'],
      ['templates.0.body', '“到期提醒”的模板须在标题或正文中使用变量{工作时限}'],
      [
        'templates.1.kind',
        expect.stringMatching(/^没有“NO_SUCH”这种通知，可编辑的通知：TASK_ASSIGNED_LEAD（交办（致牵头单位））、/),
      ],
      ['templates.2.kind', '“到期提醒”已在第1项列出，每种通知只能有一个模板'],
      ['templates.3.title', '标题不能为空'],
      ['templates.3.body', '第14个字符处的“{”缺少对应的“}”'],
      ['templates.4.body', '正文不能超过1000字（现有1006字）'],
      ['templates.5.title', '第1个字符处的“｛”是全角花括号：变量须用半角花括号，如{任务名称}'],
      ['templates.5.title', '第6个字符处的“｝”是全角花括号：变量须用半角花括号，如{任务名称}'],
      ['templates.5.body', '第1个字符处的方括号内没有变量：方括号只用于括住可能为空的变量及其前后文字'],
    ]);
  });

  it('says what changed between two versions, notice by notice', () => {
    const reminder = { kind: 'REMINDER', title: '【提醒】{任务名称}', body: '{工作时限}' };
    const changes = diffNoticeTemplates(
      { templates: [reminder, { kind: 'CANCELLED', title: '{任务名称}', body: '{撤销理由}' }] },
      {
        templates: [
          { ...reminder, title: '【到期】{任务名称}' },
          { kind: 'URGED', title: '{任务名称}', body: '{督办意见}' },
        ],
      },
    );

    expect(changes.map((c) => c.text)).toEqual([
      '“到期提醒”的标题由“【提醒】{任务名称}”改为“【到期】{任务名称}”',
      '“撤销”恢复默认模板',
      '“督办（组织协调室催办）”改用本单位的模板',
    ]);
  });
});
