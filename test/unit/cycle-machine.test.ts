import { cycleProcedure, type CycleMachine } from '../../procedures/cycle/machine';
import type { CyclePhase, CycleStatus } from '../../procedures/cycle/messages';
import { closedByOfficeStep, planApprovedStep, planSubmittedStep } from '../../procedures/cycle/steps';
import { namedActor, verdictOf } from '../support/actors';

const NOW = Date.parse('2027-01-10T02:00:00Z');
const office = namedActor('office', ['OFFICE']);
const group = namedActor('group', ['LEADER', 'GROUP']);
const unit = namedActor('town-a', ['UNIT']);

function cycle(phase: CyclePhase, planVersion: number | null = 2): CycleMachine {
  const status = { cycleId: 'district-2027', year: 2027, phase, planVersion, tasksPlanned: 0 } as CycleStatus;
  return Object.assign(Object.create({ toString: () => `${phase} (plan v${planVersion ?? '-'})` }) as CycleMachine, {
    status,
  });
}

const meeting = (at: number, confirmBy: number) => ({
  title: '临时联席会议',
  place: '区纪委第一会议室',
  topics: [],
  at: new Date(at).toISOString(),
  confirmBy: new Date(confirmBy).toISOString(),
});
const verdict = verdictOf(cycleProcedure, NOW);
const DAY = 86_400_000;

describe('the annual cycle machine decides who may plan, approve, call and close, with the reason', () => {
  it.each([
    [cycle('PLANNING'), 'planSubmitted', office, { version: 3, taskCount: 10 }, 'accepted'],
    [cycle('PLANNING'), 'planSubmitted', group, { version: 3, taskCount: 10 }, '年度工作计划由组织协调室提交'],
    [
      cycle('RUNNING'),
      'planSubmitted',
      office,
      { version: 3, taskCount: 10 },
      '年度工作计划已经审定（推进落实中），不能再修改',
    ],
    [cycle('PLANNING'), 'planSubmitted', office, { version: 2, taskCount: 10 }, '已有更新的计划版本（第2版）'],
    [cycle('PLANNING'), 'approvePlan', group, { version: 2 }, 'accepted'],
    [cycle('PLANNING'), 'approvePlan', office, { version: 2 }, '年度工作计划由领导小组审定'],
    [cycle('PLANNING', null), 'approvePlan', group, { version: 1 }, '组织协调室尚未提交年度工作计划'],
    [cycle('PLANNING'), 'approvePlan', group, { version: 1 }, '审定的不是最新版本：最新为第2版，请查看后再审定'],
    [cycle('DECOMPOSING'), 'approvePlan', group, { version: 2 }, '年度工作计划已经审定（任务分解中）'],
    [cycle('RUNNING'), 'callMeeting', office, meeting(NOW + 7 * DAY, NOW + 5 * DAY), 'accepted'],
    [cycle('RUNNING'), 'callMeeting', unit, meeting(NOW + 7 * DAY, NOW + 5 * DAY), '联席会议由组织协调室召集'],
    [cycle('CLOSED'), 'callMeeting', office, meeting(NOW + 7 * DAY, NOW + 5 * DAY), '年度周期已结束，不能再召集会议'],
    [cycle('RUNNING'), 'callMeeting', office, meeting(NOW - DAY, NOW - 2 * DAY), '会议时间须晚于现在'],
    [
      cycle('RUNNING'),
      'callMeeting',
      office,
      meeting(NOW + DAY, NOW + 2 * DAY),
      '参会确认时限须晚于现在、不晚于会议时间',
    ],
    [cycle('RUNNING'), 'closeCycle', office, { reason: '提前结束' }, 'accepted'],
    [cycle('DECOMPOSING'), 'closeCycle', office, { reason: '提前结束' }, '年度计划任务正在分解交办，完成后才能结束'],
    [cycle('CLOSED'), 'closeCycle', office, { reason: '提前结束' }, '年度周期已经结束'],
    [cycle('RUNNING'), 'closeCycle', office, { reason: ' ' }, '结束理由不能为空'],
  ] as const)('%s · %s by %s', (m, action, who, body, expected) => {
    expect(verdict(m, action, who, body)).toBe(expected);
  });
});

describe('the annual cycle machine records the plan and the close', () => {
  it('tells a revision from a first submission', () => {
    const first = cycle('PLANNING', null);
    expect(planSubmittedStep(first, { actor: office, version: 1, taskCount: 12 }).message).toBe(
      '组织协调室提交2027年度工作计划（第1版，任务12项），待领导小组审定',
    );
    expect(planSubmittedStep(first, { actor: office, version: 2, taskCount: 13 }).message).toContain('修订');
    expect(first.status).toMatchObject({ planVersion: 2, tasksPlanned: 13 });
  });

  it('starts decomposing on approval, and closes with the reason', () => {
    const m = cycle('PLANNING');
    const step = planApprovedStep(m, { actor: group, version: 2, comment: '同意' }, NOW);
    expect(step.notice).toEqual({ title: '2027年度工作计划已审定', audience: ['OFFICE'] });
    expect(m.status).toMatchObject({ phase: 'DECOMPOSING', approvedVersion: 2, approvedBy: 'p-group' });
    expect(closedByOfficeStep(m, { actor: office, reason: '机构调整' }, NOW).message).toBe(
      '2027年度周期结束：机构调整',
    );
    expect(m.status.phase).toBe('CLOSED');
  });
});
