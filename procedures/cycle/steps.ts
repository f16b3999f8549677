import type { Step } from '../kernel/machine';
import type { CycleMachine } from './machine';
import type * as c from './messages';
import type { CycleAudience } from './messages';

/**
 * What the annual cycle records when the office and the leadership group act on it (DOMAIN.md "The annual cycle"
 * steps 1–2 and 8). Pure: each function updates the machine it is given and returns the step to record.
 */
export type CycleStep = Step & { notice?: { title: string; body?: string; audience: CycleAudience[] } };

const iso = (ms: number) => new Date(ms).toISOString();

/** The office submits the plan, or a revision of it, for the leadership group to approve. */
export function planSubmittedStep(m: CycleMachine, { actor, version, taskCount }: c.PlanSubmittedInput): CycleStep {
  const { status } = m;
  const revised = status.planVersion !== null;
  status.planVersion = version;
  status.tasksPlanned = taskCount;
  const what = revised ? '修订' : '提交';
  return {
    kind: 'PLAN_SUBMITTED',
    message: `组织协调室${what}${status.year}年度工作计划（第${version}版，任务${taskCount}项），待领导小组审定`,
    actor,
    action: 'cycle.submitPlan',
    payload: { version, taskCount },
    notice: { title: `【待审定】${status.year}年度工作计划（第${version}版）`, audience: ['GROUP'] },
  };
}

/** The leadership group approves the newest version: decomposition begins. */
export function planApprovedStep(
  m: CycleMachine,
  { actor, version, comment }: c.ApprovePlanInput,
  now: number,
): CycleStep {
  const { status } = m;
  status.phase = 'DECOMPOSING';
  status.approvedVersion = version;
  status.approvedBy = actor.personId;
  status.approvedAt = iso(now);
  const note = comment ? `，意见：${comment}` : '';
  return {
    kind: 'PLAN_APPROVED',
    message: `领导小组审定通过${status.year}年度工作计划（第${version}版）${note}，开始分解交办任务`,
    actor,
    action: 'cycle.approvePlan',
    payload: { version, comment },
    notice: { title: `${status.year}年度工作计划已审定`, audience: ['OFFICE'] },
  };
}

/** The office closes the cycle before its year end. */
export function closedByOfficeStep(m: CycleMachine, { actor, reason }: c.CloseCycleInput, now: number): CycleStep {
  const { status } = m;
  status.phase = 'CLOSED';
  status.closedAt = iso(now);
  return {
    kind: 'CLOSED',
    message: `${status.year}年度周期结束：${reason}`,
    actor,
    action: 'cycle.close',
    payload: { reason },
    notice: { title: `${status.year}年度周期已结束`, audience: ['OFFICE', 'GROUP'] },
  };
}
