import {
  findingsClosedStep,
  findingsEffect,
  inspectionProcedure,
  selfCheckStep,
  type InspectionMachine,
} from '../../procedures/inspection/machine';
import type {
  InspectedUnit,
  InspectionInput,
  InspectionState,
  SelfCheckStatus,
} from '../../procedures/inspection/messages';
import { escalatedSteps, selfCheckDueSteps } from '../../procedures/inspection/steps';
import type { TaskPolicy } from '../../procedures/task/messages';
import { aroundDeadline, namedActor as actor, verdictOf } from '../support/actors';

const DUE = '2027-05-14T16:00:00.000Z';
const [BEFORE, AFTER] = aroundDeadline(DUE);
const unitA = actor('town-a', ['UNIT']);
const outsider = actor('town-x', ['UNIT']);
const office = actor('office', ['OFFICE']);

const unit = (unitId: string, selfCheck: SelfCheckStatus = 'PENDING', findingsRecordedAt: string | null = null) =>
  ({
    unitId,
    unitName: `${unitId}镇`,
    selfCheck,
    report: null,
    filedBy: null,
    filedAt: null,
    urgedAt: null,
    escalatedAt: null,
    findingsRecordedAt,
  }) as InspectedUnit;

const input = {
  roundId: 'r-1',
  orgId: 'district',
  cycleId: null,
  title: '上半年作风建设专项检查',
  selfCheckDueDate: '2027-05-14',
  checklist: [],
} as unknown as InspectionInput;

function round(
  state: InspectionState,
  units = [unit('town-a'), unit('town-b')],
  findingsClosedAt: string | null = null,
) {
  const label = `${state}${findingsClosedAt ? ' (findings closed)' : ''}`;
  return Object.assign(Object.create({ toString: () => label }) as InspectionMachine, {
    input,
    recorded: true,
    status: {
      roundId: 'r-1',
      state,
      units,
      findings: [],
      selfCheckDueAt: DUE,
      remindAt: null,
      escalateAt: null,
      findingsDueAt: null,
      findingsClosedAt,
      closedAt: null,
      version: 1,
    },
  });
}

const finding = { severity: 'MAJOR' as const, description: '台账不全', requirement: '补齐台账', workingDays: 10 };
const policy = { escalation: { l3AfterWorkingDays: 10 } } as TaskPolicy;
const verdict = verdictOf(inspectionProcedure, BEFORE);

