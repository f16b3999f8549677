import { loadAccountability } from '../../config/accountability';
import { accountabilityProblems, contentOfAccountability, diffAccountability } from '../../config/accountability-rules';
import {
  diffProcedureDefaults,
  procedureDefaultsProblems,
  shippedProcedureDefaults,
} from '../../config/procedure-defaults';
import { defaultCycleSettings } from '../../procedures/cycle/messages';
import { ESCALATE_AFTER_WORKING_DAYS } from '../../procedures/inspection/messages';
import { MINUTES_WORKING_DAYS } from '../../procedures/meeting/messages';

const shipped = contentOfAccountability(loadAccountability());
const defaults = shippedProcedureDefaults();

describe('the accountability policy as a kind of the office’s rules', () => {
  it('finds nothing wrong with the shipped file', () => {
    expect(accountabilityProblems(shipped)).toEqual([]);
  });

  it('says a change of the limits, the threshold and the order of the measures in sentences', () => {
    const next = {
      ...shipped,
      escalateAfterWorkingDays: 2,
      assessmentThreshold: 65,
      measures: [...shipped.measures].reverse(),
    };

    expect(diffAccountability(shipped, next).map((c) => c.text)).toEqual([
      '逾期未说明情况报领导小组的期限由3个工作日改为2个工作日',
      '启动责任追究的考核分数线由60分改为65分',
      '处理措施的排列顺序有调整',
    ]);
  });
});

describe('the procedures’ defaults as a kind of the office’s rules', () => {
  it('are, as version 0, the constants the procedures used before', () => {
    const cycle = defaultCycleSettings(2027);

    expect(defaults.meeting).toMatchObject({
      months: cycle.meetingMonths,
      minutesWorkingDays: MINUTES_WORKING_DAYS,
      place: '区纪委监委会议室',
    });
    expect(defaults.inspection).toMatchObject({
      months: cycle.inspectionMonths,
      escalateAfterWorkingDays: ESCALATE_AFTER_WORKING_DAYS,
    });
    expect(procedureDefaultsProblems(defaults)).toEqual([]);
  });

  it('says a change of the meeting months and a checklist item removed in sentences', () => {
    const next = {
      meeting: { ...defaults.meeting, months: [6, 12] },
      inspection: { ...defaults.inspection, months: [], checklist: defaults.inspection.checklist.slice(1) },
    };

    expect(diffProcedureDefaults(defaults, next).map((c) => c.text)).toEqual([
      '定期联席会议月份由3月、6月、9月、12月改为6月、12月',
      '定期检查督办月份由5月、10月改为无',
      `检查内容删除“${defaults.inspection.checklist[0]}”`,
    ]);
  });

  it('refuses no regular meeting month', () => {
    const none = { ...defaults, meeting: { ...defaults.meeting, months: [] } };

    expect(procedureDefaultsProblems(none)).toEqual([
      { path: ['meeting', 'months'], message: { zh: '至少须有一个月份', en: 'needs at least one month' } },
    ]);
  });
});
