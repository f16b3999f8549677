import { useTestStack } from '../support/use-test-stack';

/** Issue 20 item 3 over HTTP: 批示件 at creation, 挂牌督办 and 摘牌, the list's filters and the urging slip. */
const year = new Date().getUTCFullYear() + 1;

describe('named supervision (挂牌督办) and 批示件', () => {
  const { office, head, other } = useTestStack({
    office: 'p-huang-min',
    head: 'p-xie-hua', // head of town-dongguan, the lead unit
    other: 'p-han-bing', // town-xicheng: sees nothing of town-dongguan's tasks
  });

  const body = (title: string, extra: Record<string, unknown> = {}) => ({
    title,
    type: 'LEADER_INSTRUCTION',
    leadUnitId: 'town-dongguan',
    coUnitIds: [],
    leaderId: 'p-wang-hongmei',
    requirements: '逐项核查',
    standard: '核查报告',
    dueDate: `${year}-03-31`,
    ...extra,
  });

  it('takes a 批示件 and a 挂牌 at creation, checks them, and filters by them', async () => {
    const bad = await office(
      'POST',
      '/v1/tasks',
      body('批示件', { instruction: { severity: 'COUNTY', by: '' }, namedSupervision: { reason: 7 } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.instruction.by',
      'body.instruction.severity',
      'body.namedSupervision.reason',
    ]);

    const created = await office(
      'POST',
      '/v1/tasks',
      body('落实市委副书记关于老旧小区改造的批示', {
        instruction: { severity: 'MUNICIPAL', by: '市委副书记', text: '请督促限期整改到位' },
        namedSupervision: { reason: '群众反映强烈' },
      }),
    );
    expect(created.status).toBe(201);
    const task = (await office('GET', `/v1/tasks/${created.body.id}`)).body;
    expect(task.instruction).toEqual({
      severity: 'MUNICIPAL',
      by: '市委副书记',
      text: '请督促限期整改到位',
      startRung: 2,
    });
    expect(task.supervision).toMatchObject({ named: true, reason: '群众反映强烈', by: 'p-huang-min' });
    const plain = (await office('POST', '/v1/tasks', body('日常督办事项', { type: 'ROUTINE' }))).body.id as string;
    expect((await office('GET', `/v1/tasks/${plain}`)).body).toMatchObject({ instruction: null, supervision: null });

    const named = (await office('GET', '/v1/tasks?named=true&limit=100')).body.items.map((t: { id: string }) => t.id);
    expect(named).toContain(created.body.id);
    expect(named).not.toContain(plain);
    const instructed = (await office('GET', '/v1/tasks?instruction=true&limit=100')).body.items.map(
      (t: { id: string }) => t.id,
    );
    expect(instructed).toContain(created.body.id);
    expect(instructed).not.toContain(plain);
    expect((await office('GET', '/v1/tasks?named=maybe')).status).toBe(400);
    // A saved view keeps the filter: 「挂牌督办」.
    const view = await office('POST', '/v1/views', { name: '挂牌督办', filter: { named: 'true' } });
    expect(view.status).toBe(201);
    const viewed = (await office('GET', `/v1/tasks?view=${view.body.id}&limit=100`)).body.items;
    expect(viewed.map((t: { id: string }) => t.id)).toContain(created.body.id);
    expect(viewed.every((t: { supervision: { named: boolean } | null }) => t.supervision?.named)).toBe(true);
  });

  it('marks and lifts by the office only, audited, told to the unit, and printed on a slip', async () => {
    const id = (await office('POST', '/v1/tasks', body('东关街道违建整治', { type: 'ROUTINE' }))).body.id as string;
    expect((await head('POST', `/v1/tasks/${id}/sign`, {})).status).toBe(200);
    expect((await office('GET', `/v1/tasks/${id}`)).body.actions).toContain('supervision');
    expect((await head('GET', `/v1/tasks/${id}`)).body.actions).not.toContain('supervision');
    const mark = { named: true, reason: '群众反映强烈，列为挂牌督办事项' };
    expect((await head('POST', `/v1/tasks/${id}/supervision`, mark)).status).toBe(403);
    expect((await other('POST', `/v1/tasks/${id}/supervision`, mark)).status).toBe(404);
    const missing = await office('POST', `/v1/tasks/${id}/supervision`, { reason: '' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.named', 'body.reason']);

    const marked = await office('POST', `/v1/tasks/${id}/supervision`, mark);
    expect(marked.status).toBe(200);
    const again = await office('POST', `/v1/tasks/${id}/supervision`, mark);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('任务已列为挂牌督办事项');

    const inbox = (await head('GET', '/v1/inbox')).body.items as { kind: string; title: string; taskId: string }[];
    expect(inbox.filter((n) => n.taskId === id && n.kind === 'SUPERVISION_NAMED').map((n) => n.title)).toEqual([
      '【挂牌督办】东关街道违建整治',
    ]);
    const task = (await office('GET', `/v1/tasks/${id}`)).body;
    const entry = task.timeline.find((e: { kind: string }) => e.kind === 'SUPERVISION_NAMED');
    expect(entry.message).toBe('列为挂牌督办事项，此后逾期各级督办均提高一级，理由：群众反映强烈，列为挂牌督办事项');
    const slip = await office('GET', entry.slip);
    expect(slip.status).toBe(200);
    expect(slip.text).toContain('挂牌督办');
    expect(slip.text).toContain('东关街道违建整治');
    expect((await other('GET', entry.slip)).status).toBe(404);

    expect((await office('POST', `/v1/tasks/${id}/supervision`, { named: false, reason: '已部署整改' })).status).toBe(
      200,
    );
    const lifted = (await office('GET', `/v1/tasks/${id}`)).body;
    expect(lifted.supervision).toMatchObject({ named: false, reason: '已部署整改' });
    expect(lifted.supervision.periods).toHaveLength(1);
    expect(lifted.supervision.periods[0].until).toEqual(expect.any(String));
    const audit = await office('GET', `/v1/audit?objectId=${id}&action=task.supervise`);
    expect(audit.body.items.map((a: { outcome: string }) => a.outcome)).toEqual(
      expect.arrayContaining(['DONE', 'REFUSED']),
    );

    expect((await office('POST', `/v1/tasks/${id}/cancel`, { reason: '与年度计划重复' })).status).toBe(200);
    expect((await office('POST', `/v1/tasks/${id}/supervision`, mark)).status).toBe(409);
  });
});
