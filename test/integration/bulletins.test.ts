import { saveBulletin } from '../../db/queries/bulletins';
import { NATIONAL, readWorkingCalendar } from '../../db/queries/calendar';
import { issueToken } from '../../db/queries/tokens';
import { addWorkingDays } from '../../procedures/time/working-days';
import { eventually } from '../support/http';
import { festivalCheck, shanghaiDate } from '../support/task-bodies';
import { useTestStack, type ApiClient } from '../support/use-test-stack';
import { assignEarlier } from '../support/assigned-earlier';

const OFFICE = 'p-huang-min';
const DONGGUAN_HEAD = 'p-xie-hua'; // head of town-dongguan
const DONGGUAN_STAFF = 'p-yu-hong';
const GROUP = 'p-li-jianguo';
const OBSERVER = 'p-bai-xue';

const newTask = (overrides: Record<string, unknown>) => ({ ...festivalCheck, dueDate: shanghaiDate(60), ...overrides });

const TO = shanghaiDate(0);
const FROM = `${TO.slice(0, 8)}01`;
const HOSTILE_TITLE = '<script>alert("通报")</script>十一月情况通报';

describe('bulletins (情况通报) computed from the read model, over HTTP', () => {
  const { t, office, dongguan, observer } = useTestStack({
    office: OFFICE,
    dongguan: DONGGUAN_HEAD,
    observer: OBSERVER,
  });
  let ids: { accepted: string; overdue: string; finance: string };
  let created: Awaited<ReturnType<ApiClient>>;
  let bulletinId: string;

  const raw = async (personId: string, path: string) => {
    const { token } = await issueToken(t.db.pool, personId);
    return fetch(`${t.stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  };

  beforeAll(async () => {
    const create = async (body: Record<string, unknown>) => {
      const res = await office('POST', '/v1/tasks', newTask(body));
      if (res.status !== 201) throw new Error(`create answered ${res.status}`);
      return res.body.id as string;
    };
    ids = {
      accepted: await create({ title: '落实主体责任清单' }),
      // Assigned yesterday with yesterday as its limit: a lapsed task, as the day since made it.
      overdue: await assignEarlier(t, newTask({ title: '整改巡察反馈问题', dueDate: shanghaiDate(-1) }), 1),
      finance: await create({ title: '三公经费专项检查', leadUnitId: 'dept-finance', dueDate: shanghaiDate(30) }),
    };
    for (const [who, verb, body] of [
      [dongguan, 'sign', {}],
      [dongguan, 'submit', { summary: '清单已全部落实' }],
      [office, 'accept', { rating: 'GOOD' }],
    ] as const) {
      const res = await who('POST', `/v1/tasks/${ids.accepted}/${verb}`, body);
      if (res.status !== 200) throw new Error(`${verb} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    await eventually(async () =>
      (await office('GET', `/v1/tasks/${ids.accepted}`)).body.state === 'ACCEPTED' ? true : undefined,
    );
    await eventually(async () =>
      (await office('GET', `/v1/tasks/${ids.overdue}`)).body.rung === 1 ? true : undefined,
    );

    created = await office(
      'POST',
      '/v1/bulletins',
      { from: FROM, to: TO, title: HOSTILE_TITLE },
      { 'x-request-id': 'req-bulletin-1' },
    );
    bulletinId = created.body.id as string;
  }, 180_000);

  it('answers 201 with the summary and its location, and audits the generation', async () => {
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/bulletins/${bulletinId}`);
    expect(created.body).toMatchObject({ title: HOSTILE_TITLE, periodFrom: FROM, periodTo: TO, generatedBy: OFFICE });
    const audit = await t.db.pool.query(
      "SELECT actor_id, outcome, request_id FROM audit_log WHERE action = 'bulletin.create' AND object_id = $1",
      [bulletinId],
    );
    expect(audit.rows).toEqual([{ actor_id: OFFICE, outcome: 'DONE', request_id: 'req-bulletin-1' }]);
  });

  it('counts each unit’s tasks: led, completed, on time, overdue and escalated', async () => {
    const { body } = await office('GET', `/v1/bulletins/${bulletinId}`);
    const unit = (id: string) => body.content.units.find((u: { unitId: string }) => u.unitId === id);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM units WHERE active AND kind IN ('DEPARTMENT', 'TOWN', 'VILLAGE')",
    );

    expect(unit('town-dongguan')).toMatchObject({
      led: 2,
      completed: 1,
      completedOnTime: 1,
      completionRate: 0.5,
      onTimeRate: 1,
      openOverdue: 1,
      escalations: { l1: 1, l2: 0, l3: 0 },
      extensionsApproved: 0,
      extensionsDenied: 0,
      returns: 0,
    });
    expect(unit('dept-finance')).toMatchObject({
      led: 1,
      completed: 0,
      completionRate: 0,
      onTimeRate: null,
      openOverdue: 0,
    });
    expect(unit('town-xicheng')).toMatchObject({ led: 0, completionRate: null, escalations: { l1: 0, l2: 0, l3: 0 } });
    expect(body.content.units).toHaveLength(rows[0].n);
    expect(body.totals).toMatchObject({ led: 3, completed: 1, completedOnTime: 1, openOverdue: 1 });
    expect(body.content.overdue).toEqual([
      expect.objectContaining({ id: ids.overdue, unitId: 'town-dongguan', dueDate: shanghaiDate(-1), rung: 1 }),
    ]);
    expect(body.content.namedAtL3).toEqual([]);
  });

  it('renders a printable Chinese HTML page with every unit and the title escaped', async () => {
    const res = await dongguan('GET', `/v1/bulletins/${bulletinId}/html`);
    const { body } = await office('GET', `/v1/bulletins/${bulletinId}`);

    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html; charset=utf-8');
    // A document of user text: no script runs in it, nothing is fetched or framed, and it is never sniffed.
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; frame-ancestors 'none'",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('&lt;script&gt;alert(&quot;通报&quot;)&lt;/script&gt;十一月情况通报');
    expect(res.text).not.toContain('<script>');
    for (const heading of ['一、总体情况', '二、各单位完成情况', '三、逾期未办结事项', '四、升级督办情况']) {
      expect(res.text).toContain(heading);
    }
    for (const u of body.content.units as { unitName: string }[]) expect(res.text).toContain(u.unitName);
    expect(res.text).toContain('整改巡察反馈问题');
  });

  it('exports one CSV row per unit, UTF-8 with a byte order mark', async () => {
    const res = await raw(DONGGUAN_HEAD, `/v1/bulletins/${bulletinId}/csv`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    const { body } = await office('GET', `/v1/bulletins/${bulletinId}`);
    const dongguanName = body.content.units.find((u: { unitId: string }) => u.unitId === 'town-dongguan').unitName;

    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toHaveLength(body.content.units.length + 1);
    expect(lines[0]).toMatch(/^单位编码,单位,牵头任务数,已办结,按期办结,办结率,/);
    expect(lines).toContain(`town-dongguan,${dongguanName},2,1,1,50.0%,100.0%,1,1,0,0,0,0,0`);
  });

  it('publishes to the inbox of the units’ people and the leadership group, not to observers', async () => {
    const inbox = async (personId: string) =>
      ((await (await t.as(personId))('GET', '/v1/inbox')).body.items as { kind: string; title: string }[]).filter(
        (i) => i.kind === 'BULLETIN',
      );

    expect(await inbox(DONGGUAN_STAFF)).toEqual([expect.objectContaining({ title: `【情况通报】${HOSTILE_TITLE}` })]);
    expect(await inbox('p-lin-feng')).toHaveLength(1);
    expect(await inbox(GROUP)).toHaveLength(1);
    expect(await inbox(OBSERVER)).toEqual([]);
  });

  it('documents the HTML and CSV downloads with their content types', async () => {
    const spec = (await t.anonymous('GET', '/openapi.json')).body;

    expect(spec.paths['/v1/bulletins/{id}/html'].get.responses['200'].content).toEqual({
      'text/html': { schema: { type: 'string' } },
    });
    expect(spec.paths['/v1/bulletins/{id}/csv'].get.responses['200'].content).toEqual({
      'text/csv': { schema: { type: 'string' } },
    });
    expect(spec.paths['/v1/bulletins'].post.responses['201'].content).toHaveProperty('application/json');
  });

  it('lets a unit read and list it, and hides it from an observer as it hides an unknown bulletin', async () => {
    const read = await dongguan('GET', `/v1/bulletins/${bulletinId}`);
    const list = await dongguan('GET', '/v1/bulletins');

    expect(read.status).toBe(200);
    expect(list.body.items.map((b: { id: string }) => b.id)).toContain(bulletinId);
    expect((await observer('GET', `/v1/bulletins/${bulletinId}`)).status).toBe(404);
    expect((await observer('GET', `/v1/bulletins/${bulletinId}/html`)).status).toBe(404);
    expect((await office('GET', '/v1/bulletins/b-000000000000')).status).toBe(404);
  });

  it('refuses a period that ends before it starts, an unknown field, and a unit generating one', async () => {
    const backwards = await office('POST', '/v1/bulletins', { from: TO, to: '2020-01-01' });
    const unknown = await office('POST', '/v1/bulletins', { from: FROM, to: TO, units: ['town-dongguan'] });
    const byUnit = await dongguan(
      'POST',
      '/v1/bulletins',
      { from: FROM, to: TO },
      { 'x-request-id': 'req-bulletin-2' },
    );

    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'body.from' })]);
    expect(unknown.status).toBe(400);
    expect(byUnit.status).toBe(403);
    const audit = await t.db.pool.query("SELECT outcome FROM audit_log WHERE request_id = 'req-bulletin-2'");
    expect(audit.rows).toEqual([{ outcome: 'REFUSED' }]);
  });

  it('generates once per id: a retry with the same Idempotency-Key or id answers the stored bulletin', async () => {
    const headers = { 'idempotency-key': 'bulletin-2026-11' };
    const first = await office('POST', '/v1/bulletins', { from: FROM, to: TO }, headers);
    const again = await office('POST', '/v1/bulletins', { from: FROM, to: TO }, headers);
    const stored = await t.db.pool.query('SELECT count(*)::int AS n FROM bulletins WHERE id = $1', [first.body.id]);
    const direct = await saveBulletin(
      t.db.pool,
      {
        id: first.body.id as string,
        orgId: 'district',
        cycleId: null,
        title: '另一个标题',
        periodFrom: FROM,
        periodTo: TO,
        generatedBy: null,
        content: (await office('GET', `/v1/bulletins/${bulletinId}`)).body.content,
      },
      { orgId: 'district', workflowId: `bulletin-retry:${first.body.id as string}`, step: 'save' },
    );

    expect(first.status).toBe(201);
    expect(first.body.title).toMatch(/^合溪区党风廉政建设责任落实情况通报（\d{4}年\d{1,2}月/);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(stored.rows).toEqual([{ n: 1 }]);
    expect(direct.created).toBe(false);
    expect(direct.bulletin.title).toBe(first.body.title);
  });

  it('still counts this month’s escalations of a task whose rung a return for rework reset, apart from what is overdue now', async () => {
    const nanhu = await t.as('p-tang-ning'); // head of town-nanhu
    const today = shanghaiDate(0);
    const cal = await readWorkingCalendar(
      t.db.pool,
      NATIONAL,
      Number(today.slice(0, 4)) - 1,
      Number(today.slice(0, 4)),
    );
    // Assigned three weeks ago, its limit five working days past: L1 and L2 (three working days after it) at once.
    const id = await assignEarlier(
      t,
      newTask({ title: '清理违规发放津补贴', leadUnitId: 'town-nanhu', dueDate: addWorkingDays(cal, today, -5) }),
      21,
    );
    await eventually(async () => ((await office('GET', `/v1/tasks/${id}`)).body.rung === 2 ? true : undefined));
    for (const [who, verb, body] of [
      [nanhu, 'sign', {}],
      [nanhu, 'submit', { summary: '已清理完毕' }],
      [office, 'return', { reasons: '缺少清退台账', newDueDate: shanghaiDate(30) }],
    ] as const) {
      const step = await who('POST', `/v1/tasks/${id}/${verb}`, body);
      if (step.status !== 200) throw new Error(`${verb} answered ${step.status}: ${JSON.stringify(step.body)}`);
    }
    await eventually(async () => {
      const task = (await office('GET', `/v1/tasks/${id}`)).body;
      return task.rung === 0 && task.light !== 'RED' ? true : undefined;
    });

    const created = await office('POST', '/v1/bulletins', { from: FROM, to: TO });
    const { body } = await nanhu('GET', `/v1/bulletins/${created.body.id as string}`);
    const html = await nanhu('GET', `/v1/bulletins/${created.body.id as string}/html`);

    expect(body.content.units.find((u: { unitId: string }) => u.unitId === 'town-nanhu')).toMatchObject({
      led: 1,
      openOverdue: 0,
      escalations: { l1: 1, l2: 1, l3: 0 },
      returns: 1,
    });
    expect(body.content.overdue.map((o: { id: string }) => o.id)).not.toContain(id);
    expect(html.text).toContain('<th>目前仍逾期未办结</th>');
    expect(html.text).toContain('<th>本期发生一级督办（催办）</th>');
    expect(html.text).toMatch(/目前仍逾期未办结\d+项。本期发生逾期升级督办：一级督办（催办）\d+项、二级督办\d+项/);
  });
  it('says which units leave their notices unread more than a day, by count and never by person', async () => {
    // 东关街道's people read one of the notices of its tasks and leave the rest; those are backdated two days.
    const { rows } = await t.db.pool.query<{ id: string }>(
      `SELECT n.id FROM notifications n JOIN people p ON p.id = n.person_id
       WHERE p.unit_id = 'town-dongguan' AND n.task_id IS NOT NULL ORDER BY n.id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    await t.db.pool.query(`UPDATE notifications SET read_at = NULL WHERE id = ANY($1)`, [rows.map((r) => r.id)]);
    await t.db.pool.query(`UPDATE notifications SET read_at = now() WHERE id = $1`, [rows[0]!.id]);
    await t.db.pool.query(`UPDATE notifications SET created_at = now() - interval '2 days' WHERE id = ANY($1)`, [
      rows.slice(1).map((r) => r.id),
    ]);
    const created = await office('POST', '/v1/bulletins', { from: shanghaiDate(-3), to: TO });
    expect(created.status).toBe(201);
    const { body } = await dongguan('GET', `/v1/bulletins/${created.body.id as string}`);
    const reading = body.content.noticeReading as {
      received: number;
      read: number;
      unreadOverADay: number;
      byUnit: { unitId: string; received: number; read: number; unreadOverADay: number }[];
    };
    expect(reading.byUnit.find((u) => u.unitId === 'town-dongguan')).toEqual({
      unitId: 'town-dongguan',
      unitName: '东关街道',
      received: rows.length,
      read: 1,
      unreadOverADay: rows.length - 1,
    });
    // Only the responsible units: the office's own people are not counted.
    expect(reading.byUnit.map((u) => u.unitId)).not.toContain('office');
    const html = (await dongguan('GET', `/v1/bulletins/${created.body.id as string}/html`)).text;
    expect(html).toContain(`以下单位有超过一天未阅知的通知`);
    expect(html).toContain(`东关街道（${rows.length - 1}条）`);
    expect(html).not.toContain('谢华');
    expect(html).not.toContain('于红');
  });
});
