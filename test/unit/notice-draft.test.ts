import { ApiError } from '../../web/src/lib/api';
import {
  draftChanges,
  fieldOf,
  fromNoticeDraft,
  insertAt,
  problemsByKind,
  toNoticeDraft,
} from '../../web/src/pages/office/rules/notice-draft';
import type { NoticeCatalogueEntry } from '../../web/src/pages/office/rules/types';

const entry = (kind: NoticeCatalogueEntry['kind']): NoticeCatalogueEntry => ({
  kind,
  name: kind,
  variables: [],
  required: [],
  default: { title: `${kind} title`, body: `${kind} body` },
});
const catalogue = [entry('TASK_ASSIGNED_LEAD'), entry('REMINDER'), entry('CANCELLED')];
const reminder = { kind: 'REMINDER', title: '【到期提醒】{任务名称}', body: '还剩{剩余工作日}个工作日' };
const cancelled = { kind: 'CANCELLED', title: '【撤销】{任务名称}', body: '撤销理由：{撤销理由}' };

describe('the notice templates editor’s draft', () => {
  it('sends the notices rewritten in the catalogue’s order, whatever order they were written in', () => {
    const draft = toNoticeDraft({ templates: [cancelled, reminder] });

    expect(fromNoticeDraft(draft, catalogue)).toEqual({ templates: [reminder, cancelled] });
  });

  it('says which notices the draft rewrites, changes or gives back to their default', () => {
    const inForce = toNoticeDraft({ templates: [reminder, cancelled] });
    const draft = {
      TASK_ASSIGNED_LEAD: { title: '【任务交办】{任务名称}', body: '…' },
      REMINDER: { ...reminder, body: '请抓紧办理' },
    };

    expect(draftChanges(inForce, draft, catalogue)).toEqual([
      { kind: 'TASK_ASSIGNED_LEAD', change: 'ADDED' },
      { kind: 'REMINDER', change: 'CHANGED' },
      { kind: 'CANCELLED', change: 'REMOVED' },
    ]);
    expect(draftChanges(inForce, toNoticeDraft({ templates: [reminder, cancelled] }), catalogue)).toEqual([]);
  });

  it('types a variable over the selection and puts the cursor after it', () => {
    expect(insertAt('还剩个工作日', 2, 2, '{剩余工作日}')).toEqual({ value: '还剩{剩余工作日}个工作日', caret: 9 });
    expect(insertAt('还剩三个工作日', 2, 3, '{剩余工作日}')).toEqual({ value: '还剩{剩余工作日}个工作日', caret: 9 });
  });

  it('places each problem of the API at the notice sent at its index, not at the draft’s order now', () => {
    const refusal = new ApiError(422, '通知模板有误', [
      { field: 'body.content.templates[0].body', message: '模板使用了未定义的变量{剩余天数}' },
      { field: 'body.content.templates[1].title', message: '标题不能为空' },
      { field: 'body.reason', message: '不能为空' },
    ]);
    const sent = ['REMINDER', 'CANCELLED'];

    expect(Object.fromEntries(problemsByKind(refusal, sent))).toEqual({
      REMINDER: [{ field: 'body', message: '模板使用了未定义的变量{剩余天数}' }],
      CANCELLED: [{ field: 'title', message: '标题不能为空' }],
    });
    expect(fieldOf(sent, 'CANCELLED', 'title')).toBe('content.templates[1].title');
    expect(fieldOf(sent, 'TASK_ASSIGNED_LEAD', 'body')).toBeUndefined();
  });
});
