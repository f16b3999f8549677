import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { assignedStatus, taskProcedure, type TaskMachine } from '../../procedures/task/machine';
import type { PauseRecord, RefusalRecord, TaskInput, TaskState, TaskStatus } from '../../procedures/task/messages';
import { pendingEvents } from '../../procedures/task/rules';
import { pauseDecisionSteps, resumeSteps, taskEffects } from '../../procedures/task/steps';
import { namedActor, verdictOf } from '../support/actors';

const NOW = Date.parse('2027-03-10T02:00:00Z');
const policy = loadTaskPolicies(fromProject('config/task-policies.yaml')).get('ROUTINE')!;
const lead = namedActor('u-lead', ['UNIT']);
const other = namedActor('u-other', ['UNIT']);
const office = namedActor('u-office', ['OFFICE']);
const input = { taskId: 't-1', leadUnitId: 'u-lead', coUnitIds: [], leaderId: 'p-leader' } as unknown as TaskInput;

const schedule = {
  dueDate: '2027-03-31',
  dueAt: '2027-03-31T16:00:00.000Z',
  provisional: false,
  signForBy: '2027-03-10T16:00:00.000Z',
  reminders: [{ daysBefore: 3, at: '2027-03-26T01:00:00.000Z' }],
  yellowAt: '2027-03-26T16:00:00.000Z',
  progressDueAt: null,
  rungs: [{ rung: 1 as const, at: '2027-03-31T16:00:00.000Z' }],
};

function task(state: TaskState, patch: Partial<TaskStatus> = {}): TaskMachine {
  return {
    status: {
      ...assignedStatus(input),
      state,
      dueDate: '2027-03-31',
      originalDueDate: '2027-03-31',
      dueAt: '2027-03-31T16:00:00.000Z',
      version: 1,
      ...patch,
    },
    policy,
    schedule,
    signAnchor: '',
    progressAnchor: null,
    progressMissing: false,
    dueOverride: null,
    replan: false,
  };
}

const asked: PauseRecord = {
  seq: 4,
  category: 'COURT',
  reason: '待法院判决',
  requestedBy: 'p',
  requestedAt: '2027-03-09T02:00:00.000Z',
};
const approved: PauseRecord = {
  ...asked,
  decision: 'APPROVED',
  decidedBy: 'p-office',
  decidedAt: '2027-03-09T03:00:00.000Z',
  limitWorkingDays: 20,
  until: '2027-04-07T16:00:00.000Z',
};
const refusal: RefusalRecord = {
  unitId: 'u-lead',
  proposedUnitId: 'u-other',
  reason: '非本单位职责',
  refusedBy: 'p',
  refusedAt: '2027-03-10T01:00:00.000Z',
};
const paused = { pauses: [approved], light: 'PAUSED' as const };
const verdict = verdictOf(taskProcedure, NOW);
const afterSignFor = Date.parse(schedule.signForBy) + 1;
const afterDeadline = Date.parse(schedule.dueAt) + 1;

