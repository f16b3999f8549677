import type { Activities } from '../../activities';
import { runAssessment } from '../../activities/assessment';
import { publishBulletin } from '../../activities/bulletins';
import { listScores } from '../../db/queries/assessments';
import { computeBulletin } from '../../db/queries/bulletins';
import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import { recordTaskEvent } from '../../db/queries/tasks';
import * as m from '../../procedures/task/messages';
import * as wd from '../../procedures/time/working-days';
import { renderBulletinHtml } from '../../render/bulletin';
import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { eventually } from '../support/http';
import { actor, reassignToXicheng, createTaskHarness, taskInput, type TaskHarness } from '../support/task-harness';

const end = (date: string) => wd.localInstant(date, 24).toISOString();
const DONGGUAN = 'town-dongguan';
const POLICIES = loadTaskPolicies(fromProject('config/task-policies.yaml'));

/** How often each escalation step was written: the first write of each is followed by a failure, so it is retried. */
const writes = new Map<string, number>();

/**
 * The step recorders do their write, then fail once for each escalation step, as if the answer were lost (an L1
 * rung is recorded together with its copy to the leader, the other rungs alone).
 */
function losingTheAnswerOfEachRung(a: Activities): Activities {
  const loseFirstAnswer = (inputs: Parameters<Activities['recordTaskStep']>[0][]) => {
    let first = false;
    for (const input of inputs.filter((i) => i.entry.kind.startsWith('ESCALATION_'))) {
      const key = `${input.workflowId}/${input.entry.step}`;
      const n = (writes.get(key) ?? 0) + 1;
      writes.set(key, n);
      first ||= n === 1;
    }
    if (first) throw new Error('connection lost after commit');
  };
  return {
    ...a,
    async recordTaskStep(input) {
      await a.recordTaskStep(input);
      loseFirstAnswer([input]);
    },
    async recordTaskSteps(inputs) {
      await a.recordTaskSteps(inputs);
      loseFirstAnswer(inputs);
    },
  };
}

/** The first and last day of the months from `first` to `last` (local dates). */
function monthsOf(first: string, last: string): { from: string; to: string } {
  const [y, mo] = last.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  return { from: `${first.slice(0, 7)}-01`, to: `${last.slice(0, 7)}-${String(lastDay).padStart(2, '0')}` };
}

