import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { actionsOffered } from '../../procedures/kernel/machine';
import { assignedStatus, taskProcedure, type TaskMachine } from '../../procedures/task/machine';
import type { TaskInput, TaskState, TaskStatus } from '../../procedures/task/messages';
import { beginSubmission, submissionSteps, taskEffects } from '../../procedures/task/steps';
import { timerSteps } from '../../procedures/task/timer-steps';
import { namedActor, verdictOf } from '../support/actors';

const NOW = Date.parse('2027-03-10T02:00:00Z');
const policy = loadTaskPolicies(fromProject('config/task-policies.yaml')).get('ROUTINE')!;
const actor = namedActor;
const lead = actor('u-lead', ['UNIT']);
const co = actor('u-co', ['UNIT']);
const other = actor('u-other', ['UNIT']);
const office = actor('u-office', ['OFFICE']);
const leader = actor('u-lead', ['LEADER'], 'p-leader');

const input = {
  taskId: 't-1',
  leadUnitId: 'u-lead',
  coUnitIds: ['u-co'],
  leaderId: 'p-leader',
} as TaskInput;

/** A task in `state`, due at the end of March, whose co-organising unit has reported. */
function task(state: TaskState, patch: Partial<TaskStatus> = {}): TaskMachine {
  const status: TaskStatus = {
    ...assignedStatus(input),
    state,
    dueDate: '2027-03-31',
    originalDueDate: '2027-03-31',
    dueAt: '2027-03-31T16:00:00.000Z',
    coUnitReports: { 'u-co': '2027-03-01T00:00:00Z' },
    version: 1,
    ...patch,
  };
  return {
    status,
    policy,
    signAnchor: '',
    progressAnchor: null,
    progressMissing: false,
    dueOverride: null,
    replan: false,
  };
}

/** An extension the lead unit asked for, to 2027-04-30, waiting for a decision. */
const pendingExtension = () => ({
  seq: 3,
  requestedBy: 'p',
  reason: 'r',
  proposedDate: '2027-04-30',
  progress: 'p',
  requestedAt: '',
});
const verdict = verdictOf(taskProcedure, NOW);

describe('the supervised task machine decides who may do what in which state, with the reason', () => {
  it.each([
    ['ASSIGNED', 'signFor', lead, {}, 'accepted'],
    ['ASSIGNED', 'signFor', other, {}, '只有牵头单位可以签收'],
    ['SIGNED', 'signFor', lead, {}, '任务已签收，不能签收'],
    ['ACCEPTED', 'signFor', lead, {}, '任务已办结，不能签收'],
    ['SIGNED', 'reportProgress', lead, { text: '已完成调研' }, 'accepted'],
    ['SIGNED', 'reportProgress', lead, { text: '  ' }, '进展情况不能为空'],
    ['SIGNED', 'reportProgress', lead, { text: '过半', percent: 120 }, '完成比例应在0到100之间'],
    ['ASSIGNED', 'reportProgress', lead, { text: '已完成调研' }, '任务待签收，不能反馈进展'],
    ['IN_PROGRESS', 'coUnitReport', co, { text: '已配合' }, 'accepted'],
    ['IN_PROGRESS', 'coUnitReport', lead, { text: '已配合' }, '只有协办单位可以反馈协办情况'],
    ['IN_PROGRESS', 'submitTask', lead, { summary: '已完成' }, 'accepted'],
    ['IN_PROGRESS', 'submitTask', other, { summary: '已完成' }, '只有牵头单位可以报结'],
    ['SUBMITTED', 'acceptTask', office, { rating: 'GOOD' }, 'accepted'],
    ['IN_PROGRESS', 'acceptTask', office, { rating: 'GOOD' }, '任务办理中，不能复核办结'],
    ['SUBMITTED', 'returnTask', office, { reasons: '台账不全', newDueDate: '2027-03-01' }, '新的工作时限不能早于今天'],
    [
      'IN_PROGRESS',
      'requestExtension',
      lead,
      { reason: '需调查', progress: '过半', proposedDate: '2027-03-20' },
      '申请的新时限须晚于现有工作时限',
    ],
    [
      'IN_PROGRESS',
      'requestExtension',
      lead,
      { reason: '需调查', progress: '过半', proposedDate: '2027-04-20' },
      'accepted',
    ],
    ['IN_PROGRESS', 'decideExtension', office, { approve: true }, '没有待审批的延期申请'],
    ['CANCELLED', 'cancelTask', office, { reason: '重复' }, '任务已撤销，不能撤销'],
    [
      'IN_PROGRESS',
      'reassignTask',
      office,
      { leadUnitId: 'u-co', coUnitIds: ['u-co'], leaderId: 'p', reason: '调整' },
      '牵头单位不能同时是协办单位',
    ],
    ['ACCEPTED', 'commentOnTask', leader, { text: '抓紧' }, '任务已关闭，不能再添加意见'],
  ] as const)('%s · %s by %s', (state, action, who, input, expected) => {
    expect(verdict(task(state), action, who, input)).toBe(expected);
  });

  it('holds the submission until the co-organising units have reported, unless the office overrode the gate', () => {
    const waiting = task('IN_PROGRESS', { coUnitReports: {} });
    expect(verdict(waiting, 'submitTask', lead, { summary: '已完成' })).toBe(
      '协办单位尚未反馈（u-co），牵头单位暂不能报结',
    );
    waiting.status.coUnitGateOverridden = true;
    expect(verdict(waiting, 'submitTask', lead, { summary: '已完成' })).toBe('accepted');
  });

  it('refuses an extension after the deadline, and lets only the leader decide where the policy says so', () => {
    const late = NOW + 30 * 86_400_000;
    expect(
      verdict(
        task('IN_PROGRESS'),
        'requestExtension',
        lead,
        { reason: '需调查', progress: '过半', proposedDate: '2027-05-20' },
        late,
      ),
    ).toBe('已超过工作时限，不能再申请延期');
    const t = task('IN_PROGRESS', { pendingExtension: pendingExtension() });
    t.policy = { ...policy, extensionDecidedBy: 'LEADER' };
    expect(verdict(t, 'decideExtension', office, { approve: true })).toBe('此类任务的延期由分管领导审批');
    expect(verdict(t, 'decideExtension', leader, { approve: true })).toBe('accepted');
  });

  it('lets the office extend an open, running task to a later date not in the past (延期)', () => {
    const t = task('IN_PROGRESS');
    const ok = { newDueDate: '2027-04-30', reason: '涉及多部门协调' };
    expect(verdict(t, 'extendTask', office, ok)).toBe('accepted');
    expect(verdict(t, 'extendTask', office, { ...ok, newDueDate: '2027-03-31' })).toBe(
      '新的工作时限须晚于现有工作时限',
    );
    expect(
      verdict(task('IN_PROGRESS', { dueDate: '2027-03-01' }), 'extendTask', office, {
        ...ok,
        newDueDate: '2027-03-05',
      }),
    ).toBe('新的工作时限不能早于今天');
    expect(verdict(t, 'extendTask', office, { ...ok, reason: ' ' })).toBe('延期理由不能为空');
    expect(verdict(task('SUBMITTED'), 'extendTask', office, ok)).toBe('任务已报结待复核，不能延期');
  });

  it('offers each role the actions of the state it is in', () => {
    expect(actionsOffered(taskProcedure, task('ASSIGNED'), ['UNIT'])).toEqual([
      'signFor',
      'coUnitReport',
      'refuseTask',
      'nameHandler',
      'commentOnTask',
    ]);
    expect(actionsOffered(taskProcedure, task('SUBMITTED'), ['OFFICE'])).toEqual([
      'acceptTask',
      'returnTask',
      'cancelTask',
      'urgeTask',
      'commentOnTask',
    ]);
  });
});

