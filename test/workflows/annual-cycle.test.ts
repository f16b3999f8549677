import { randomBytes } from 'node:crypto';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { savePlanRevision } from '../../db/queries/cycles';
import { annualCycle } from '../../workflows';
import * as c from '../../workflows/cycle-messages';
import { eventually } from '../support/http';
import { actor, createTaskHarness, type TaskHarness } from '../support/task-harness';

const routine = loadTaskPolicies(fromProject('config/task-policies.yaml')).get('ROUTINE')!;
const UNITS = ['town-dongguan', 'town-xicheng', 'town-nanhu', 'dept-finance', 'dept-health'];

describe('the annual cycle workflow', () => {
  let h: TaskHarness;

  beforeAll(async () => {
    h = await createTaskHarness();
  }, 60_000);

  afterAll(() => h?.stop(), 60_000);

  async function openCycle(overrides: Partial<c.CycleInput> = {}, harness: TaskHarness = h) {
    const h = harness;
    const year = 2027;
    const cycleId = `district-${randomBytes(3).toString('hex')}`;
    const input: c.CycleInput = {
      cycleId,
      orgId: 'district',
      year,
      approvalDueDate: '2027-01-31',
      actor: actor('office'),
      ...overrides,
    };
    const handle = await h.env.client.workflow.start(annualCycle, {
      taskQueue: (await h.taskQueue()) as string,
      workflowId: `cycle:${cycleId}`,
      args: [input],
    });
    await eventually(async () => ((await handle.query(c.getCycleStatus)).version > 0 ? true : undefined));
    return { handle, cycleId };
  }

  const blueprints = (cycleId: string, n: number): c.TaskBlueprint[] =>
    Array.from({ length: n }, (_, i) => ({
      taskId: `${cycleId}-t${i}`,
      orgId: 'district',
      title: `年度任务 ${i + 1}`,
      leadUnitId: UNITS[i % UNITS.length]!,
      coUnitIds: [],
      leaderId: 'p-wang-hongmei',
      requirements: '按计划落实',
      standard: '按期完成',
      limit: { kind: 'DATE', date: '2027-06-30' },
      policy: routine,
      cycleId,
      createdBy: 'p-huang-min',
      actor: actor('office'),
    }));

  it('decomposes the approved plan into one task workflow per row, continuing as new on the way', async () => {
    const { handle, cycleId } = await openCycle({ startsPerRun: 5 });
    const firstRun = (await handle.describe()).runId;
    const revision = await savePlanRevision(
      h.db.pool,
      cycleId,
      { goals: [], tasks: blueprints(cycleId, 12) },
      'p-huang-min',
    );
    await handle.executeUpdate(c.submitPlan, { args: [{ actor: actor('office'), revision, taskCount: 12 }] });

    await expect(handle.executeUpdate(c.approvePlan, { args: [{ actor: actor('lead') }] })).rejects.toMatchObject({
      cause: { message: '年度计划由领导小组批准' },
    });
    await handle.executeUpdate(c.approvePlan, { args: [{ actor: actor('leader') }] });

    const started = await eventually(async () => {
      const s = await h.env.client.workflow.getHandle(`cycle:${cycleId}`).query(c.getCycleStatus);
      return s.tasksStarted === 12 ? s : undefined;
    });
    expect(started.phase).toBe('RUNNING');
    expect((await h.env.client.workflow.getHandle(`cycle:${cycleId}`).describe()).runId).not.toBe(firstRun);
    const tasks = await eventually(async () => {
      const { rows } = await h.db.pool.query('SELECT count(*)::int AS n FROM tasks WHERE cycle_id = $1', [cycleId]);
      return rows[0].n === 12 ? rows[0].n : undefined;
    });
    expect(tasks).toBe(12);
    await expect(
      h.env.client.workflow
        .getHandle(`cycle:${cycleId}`)
        .executeUpdate(c.submitPlan, { args: [{ actor: actor('office'), revision: revision + 1, taskCount: 1 }] }),
    ).rejects.toMatchObject({ cause: { message: expect.stringContaining('已批准') } });
    // The tasks would go on firing their timers through the next test's skipped days.
    await Promise.all(
      blueprints(cycleId, 12).map((t) => h.env.client.workflow.getHandle(`task:${t.taskId}`).terminate('test done')),
    );
  });

  describe('on its own clock', () => {
    // A fresh server: the tasks of the test above would go on firing timers through the skipped days.
    let h: TaskHarness;

    beforeAll(async () => {
      h = await createTaskHarness();
    }, 60_000);

    afterAll(() => h?.stop(), 60_000);

    it('escalates a plan still unapproved at its due date to the office', async () => {
      const due = new Date((await h.now()) + 5 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
      const { handle, cycleId } = await openCycle({ approvalDueDate: due }, h);

      await h.env.sleep(10 * 86_400_000);
      const status = await eventually(async () => {
        const s = await handle.query(c.getCycleStatus);
        return s.approvalOverdue ? s : undefined;
      });

      expect(status.phase).toBe('PLANNING');
      const { rows } = await h.db.pool.query(
        "SELECT DISTINCT person_id FROM notifications WHERE workflow_id = $1 AND kind = 'CYCLE'",
        [`cycle:${cycleId}`],
      );
      expect(rows.map((r) => r.person_id)).toContain('p-huang-min');
      await handle.terminate('done');
    });
  });
});
