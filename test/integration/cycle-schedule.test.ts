import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../config/paths';
import { apiClient, eventually } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';

const OFFICE = 'p-huang-min';
const UNIT = 'p-xie-hua'; // head of town-dongguan
const SCHEDULE_ID = 'heli-cycle-opening-district';
const TASK_QUEUE = `cycle-schedule-${process.pid}-${Date.now()}`;

const execFileAsync = promisify(execFile);
/** The built `heli`, without blocking: the worker that runs the schedule's workflows is in this process. */
const runHeli = (args: string[], env: Record<string, string>) =>
  execFileAsync(process.execPath, [path.join(projectRoot, 'bin', 'heli.js'), ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

const SHANGHAI_MS = 8 * 3_600_000;
const shanghaiYear = (at = Date.now()) => new Date(at + SHANGHAI_MS).getUTCFullYear();
/** The next time it is `month`-`day` `hour`:`minute` in Asia/Shanghai, as an ISO instant. */
function nextLocal(month: number, day: number, hour: number, minute = 0): string {
  for (let year = shanghaiYear(); ; year++) {
    const at = Date.UTC(year, month - 1, day, hour, minute) - SHANGHAI_MS;
    if (at > Date.now()) return new Date(at).toISOString();
  }
}

describe('the yearly schedule that opens the annual cycle', () => {
  let t: TestStack;
  let office: ReturnType<typeof apiClient>;
  let unit: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    t = await startTestStack({ TEMPORAL_TASK_QUEUE: TASK_QUEUE });
    office = await t.as(OFFICE);
    unit = await t.as(UNIT);
  }, 120_000);

  afterAll(() => t?.stop(), 60_000);

  const describeSchedule = () => t.stack.client.schedule.getHandle(SCHEDULE_ID).describe();
  const cycleRows = async (year: number) =>
    (
      await t.db.pool.query('SELECT id, opened_by, phase FROM cycles WHERE org_id = $1 AND year = $2', [
        'district',
        year,
      ])
    ).rows;

  it('answers 404 while no schedule is set', async () => {
    const res = await office('GET', '/v1/cycle-schedule');

    expect(res.status).toBe(404);
    expect(res.type).toContain('application/problem+json');
  });

  it('creates the schedule for 20 December, 09:00 Asia/Shanghai, opening the next year, audited', async () => {
    const res = await office('PUT', '/v1/cycle-schedule', { month: 12, day: 20 }, { 'x-request-id': 'sched-create' });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ scheduleId: SCHEDULE_ID, month: 12, day: 20, hour: 9, minute: 0, yearOffset: 1 });
    const next = nextLocal(12, 20, 9);
    expect(res.body.nextRuns[0]).toEqual({ at: next, opensYear: shanghaiYear(Date.parse(next)) + 1 });
    const { rows } = await t.db.pool.query('SELECT actor_id, outcome, payload FROM audit_log WHERE request_id = $1', [
      'sched-create',
    ]);
    expect(rows).toEqual([
      { actor_id: OFFICE, outcome: 'DONE', payload: expect.objectContaining({ change: 'CREATE', yearOffset: 1 }) },
    ]);
  });

  it('shows the next run at the Asia/Shanghai instant in GET and in Temporal', async () => {
    const res = await office('GET', '/v1/cycle-schedule');
    const described = await describeSchedule();

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timeZone: 'Asia/Shanghai', paused: false });
    expect(res.body.nextRuns[0].at).toBe(nextLocal(12, 20, 9));
    expect(described.info.nextActionTimes[0]?.toISOString()).toBe(nextLocal(12, 20, 9));
  });

  it('moves the run when the schedule is changed, and opens the current year for a run in January', async () => {
    const res = await office('PUT', '/v1/cycle-schedule', { month: 1, day: 2, hour: 8, minute: 30 });

    expect(res.status).toBe(200);
    const next = nextLocal(1, 2, 8, 30);
    expect(res.body).toMatchObject({ month: 1, day: 2, hour: 8, minute: 30, yearOffset: 0 });
    expect(res.body.nextRuns[0]).toEqual({ at: next, opensYear: shanghaiYear(Date.parse(next)) });
    expect((await describeSchedule()).info.nextActionTimes[0]?.toISOString()).toBe(next);
  });

  it('pauses and resumes the schedule with the reason as its note', async () => {
    const paused = await office('POST', '/v1/cycle-schedule/pause', { reason: '机构改革期间暂停' });
    const whilePaused = await describeSchedule();
    const resumed = await office('POST', '/v1/cycle-schedule/resume', {});
    const afterResume = await describeSchedule();

    expect(paused.body).toMatchObject({ paused: true, note: '机构改革期间暂停' });
    expect(whilePaused.state).toMatchObject({ paused: true, note: '机构改革期间暂停' });
    expect(resumed.body.paused).toBe(false);
    expect(afterResume.state.paused).toBe(false);
  });

  it('opens the cycle of the year when triggered, once however often it runs', async () => {
    await office('PUT', '/v1/cycle-schedule', { month: 12, day: 20, yearOffset: 1, planDueMonthDay: '02-15' });
    const year = shanghaiYear() + 1;
    const handle = t.stack.client.schedule.getHandle(SCHEDULE_ID);
    const runs = async (n: number) =>
      eventually(async () => {
        const actions = (await handle.describe()).info.recentActions;
        return actions.length >= n ? actions : undefined;
      });
    const resultOf = (id: string) => t.stack.client.workflow.getHandle(id).result();

    await handle.trigger();
    const [first] = await runs(1);
    const opened = await resultOf(first!.action.workflow.workflowId);
    await handle.trigger();
    const second = (await runs(2))[1]!;

    const cycleId = `district-${year}`;
    // The year is read from the time the run was scheduled (which Temporal passes to the second), not from when
    // the workflow happened to run.
    const toSecond = (at: Date) => new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString();
    expect(opened).toEqual({ cycleId, year, scheduledAt: toSecond(first!.scheduledAt), created: true });
    expect(await resultOf(second.action.workflow.workflowId)).toEqual({
      cycleId,
      year,
      scheduledAt: toSecond(second.scheduledAt),
      created: false,
    });
    const cycle = await t.stack.client.workflow.getHandle(`cycle:district-${year}`).describe();
    expect(cycle.status.name).toBe('RUNNING');
    const rows = await eventually(async () => ((await cycleRows(year)).length > 0 ? cycleRows(year) : undefined));
    expect(rows).toEqual([{ id: `district-${year}`, opened_by: 'system:schedule', phase: 'PLANNING' }]);
    const settings = await t.db.pool.query('SELECT plan_due_date::text AS due FROM cycles WHERE id = $1', [
      `district-${year}`,
    ]);
    expect(settings.rows[0]).toEqual({ due: `${year}-02-15` });
  });

  it('refuses a day that not every year has with 422 naming body.day, audited as refused', async () => {
    const res = await office('PUT', '/v1/cycle-schedule', { month: 2, day: 31 }, { 'x-request-id': 'sched-bad-day' });
    const leap = await office('PUT', '/v1/cycle-schedule', { month: 2, day: 29 });

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.day' })]);
    expect(leap.status).toBe(422);
    const { rows } = await t.db.pool.query('SELECT outcome FROM audit_log WHERE request_id = $1', ['sched-bad-day']);
    expect(rows).toEqual([{ outcome: 'REFUSED' }]);
  });

  it('refuses a schedule whose plan would be due before the cycle opens with 422', async () => {
    const res = await office('PUT', '/v1/cycle-schedule', { month: 3, day: 1, yearOffset: 0 });

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.planDueMonthDay' })]);
  });

  it('refuses malformed input with 400 naming the field', async () => {
    const offset = await office('PUT', '/v1/cycle-schedule', { month: 12, day: 20, yearOffset: 2 });
    const unknown = await office('PUT', '/v1/cycle-schedule', { month: 12, day: 20, cron: '0 9 20 12 *' });
    const noReason = await office('POST', '/v1/cycle-schedule/pause', {});

    expect(offset.status).toBe(400);
    expect(offset.body.errors).toEqual([expect.objectContaining({ field: 'body.yearOffset' })]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'body.cron' })]);
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'body.reason' })]);
  });

  it('forbids a unit to read or change the schedule', async () => {
    expect((await unit('GET', '/v1/cycle-schedule')).status).toBe(403);
    expect((await unit('PUT', '/v1/cycle-schedule', { month: 12, day: 20 })).status).toBe(403);
    expect((await unit('DELETE', '/v1/cycle-schedule')).status).toBe(403);
  });

  it('is set and shown with `heli cycle schedule`, audited as cli:<user>', async () => {
    const env = { DATABASE_URL: t.db.url, TEMPORAL_ADDRESS: t.stack.temporalAddress, TEMPORAL_TASK_QUEUE: TASK_QUEUE };

    const set = await runHeli(['cycle', 'schedule', 'set', '--month', '12', '--day', '25', '--hour', '10'], env);
    const show = await runHeli(['cycle', 'schedule', 'show'], env);

    expect(set.stdout).toMatch(/^updated\n/);
    expect(show.stdout).toContain('every year on 12-25 at 10:00 Asia/Shanghai');
    expect(show.stdout).toContain(nextLocal(12, 25, 10));
    expect((await describeSchedule()).info.nextActionTimes[0]?.toISOString()).toBe(nextLocal(12, 25, 10));
    const { rows } = await t.db.pool.query(
      "SELECT actor_id FROM audit_log WHERE object_type = 'schedule' AND outcome = 'DONE' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0].actor_id).toMatch(/^cli:/);
  });

  it('names the bad option when `heli cycle schedule set` breaks a rule', async () => {
    const env = { DATABASE_URL: t.db.url, TEMPORAL_ADDRESS: t.stack.temporalAddress, TEMPORAL_TASK_QUEUE: TASK_QUEUE };

    const run = runHeli(['cycle', 'schedule', 'set', '--month', '2', '--day', '30'], env);

    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--day:') });
  });

  it('pauses with the CLI, then deletes the schedule through the API: the cycle it opened stays', async () => {
    const env = { DATABASE_URL: t.db.url, TEMPORAL_ADDRESS: t.stack.temporalAddress, TEMPORAL_TASK_QUEUE: TASK_QUEUE };
    const paused = await runHeli(['cycle', 'schedule', 'pause', '--reason', '年底前暂停'], env);

    const deleted = await office('DELETE', '/v1/cycle-schedule');

    expect(paused.stdout).toContain('PAUSED');
    expect(deleted.body).toEqual({ deleted: true });
    expect((await office('GET', '/v1/cycle-schedule')).status).toBe(404);
    expect((await office('DELETE', '/v1/cycle-schedule')).status).toBe(404);
    expect(await cycleRows(shanghaiYear() + 1)).toHaveLength(1);
  });
});
