import { eventually } from '../support/http';
import { shanghaiDate } from '../support/task-bodies';
import { useTestStack } from '../support/use-test-stack';

const YEAR = new Date().getUTCFullYear();
const CYCLE = `district-${YEAR}`;

type Line = { indicator: string; raw: Record<string, number | null>; points: number; formula: string };

/**
 * Issue 20 in the assessment (scoring model `standard` v5) over HTTP, with the example organisation: a refusal the
 * office overruled (INSIST) and one it reassigned, an urging by hand, a missed milestone, and a task whose deadline
 * passed while its clock stood still (not late).
 */
describe('the assessment counts refusals, urgings by hand, milestones and pauses (v5)', () => {
  const { t, office, lead } = useTestStack({ office: 'p-huang-min', lead: 'p-xie-hua' /* head of town-dongguan */ });
  const create = async (title: string) => {
    const res = await office('POST', '/v1/tasks', {
      title,
      leadUnitId: 'town-dongguan',
      leaderId: 'p-wang-hongmei',
      requirements: '按清单逐项落实',
      standard: '形成台账报组织协调室',
      dueDate: shanghaiDate(30),
      cycleId: CYCLE,
    });
    if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const ok = async (res: Promise<{ status: number; body: unknown }>) => {
    const r = await res;
    if (r.status !== 200) throw new Error(`answered ${r.status}: ${JSON.stringify(r.body)}`);
  };

  it('scores the new indicators with the cycle’s model v5 and keeps paused days out of lateness', async () => {
    expect((await office('POST', '/v1/cycles', { year: YEAR })).status).toBe(201);
    const insisted = await create('清理村级财务账目');
    const reassigned = await create('排查西城片区违建');
    const urged = await create('推进河道整治');
    const paused = await create('化解土地权属纠纷');
    for (const [id, ruling] of [
      [insisted, 'INSIST'],
      [reassigned, 'REASSIGN'],
    ] as const) {
      await ok(lead('POST', `/v1/tasks/${id}/refuse`, { responsibleUnitId: 'town-xicheng', reason: '非本单位辖区' }));
      await ok(office('POST', `/v1/tasks/${id}/refusal-ruling`, { ruling, reason: '裁定' }));
    }
    await ok(office('POST', `/v1/tasks/${urged}/urgings`, { text: '请加快进度' }));
    await ok(lead('POST', `/v1/tasks/${paused}/sign`, {}));
    await ok(lead('POST', `/v1/tasks/${paused}/pause`, { category: 'COURT', reason: '待法院判决' }));
    await ok(office('POST', `/v1/tasks/${paused}/pause-decision`, { approve: true }));
    await eventually(async () => {
      const [a, b, c, d] = await Promise.all(
        [insisted, reassigned, urged, paused].map((id) => office('GET', `/v1/tasks/${id}`)),
      );
      return a!.body.refusals?.[0]?.ruling &&
        b!.body.leadUnitId === 'town-xicheng' &&
        c!.body.timeline.some((e: { kind: string }) => e.kind === 'URGED') &&
        d!.body.light === 'PAUSED'
        ? true
        : undefined;
    });
    // Straight into the read model, for speed: a milestone missed yesterday (the workflow's own judgement is tested in
    // test/workflows/task-milestones.test.ts), and the paused task's deadline passed three days ago while paused.
    await t.db.pool.query(
      `INSERT INTO task_timeline (task_id, workflow_id, step, kind, message, at)
       SELECT id, workflow_id, 'test-milestone-missed', 'MILESTONE_MISSED', '序时进度未达', now() - interval '1 day'
       FROM tasks WHERE id = $1`,
      [urged],
    );
    await t.db.pool.query(`UPDATE tasks SET due_at = now() - interval '3 days', due_date = $2::date WHERE id = $1`, [
      paused,
      shanghaiDate(-3),
    ]);

    const assessed = await office('POST', `/v1/cycles/${CYCLE}/assessment`, {});
    expect(assessed.status).toBe(201);
    expect(assessed.body.model).toMatchObject({ id: 'standard', version: 5 });
    const dongguan = (assessed.body.scores as { unitId: string; breakdown: Line[] }[]).find(
      (s) => s.unitId === 'town-dongguan',
    )!;
    const line = (indicator: string) => dongguan.breakdown.find((l) => l.indicator === indicator)!;
    expect(line('milestones')).toMatchObject({ raw: { missed: 1, met: 0 }, points: -0.5 });
    expect(line('refusals')).toMatchObject({ raw: { insisted: 1, reassigned: 1 }, points: -0.5 });
    expect(line('urgingsAndRungs')).toMatchObject({ raw: { urging: 0, urged: 1 }, points: -0.5 });
    // The paused task's deadline passed while its clock stood still: neither late nor due.
    expect(line('overdueWorkingDays')).toMatchObject({ raw: { day: 0 }, points: 0 });
    expect(line('onTimeCompletionRate').raw).toMatchObject({ whole: 0 });
    // The reassigned task went to town-xicheng; the refusal stays with the unit that refused.
    const xicheng = (assessed.body.scores as { unitId: string; breakdown: Line[] }[]).find(
      (s) => s.unitId === 'town-xicheng',
    )!;
    expect(xicheng.breakdown.find((l) => l.indicator === 'refusals')).toMatchObject({
      raw: { insisted: 0, reassigned: 0 },
    });
  });

  it('counts the refusals with their rulings and the urgings by hand in the bulletin, per unit', async () => {
    const today = shanghaiDate(0);
    const bulletin = await office('POST', '/v1/bulletins', { from: `${today.slice(0, 8)}01`, to: today });
    expect(bulletin.status).toBe(201);
    const { content } = (await office('GET', `/v1/bulletins/${bulletin.body.id}`)).body;
    expect(content.refusals).toEqual({
      refused: 2,
      insisted: 1,
      reassigned: 1,
      pending: 0,
      byUnit: [{ unitId: 'town-dongguan', unitName: '东关街道', refused: 2, insisted: 1, reassigned: 1, pending: 0 }],
    });
    expect(content.urgings).toEqual({
      urged: 1,
      byUnit: [{ unitId: 'town-dongguan', unitName: '东关街道', urged: 1 }],
    });
    const html = await office('GET', `/v1/bulletins/${bulletin.body.id}/html`);
    expect(html.text).toContain('本期申请退单2项，经组织协调室裁定维持原承办单位1项、改派1项，待裁定0项');
    expect(html.text).toContain('本期组织协调室对督办任务人工督促1次，涉及牵头单位：东关街道1次。');
  });
});
