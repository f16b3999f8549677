import { fromProject } from '../../config/paths';
import { loadTaskPolicies } from '../../config/task-policy';
import { eventually } from '../support/http';
import { festivalCheck } from '../support/task-bodies';
import { useTestStack } from '../support/use-test-stack';

const RULES = '/v1/rules/task-policies';
const shipped = loadTaskPolicies(fromProject('config/task-policies.yaml'));
/** The district's routine type with its L2 one working day after the deadline and the leader deciding extensions. */
const stricter = {
  ...shipped.get('ROUTINE')!,
  escalation: { l2AfterWorkingDays: 1, l3AfterWorkingDays: 20 },
  extensionDecidedBy: 'LEADER' as const,
};

type Entry = { kind: string; message: string };

describe('a version of the task types previewed, then applied to new or running tasks (issue 22)', () => {
  const { t, office, unit } = useTestStack({ office: 'p-huang-min', unit: 'p-xie-hua' });
  let routineTask: string;
  let meetingTask: string;

  const timeline = async (id: string) => (await office('GET', `/v1/tasks/${id}`)).body.timeline as Entry[];
  const create = async (type: string) => {
    const res = await office('POST', '/v1/tasks', { ...festivalCheck, type, workingDays: 10 });
    expect(res.status).toBe(201);
    await eventually(async () => ((await office('GET', `/v1/tasks/${res.body.id}`)).status === 200 ? true : undefined));
    return res.body.id as string;
  };

  beforeAll(async () => {
    routineTask = await create('ROUTINE');
    meetingTask = await create('MEETING_RESOLUTION');
  });

  it('previews what a draft would do to running tasks, storing nothing', async () => {
    const res = await office('POST', `${RULES}/preview`, { content: { types: [stricter] } });

    expect(res.status).toBe(200);
    expect(res.body.basedOn).toBe(0);
    expect(res.body.changes.map((c: { text: string }) => c.text)).toEqual([
      '新增任务类型“日常督办事项”（ROUTINE），取代部署的同名类型',
    ]);
    const listed = res.body.tasks as { taskId: string; changes: string[]; firesAtOnce: string[] }[];
    expect(listed.map((x) => x.taskId)).toContain(routineTask);
    expect(listed.map((x) => x.taskId)).not.toContain(meetingTask);
    const mine = listed.find((x) => x.taskId === routineTask)!;
    expect(mine).toMatchObject({ leadUnitId: 'town-dongguan', leadUnitName: expect.any(String), firesAtOnce: [] });
    const moved = (level: string) => expect.stringMatching(new RegExp(`^${level}时间由\\d{4}-\\d\\d-\\d\\d 24时改为`));
    expect(mine.changes).toEqual([moved('二级督办'), moved('三级督办')]);
    expect(res.body.total).toBe(listed.length);
    expect((await office('GET', RULES)).body.version).toBe(0);
  });

  it('refuses a draft that means nonsense with 422 as publishing would, and a unit with 403', async () => {
    const bad = { ...stricter, escalation: { l2AfterWorkingDays: 5, l3AfterWorkingDays: 4 } };

    const res = await office('POST', `${RULES}/preview`, { content: { types: [bad] } });
    const shape = await office('POST', `${RULES}/preview`, { content: { types: [{ ...bad, type: 'bad type' }] } });

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'body.content.types[0].escalation.l3AfterWorkingDays', message: '须晚于二级督办（期限后5个工作日）' },
    ]);
    expect(shape.status).toBe(400);
    expect((await unit('POST', `${RULES}/preview`, { content: { types: [stricter] } })).status).toBe(403);
  });

  it('applies a version to new tasks only by default: the running task keeps its policy and timeline', async () => {
    const res = await office('POST', RULES, { baseVersion: 0, reason: '仅新任务', content: { types: [stricter] } });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, apply: 'NEW_ONLY', appliedTo: 0 });
    const fresh = await create('ROUTINE');
    expect((await office('GET', `/v1/tasks/${fresh}`)).body.extensionDecidedBy).toBe('LEADER');
    expect((await office('GET', `/v1/tasks/${routineTask}`)).body.extensionDecidedBy).toBe('OFFICE');
    expect((await timeline(routineTask)).map((e) => e.kind)).not.toContain('POLICY_CHANGED');
  });

  it('applies a version to running tasks when asked: each running task of a changed type says so on its timeline', async () => {
    // Back to the shipped routine type, then forward to the stricter one for running tasks too.
    const back = await office('POST', RULES, { baseVersion: 1, reason: '恢复', content: { types: [] } });
    expect(back.body).toMatchObject({ version: 2, appliedTo: 0 });

    const res = await office('POST', RULES, {
      baseVersion: 2,
      reason: '区纪委常委会议定从严督办',
      content: { types: [stricter] },
      apply: 'ALSO_RUNNING',
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 3, apply: 'ALSO_RUNNING' });
    expect(res.body.appliedTo).toBeGreaterThanOrEqual(2); // the first routine task and the one made under version 1
    const entry = await eventually(async () => (await timeline(routineTask)).find((e) => e.kind === 'POLICY_CHANGED'));
    expect(entry.message).toMatch(/^督办规则调整为第3版（区纪委常委会议定从严督办）：/);
    expect(entry.message).toContain('二级督办时点由期限后');
    expect(entry.message).toContain('延期审批人由组织协调室改为分管领导');
    expect(entry.message).toMatch(/本任务二级督办时间由.*改为/);
    await eventually(async () =>
      (await office('GET', `/v1/tasks/${routineTask}`)).body.extensionDecidedBy === 'LEADER' ? true : undefined,
    );
    // The task made under version 1 has the policy already: nothing to record. The meeting's type did not change.
    expect((await timeline(meetingTask)).map((e) => e.kind)).not.toContain('POLICY_CHANGED');
    const { rows } = await t.db.pool.query(
      `SELECT payload->>'applyTo' AS apply FROM audit_log WHERE action = 'rules.publish' AND outcome = 'DONE' ORDER BY id`,
    );
    expect(rows.map((r) => r.apply)).toEqual(['NEW_ONLY', 'NEW_ONLY', 'ALSO_RUNNING']);
  });

  it('restores a version for running tasks too, as a new version', async () => {
    const res = await office('POST', `${RULES}/versions/2/restore`, {
      baseVersion: 3,
      reason: '恢复原规则',
      apply: 'ALSO_RUNNING',
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 4, restoredFrom: 2, apply: 'ALSO_RUNNING' });
    await eventually(async () =>
      (await timeline(routineTask)).filter((e) => e.kind === 'POLICY_CHANGED').length === 2 ? true : undefined,
    );
    expect((await office('GET', `/v1/tasks/${routineTask}`)).body.extensionDecidedBy).toBe('OFFICE');
  });
});
