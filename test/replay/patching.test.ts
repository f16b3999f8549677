import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { loadShippedCalendars } from '../../db/queries/calendar';
import { loadOrganisationFile } from '../../db/queries/load-organisation';
import { supervisedTask } from '../../workflows';
import * as m from '../../procedures/task/messages';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { eventually } from '../support/http';
import { actor, PEOPLE, taskInput } from '../support/task-harness';
import { createTimeSkippingEnv } from '../support/temporal';

/**
 * The `l1-copies-leader` patch (workflows/supervised-task.ts) on running tasks: two tasks start under the old code
 * (test/fixtures/workflows-v1); one reaches L1 there. The worker is replaced by one with the new code on the same
 * task queue; the task whose L1 was recorded keeps its history (no copy), the other copies its L1 to the leader,
 * and both finish.
 */
describe('changing the supervised task under running tasks with a patch', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  const taskQueue = `patching-${randomBytes(4).toString('hex')}`;
  const policies = loadTaskPolicies(fromProject('config/task-policies.yaml'));

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    db = await createTestDatabase();
    await loadOrganisationFile(db.pool, fromProject('examples/organisation.yaml'));
    await loadShippedCalendars(db.pool);
  }, 60_000);

  afterAll(async () => {
    await env?.teardown();
    await db?.drop();
  }, 60_000);

  // No workflow cache: a task never waits on the sticky queue of the worker that was shut down.
  const workerWith = (workflowsPath: string) =>
    Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath,
      maxCachedWorkflows: 0,
      activities: createActivities({ db: db.pool, fetch: (async () => new Response('ok')) as typeof fetch }),
    });

  const startTask = async (days: number) => {
    const input = taskInput(policies, new Date(await env.currentTimeMs()).toISOString(), {
      limit: { kind: 'WORKING_DAYS', days },
    });
    return env.client.workflow.start(supervisedTask, {
      taskQueue,
      workflowId: m.taskWorkflowId(input.taskId),
      args: [input],
    });
  };
  const status = (handle: WorkflowHandle<typeof supervisedTask>, done: (s: m.TaskStatus) => boolean) =>
    eventually(async () => {
      const s = await handle.query(m.getTaskStatus);
      return done(s) ? s : undefined;
    });
  /** Skips to just after the end (24:00 Asia/Shanghai) of the task's due date, and waits for its L1. */
  const skipPastL1 = async (handle: WorkflowHandle<typeof supervisedTask>) => {
    const { dueDate } = await status(handle, (s) => s.dueDate !== null);
    await env.sleep(Date.parse(`${dueDate}T16:00:00Z`) + 60_000 - (await env.currentTimeMs()));
    return status(handle, (s) => s.rung === 1);
  };
  const kinds = async (taskId: string) =>
    (await db.pool.query('SELECT kind FROM task_timeline WHERE task_id = $1 ORDER BY id', [taskId])).rows.map(
      (r: { kind: string }) => r.kind,
    );
  const finish = async (handle: WorkflowHandle<typeof supervisedTask>) => {
    await handle.executeUpdate(m.submitTask, { args: [{ actor: actor('lead'), summary: '已形成检查报告' }] });
    await handle.executeUpdate(m.acceptTask, { args: [{ actor: actor('office'), rating: 'FAIR' }] });
    return handle.result();
  };

  it('keeps the old rule for an L1 recorded before the change and applies the new one after it', async () => {
    const oldWorker = await workerWith(require.resolve('../fixtures/workflows-v1'));
    const [early, late] = await oldWorker.runUntil(async () => {
      const early = await startTask(5);
      const late = await startTask(15);
      for (const h of [early, late]) await h.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
      await skipPastL1(early);
      return [early, late];
    });

    const newWorker = await workerWith(require.resolve('../../workflows'));
    const [earlyResult, lateResult] = await newWorker.runUntil(async () => {
      await skipPastL1(late);
      return [await finish(early), await finish(late)];
    });

    // Time runs on between the steps (the early task climbs further while the late one reaches L1): at least L1.
    for (const result of [earlyResult, lateResult]) {
      expect(result).toMatchObject({ state: 'ACCEPTED', rating: 'FAIR' });
      expect(result.rung).toBeGreaterThanOrEqual(1);
    }
    expect(await kinds(earlyResult.taskId)).not.toContain('L1_LEADER_COPY');
    expect(await kinds(lateResult.taskId)).toEqual(
      expect.arrayContaining(['ESCALATION_L1', 'L1_LEADER_COPY', 'ACCEPTED']),
    );
    const copies = await db.pool.query(
      "SELECT person_id FROM notifications WHERE task_id = $1 AND kind = 'L1_LEADER_COPY'",
      [lateResult.taskId],
    );
    expect(copies.rows).toEqual([{ person_id: PEOPLE.leader.personId }]);
  });
});