describe('the supervised task machine records the steps of an accepted action', () => {
  it('moves the deadline and asks for new timers when the office extends the task itself', () => {
    const t = task('IN_PROGRESS');
    const [step] = taskEffects(5).extendTask(
      t,
      { actor: office, newDueDate: '2027-04-30', reason: '涉及多部门协调' },
      { now: NOW },
    );
    expect(step).toMatchObject({
      kind: 'EXTENDED',
      action: 'task.extend',
      message: '组织协调室决定延期，工作时限由2027-03-31调整为2027-04-30，理由：涉及多部门协调',
    });
    expect(t.status).toMatchObject({ dueDate: '2027-04-30', extensionsApproved: 0 });
    expect(t).toMatchObject({ dueOverride: '2027-04-30', replan: true });
  });

  it('moves the deadline and asks for new timers when an extension is approved', () => {
    const t = task('IN_PROGRESS', { pendingExtension: pendingExtension() });
    const [step] = taskEffects(5).decideExtension(t, { actor: office, approve: true, comment: '同意' }, { now: NOW });
    expect(step).toMatchObject({
      kind: 'EXTENSION_APPROVED',
      message: '同意延期，工作时限调整为2027-04-30，意见：同意',
    });
    expect(t.status).toMatchObject({ dueDate: '2027-04-30', pendingExtension: null, extensionsApproved: 1 });
    expect(t).toMatchObject({ dueOverride: '2027-04-30', replan: true });
  });

  it('submits first and counts the lateness the calendar measured', () => {
    const t = task('IN_PROGRESS');
    beginSubmission(t, NOW);
    expect(verdict(t, 'submitTask', lead, { summary: '再次报结' })).toBe('任务已报结待复核，不能报结');
    const [step] = submissionSteps(t, { actor: lead, summary: '已完成' }, 2);
    expect(step).toMatchObject({ message: '牵头单位报结，逾期2个工作日：已完成' });
    expect(t.status.lateWorkingDays).toBe(2);
  });

  it('climbs the ladder: L1 urges and turns red, L3 refers to the leadership group', () => {
    const t = task('IN_PROGRESS');
    t.schedule = {
      dueDate: '2027-03-31',
      dueAt: '2027-03-31T16:00:00.000Z',
      provisional: false,
      signForBy: '',
      reminders: [],
      yellowAt: '2027-03-26T16:00:00.000Z',
      progressDueAt: null,
      rungs: [],
    };
    const after = Date.parse('2027-04-01T00:00:00Z');
    const [l1] = timerSteps(
      t,
      { kind: 'RUNG', key: 'L1@2027-03-31', at: after, rung: 1, point: 1, raisedBy: [] },
      after,
    );
    expect(l1).toMatchObject({ kind: 'ESCALATION_L1', rung: 1 });
    expect(t.status).toMatchObject({ rung: 1, light: 'RED', urgings: 1 });
    const [l3] = timerSteps(
      t,
      { kind: 'RUNG', key: 'L3@2027-03-31', at: after, rung: 3, point: 3, raisedBy: [] },
      after,
    );
    expect(l3).toMatchObject({ message: '逾期10个工作日仍未报结，报领导小组并在通报中点名，移送责任追究（三级督办）' });
  });
});
