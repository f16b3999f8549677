import { useTestStack } from '../support/use-test-stack';

/**
 * Issue 20 item 5, delegation: a person away names a deputy of their unit; while the absence lasts the deputy receives
 * their notices and may act for them (header Heli-On-Behalf-Of), recorded as done on their behalf.
 */
const shanghaiDate = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const year = new Date().getUTCFullYear() + 1;
const LEADER = 'p-wang-hongmei'; // 王红梅, the task's responsible leader (group)
const DEPUTY = 'p-li-jianguo'; // 李建国, of the same unit (group)
const onBehalf = { 'heli-on-behalf-of': LEADER };

describe('absences and deputies (请假与代理)', () => {
  const { t, office, leader, deputy, head, staff, otherHead } = useTestStack({
    office: 'p-huang-min',
    leader: LEADER,
    deputy: DEPUTY,
    head: 'p-xie-hua', // head of town-dongguan
    staff: 'p-yu-hong', // staff of town-dongguan
    otherHead: 'p-han-bing', // head of town-xicheng
  });
  let absenceId = '';

  it('refuses a bad absence naming every field at once, in Chinese or English', async () => {
    const bad = {
      personId: 'p-yu-hong',
      deputyId: 'p-han-bing',
      from: shanghaiDate(-3),
      to: shanghaiDate(-5),
      reason: '外出',
    };
    const zh = await leader('POST', '/v1/absences', bad);
    expect(zh.status).toBe(422);
    expect(zh.type).toContain('application/problem+json');
    // 王红梅 may not enter 于红's absence: 于红 is named as if she did not exist.
    expect(zh.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.from',
      'body.personId',
      'body.to',
    ]);
    expect(JSON.stringify(zh.body)).toContain('不能早于今天');
    const en = await leader('POST', '/v1/absences', { ...bad, personId: undefined }, { 'accept-language': 'en' });
    expect(en.status).toBe(422);
    expect(en.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.deputyId',
      'body.from',
      'body.to',
    ]);
    expect(JSON.stringify(en.body)).toContain('cannot be before today');
    const tooLong = await leader('POST', '/v1/absences', {
      deputyId: DEPUTY,
      from: shanghaiDate(0),
      to: shanghaiDate(200),
      reason: '长期外派',
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'body.to' })]);
    const self = await leader('POST', '/v1/absences', {
      deputyId: LEADER,
      from: shanghaiDate(0),
      to: shanghaiDate(1),
      reason: '外出',
    });
    expect(self.status).toBe(422);
  });

  it('records the leader’s absence, refuses an overlapping one, and shows it to whom it concerns only', async () => {
    const res = await leader('POST', '/v1/absences', {
      deputyId: DEPUTY,
      from: shanghaiDate(0),
      to: shanghaiDate(4),
      reason: '参加市委党校培训',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ personId: LEADER, deputyId: DEPUTY, deputyName: '李建国', status: 'ACTIVE' });
    absenceId = res.body.id;
    expect(res.headers.get('location')).toBe(`/v1/absences/${absenceId}`);

    const again = await leader('POST', '/v1/absences', {
      deputyId: DEPUTY,
      from: shanghaiDate(3),
      to: shanghaiDate(6),
      reason: '再次外出',
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('时间重叠');

    for (const reader of [leader, deputy, office]) {
      const list = await reader('GET', '/v1/absences');
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain(absenceId);
      expect((await reader('GET', `/v1/absences/${absenceId}`)).status).toBe(200);
    }
    // Another unit's head: not in the list, and the absence answers as a missing one.
    expect((await head('GET', '/v1/absences')).body.items).toEqual([]);
    const hidden = await head('GET', `/v1/absences/${absenceId}`);
    const missing = await head('GET', '/v1/absences/ab-000000000000');
    expect(hidden.status).toBe(404);
    const same = (body: Record<string, unknown>) => ({ ...body, instance: null, requestId: null });
    expect(same(hidden.body)).toEqual(same(missing.body));
  });

  it('sends the absent leader’s notice to the deputy too, who decides for her, recorded as on her behalf', async () => {
    const created = await office('POST', '/v1/tasks', {
      title: '落实区委书记关于农村集体资金管理的批示',
      type: 'LEADER_INSTRUCTION',
      leadUnitId: 'town-dongguan',
      coUnitIds: [],
      leaderId: LEADER,
      requirements: '逐村清查集体资金',
      standard: '清查报告',
      dueDate: `${year}-04-30`,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await head('POST', `/v1/tasks/${id}/sign`, {})).status).toBe(200);
    const asked = await head('POST', `/v1/tasks/${id}/extension`, {
      reason: '涉及村数较多',
      proposedDate: `${year}-05-31`,
      progress: '已清查5个村',
    });
    expect(asked.status).toBe(200);

    // Both receive the request: the leader in her inbox, the deputy marked as for her.
    const inboxOf = async (client: typeof leader) =>
      ((await client('GET', '/v1/inbox')).body.items as { kind: string; title: string; taskId: string }[]).filter(
        (n) => n.taskId === id && n.kind === 'EXTENSION_REQUESTED',
      );
    expect(await inboxOf(leader)).toHaveLength(1);
    const deputyNotice = await inboxOf(deputy);
    expect(deputyNotice).toHaveLength(1);
    expect(deputyNotice[0]!.title.startsWith('【代王红梅接收】')).toBe(true);

    // Without the header the deputy is only himself: not the task's leader.
    const asHimself = await deputy('POST', `/v1/tasks/${id}/extension-decision`, { approve: true });
    expect([403, 409]).toContain(asHimself.status);
    const decided = await deputy(
      'POST',
      `/v1/tasks/${id}/extension-decision`,
      { approve: true, comment: '同意' },
      onBehalf,
    );
    expect(decided.status).toBe(200);
    expect(decided.body.dueDate).toBe(`${year}-05-31`);

    const timeline = (await office('GET', `/v1/tasks/${id}`)).body.timeline as {
      kind: string;
      message: string;
      actorId: string;
    }[];
    const approved = timeline.find((e) => e.kind === 'EXTENSION_APPROVED')!;
    expect(approved.message).toMatch(/（李建国代王红梅办理）$/);
    expect(approved.actorId).toBe(DEPUTY);
    const audit = await office('GET', `/v1/audit?objectId=${id}&action=task.decideExtension&outcome=DONE`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ actorId: DEPUTY, onBehalfOf: LEADER, outcome: 'DONE' }),
    ]);
  });

  it('lets a deputy act for no one else and change none of the absent person’s own matters', async () => {
    // 于红 stands in for no one: the same 403 for her unit's head and for a person who does not exist.
    const notDeputy = await staff('GET', '/v1/tasks', undefined, { 'heli-on-behalf-of': 'p-xie-hua' });
    const nobody = await staff('GET', '/v1/tasks', undefined, { 'heli-on-behalf-of': 'p-nobody-at-all' });
    expect(notDeputy.status).toBe(403);
    expect(nobody.status).toBe(403);
    expect(notDeputy.body.detail).toBe(nobody.body.detail);
    const badHeader = await staff('GET', '/v1/tasks', undefined, { 'heli-on-behalf-of': 'not an id' });
    expect(badHeader.status).toBe(400);
    expect(JSON.stringify(badHeader.body)).toContain('header.Heli-On-Behalf-Of');

    const ownMatters = [
      await deputy(
        'POST',
        '/v1/absences',
        { deputyId: DEPUTY, from: shanghaiDate(10), to: shanghaiDate(11), reason: '代为请假' },
        onBehalf,
      ),
      await deputy('POST', `/v1/absences/${absenceId}/cancel`, undefined, onBehalf),
      await deputy('PUT', '/v1/me/notice-preferences', { channels: [], quietHours: null }, onBehalf),
      await deputy('POST', '/v1/views', { name: '代为保存', filter: {} }, onBehalf),
      await deputy('POST', '/v1/inbox/read-all', undefined, onBehalf),
    ];
    expect(ownMatters.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    const refused = await office('GET', `/v1/audit?actorId=${DEPUTY}&outcome=REFUSED`);
    expect(refused.body.items.length).toBeGreaterThanOrEqual(5);
    expect(refused.body.items[0]).toMatchObject({ onBehalfOf: LEADER });
  });

  it('lets a unit head enter a staff member’s absence, and only the person, the head or the office end one', async () => {
    const forStaff = await head('POST', '/v1/absences', {
      personId: 'p-yu-hong',
      deputyId: 'p-xie-hua',
      from: shanghaiDate(1),
      to: shanghaiDate(2),
      reason: '病假',
    });
    expect(forStaff.status).toBe(201);
    expect(forStaff.body.status).toBe('UPCOMING');
    // Another unit's head may not, and learns nothing of 于红.
    const foreign = await otherHead('POST', '/v1/absences', {
      personId: 'p-yu-hong',
      deputyId: 'p-xie-hua',
      from: shanghaiDate(5),
      to: shanghaiDate(6),
      reason: '病假',
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors.map((e: { field: string }) => e.field)).toContain('body.personId');

    // The head's own absence, 于红 standing in: she sees it but may not end it; the head may.
    const headAway = await head('POST', '/v1/absences', {
      deputyId: 'p-yu-hong',
      from: shanghaiDate(20),
      to: shanghaiDate(21),
      reason: '外出调研',
    });
    expect(headAway.status).toBe(201);
    expect((await staff('GET', `/v1/absences/${headAway.body.id}`)).status).toBe(200);
    expect((await staff('POST', `/v1/absences/${headAway.body.id}/cancel`)).status).toBe(403);
    expect((await head('POST', `/v1/absences/${headAway.body.id}/cancel`)).body.status).toBe('CANCELLED');

    const ended = await leader('POST', `/v1/absences/${absenceId}/cancel`);
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('CANCELLED');
    expect((await leader('POST', `/v1/absences/${absenceId}/cancel`)).status).toBe(409);
    // Over: the deputy no longer acts for her.
    expect((await deputy('GET', '/v1/tasks', undefined, onBehalf)).status).toBe(403);
    const audit = await office('GET', `/v1/audit?objectId=${absenceId}&outcome=DONE`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['absence.cancel', 'absence.create']);
    void t;
  });
});
