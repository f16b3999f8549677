import { createTask } from '../../api/use-cases/tasks';
import type { AppDeps } from '../../api/deps';
import { createTaskBody } from '../../api/schemas';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { issueToken } from '../../db/queries/tokens';
import { tokenResolver } from '../../api/identity';
import type { TestStack } from './test-stack';

/**
 * A task the office assigned `daysAgo` days ago, started as it was then. The API refuses a time limit already past
 * (issue 15), so a test that needs a lapsed task (an escalation, a bulletin's overdue list) assigns it at an earlier
 * moment, which is what the days since would have made of a task assigned through the API. Answers its id.
 */
export async function assignEarlier(
  t: TestStack,
  body: Record<string, unknown>,
  daysAgo: number,
  personId = 'p-huang-min',
): Promise<string> {
  const { token } = await issueToken(t.db.pool, personId);
  const identity = await tokenResolver(t.db.pool).resolve(token);
  if (!identity) throw new Error(`no identity for ${personId}`);
  const deps = {
    db: t.db.pool,
    temporal: t.stack.client,
    taskQueue: t.taskQueue,
    taskPolicies: loadTaskPolicies(fromProject('config/task-policies.yaml')),
  } as unknown as AppDeps;
  const caller = { identity, requestId: `assign-earlier-${Date.now()}` };
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  const { id } = await createTask(deps, caller, createTaskBody.parse(body), undefined, at);
  return id;
}
