import { continueAsNew, getExternalWorkflowHandle, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { PolicyRolloutInput } from '../procedures/rules/messages';
import { policyChanged } from '../procedures/task/messages';

const acts = proxyActivities<Pick<Activities, 'runningTasksOfTypes'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Tasks told in one workflow task: a page of signals sent together. */
const PAGE = 200;

/**
 * Tells every running task of the changed types the new policy of its type, a page at a time, as a signal each task
 * applies itself (supervisedTask, `policyChanged`): durable, so a crash of the API after publishing loses no task.
 * A task that closed meanwhile no longer listens and is passed over.
 */
export async function taskPolicyRollout(input: PolicyRolloutInput): Promise<{ told: number }> {
  const byType = new Map(input.types.map((t) => [t.type, t]));
  let after = input.after ?? '';
  let told = input.told ?? 0;
  for (;;) {
    const page = await acts.runningTasksOfTypes({ orgId: input.orgId, types: [...byType.keys()], after, limit: PAGE });
    await Promise.all(
      page.map(({ workflowId, type }) => {
        const { policy, changes } = byType.get(type)!;
        const change = { version: input.version, policy, reason: input.reason, by: input.by, changes };
        return getExternalWorkflowHandle(workflowId)
          .signal(policyChanged, change)
          .then(() => (told += 1))
          .catch(() => undefined);
      }),
    );
    if (page.length < PAGE) return { told };
    after = page[page.length - 1]!.taskId;
    if (workflowInfo().continueAsNewSuggested)
      return continueAsNew<typeof taskPolicyRollout>({ ...input, after, told });
  }
}
