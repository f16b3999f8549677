import { ApiError } from '../../web/src/lib/api';
import { fieldProblem } from '../../web/src/lib/fields';
import { DEFAULT_TYPE, fromDraft, toDraft } from '../../web/src/pages/office/rules/draft';

const rectification = {
  type: 'RECTIFICATION',
  name: '检查发现问题整改',
  signForWorkingDays: 1,
  remindWorkingDaysBefore: [5, 3, 1],
  yellowWithinWorkingDays: 3,
  progressEveryWorkingDays: 5,
  escalation: { l2AfterWorkingDays: 2, l3AfterWorkingDays: 5 },
  extensionDecidedBy: 'LEADER' as const,
  pause: { defaultWorkingDays: 20, maxWorkingDays: 60 },
  severityStartRung: { DISTRICT: 2, MUNICIPAL: 2, PROVINCIAL: 3 },
  requireEvidence: true,
};

describe('the rules editor’s draft of a task type', () => {
  it('sends a type it was given unchanged', () => {
    expect(fromDraft(toDraft(rectification))).toEqual(rectification);
  });

  it('reads reminder days separated by 顿号, commas or spaces', () => {
    const draft = { ...toDraft(DEFAULT_TYPE), remindWorkingDaysBefore: '5、3，2, 1 ' };

    expect(fromDraft(draft).remindWorkingDaysBefore).toEqual([5, 3, 2, 1]);
  });

  it('sends an empty progress cadence as none required (null)', () => {
    expect(fromDraft({ ...toDraft(rectification), progressEveryWorkingDays: ' ' }).progressEveryWorkingDays).toBeNull();
  });

  it('sends a field that is not a number as typed, for the API to name', () => {
    const sent = fromDraft({ ...toDraft(rectification), l2AfterWorkingDays: '三', signForWorkingDays: '' });

    expect(sent.escalation.l2AfterWorkingDays).toBe('三');
    expect(sent.signForWorkingDays).toBe('');
  });

  it('fills in the defaults of a type without a pause or start rungs', () => {
    const { pause: _p, severityStartRung: _r, requireEvidence: _e, ...bare } = rectification;

    expect(fromDraft(toDraft(bare))).toMatchObject({
      pause: { defaultWorkingDays: 20, maxWorkingDays: 60 },
      severityStartRung: { DISTRICT: 2, MUNICIPAL: 2, PROVINCIAL: 3 },
      requireEvidence: false,
    });
  });
});

describe('a field’s problems with its items', () => {
  const refusal = new ApiError(422, '任务类型规则不符合要求', [
    { field: 'body.content.types[0].remindWorkingDaysBefore[2]', message: '提醒日重复列出' },
    { field: 'body.content.types[0].escalation.l3AfterWorkingDays', message: '须晚于二级督办' },
  ]);

  it('finds an item’s problem only when asked to', () => {
    expect(fieldProblem(refusal, 'content.types[0].remindWorkingDaysBefore')).toBeUndefined();
    expect(fieldProblem(refusal, 'content.types[0].remindWorkingDaysBefore', true)).toBe('提醒日重复列出');
  });

  it('does not take another type’s problem for this one’s', () => {
    expect(fieldProblem(refusal, 'content.types[1].remindWorkingDaysBefore', true)).toBeUndefined();
  });
});
