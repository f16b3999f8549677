import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { assignedStatus, taskProcedure, type TaskMachine } from '../../procedures/task/machine';
import type { PauseRecord, TaskInput, TaskState, TaskStatus } from '../../procedures/task/messages';
import { milestoneDueSteps, milestoneReportSteps } from '../../procedures/task/milestone-steps';
import { numberMilestones, type Milestone } from '../../procedures/task/milestones';
import { lightAt, pendingEvents } from '../../procedures/task/rules';
import { namedActor, verdictOf } from '../support/actors';

const NOW = Date.parse('2027-03-10T02:00:00Z'); // 10:00 on 10 March, Asia/Shanghai
const policy = loadTaskPolicies(fromProject('config/task-policies.yaml')).get('ROUTINE')!;
const lead = namedActor('u-lead', ['UNIT']);
const office = namedActor('u-office', ['OFFICE']);
const input = { taskId: 't-1', leadUnitId: 'u-lead', coUnitIds: [], leaderId: 'p-leader' } as unknown as TaskInput;
const schedule = {
  dueDate: '2027-03-31',
  dueAt: '2027-03-31T16:00:00.000Z',
  provisional: false,
  signForBy: '2027-03-10T16:00:00.000Z',
  reminders: [],
  yellowAt: '2027-03-26T16:00:00.000Z',
  progressDueAt: null,
  rungs: [{ rung: 1 as const, at: '2027-03-31T16:00:00.000Z' }],
};
const planned = numberMilestones(
  [
    { date: '2027-03-12', expected: '制定方案', percent: 20 },
    { date: '2027-03-20', percent: 60 },
  ],
  1,
);

function task(state: TaskState, patch: Partial<TaskStatus> = {}): TaskMachine {
  return {
    status: { ...assignedStatus(input), state, dueDate: '2027-03-31', milestones: planned, version: 1, ...patch },
    policy,
    schedule,
    signAnchor: '',
    progressAnchor: null,
    progressMissing: false,
    dueOverride: null,
    replan: false,
  };
}
const verdict = verdictOf(taskProcedure, NOW);
const kept: Milestone = { ...planned[0]!, state: 'MET', reportedAt: '2027-03-11T01:00:00.000Z', reportedPercent: 25 };

describe('the supervised task machine decides milestones (序时进度), with the reason', () => {
  it.each([
    ['SIGNED', {}, [{ date: '2027-03-15', percent: 30 }], 'accepted'],
    ['ASSIGNED', {}, [], 'accepted'],
    ['SUBMITTED', {}, [], '任务已报结待复核，不能调整序时进度'],
    ['SIGNED', {}, [{ date: '2027-03-09', percent: 30 }], '序时进度节点不能早于今天'],
    ['SIGNED', {}, [{ date: '2027-04-01', percent: 30 }], '序时进度节点不能晚于工作时限（2027-03-31）'],
    ['SIGNED', {}, [{ date: '2027-03-15' }], '序时进度节点须写明预期成果或完成比例'],
    [
      'SIGNED',
      {},
      [
        { date: '2027-03-15', percent: 30 },
        { date: '2027-03-15', percent: 40 },
      ],
      '同一天只能设置一个序时进度节点',
    ],
    // A kept (met) milestone's percentage is the floor of the new plan.
    ['SIGNED', { milestones: [kept] }, [{ date: '2027-03-15', percent: 20 }], '各节点的完成比例应随日期递增'],
    [
      'SIGNED',
      {},
      Array.from({ length: 13 }, (_, i) => ({ date: `2027-03-${String(11 + i).padStart(2, '0')}`, percent: i })),
      '每项任务最多设置12个序时进度节点',
    ],
  ] as const)('%s %j set %j: %s', (state, patch, milestones, expected) => {
    expect(verdict(task(state, patch as Partial<TaskStatus>), 'setMilestones', office, { milestones })).toBe(expected);
  });

  it('refuses a progress report naming a milestone the task does not have', () => {
    expect(verdict(task('SIGNED'), 'reportProgress', lead, { text: '进展', milestoneId: 'm9' })).toBe(
      '该任务没有这个序时进度节点',
    );
    expect(verdict(task('SIGNED'), 'reportProgress', lead, { text: '进展', milestoneId: 'm2' })).toBe('accepted');
  });
});

describe('milestone timers and reports', () => {
  it('waits for each pending milestone at the end of its day, and none once met', () => {
    const t = task('SIGNED');
    expect(pendingEvents(t.status, schedule, new Set()).filter((e) => e.kind === 'MILESTONE')).toEqual([
      {
        kind: 'MILESTONE',
        key: 'milestone-m1@2027-03-12',
        at: Date.parse('2027-03-12T16:00:00.000Z'),
        milestoneId: 'm1',
      },
      {
        kind: 'MILESTONE',
        key: 'milestone-m2@2027-03-20',
        at: Date.parse('2027-03-20T16:00:00.000Z'),
        milestoneId: 'm2',
      },
    ]);
    milestoneReportSteps(t, { actor: lead, text: '方案已定', milestoneId: 'm1' }, NOW);
    expect(pendingEvents(t.status, schedule, new Set()).filter((e) => e.kind === 'MILESTONE')).toHaveLength(1);
  });

  it('a missed milestone makes the light yellow, never red, until a report makes it good', () => {
    const t = task('SIGNED');
    const after = Date.parse('2027-03-12T16:00:00.000Z');
    expect(milestoneDueSteps(t, 'm1', after).map((s) => [s.kind, s.rung])).toEqual([['MILESTONE_MISSED', undefined]]);
    expect(t.status).toMatchObject({ light: 'YELLOW', rung: 0 });
    expect(lightAt(after, t.status, schedule, false)).toBe('YELLOW');
    milestoneReportSteps(t, { actor: lead, text: '补报', percent: 20 }, after + 3_600_000);
    expect(t.status.light).toBe('GREEN');
    expect(t.status.milestones?.[0]).toMatchObject({ state: 'MISSED', reportedPercent: 20 });
  });

  it('a milestone whose day ends while the clock stands still (挂账) is waived, not judged', () => {
    const pause: PauseRecord = {
      seq: 3,
      category: 'COURT',
      reason: '待判决',
      requestedBy: 'p',
      requestedAt: '2027-03-10T01:00:00.000Z',
      decision: 'APPROVED',
      decidedAt: '2027-03-10T02:00:00.000Z',
      until: '2027-04-07T16:00:00.000Z',
    };
    const t = task('SIGNED', { pauses: [pause] });
    expect(milestoneDueSteps(t, 'm1', Date.parse('2027-03-12T16:00:00.000Z')).map((s) => s.kind)).toEqual([
      'MILESTONE_WAIVED',
    ]);
    expect(t.status.milestones?.[0]?.state).toBe('WAIVED');
  });
});