describe('the inspection round machine decides who may file and record, with the reason', () => {
  it.each([
    [round('SELF_CHECK'), 'fileSelfCheck', unitA, { report: '自查情况' }, BEFORE, 'accepted'],
    [round('SELF_CHECK'), 'fileSelfCheck', office, { report: '自查情况' }, BEFORE, '自查报告由被检查单位报送'],
    [
      round('SELF_CHECK'),
      'fileSelfCheck',
      outsider,
      { report: '自查情况' },
      BEFORE,
      '本单位不在本轮检查范围内，无需报送自查报告',
    ],
    [round('CLOSED'), 'fileSelfCheck', unitA, { report: '自查情况' }, AFTER, '本轮检查已结束，不再受理自查报告'],
    [
      round('INSPECTING', [unit('town-a', 'FILED')]),
      'fileSelfCheck',
      unitA,
      { report: '改' },
      AFTER,
      '自查报告已按时报送，报送截止后不能修改',
    ],
    [
      round('INSPECTING', [unit('town-a', 'LATE')]),
      'fileSelfCheck',
      unitA,
      { report: '再' },
      AFTER,
      '自查报告已补报，不能重复报送',
    ],
    [round('SELF_CHECK', [unit('town-a', 'FILED')]), 'fileSelfCheck', unitA, { report: '重报' }, BEFORE, 'accepted'],
    [round('SELF_CHECK'), 'fileSelfCheck', unitA, { report: ' ' }, BEFORE, '自查报告不能为空'],
    [
      round('INSPECTING'),
      'recordFindings',
      office,
      { unitId: 'town-a', findings: [finding], leaderId: 'p-l', policy },
      AFTER,
      'accepted',
    ],
    [
      round('INSPECTING'),
      'recordFindings',
      unitA,
      { unitId: 'town-a', findings: [], leaderId: 'p-l', policy },
      AFTER,
      '检查发现问题由组织协调室录入',
    ],
    [
      round('RECTIFYING', undefined, DUE),
      'recordFindings',
      office,
      { unitId: 'town-a', findings: [], leaderId: 'p-l', policy },
      AFTER,
      '本轮检查的问题录入已经结束，不能再录入',
    ],
    [
      round('INSPECTING'),
      'recordFindings',
      office,
      { unitId: 'town-x', findings: [], leaderId: 'p-l', policy },
      AFTER,
      '该单位不在本轮检查范围内',
    ],
    [
      round('INSPECTING', [unit('town-a', 'FILED', DUE)]),
      'recordFindings',
      office,
      { unitId: 'town-a', findings: [], leaderId: 'p-l', policy },
      AFTER,
      'town-a镇的检查结果已录入，不能重复录入',
    ],
    [
      round('INSPECTING'),
      'recordFindings',
      office,
      { unitId: 'town-a', findings: [{ ...finding, dueDate: '2027-06-30' }], leaderId: 'p-l', policy },
      AFTER,
      '整改时限须为日期或工作日数，二者选一',
    ],
    [round('INSPECTING'), 'closeFindings', office, {}, AFTER, 'accepted'],
    [round('RECTIFYING', undefined, DUE), 'closeFindings', office, {}, AFTER, '本轮检查的问题录入已经结束'],
  ] as const)('%s · %s by %s', (m, action, who, body, now, expected) => {
    expect(verdict(m, action, who, body, now)).toBe(expected);
  });
});

describe('the inspection round machine records its steps', () => {
  it('marks a self-check after the deadline as late', () => {
    const m = round('INSPECTING');
    expect(selfCheckStep(m, { actor: unitA, report: '补报' }, AFTER).message).toBe('town-a镇报送自查报告（逾期补报）');
    expect(m.status.units[0]?.selfCheck).toBe('LATE');
  });

  it('turns each finding into a rectification task of the unit', () => {
    const m = round('INSPECTING');
    const { step, tasks } = findingsEffect(
      m,
      { actor: office, unitId: 'town-a', findings: [finding, finding], leaderId: 'p-l', policy },
      AFTER,
    );
    expect(step.message).toBe('录入town-a镇检查发现问题2个（较重2个），逐项交办整改');
    expect(tasks.map((t) => t.leadUnitId)).toEqual(['town-a', 'town-a']);
    expect(m.status.findings).toHaveLength(2);
  });

  it('urges at the deadline and escalates only the units still missing', () => {
    const m = round('SELF_CHECK', [unit('town-a'), unit('town-b', 'FILED')]);
    const [due, ...urged] = selfCheckDueSteps(m, DUE);
    expect(due?.message).toBe('自查报告报送截止：按时报送1个，未报送1个（town-a镇），已催办');
    expect(urged.map((s) => s.unitId)).toEqual(['town-a']);
    expect(m.status.state).toBe('INSPECTING');
    expect(escalatedSteps(m, DUE).map((s) => s.notice?.recipients)).toEqual([
      [{ kind: 'UNIT_LEADER', unitId: 'town-a' }],
    ]);
  });

  it('closes the findings, counting the units without results', () => {
    const m = round('INSPECTING');
    expect(findingsClosedStep(m, null, DUE).message).toBe(
      '问题录入时限已到，录入结束：共发现问题0个，交办整改任务0项；2个单位未录入检查结果',
    );
    expect(m.status.state).toBe('RECTIFYING');
  });
});
