import { eventually } from '../support/http';
import { comparableAnswer } from '../support/missing-id';
import { useTestStack } from '../support/use-test-stack';

describe('submissions (反映) of the supervision network over HTTP', () => {
  const { t, office, bai, kong, dongguan, leader, group, police } = useTestStack({
    office: 'p-huang-min',
    bai: 'p-bai-xue', // special supervisor (特约监察员), district level
    kong: 'p-kong-deming', // conduct supervisor (政风行风监督员), district level
    dongguan: 'p-xie-hua', // head of town-dongguan, the unit the submission concerns
    leader: 'p-wang-hongmei',
    group: 'p-li-jianguo',
    police: 'p-ding-rui',
  });

  const problem = {
    kind: 'PROBLEM',
    subjectUnitId: 'town-dongguan',
    what: '东关街道便民服务中心窗口工作人员上班时间长时间离岗，群众办事排长队',
    where: '东关街道便民服务中心二楼',
    happenedOn: '2026-11-30',
  };
  let first: string;
  let taskId: string;

  it('refuses bad input naming every field, a unit as submitter, and an enforcement unit as subject', async () => {
    // A malformed body is a 400 naming every field (as every route's); one naming what does not fit, a 422.
    const malformed = await bai('POST', '/v1/submissions', {
      kind: 'RUMOUR',
      what: '',
      where: 'x',
      happenedOn: '31.12',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.happenedOn',
      'body.kind',
      'body.what',
    ]);
    const unfit = await bai('POST', '/v1/submissions', {
      ...problem,
      subjectUnitId: 'enf-police',
      happenedOn: '2999-01-01',
    });
    expect(unfit.status).toBe(422);
    expect(unfit.body.errors).toEqual([
      { field: 'body.subjectUnitId', message: '不是责任单位' },
      { field: 'body.happenedOn', message: '发生时间不能晚于今天' },
    ]);
    const english = await bai(
      'POST',
      '/v1/submissions',
      { ...problem, happenedOn: '2999-01-01' },
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(422);
    expect(english.body.errors).toEqual([{ field: 'body.happenedOn', message: 'cannot be in the future' }]);
    const enforcement = await bai('POST', '/v1/submissions', { ...problem, subjectUnitId: 'enf-police' });
    expect(enforcement.status).toBe(422);
    expect(enforcement.body.errors).toEqual([{ field: 'body.subjectUnitId', message: '不是责任单位' }]);
    const leadershipGroup = await bai('POST', '/v1/submissions', { ...problem, subjectUnitId: 'group' });
    expect(leadershipGroup.body.errors).toEqual([{ field: 'body.subjectUnitId', message: '不是责任单位' }]);
    const yearZero = await bai('POST', '/v1/submissions', { ...problem, happenedOn: '0000-01-01' });
    expect(yearZero.status).toBe(422);
    expect(yearZero.body.errors).toEqual([{ field: 'body.happenedOn', message: '年份须在1900年至2199年之间' }]);
    const noSubject = await bai('POST', '/v1/submissions', { ...problem, subjectUnitId: undefined });
    expect(noSubject.body.errors).toEqual([
      { field: 'body.subjectUnitId', message: '问题反映和问题线索须指明被反映单位' },
    ]);
    expect((await dongguan('POST', '/v1/submissions', problem)).status).toBe(403);
    expect((await office('POST', '/v1/submissions', problem)).status).toBe(403);
  });

  it('refuses a member whose appointment has lapsed: 403 with the reason', async () => {
    await t.db.pool.query(`UPDATE network_members SET term_to = '2026-01-31' WHERE person_id = 'p-kong-deming'`);
    try {
      const lapsed = await kong('POST', '/v1/submissions', problem);
      expect(lapsed.status).toBe(403);
      expect(lapsed.body.detail).toMatch(/不是在任的监督网络成员/);
    } finally {
      await t.db.pool.query(`UPDATE network_members SET term_to = '2030-12-31' WHERE person_id = 'p-kong-deming'`);
    }
  });

  it('takes a member’s submission, idempotently, and tells the office, which alone sees who submitted', async () => {
    const key = { 'idempotency-key': 'sub-first' };
    const sent = await bai('POST', '/v1/submissions', problem, key);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ state: 'SUBMITTED', triageDueAt: expect.any(String) });
    expect(sent.headers.get('location')).toBe(`/v1/submissions/${sent.body.id}`);
    first = sent.body.id;
    expect((await bai('POST', '/v1/submissions', problem, key)).body.id).toBe(first);

    const awaiting = await office('GET', '/v1/submissions?awaitingTriage=true');
    expect(awaiting.status).toBe(200);
    const row = awaiting.body.items.find((s: { id: string }) => s.id === first);
    expect(row).toMatchObject({ submittedBy: 'p-bai-xue', submitterName: '白雪', subjectUnitName: expect.any(String) });
    const detail = await office('GET', `/v1/submissions/${first}`);
    expect(detail.body.actions.sort()).toEqual(['close', 'merge', 'reply', 'task']);
    expect(detail.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['SUBMITTED']);

    const mine = await bai('GET', `/v1/submissions/${first}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: first, state: 'SUBMITTED', actions: [] });
    expect(mine.body).not.toHaveProperty('submittedBy');
    expect(mine.body).not.toHaveProperty('timeline');
  });

  it('shows a member only their own: another’s is a 404 byte for byte a missing one’s; units, leaders never', async () => {
    const missingId = first.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
    const other = await kong('GET', `/v1/submissions/${first}`);
    const missing = await kong('GET', `/v1/submissions/${missingId}`);
    expect(other.status).toBe(404);
    expect(comparableAnswer(other, first)).toEqual(comparableAnswer(missing, missingId));
    expect((await kong('GET', '/v1/submissions')).body.items).toEqual([]);
    expect((await bai('GET', '/v1/submissions')).body.items.map((s: { id: string }) => s.id)).toEqual([first]);
    for (const who of [dongguan, leader, group, police]) {
      expect((await who('GET', `/v1/submissions/${first}`)).status).toBe(404);
      expect((await who('GET', '/v1/submissions')).status).toBe(403);
    }
  });

  it('triages into a task for the unit: the unit sees the task and nothing that names the member', async () => {
    const tasked = await office('POST', `/v1/submissions/${first}/task`, {
      title: '规范便民服务中心窗口工作纪律',
      leaderId: 'p-wang-hongmei',
      requirements: '核查窗口人员在岗情况，建立考勤和群众评价制度',
      standard: '形成整改报告',
      workingDays: 10,
    });
    expect(tasked.status).toBe(200);
    expect(tasked.body).toMatchObject({ state: 'TASKED', taskId: expect.stringMatching(/^t-/) });
    taskId = tasked.body.taskId;
    expect((await office('POST', `/v1/submissions/${first}/reply`, { answer: '再答' })).status).toBe(409);

    const task = await eventually(async () => {
      const res = await dongguan('GET', `/v1/tasks/${taskId}`);
      return res.status === 200 ? res : undefined;
    });
    expect(task.body).toMatchObject({ leadUnitId: 'town-dongguan', title: '规范便民服务中心窗口工作纪律' });
    const inbox = await dongguan('GET', '/v1/inbox?limit=100');
    const seen = JSON.stringify([task.body, inbox.body]);
    expect(seen).not.toMatch(/p-bai-xue|白雪|特约监察员|反映|submission/i);
    expect(seen).not.toContain(first);
    expect((await dongguan('GET', '/v1/audit')).status).toBe(403);
    const { rows } = await t.db.pool.query(
      `SELECT action, object_type, payload::text AS payload FROM audit_log WHERE object_type = 'task' AND object_id = $1`,
      [taskId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/p-bai-xue|白雪|submission/);
    expect(JSON.stringify(rows)).not.toContain(first);

    const mine = await bai('GET', `/v1/submissions/${first}`);
    expect(mine.body).toMatchObject({ state: 'TASKED', answerDueAt: expect.any(String) });
    expect(mine.body).not.toHaveProperty('taskId');
  });

  it('lets the member hear back and rate once; the accepted task tells them too', async () => {
    expect((await bai('POST', `/v1/submissions/${first}/rate`, { rating: 5 })).status).toBe(409);
    const answered = await office('POST', `/v1/submissions/${first}/answer`, {
      answer: '东关街道已调整窗口排班，公开监督电话，并对相关人员批评教育',
    });
    expect(answered.status).toBe(200);
    const heard = await bai('GET', `/v1/submissions/${first}`);
    expect(heard.body).toMatchObject({ state: 'ANSWERED', answer: expect.stringContaining('调整窗口排班') });
    expect(heard.body.actions).toEqual(['rate']);
    const inbox = await bai('GET', '/v1/inbox?limit=100');
    expect(JSON.stringify(inbox.body)).toContain('调整窗口排班');

    expect((await kong('POST', `/v1/submissions/${first}/rate`, { rating: 1 })).status).toBe(404);
    const bad = await bai('POST', `/v1/submissions/${first}/rate`, { rating: 9 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.rating']);
    const rated = await bai('POST', `/v1/submissions/${first}/rate`, { rating: 4, comment: '答复及时' });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ state: 'ANSWERED', rating: 4 });
    expect(rated.body).not.toHaveProperty('taskId');
    const again = await bai('POST', `/v1/submissions/${first}/rate`, { rating: 5 });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('该答复已评价，不能重复评价');

    expect((await dongguan('POST', `/v1/tasks/${taskId}/sign`, {})).status).toBe(200);
    expect((await dongguan('POST', `/v1/tasks/${taskId}/submit`, { summary: '已整改' })).status).toBe(200);
    expect((await office('POST', `/v1/tasks/${taskId}/accept`, { rating: 'GOOD' })).status).toBe(200);
    const done = await eventually(async () => {
      const res = await bai('GET', `/v1/submissions/${first}`);
      return res.body.taskDoneAt ? res : undefined;
    });
    expect(done.body.taskDoneAt).toEqual(expect.any(String));
  });

  it('merges a duplicate into the earlier submission: both members are told, and both hear the answer', async () => {
    const earlier = (
      await bai('POST', '/v1/submissions', { ...problem, kind: 'OBSERVATION', subjectUnitId: undefined })
    ).body.id;
    const later = (await kong('POST', '/v1/submissions', { ...problem, what: '便民服务中心午间无人值守' })).body.id;
    const wrong = await office('POST', `/v1/submissions/${later}/merge`, { intoId: first });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ field: 'body.intoId', message: '须为此前收到、尚未办结的反映' }]);
    const merged = await office('POST', `/v1/submissions/${later}/merge`, { intoId: earlier });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ state: 'MERGED', mergedInto: earlier });
    const told = async (client: typeof bai, title: string) =>
      eventually(async () => {
        const inbox = await client('GET', '/v1/inbox?limit=100');
        return JSON.stringify(inbox.body).includes(title) ? true : undefined;
      });
    await told(kong, '已合并办理');
    await told(bai, '同类反映已合并办理');

    await office('POST', `/v1/submissions/${earlier}/reply`, { answer: '已督促东关街道落实午间值守制度' });
    const followed = await eventually(async () => {
      const res = await kong('GET', `/v1/submissions/${later}`);
      return res.body.state === 'ANSWERED' ? res : undefined;
    });
    expect(followed.body.answer).toBe('已督促东关街道落实午间值守制度');
    expect(followed.body).not.toHaveProperty('mergedInto');
    const unanswered = await office('GET', '/v1/submissions?unanswered=true');
    expect(unanswered.body.items.map((s: { id: string }) => s.id)).not.toContain(later);
  });

  it('counts submissions, never naming anyone, in the office’s overview and in the bulletin', async () => {
    const waiting = (await bai('POST', '/v1/submissions', { ...problem, what: '村务公开栏长期未更新' })).body.id;
    const overview = await office('GET', '/v1/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.pending.submissions).toMatchObject({ triage: 1, answer: 0, overdue: 0 });
    expect((await leader('GET', '/v1/overview')).body.pending.submissions).toBeNull();
    expect(
      (await office('GET', '/v1/submissions?awaitingTriage=true')).body.items.map((x: { id: string }) => x.id),
    ).toEqual([waiting]);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const bulletin = await office('POST', '/v1/bulletins', { from: `${today.slice(0, 7)}-01`, to: today });
    expect(bulletin.status).toBe(201);
    const { body: read } = await office('GET', `/v1/bulletins/${bulletin.body.id}`);
    expect(read.content.network).toMatchObject({ received: 4, tasked: 1, answered: 3, unanswered: 1 });
    const html = await office('GET', `/v1/bulletins/${bulletin.body.id}/html`);
    expect(html.text).toContain('六、监督网络反映办理情况');
    expect(html.text).toContain('本期收到监督网络成员反映4件');
    expect(html.text).not.toMatch(/白雪|孔德明|p-bai-xue/);
  });
});