describe('the supervised task machine decides pauses (挂账) and refusals (退单), with the reason', () => {
  it.each([
    ['IN_PROGRESS', {}, 'requestPause', lead, { category: 'COURT', reason: '待法院判决' }, NOW, 'accepted'],
    ['SIGNED', {}, 'requestPause', lead, { category: 'BUDGET', reason: '预算未下达' }, NOW, 'accepted'],
    ['ASSIGNED', {}, 'requestPause', lead, { category: 'COURT', reason: 'r' }, NOW, '任务待签收，不能申请中止计时'],
    ['IN_PROGRESS', {}, 'requestPause', other, { category: 'COURT', reason: 'r' }, NOW, '只有牵头单位可以申请中止计时'],
    [
      'IN_PROGRESS',
      {},
      'requestPause',
      lead,
      { category: 'WEATHER', reason: 'r' },
      NOW,
      '中止计时事由类别应为上级机关、司法程序、预算资金或其他',
    ],
    ['IN_PROGRESS', {}, 'requestPause', lead, { category: 'COURT', reason: ' ' }, NOW, '中止计时理由不能为空'],
    [
      'IN_PROGRESS',
      paused,
      'requestPause',
      lead,
      { category: 'COURT', reason: 'r' },
      NOW,
      '任务已中止计时，无需重复申请',
    ],
    [
      'IN_PROGRESS',
      { pauses: [asked] },
      'requestPause',
      lead,
      { category: 'COURT', reason: 'r' },
      NOW,
      '已有中止计时申请待审批',
    ],
    [
      'IN_PROGRESS',
      {},
      'requestPause',
      lead,
      { category: 'COURT', reason: 'r' },
      afterDeadline,
      '已超过工作时限，不能再申请中止计时',
    ],
    ['IN_PROGRESS', { pauses: [asked] }, 'decidePause', office, { approve: true }, NOW, 'accepted'],
    ['IN_PROGRESS', {}, 'decidePause', office, { approve: true }, NOW, '没有待审批的中止计时申请'],
    [
      'IN_PROGRESS',
      { pauses: [asked] },
      'decidePause',
      office,
      { approve: false },
      NOW,
      '不同意中止计时的，须说明理由',
    ],
    [
      'IN_PROGRESS',
      { pauses: [asked] },
      'decidePause',
      office,
      { approve: true, limitWorkingDays: 61 },
      NOW,
      '中止计时期限应为1至60个工作日',
    ],
    ['IN_PROGRESS', paused, 'resumeTask', lead, {}, NOW, 'accepted'],
    ['IN_PROGRESS', paused, 'resumeTask', office, {}, NOW, 'accepted'],
    ['IN_PROGRESS', paused, 'resumeTask', other, {}, NOW, '只有组织协调室或牵头单位可以恢复计时'],
    ['IN_PROGRESS', {}, 'resumeTask', office, {}, NOW, '任务未中止计时，无需恢复'],
    ['IN_PROGRESS', paused, 'submitTask', lead, { summary: '已完成' }, NOW, '任务已中止计时，请先恢复计时再报结'],
    [
      'IN_PROGRESS',
      paused,
      'requestExtension',
      lead,
      { reason: 'r', progress: 'p', proposedDate: '2027-04-30' },
      NOW,
      '任务已中止计时，请先恢复计时再申请延期',
    ],
    ['ASSIGNED', {}, 'refuseTask', lead, { proposedUnitId: 'u-other', reason: '非本单位职责' }, NOW, 'accepted'],
    ['SIGNED', {}, 'refuseTask', lead, { proposedUnitId: 'u-other', reason: 'r' }, NOW, '任务已签收，不能退单'],
    ['ASSIGNED', {}, 'refuseTask', other, { proposedUnitId: 'u-x', reason: 'r' }, NOW, '只有牵头单位可以退单'],
    ['ASSIGNED', {}, 'refuseTask', lead, { proposedUnitId: 'u-other', reason: '' }, NOW, '退单理由不能为空'],
    [
      'ASSIGNED',
      {},
      'refuseTask',
      lead,
      { proposedUnitId: 'u-lead', reason: 'r' },
      NOW,
      '退单须指明本单位以外的责任单位',
    ],
    [
      'ASSIGNED',
      { refusals: [{ ...refusal, ruling: 'INSIST' as const }] },
      'refuseTask',
      lead,
      { proposedUnitId: 'u-other', reason: 'r' },
      NOW,
      '本单位已就该任务退单一次，每个单位对同一任务只能退单一次',
    ],
    [
      'ASSIGNED',
      {},
      'refuseTask',
      lead,
      { proposedUnitId: 'u-other', reason: 'r' },
      afterSignFor,
      '已超过签收时限，不能再退单',
    ],
    ['ASSIGNED', { refusals: [refusal] }, 'signFor', lead, {}, NOW, '已申请退单，待组织协调室裁定后再签收'],
    [
      'ASSIGNED',
      { refusals: [refusal] },
      'arbitrateRefusal',
      office,
      { ruling: 'INSIST', reason: '属地职责' },
      NOW,
      'accepted',
    ],
    ['ASSIGNED', {}, 'arbitrateRefusal', office, { ruling: 'INSIST', reason: 'r' }, NOW, '没有待裁定的退单'],
    [
      'ASSIGNED',
      { refusals: [refusal] },
      'arbitrateRefusal',
      office,
      { ruling: 'INSIST', reason: '' },
      NOW,
      '裁定理由不能为空',
    ],
    [
      'ASSIGNED',
      { refusals: [refusal] },
      'arbitrateRefusal',
      office,
      { ruling: 'REASSIGN', reason: 'r', leadUnitId: 'u-lead' },
      NOW,
      '改派须改由其他单位牵头',
    ],
  ] as const)('%s %j · %s by %s', (state, patch, action, who, given, now, expected) => {
    expect(verdict(task(state, patch as Partial<TaskStatus>), action, who, given, now)).toBe(expected);
  });

  it('lets only the office decide a pause and rule on a refusal (the machine offers them to no one else)', () => {
    expect(taskProcedure.actions.decidePause.by).toEqual(['OFFICE']);
    expect(taskProcedure.actions.arbitrateRefusal.by).toEqual(['OFFICE']);
  });
});

