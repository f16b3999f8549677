import {
  fromAccountabilityDraft,
  fromProcedureDefaultsDraft,
  toAccountabilityDraft,
  toggleMonth,
  toProcedureDefaultsDraft,
} from '../../web/src/pages/office/rules/policies-draft';

const policy = {
  statementWorkingDays: 5,
  escalateAfterWorkingDays: 3,
  assessmentThreshold: 60,
  measures: [
    { code: 'TALK', name: '约谈' },
    { code: 'ADMONISH', name: '诫勉' },
  ],
};

const defaults = {
  meeting: {
    months: [3, 6, 9, 12],
    day: 20,
    time: '09:30',
    place: '区纪委监委会议室',
    noticeWorkingDays: 5,
    confirmWorkingDays: 2,
    minutesWorkingDays: 5,
  },
  inspection: {
    months: [5, 10],
    checklist: ['党风廉政建设主体责任落实情况', '上次检查发现问题整改情况'],
    selfCheckWorkingDays: 10,
    findingsWorkingDays: 20,
    escalateAfterWorkingDays: 2,
  },
};

describe('the drafts of the accountability policy and the procedures’ defaults', () => {
  it('sends a policy it was given unchanged', () => {
    expect(fromAccountabilityDraft(toAccountabilityDraft(policy))).toEqual(policy);
  });

  it('sends a measure’s code and name trimmed, and a limit that is no number as typed for the API to name', () => {
    const draft = {
      ...toAccountabilityDraft(policy),
      statementWorkingDays: '五',
      measures: [{ code: ' TALK ', name: ' 约谈' }],
    };

    const sent = fromAccountabilityDraft(draft);

    expect(sent.statementWorkingDays).toBe('五');
    expect(sent.measures).toEqual([{ code: 'TALK', name: '约谈' }]);
  });

  it('sends defaults it was given unchanged', () => {
    expect(fromProcedureDefaultsDraft(toProcedureDefaultsDraft(defaults))).toEqual(defaults);
  });

  it('sends the months ticked in calendar order, each once', () => {
    const draft = toProcedureDefaultsDraft(defaults);
    draft.meeting.months = toggleMonth(toggleMonth(draft.meeting.months, 1, true), 6, false);
    draft.inspection.months = [11, 5, 11];

    const sent = fromProcedureDefaultsDraft(draft);

    expect(sent.meeting.months).toEqual([1, 3, 9, 12]);
    expect(sent.inspection.months).toEqual([5, 11]);
  });

  it('keeps an emptied checklist line, for the API to name', () => {
    const draft = toProcedureDefaultsDraft(defaults);
    draft.inspection.checklist = [...draft.inspection.checklist, '  '];

    expect(fromProcedureDefaultsDraft(draft).inspection.checklist[2]).toBe('');
  });
});
