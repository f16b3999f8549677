import { parseOrganisationFile } from '../../db/org-file';
import { loadOrganisation } from '../../db/queries/load-organisation';
import { eventually } from '../support/http';
import { comparableAnswer } from '../support/missing-id';
import { openThisYearsCycle, useTestStack, type ApiClient } from '../support/use-test-stack';

/** Issue 20 item 7: the office's bulk actions on tasks (POST /v1/tasks/bulk) and everyone's saved views (/v1/views). */
const ELSEWHERE = `
organisation: { id: bulk-elsewhere, name: 别处区纪委监委 }
units:
  - { id: bulk-elsewhere-office, name: 别处区纪委组织协调室, kind: OFFICE, head: p-bulk-elsewhere, leader: p-bulk-elsewhere }
  - { id: bulk-elsewhere-town, name: 别处镇纪委, kind: TOWN, head: p-bulk-elsewhere-town, leader: p-bulk-elsewhere }
people:
  - { id: p-bulk-elsewhere, name: 王立, unit: bulk-elsewhere-office, title: 主任, roles: [OFFICE, LEADER] }
  - { id: p-bulk-elsewhere-town, name: 李平, unit: bulk-elsewhere-town, title: 书记, roles: [UNIT] }
`;

const year = new Date().getUTCFullYear() + 1;
const taskBody = (title: string, leadUnitId = 'village-hekou', leaderId = 'p-zhao-zhiqiang') => ({
  title,
  type: 'ROUTINE',
  leadUnitId,
  coUnitIds: [],
  leaderId,
  requirements: '逐项整改到位',
  standard: '整改台账',
  dueDate: `${year}-05-31`,
});

type Result = { taskId: string; outcome: string; reason: string | null; state: string | null; dueDate: string | null };

