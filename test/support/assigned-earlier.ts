import { createTask } from '../../api/use-cases/tasks';
import type { AppDeps } from '../../api/deps';
import { createTaskBody } from '../../api/schemas';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { issueToken } from '../../db/queries/tokens';
import { tokenResolver } from '../../api/identity';
import { eventually } from './http';
import { shanghaiDate } from './task-bodies';
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

/**
 * A task of town-dongguan in `cycleId` whose limit lapsed yesterday, once it has reached L1 (not done on time): what
 * the assessment tests score a unit down for. Answers its id.
 */
export async function lapsedTaskOfDongguan(t: TestStack, cycleId: string): Promise<string> {
  const id = await assignEarlier(
    t,
    {
      title: '整改巡察反馈问题',
      leadUnitId: 'town-dongguan',
      leaderId: 'p-wang-hongmei',
      requirements: '按清单逐项落实',
      standard: '形成台账报组织协调室',
      dueDate: shanghaiDate(-1),
      cycleId,
    },
    1,
  );
  const rung = async () => (await t.db.pool.query('SELECT rung FROM tasks WHERE id = $1', [id])).rows[0]?.rung ?? 0;
  await eventually(async () => ((await rung()) >= 1 ? true : undefined));
  return id;
}