describe('a pause and a refusal as the machine records them', () => {
  it('stops every timer but the automatic resumption while paused, and shows the light PAUSED', () => {
    const t = task('IN_PROGRESS', { pauses: [asked] });
    const [step] = pauseDecisionSteps(t, { actor: office, approve: true }, NOW, approved.until);
    expect(step).toMatchObject({ kind: 'PAUSE_APPROVED', details: { limitWorkingDays: 20 } });
    expect(t.status.light).toBe('PAUSED');
    expect(pendingEvents(t.status, schedule, new Set()).map((e) => e.kind)).toEqual(['PAUSE_LIMIT']);
  });

  it('moves the deadline by the paused working days on resumption and says how long and why', () => {
    const t = task('IN_PROGRESS', paused);
    const [step] = resumeSteps(t, undefined, NOW, { pausedWorkingDays: 5, dueDate: '2027-04-08' });
    expect(step?.message).toBe(
      '中止计时期满，自动恢复计时，本次中止计时5个工作日（等待司法程序：待法院判决），工作时限由2027-03-31顺延至2027-04-08',
    );
    expect(t.status).toMatchObject({ dueDate: '2027-04-08', pausedWorkingDays: 5 });
    expect(t).toMatchObject({ dueOverride: '2027-04-08', replan: true });
    expect(t.status.pauses[0]).toMatchObject({ resumedBy: null, pausedWorkingDays: 5 });
  });

  it('holds the sign-for limit while a refusal awaits the ruling, and counts it afresh when the office insists', () => {
    const t = task('ASSIGNED');
    taskEffects(3).refuseTask(t, { actor: lead, proposedUnitId: 'u-other', reason: '非本单位职责' }, { now: NOW });
    expect(pendingEvents(t.status, schedule, new Set()).map((e) => e.kind)).not.toContain('SIGN_FOR_LIMIT');
    const [ruling] = taskEffects(4).arbitrateRefusal(
      t,
      { actor: office, ruling: 'INSIST', reason: '属地职责' },
      { now: NOW + 1000 },
    );
    expect(ruling).toMatchObject({ kind: 'REFUSAL_INSISTED', action: 'task.arbitrateRefusal' });
    expect(t).toMatchObject({ signAnchor: new Date(NOW + 1000).toISOString(), replan: true });
    expect(t.status.refusals[0]).toMatchObject({ ruling: 'INSIST', rulingReason: '属地职责' });
  });

  it('reassigns through the existing reassignment when the refusal is upheld', () => {
    const t = task('ASSIGNED', { refusals: [refusal] });
    const steps = taskEffects(4).arbitrateRefusal(
      t,
      { actor: office, ruling: 'REASSIGN', reason: '职责调整' },
      { now: NOW },
    );
    expect(steps.map((s) => s.kind)).toEqual(['REFUSAL_REASSIGNED', 'REASSIGNED']);
    expect(t.status).toMatchObject({ leadUnitId: 'u-other', state: 'ASSIGNED' });
  });
});