describe('bulk actions and saved views', () => {
  const { t, office, unit, otherUnit, leader } = useTestStack(
    { office: 'p-huang-min', unit: 'p-lu-shuigen', otherUnit: 'p-han-bing', leader: 'p-fang-liang' },
    { TASK_BULK_LIMIT: '4' },
  );
  let elsewhere: ApiClient;

  const create = async (client: ApiClient, body: ReturnType<typeof taskBody>): Promise<string> => {
    const res = await client('POST', '/v1/tasks', body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const timelineKinds = async (id: string) =>
    ((await office('GET', `/v1/tasks/${id}`)).body.timeline as { kind: string }[]).map((e) => e.kind);

  beforeAll(async () => {
    await loadOrganisation(t.db.pool, parseOrganisationFile(ELSEWHERE, 'elsewhere.yaml'), 'bulk-elsewhere');
    elsewhere = await t.as('p-bulk-elsewhere');
  });

  it('decides three extensions in one request: two approved, one refused with the single action’s reason', async () => {
    const ids = [
      await create(office, taskBody('整改一：村务公开')),
      await create(office, taskBody('整改二：三资管理')),
      await create(office, taskBody('整改三：低保评定')),
    ];
    // The lead unit signs all three and asks to extend the first two; the third has nothing pending.
    for (const id of ids) expect((await unit('POST', `/v1/tasks/${id}/sign`, {})).status).toBe(200);
    for (const id of ids.slice(0, 2)) {
      const asked = await unit('POST', `/v1/tasks/${id}/extension`, {
        reason: '需等待上级批复',
        proposedDate: `${year}-06-30`,
        progress: '已完成摸底',
      });
      expect(asked.status).toBe(200);
    }
    // What the single action answers on the third: the bulk result carries the same reason.
    const single = await office('POST', `/v1/tasks/${ids[2]}/extension-decision`, { approve: true });
    expect(single.status).toBe(409);

    const res = await office('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-extend-0001',
      action: 'extension-decision',
      input: { approve: true, comment: '统一批准延期' },
      ids,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: 'extension-decision', selectedBy: 'IDS', ids, replayed: false });
    expect(res.body.results).toEqual([
      { taskId: ids[0], outcome: 'ACCEPTED', reason: null, state: 'SIGNED', dueDate: `${year}-06-30` },
      { taskId: ids[1], outcome: 'ACCEPTED', reason: null, state: 'SIGNED', dueDate: `${year}-06-30` },
      { taskId: ids[2], outcome: 'REFUSED', reason: single.body.detail, state: null, dueDate: null },
    ]);
    expect(res.body).toMatchObject({ accepted: 2, refused: 1, notFound: 0 });
    // In the caller's language, as the single action answers it.
    const again = await office(
      'POST',
      '/v1/tasks/bulk',
      {
        requestId: 'bulk-extend-0001',
        action: 'extension-decision',
        input: { approve: true, comment: '统一批准延期' },
        ids,
      },
      { 'accept-language': 'en' },
    );
    const singleEn = await office(
      'POST',
      `/v1/tasks/${ids[2]}/extension-decision`,
      { approve: true },
      { 'accept-language': 'en' },
    );
    expect(again.body.replayed).toBe(true);
    expect(again.body.results[2].reason).toBe(singleEn.body.detail);

    // Audited task by task (the two decisions by their workflows, the refusal by the API) and once for the request.
    for (const [id, outcome] of [
      [ids[0], 'DONE'],
      [ids[1], 'DONE'],
      [ids[2], 'REFUSED'],
    ] as const) {
      await eventually(async () => {
        const audit = await office('GET', `/v1/audit?action=task.decideExtension&objectId=${id}&outcome=${outcome}`);
        // The third was also refused to the two single requests: the bulk's refusal is one more row.
        return audit.body.items.length === (id === ids[2] ? 3 : 1) ? true : undefined;
      });
    }
    const bulk = await office('GET', '/v1/audit?action=task.bulk&objectId=bulk-extend-0001');
    expect(bulk.body.items).toHaveLength(1);
    expect(bulk.body.items[0].payload).toMatchObject({ action: 'extension-decision', ids, accepted: 2, refused: 1 });
  });

  it('answers a retried request with the same results and applies nothing twice', async () => {
    const ids = [await create(office, taskBody('撤销一')), await create(office, taskBody('撤销二'))];
    const body = { requestId: 'bulk-cancel-0001', action: 'cancel', input: { reason: '与年度计划任务重复' }, ids };
    const first = await office('POST', '/v1/tasks/bulk', body);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: Result) => r.outcome)).toEqual(['ACCEPTED', 'ACCEPTED']);
    const retried = await office('POST', '/v1/tasks/bulk', body);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ ...first.body, replayed: true });
    for (const id of ids) {
      expect((await timelineKinds(id)).filter((k) => k === 'CANCELLED' || k === 'cancelled')).toHaveLength(1);
    }
    const bulk = await office('GET', '/v1/audit?action=task.bulk&objectId=bulk-cancel-0001');
    expect(bulk.body.items).toHaveLength(1);

    // A request cut short before its answer was kept: the retry sends the same Update ids, which the workflows
    // applied once (the kept answer gone, the tasks still answer "accepted", not "already cancelled").
    await t.db.pool.query(`DELETE FROM task_bulk_requests WHERE request_id = 'bulk-cancel-0001'`);
    const afterCrash = await office('POST', '/v1/tasks/bulk', body);
    expect(afterCrash.body.results.map((r: Result) => r.outcome)).toEqual(['ACCEPTED', 'ACCEPTED']);
    for (const id of ids) {
      expect((await timelineKinds(id)).filter((k) => k === 'CANCELLED' || k === 'cancelled')).toHaveLength(1);
    }

    // The same requestId with another request is refused, naming it.
    const reused = await office('POST', '/v1/tasks/bulk', { ...body, input: { reason: '另一理由' } });
    expect(reused.status).toBe(422);
    expect(reused.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.requestId']);
  });

  it('resolves a filter within the caller’s scope, and another organisation’s task is not found', async () => {
    const ours = await create(office, taskBody('本区任务：筛选'));
    const theirs = await create(elsewhere, taskBody('别处任务', 'bulk-elsewhere-town', 'p-bulk-elsewhere'));
    // The other district's office selects every assigned task it sees: its own only.
    const byFilter = await elsewhere('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-filter-0001',
      action: 'cancel',
      input: { reason: '批量撤销' },
      filter: { state: 'ASSIGNED' },
    });
    expect(byFilter.status).toBe(200);
    expect(byFilter.body.selectedBy).toBe('FILTER');
    expect(byFilter.body.ids).toEqual([theirs]);
    expect(byFilter.body.results).toEqual([
      { taskId: theirs, outcome: 'ACCEPTED', reason: null, state: 'CANCELLED', dueDate: `${year}-05-31` },
    ]);
    // Our office naming their task (and a missing one) by hand: not found, alike; ours is applied.
    const byIds = await office('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-ids-0001',
      action: 'cancel',
      input: { reason: '批量撤销' },
      ids: [ours, theirs, 't-000000000000'],
    });
    expect(byIds.body.results.map((r: Result) => [r.taskId, r.outcome])).toEqual([
      [ours, 'ACCEPTED'],
      [theirs, 'NOT_FOUND'],
      ['t-000000000000', 'NOT_FOUND'],
    ]);
    expect(byIds.body.results[1].reason).toBe(byIds.body.results[2].reason);
    // Their task untouched by our request: cancelled once, by their own office.
    expect((await elsewhere('GET', `/v1/tasks/${theirs}`)).body.state).toBe('CANCELLED');
  });

  it('refuses more tasks than the cap (422), malformed bodies (400 naming every field), and non-office callers (403)', async () => {
    const many = await office('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-cap-0001',
      action: 'cancel',
      input: { reason: '超出上限' },
      ids: ['t-1', 't-2', 't-3', 't-4', 't-5'],
    });
    expect(many.status).toBe(422);
    expect(many.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.ids']);
    expect(many.body.detail).toContain('最多 4 项');
    for (let i = 0; i < 5; i += 1) await create(office, taskBody(`上限测试 ${i}`, 'town-xicheng', 'p-zhao-zhiqiang'));
    const wide = await office('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-cap-0002',
      action: 'cancel',
      input: { reason: '超出上限' },
      filter: { leadUnit: 'town-xicheng' },
    });
    expect(wide.status).toBe(422);
    expect(wide.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.filter']);
    const both = await office('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-both-0001',
      action: 'cancel',
      input: { reason: '二者' },
    });
    expect(both.status).toBe(422);

    const bad = await office('POST', '/v1/tasks/bulk', {
      requestId: 'x',
      action: 'reassign',
      input: { leadUnitId: 'Not An Id', reason: '' },
      filter: { light: 'PURPLE' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      [
        'body.filter.light',
        'body.input.leaderId',
        'body.input.leadUnitId',
        'body.input.reason',
        'body.requestId',
      ].sort(),
    );
    const refused = await unit('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-unit-0001',
      action: 'cancel',
      input: { reason: '无权' },
      ids: ['t-1'],
    });
    expect(refused.status).toBe(403);
  });

  it('reassigns in bulk after checking the new units once', async () => {
    const ids = [await create(office, taskBody('改派一')), await create(office, taskBody('改派二'))];
    const unknown = await office('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-reassign-0001',
      action: 'reassign',
      input: { leadUnitId: 'no-such-unit', leaderId: 'p-zhao-zhiqiang', reason: '职责调整' },
      ids,
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.leadUnitId']);
    const moved = await office('POST', '/v1/tasks/bulk', {
      requestId: 'bulk-reassign-0002',
      action: 'reassign',
      input: { leadUnitId: 'town-xicheng', leaderId: 'p-zhao-zhiqiang', reason: '职责调整' },
      ids,
    });
    expect(moved.body.results.map((r: Result) => r.outcome)).toEqual(['ACCEPTED', 'ACCEPTED']);
    expect((await office('GET', `/v1/tasks/${ids[0]}`)).body.leadUnitId).toBe('town-xicheng');
  });

  describe('saved views', () => {
    it('are created, listed, applied, renamed and deleted by their owner', async () => {
      const red = await create(office, taskBody('视图：红灯以外'));
      const created = await office('POST', '/v1/views', {
        name: '河口村的任务',
        filter: { leadUnit: 'village-hekou', state: 'ASSIGNED', overdue: 'false' },
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/v1/views/${created.body.id}`);
      expect(created.body).toMatchObject({
        name: '河口村的任务',
        target: 'TASKS',
        filter: { leadUnit: 'village-hekou', state: 'ASSIGNED', overdue: 'false' },
      });
      const id = created.body.id as string;
      const list = await office('GET', '/v1/views');
      expect(list.body.items.map((v: { id: string }) => v.id)).toEqual([id]);

      const applied = await office('GET', `/v1/tasks?view=${id}&limit=200`);
      const direct = await office('GET', '/v1/tasks?leadUnit=village-hekou&state=ASSIGNED&overdue=false&limit=200');
      expect(applied.status).toBe(200);
      expect(applied.body.items.map((x: { id: string }) => x.id)).toEqual(
        direct.body.items.map((x: { id: string }) => x.id),
      );
      expect(applied.body.items.map((x: { id: string }) => x.id)).toContain(red);
      // The request's own parameters narrow further.
      const narrowed = await office('GET', `/v1/tasks?view=${id}&q=${encodeURIComponent('红灯以外')}`);
      expect(narrowed.body.items.map((x: { id: string }) => x.id)).toEqual([red]);

      const renamed = await office('PATCH', `/v1/views/${id}`, { name: '河口村待签收' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe('河口村待签收');
      const second = await office('POST', '/v1/views', { name: '挂牌督办', filter: { light: 'RED' } });
      const clash = await office('PATCH', `/v1/views/${second.body.id}`, { name: '河口村待签收' });
      expect(clash.status).toBe(409);
      const twice = await office('POST', '/v1/views', { name: '挂牌督办', filter: {} });
      expect(twice.status).toBe(409);
      expect((await office('GET', '/v1/views')).body.items.map((v: { name: string }) => v.name)).toEqual([
        '挂牌督办',
        '河口村待签收',
      ]);

      expect((await office('DELETE', `/v1/views/${id}`)).status).toBe(200);
      expect((await office('GET', `/v1/views/${id}`)).status).toBe(404);
      expect((await office('GET', `/v1/tasks?view=${id}`)).status).toBe(404);
      const audit = await office('GET', `/v1/audit?action=view.update&objectId=${id}`);
      expect(audit.body.items.map((a: { payload: { change: string } }) => a.payload.change)).toEqual([
        'delete',
        'rename',
        'create',
      ]);
    });

    it('are private: another person’s view answers as a missing one, and is never in their list', async () => {
      const mine = await unit('POST', '/v1/views', { name: '我的红灯任务', filter: { light: 'RED' } });
      expect(mine.status).toBe(201);
      const id = mine.body.id as string;
      const missing = `v-${'0'.repeat(12)}`;
      for (const [method, suffix, body] of [
        ['GET', '', undefined],
        ['PATCH', '', { name: '改名' }],
        ['DELETE', '', undefined],
      ] as const) {
        const theirs = await otherUnit(method, `/v1/views/${id}${suffix}`, body);
        const none = await otherUnit(method, `/v1/views/${missing}${suffix}`, body);
        expect(theirs.status).toBe(404);
        expect(comparableAnswer(theirs, id)).toEqual(comparableAnswer(none, missing));
      }
      const theirList = await otherUnit('GET', `/v1/tasks?view=${id}`);
      expect(comparableAnswer(theirList, id)).toEqual(
        comparableAnswer(await otherUnit('GET', `/v1/tasks?view=${missing}`), missing),
      );
      expect((await otherUnit('GET', '/v1/views')).body.items).toEqual([]);
      expect((await unit('GET', `/v1/views/${id}`)).status).toBe(200);
    });

    it('never widen what the caller sees: a unit’s view of another unit’s tasks shows only its own', async () => {
      const others = await create(office, taskBody('西城镇的任务', 'town-xicheng'));
      const view = await unit('POST', '/v1/views', { name: '西城镇', filter: { leadUnit: 'town-xicheng' } });
      const seen = await unit('GET', `/v1/tasks?view=${view.body.id}&limit=200`);
      expect(seen.status).toBe(200);
      expect(seen.body.items.map((x: { id: string }) => x.id)).not.toContain(others);
      expect(seen.body.total).toBe(0);
      // A leader's view on the board counts only what their board shows.
      const boardView = await leader('POST', '/v1/views', { name: '红灯', target: 'BOARD', filter: { light: 'RED' } });
      expect(boardView.status).toBe(201);
      expect(boardView.body.target).toBe('BOARD');
    });

    it('narrow the board to their tasks', async () => {
      const cycleId = await openThisYearsCycle(office);
      const inCycle = (title: string, unitId: string) => ({ ...taskBody(title, unitId), cycleId });
      await create(office, inCycle('看板：西城镇', 'town-xicheng'));
      await create(office, inCycle('看板：河口村', 'village-hekou'));
      const whole = await eventually(async () => {
        const res = await office('GET', `/v1/cycles/${cycleId}/board`);
        return res.body.units?.length === 2 ? res.body : undefined;
      });
      expect(whole.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual(['town-xicheng', 'village-hekou']);
      const view = await office('POST', '/v1/views', {
        name: '看板：西城镇',
        target: 'BOARD',
        filter: { leadUnit: 'town-xicheng' },
      });
      const narrowed = await office('GET', `/v1/cycles/${cycleId}/board?view=${view.body.id}`);
      expect(narrowed.status).toBe(200);
      expect(narrowed.body.units.map((u: { unitId: string }) => u.unitId)).toEqual(['town-xicheng']);
      expect(narrowed.body.cells).toEqual([expect.objectContaining({ unitId: 'town-xicheng', total: 1, open: 1 })]);
      expect((await office('GET', `/v1/cycles/${cycleId}/board?view=v-000000000000`)).status).toBe(404);
    });

    it('refuse bad input naming every field (400), in English when asked', async () => {
      const bad = await office(
        'POST',
        '/v1/views',
        { name: '', target: 'WALL', filter: { light: 'PURPLE', overdue: 'yes', colour: 'red' } },
        { 'accept-language': 'en' },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        ['body.filter.colour', 'body.filter.light', 'body.filter.overdue', 'body.name', 'body.target'].sort(),
      );
      expect(bad.body.detail).toMatch(/invalid fields/);
      // Neither a name nor a filter changes nothing; a view the caller does not have is still missing.
      const empty = await office('PATCH', '/v1/views/v-000000000000', {});
      expect(empty.status).toBe(404);
      const kept = await office('POST', '/v1/views', { name: '原样保留', filter: { light: 'RED' } });
      const unchanged = await office('PATCH', `/v1/views/${kept.body.id}`, {});
      expect(unchanged.status).toBe(200);
      expect(unchanged.body).toEqual(kept.body);
      expect((await t.as('p-bai-xue').then((observer) => observer('GET', '/v1/views'))).status).toBe(403);
    });
  });
});
