import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../activities';
import * as c from './cycle-messages';
import type { CycleInput, CycleStatus, TaskBlueprint } from './cycle-messages';
import { taskWorkflowId, type Actor } from './messages';
import { supervisedTask } from './supervised-task';
import { reject } from './task-rules';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Children started at once: enough to decompose 2,000 tasks quickly, few enough for the pending-child limit. */
const BATCH = 50;

export interface CycleCarried {
  status: CycleStatus;
  step: number;
}

/**
 * The annual cycle (年度周期), DOMAIN.md "The annual cycle" steps 1–2: the office submits and revises the year's
 * plan, the leadership group approves it (an unapproved plan past its due date is escalated to the office
 * head), then every task of the plan is started as a supervised-task child workflow in bounded batches,
 * continuing as new between batches as history grows. Tasks added during the year join the same cycle.
 */
export async function annualCycle(input: CycleInput, carried?: CycleCarried): Promise<CycleStatus> {
  const { workflowId } = workflowInfo();
  const status: CycleStatus = carried?.status ?? {
    cycleId: input.cycleId,
    year: input.year,
    phase: 'PLANNING',
    planRevision: 0,
    approvedRevision: null,
    approvedAt: null,
    approvedBy: null,
    approvalOverdue: false,
    tasksPlanned: 0,
    tasksStarted: 0,
    tasksAdded: 0,
    version: 0,
  };
  let step = carried?.step ?? 0;
  let recorded = carried !== undefined;
  const added: TaskBlueprint[] = [];
  const nowIso = () => new Date(Date.now()).toISOString(); // Temporal's deterministic workflow time

  async function record(kind: string, message: string, actor?: Actor, action?: string): Promise<void> {
    status.version += 1;
    await acts.recordCycleEvent({
      workflowId,
      cycle: input,
      status: { ...status },
      entry: { step: `${++step}-${kind.toLowerCase()}`, kind, message, actor },
      audit: action ? { action } : undefined,
    });
  }

  async function start(blueprint: TaskBlueprint): Promise<void> {
    try {
      await startChild(supervisedTask, {
        workflowId: taskWorkflowId(blueprint.taskId),
        args: [{ ...blueprint, assignedAt: nowIso() }],
        // A task lives its own life: neither the cycle's continue-as-new nor its close ends it.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (err) {
      // Started by an earlier run of this cycle before it continued as new.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  setHandler(c.getCycleStatus, () => status);
  setHandler(c.cycleRecorded, async () => {
    await condition(() => recorded);
    return status;
  });
  setHandler(
    c.submitPlan,
    async ({ actor, revision, taskCount }) => {
      status.planRevision = revision;
      status.tasksPlanned = taskCount;
      await record(
        'PLAN_SUBMITTED',
        `组织协调室报送年度工作计划（第${revision}稿，${taskCount}项任务）`,
        actor,
        'cycle.submitPlan',
      );
      return status;
    },
    {
      validator: ({ revision }) => {
        if (status.phase !== 'PLANNING') reject('年度计划已批准，不能再修改；新增任务请单独交办');
        if (revision <= status.planRevision) reject('计划版本已过时，请基于最新版本修改');
      },
    },
  );
  setHandler(
    c.approvePlan,
    async ({ actor }) => {
      status.approvedRevision = status.planRevision;
      status.approvedAt = nowIso();
      status.approvedBy = actor.personId;
      status.phase = 'RUNNING';
      await record(
        'PLAN_APPROVED',
        `领导小组批准年度工作计划（第${status.planRevision}稿）`,
        actor,
        'cycle.approvePlan',
      );
      return status;
    },
    {
      validator: ({ actor }) => {
        if (status.phase !== 'PLANNING') reject('年度计划已批准');
        if (status.planRevision === 0) reject('尚未报送年度计划');
        if (!actor.roles.includes('GROUP')) reject('年度计划由领导小组批准');
      },
    },
  );
  setHandler(
    c.addCycleTask,
    async ({ actor, task }) => {
      status.tasksAdded += 1;
      added.push(task);
      await record('TASK_ADDED', `年度周期内新增任务「${task.title}」`, actor, 'cycle.addTask');
      return status;
    },
    { validator: (_add) => (status.phase !== 'RUNNING' ? reject('周期未在运行中，不能新增任务') : undefined) },
  );
  setHandler(
    c.closeCycle,
    async ({ actor, reason }) => {
      status.phase = 'CLOSED';
      await record('CLOSED', `年度周期结束：${reason}`, actor, 'cycle.close');
      return status;
    },
    { validator: (_close) => (status.phase !== 'RUNNING' ? reject('周期未在运行中，不能结束') : undefined) },
  );

  if (!carried) {
    await record(
      'OPENED',
      `${input.year}年度周期启动，年度计划应于${input.approvalDueDate}前报领导小组批准`,
      input.actor,
      'cycle.open',
    );
    recorded = true;
  }

  // Step 1: the plan, approved by its due date or escalated once to the office head.
  if (status.phase === 'PLANNING' && !status.approvalOverdue) {
    const due = await acts.endOfLocalDay({ date: input.approvalDueDate });
    const approved = await condition(() => status.phase !== 'PLANNING', Math.max(0, Date.parse(due) - Date.now()));
    if (!approved) {
      status.approvalOverdue = true;
      await record('APPROVAL_OVERDUE', `年度工作计划逾期未批准（应于${input.approvalDueDate}前），已报组织协调室主任`);
      await acts.notifyCycleEvent({
        workflowId,
        step: `${step}-approval-overdue`,
        orgId: input.orgId,
        title: `【催办】${input.year}年度工作计划逾期未批准`,
        body: `${input.year}年度工作计划应于${input.approvalDueDate}前报领导小组批准，目前尚未批准，请督促办理。`,
      });
    }
  }
  await condition(() => status.phase !== 'PLANNING');

  // Step 2: decomposition, in batches, continuing as new before the history grows large.
  let startsThisRun = 0;
  const startsPerRun = input.startsPerRun ?? 1_000;
  while (status.phase === 'RUNNING' && status.approvedRevision !== null && status.tasksStarted < status.tasksPlanned) {
    if (startsThisRun >= startsPerRun || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof annualCycle>(input, { status, step });
    }
    const batch = await acts.loadPlanTasks({
      cycleId: input.cycleId,
      revision: status.approvedRevision,
      offset: status.tasksStarted,
      limit: Math.min(BATCH, startsPerRun - startsThisRun),
    });
    if (batch.length === 0) break;
    await Promise.all(batch.map(start));
    status.tasksStarted += batch.length;
    startsThisRun += batch.length;
    if (status.tasksStarted === status.tasksPlanned) {
      await record('DECOMPOSED', `年度计划${status.tasksPlanned}项任务已全部分解交办`);
    } else {
      status.version += 1;
      await acts.recordCycleEvent({ workflowId, cycle: input, status: { ...status } });
    }
  }

  // The year: tasks added by the office or by meeting resolutions join the cycle until it closes.
  while (status.phase === 'RUNNING') {
    await condition(() => added.length > 0 || status.phase !== 'RUNNING');
    const next = added.shift();
    if (next) await start(next);
    if (workflowInfo().continueAsNewSuggested && added.length === 0) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof annualCycle>(input, { status, step });
    }
  }
  await condition(allHandlersFinished);
  return status;
}
