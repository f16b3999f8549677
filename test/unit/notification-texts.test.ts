import * as texts from '../../activities/notification-texts';

const task = { taskTitle: '开展节日期间作风建设专项检查', dueDate: '2026-03-05' };

describe('notification texts', () => {
  it('shows dates the Chinese way, without leading zeros', () => {
    expect(texts.formatDate('2026-03-05')).toBe('2026年3月5日');
    expect(texts.formatDate('2026-12-31')).toBe('2026年12月31日');
    expect(texts.formatDate('soon')).toBe('soon');
  });

  it('assigns a task to the lead unit with its four-in-place and sign-for limit', () => {
    const { title, body } = texts.taskAssignedText({
      ...task,
      coUnitNames: ['区财政局', '区教育局'],
      requirements: '对公车使用开展检查',
      standard: '形成检查报告',
    });

    expect(title).toBe('【交办】开展节日期间作风建设专项检查');
    expect(body).toContain('交由你单位牵头办理，协办单位：区财政局、区教育局');
    expect(body).toContain('工作时限：2026年3月5日');
    expect(body).toContain('请于1个工作日内签收');
  });

  it('tells a co-organising unit to report to the lead unit', () => {
    const { body } = texts.taskAssignedText({ ...task, role: 'CO', leadUnitName: '东关街道' });

    expect(body).toContain('东关街道牵头办理，你单位为协办单位');
  });

  it('counts the working days left before the time limit', () => {
    const { title, body } = texts.reminderBeforeDeadlineText({ ...task, workingDaysLeft: 3 });

    expect(title).toContain('距工作时限还有3个工作日');
    expect(body).toContain('2026年3月5日');
  });

  it('urges the unit head at the deadline and escalates to the leader and the leadership group', () => {
    const l1 = texts.overdueL1Text({ ...task, unitName: '东关街道' });
    const l2 = texts.escalationL2Text({ ...task, unitName: '东关街道', overdueWorkingDays: 3 });
    const l3 = texts.escalationL3Text({ ...task, unitName: '东关街道', overdueWorkingDays: 10 });

    expect(l1.title).toContain('逾期催办');
    expect(l1.body).toContain('现予催办');
    expect(l2.body).toContain('由您分管的东关街道');
    expect(l2.body).toContain('已逾期3个工作日');
    expect(l3.title).toContain('报领导小组');
    expect(l3.body).toMatch(/情况通报.*问责移送/);
  });

  it('returns a result with numbered reasons and the new time limit', () => {
    const { body } = texts.returnedText({
      ...task,
      reasons: ['检查报告缺少问题清单', '未附整改台账。'],
      newDueDate: '2026-03-20',
    });

    expect(body).toContain('现予退回');
    expect(body).toContain('1. 检查报告缺少问题清单；2. 未附整改台账。');
    expect(body).toContain('2026年3月20日');
  });

  it('names the rating at acceptance and the dates of an approved extension', () => {
    expect(texts.acceptedText({ ...task, rating: '优秀' }).body).toContain('予以办结，质量评定为“优秀”');
    expect(texts.extensionApprovedText({ ...task, newDueDate: '2026-04-10' }).body).toContain(
      '由2026年3月5日调整为2026年4月10日',
    );
    expect(texts.extensionDeniedText(task).body).toContain('自原工作时限起计算');
  });

  it('has a text for every notification kind, each with a title and a body', () => {
    expect(Object.keys(texts.NOTIFICATION_TEXTS)).toHaveLength(17);
    const samples = [
      texts.signForOverdueText({ ...task, assignedDate: '2026-03-02' }),
      texts.progressReportMissingText({ ...task, reportDueDate: '2026-03-01' }),
      texts.submittedText({ ...task, unitName: '东关街道', submittedDate: '2026-03-04' }),
      texts.extensionRequestedText({ ...task, unitName: '东关街道', proposedDate: '2026-03-31', reason: '涉及面广' }),
      texts.cancelledText({ ...task, reason: '任务已合并' }),
      texts.reassignedText({ ...task, fromUnitName: '东关街道', toUnitName: '西城街道' }),
      texts.calendarChangedText({ ...task, newDueDate: '2026-03-06', year: 2026 }),
      texts.commentText({ ...task, authorName: '王红梅', comment: '请加快进度' }),
    ];

    for (const { title, body } of samples) {
      expect(title).toContain('【');
      expect(body).toContain('「开展节日期间作风建设专项检查」');
      expect(body).toMatch(/。$/);
    }
  });
});