describe('escalations stay on the record after the rung is reset (the history, not the state now)', () => {
  let h: TaskHarness;
  let cycles = 0;

  beforeAll(async () => {
    h = await createTaskHarness(losingTheAnswerOfEachRung);
  }, 60_000);

  afterAll(() => h?.stop(), 60_000);

  /** A cycle row of its own, so that each test's bulletin and assessment see only its tasks. */
  const newCycle = async () => {
    const year = 2950 + ++cycles;
    const id = `district-${year}`;
    await h.db.pool.query(
      `INSERT INTO cycles (id, workflow_id, org_id, year, phase, settings, opened_at, version)
       VALUES ($1, $2, 'district', $3, 'RUNNING', '{}', now(), 1)`,
      [id, `cycle:${id}`, year],
    );
    return id;
  };

  /** A signed task of the cycle that the unit lets lapse until it reaches `rung`; its status and timings. */
  const lapseTo = async (cycleId: string, rung: 1 | 2 | 3) => {
    const assignedAt = new Date(await h.now()).toISOString();
    const input = taskInput(POLICIES, assignedAt, { cycleId, limit: { kind: 'WORKING_DAYS', days: 2 } });
    const handle = await h.start(input);
    const assignedOn = wd.localDate(new Date(assignedAt));
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    const { dueDate, taskId } = await handle.query(m.getTaskStatus);
    const year = Number(dueDate!.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, NATIONAL, year - 1, year + 1);
    const rungs = [end(dueDate!), end(wd.addWorkingDays(cal, dueDate!, 3)), end(wd.addWorkingDays(cal, dueDate!, 10))];
    for (const [i, at] of rungs.slice(0, rung).entries()) await h.skipTo(at, handle, (s) => s.rung === i + 1);
    return { handle, input, taskId, dueDate: dueDate!, assignedOn, cal };
  };

  it('counts L1, L2 and L3 in the bulletin and the assessment once each after a return for rework reset the rung', async () => {
    const cycleId = await newCycle();
    const { handle, taskId, dueDate, assignedOn, cal } = await lapseTo(cycleId, 3);

    // The unit finally submits; the office returns it for rework with a new time limit, which resets the rung.
    await handle.executeUpdate(m.submitTask, { args: [{ actor: actor('lead'), summary: '迟报的检查报告' }] });
    const today = wd.localDate(new Date(await h.now()));
    const returned = await handle.executeUpdate(m.returnTask, {
      args: [{ actor: actor('office'), reasons: '报告缺少整改台账', newDueDate: wd.addWorkingDays(cal, today, 5) }],
    });
    // The new time limit reaches the read model with the step that replans the timers (the light turns from red).
    await eventually(async () => {
      const { rows } = await h.db.pool.query('SELECT light FROM tasks WHERE id = $1', [taskId]);
      return rows[0]?.light !== 'RED' ? true : undefined;
    });
    const period = monthsOf(wd.addCalendarDays(dueDate, 1), today);
    const asOf = new Date(await h.now());
    const bulletin = await publishBulletin(h.db.pool, {
      id: `b-history-${taskId}`,
      orgId: 'district',
      cycleId,
      ...period,
      asOf,
      generatedBy: null,
      audit: { orgId: 'district', actorId: 'system:test' },
    });
    const { assessment } = await runAssessment(h.db.pool, {
      cycleId,
      orgId: 'district',
      modelId: 'standard',
      modelVersion: 1,
      cutOff: asOf,
    });
    const scores = await listScores(h.db.pool, assessment.id);

    expect(returned).toMatchObject({ state: 'IN_PROGRESS', rung: 0 });
    const { rows } = await h.db.pool.query('SELECT rung FROM tasks WHERE id = $1', [taskId]);
    expect(rows).toEqual([{ rung: 0 }]);
    const dongguan = bulletin.content.units.find((u) => u.unitId === DONGGUAN);
    expect(dongguan).toMatchObject({ escalations: { l1: 1, l2: 1, l3: 1 }, openOverdue: 0, returns: 1 });
    expect(bulletin.content.totals.escalations).toEqual({ l1: 1, l2: 1, l3: 1 });
    expect(bulletin.content.overdue).toEqual([]);
    expect(bulletin.content.namedAtL3).toEqual([
      expect.objectContaining({ unitId: DONGGUAN, tasks: [expect.objectContaining({ id: taskId, rung: 0 })] }),
    ]);
    const html = renderBulletinHtml(bulletin);
    expect(html).toContain('本期发生逾期升级督办：一级督办（催办）1项、二级督办1项、三级督办1项');
    expect(html).toContain('目前无逾期未办结事项');
    expect(scores.find((s) => s.unitId === DONGGUAN)?.metrics.escalations).toMatchObject({ L1: 1, L2: 1, L3: 1 });
    // Before the deadline lapsed nothing had happened yet: a bulletin of those days counts no escalation.
    const before = await computeBulletin(h.db.pool, {
      orgId: 'district',
      cycleId,
      from: assignedOn,
      to: dueDate,
      asOf,
    });
    expect(before.totals.escalations).toEqual({ l1: 0, l2: 0, l3: 0 });
    await h.end(handle);
  });

  it('never counts a rung twice when its step is retried or recorded again on replay', async () => {
    const cycleId = await newCycle();
    const { handle, input, taskId, dueDate } = await lapseTo(cycleId, 2);
    const status = await handle.query(m.getTaskStatus);
    const { rows: steps } = await h.db.pool.query<{ step: string; kind: string; message: string }>(
      "SELECT step, kind, message FROM task_timeline WHERE task_id = $1 AND kind LIKE 'ESCALATION_%' ORDER BY id",
      [taskId],
    );

    // Every escalation step was written, failed and written again by Temporal's retry.
    expect(steps.map((s) => s.kind)).toEqual(['ESCALATION_L1', 'ESCALATION_L2']);
    for (const s of steps) expect(writes.get(`${m.taskWorkflowId(taskId)}/${s.step}`)).toBe(2);
    // A replayed step recorded once more, as an activity retried much later would.
    for (const s of steps) {
      await recordTaskEvent(h.db.pool, {
        workflowId: m.taskWorkflowId(taskId),
        task: input,
        status,
        entry: { step: s.step, kind: s.kind, message: s.message, at: new Date(await h.now()).toISOString() },
      });
    }
    const recorded = await h.db.pool.query(
      'SELECT rung, count(*)::int AS n FROM task_escalations WHERE task_id = $1 GROUP BY rung ORDER BY rung',
      [taskId],
    );
    const bulletin = await computeBulletin(h.db.pool, {
      orgId: 'district',
      cycleId,
      ...monthsOf(wd.addCalendarDays(dueDate, 1), wd.localDate(new Date(await h.now()))),
      asOf: new Date(await h.now()),
    });

    expect(recorded.rows).toEqual([
      { rung: 1, n: 1 },
      { rung: 2, n: 1 },
    ]);
    expect(bulletin.totals.escalations).toEqual({ l1: 1, l2: 1, l3: 0 });
    expect(bulletin.totals.openOverdue).toBe(1);
    await h.end(handle);
  });

  it('counts an escalation for the unit that led the task then, not the one it was reassigned to', async () => {
    const cycleId = await newCycle();
    const { handle, dueDate } = await lapseTo(cycleId, 1);
    await handle.executeUpdate(m.reassignTask, {
      args: [reassignToXicheng()],
    });
    const asOf = new Date(await h.now());

    const bulletin = await computeBulletin(h.db.pool, {
      orgId: 'district',
      cycleId,
      ...monthsOf(wd.addCalendarDays(dueDate, 1), wd.localDate(asOf)),
      asOf,
    });
    const unit = (id: string) => bulletin.units.find((u) => u.unitId === id);

    expect(unit(DONGGUAN)).toMatchObject({ led: 0, escalations: { l1: 1, l2: 0, l3: 0 } });
    expect(unit('town-xicheng')).toMatchObject({ led: 1, escalations: { l1: 0, l2: 0, l3: 0 } });
    await h.end(handle);
  });
});
