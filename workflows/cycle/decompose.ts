import { workflowInfo } from '@temporalio/workflow';
import type { Actor, TaskInput } from '../../procedures/task/messages';
import { taskWorkflowId } from '../../procedures/task/messages';
import type { CycleChildren } from './children';
import { acts, type CycleRun } from './run';
import { startChildOnce } from '../kernel/instance';

/**
 * Starts the approved plan's tasks a batch at a time (DOMAIN.md "The annual cycle" step 2), continuing as new every
 * `childrenPerRun` children so that a plan of thousands of tasks stays within history limits.
 */
export async function decomposePlan(
  run: CycleRun,
  children: CycleChildren,
  approver: Actor,
  continueFresh: () => Promise<never>,
): Promise<void> {
  const { input, status } = run;
  const { decomposeBatch, childrenPerRun } = input.settings;
  let startedThisRun = 0;
  while (status.tasksStarted < status.tasksPlanned) {
    if (startedThisRun >= childrenPerRun || workflowInfo().continueAsNewSuggested) {
      await run.record({
        kind: 'DECOMPOSING',
        message: `任务分解交办进行中：已交办${status.tasksStarted}项，共${status.tasksPlanned}项`,
      });
      await continueFresh();
    }
    const batch: TaskInput[] = await acts.loadPlanBatch({
      cycleId: input.cycleId,
      version: status.approvedVersion!,
      offset: status.tasksStarted,
      limit: Math.min(decomposeBatch, childrenPerRun - startedThisRun),
      assignedAt: status.approvedAt!,
      actor: approver,
    });
    if (batch.length === 0) break;
    await Promise.all(batch.map((t) => startChildOnce('supervisedTask', taskWorkflowId(t.taskId), t)));
    status.tasksStarted += batch.length;
    startedThisRun += batch.length;
  }
  status.phase = 'RUNNING';
  await run.record({
    kind: 'DECOMPOSED',
    message: `年度工作计划的${status.tasksStarted}项任务已全部分解交办到责任单位`,
    notice: { title: `${input.year}年度任务已分解交办`, audience: ['OFFICE'] },
  });
}
