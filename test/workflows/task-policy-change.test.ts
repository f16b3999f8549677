import * as wd from '../../procedures/time/working-days';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { policyRolloutWorkflowId, type PolicyRolloutInput } from '../../procedures/rules/messages';
import * as m from '../../procedures/task/messages';
import { readWorkingCalendar } from '../../db/queries/calendar';
import { taskPolicyRollout } from '../../workflows';
import { actor, createTaskHarness } from '../support/task-harness';
import { useHarness } from '../support/use-harness';

const routine = loadTaskPolicies(fromProject('config/task-policies.yaml')).get('ROUTINE')!;
/** The routine type with its L2 the day after the deadline and a later L3: what the office publishes. */
const sooner: m.TaskPolicy = { ...routine, escalation: { l2AfterWorkingDays: 1, l3AfterWorkingDays: 20 } };

describe('a version of the task types applied to running tasks (issue 22)', () => {
  const h = useHarness(createTaskHarness);

  /** The end (24:00) of the n-th working day after `date`, on the test database's calendar. */
  const workingDaysAfter = async (date: string, n: number) => {
    const year = Number(date.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, 'district', year - 1, year + 2);
    return wd.localInstant(wd.addWorkingDays(cal, date, n), 24).toISOString();
  };

  /** A signed routine task, 3 working days to its deadline. */
  const signedTask = async () => {
    const handle = await h.start({ limit: { kind: 'WORKING_DAYS', days: 3 } });
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    return { handle, status: await handle.query(m.getTaskStatus) };
  };

  it('moves the timers of a running task told the new policy, and says so on its timeline', async () => {
    expect(routine.escalation.l2AfterWorkingDays).toBeGreaterThan(1);
    const { handle, status } = await signedTask();
    const l2Before = await workingDaysAfter(status.dueDate!, routine.escalation.l2AfterWorkingDays);
    const l2After = await workingDaysAfter(status.dueDate!, 1);

    const input: PolicyRolloutInput = {
      orgId: 'district',
      version: 2,
      reason: '区纪委常委会议定',
      by: 'p-huang-min',
      types: [
        {
          type: 'ROUTINE',
          policy: sooner,
          changes: ['任务类型“日常督办事项”的二级督办时点由期限后3个工作日改为1个工作日'],
        },
      ],
    };
    const told = await h.env.client.workflow.execute(taskPolicyRollout, {
      taskQueue: (await handle.describe()).taskQueue,
      workflowId: policyRolloutWorkflowId('district', 2),
      args: [input],
    });
    expect(told).toEqual({ told: 1 });

    const changed = await h.skipTo(new Date(await h.now()).toISOString(), handle, (s) => s.version > status.version);
    const entry = (await h.timeline(status.taskId)).find((e) => e.kind === 'POLICY_CHANGED');
    expect(entry?.message).toContain('督办规则调整为第2版（区纪委常委会议定）');
    expect(entry?.message).toContain(`二级督办时间由${l2Before.slice(0, 10)}`);
    // The rung fires at the new point, the day after the deadline, not at the old one.
    await h.env.sleep(Date.parse(l2After) - (await h.now()) - 60_000);
    expect((await handle.query(m.getTaskStatus)).rung).toBe(1);
    const escalated = await h.skipTo(l2After, handle, (s) => s.rung === 2);
    expect(Date.parse(l2After)).toBeLessThan(Date.parse(l2Before));
    expect(escalated.version).toBeGreaterThan(changed.version);
    const { rows } = await h.db.pool.query('SELECT policy FROM tasks WHERE id = $1', [status.taskId]);
    expect(rows[0].policy.escalation).toEqual(sooner.escalation);

    // Told the same version again (a retried rollout), the task records nothing more.
    const entries = (await h.timeline(status.taskId)).length;
    await handle.signal(m.policyChanged, {
      version: 2,
      policy: sooner,
      reason: '重复',
      by: 'p-huang-min',
      changes: [],
    });
    await h.env.sleep(60_000);
    expect(await h.timeline(status.taskId)).toHaveLength(entries);
    await h.end(handle);
  });

  it('leaves a running task nobody told alone: its L2 stays where its own policy put it', async () => {
    const { handle, status } = await signedTask();
    const l2 = await workingDaysAfter(status.dueDate!, routine.escalation.l2AfterWorkingDays);
    const oneDayAfter = await workingDaysAfter(status.dueDate!, 1);

    await h.skipTo(oneDayAfter, handle, (s) => s.rung === 1);
    await h.env.sleep(60_000);
    expect((await handle.query(m.getTaskStatus)).rung).toBe(1);
    await h.skipTo(l2, handle, (s) => s.rung === 2);
    expect((await h.timeline(status.taskId)).map((e) => e.kind)).not.toContain('POLICY_CHANGED');
    await h.end(handle);
  });

  it('reaches at once a rung the new policy puts in the past, and rewrites none it reached', async () => {
    const { handle, status } = await signedTask();
    const oneDayAfter = await workingDaysAfter(status.dueDate!, 1);
    await h.skipTo(oneDayAfter, handle, (s) => s.rung === 1);
    const before = (await h.timeline(status.taskId)).filter((e) => e.kind === 'ESCALATION_L1');

    await handle.signal(m.policyChanged, {
      version: 3,
      policy: { ...sooner, escalation: { l2AfterWorkingDays: 1, l3AfterWorkingDays: 2 } },
      reason: '从严督办',
      by: 'p-huang-min',
      changes: [],
    });
    const escalated = await h.skipTo(new Date(await h.now()).toISOString(), handle, (s) => s.rung === 2);

    expect(escalated.rung).toBe(2);
    const entries = await h.timeline(status.taskId);
    const changed = entries.find((e) => e.kind === 'POLICY_CHANGED');
    expect(changed?.message).toContain('按新规则立即进入二级督办');
    expect(entries.filter((e) => e.kind === 'ESCALATION_L1')).toEqual(before);
    expect(entries.map((e) => e.kind).indexOf('ESCALATION_L2')).toBeGreaterThan(entries.indexOf(changed!));
    await h.end(handle);
  });
});
