import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../config/paths';
import { loadShippedCalendars } from '../../db/queries/calendar';
import { eventually } from '../support/http';
import { festivalCheck } from '../support/task-bodies';
import { useTestStack } from '../support/use-test-stack';

const OFFICE = 'p-huang-min';
const UNIT = 'p-xie-hua'; // head of town-dongguan

/** The official 2027 table is not published yet: a made-up one, in the file format. */
const table2027 = {
  year: 2027,
  source: '测试用 2027 年节假日安排',
  holidays: [
    { date: '2027-02-08', name: '春节' }, // Monday
    { date: '2027-02-09', name: '春节' },
  ],
  workdays: [{ date: '2027-02-06', name: '春节调休' }], // Saturday
};

const newTask = { ...festivalCheck, coUnitIds: ['dept-finance'], dueDate: '2027-02-26' };

const execFileAsync = promisify(execFile);

/**
 * Runs the built `heli` with the given environment, without blocking: the API and the worker of this test run
 * in this process. Rejects when it exits non-zero.
 */
function runHeli(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync(process.execPath, [path.join(projectRoot, 'bin', 'heli.js'), ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('the working-day calendar', () => {
  const { t, office, unit } = useTestStack({ office: OFFICE, unit: UNIT });
  let tempDir: string;

  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'heli-calendar-'));
  });

  afterAll(async () => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  });

  const auditRows = async (objectId: string) =>
    (
      await t.db.pool.query(
        `SELECT actor_id, org_id, outcome, payload FROM audit_log
         WHERE action = 'calendar.load' AND object_id = $1 ORDER BY id`,
        [objectId],
      )
    ).rows;

  it('has the shipped 2024, 2025 and 2026 tables loaded at start-up', async () => {
    const { rows } = await t.db.pool.query('SELECT year, loaded_by FROM calendar_years ORDER BY year');

    expect(rows).toEqual([
      { year: 2024, loaded_by: 'system:start' },
      { year: 2025, loaded_by: 'system:start' },
      { year: 2026, loaded_by: 'system:start' },
    ]);
  });

  it('answers a year’s table to a unit', async () => {
    const res = await unit('GET', '/v1/calendar/2026');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, source: expect.stringContaining('chinese-days') });
    expect(res.body.holidays).toHaveLength(33);
    expect(res.body.holidays[0]).toEqual({ date: '2026-01-01', name: '元旦' });
    expect(res.body.workdays).toContainEqual({ date: '2026-02-14', name: '春节调休' });
    expect(Date.parse(res.body.loadedAt)).not.toBeNaN();
  });

  it('answers 404 for a year without a table, and 400 for one out of range', async () => {
    expect((await unit('GET', '/v1/calendar/2031')).status).toBe(404);
    expect((await unit('GET', '/v1/calendar/1999')).status).toBe(400);
  });

  it('lets the office load the 2027 table, audits it, and tells the running tasks', async () => {
    const created = await office('POST', '/v1/tasks', newTask);
    expect(created.status).toBe(201);
    await eventually(async () => {
      const { rows } = await t.db.pool.query('SELECT 1 FROM tasks WHERE id = $1', [created.body.id]);
      return rows.length > 0 ? true : undefined;
    });

    const res = await office('PUT', '/v1/calendar/2027', table2027);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2027, holidays: 2, workdays: 1, changed: true, unsignalled: 0 });
    expect(res.body.signalled).toBeGreaterThanOrEqual(1);
    expect(await auditRows('2027')).toEqual([
      {
        actor_id: OFFICE,
        org_id: 'district',
        outcome: 'DONE',
        payload: expect.objectContaining({ holidays: 2, workdays: 1, changed: true }),
      },
    ]);
    expect((await unit('GET', '/v1/calendar/2027')).body.workdays).toEqual(table2027.workdays);
  });

  it('says nothing changed when the same table is loaded again, and tells no task', async () => {
    const res = await office('PUT', '/v1/calendar/2027', { ...table2027, holidays: [...table2027.holidays].reverse() });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: false, signalled: 0 });
  });

  it('refuses a unit with 403 and audits the refusal', async () => {
    const res = await unit('PUT', '/v1/calendar/2027', table2027);

    expect(res.status).toBe(403);
    expect((await auditRows('2027')).filter((r) => r.outcome === 'REFUSED')).toEqual([
      expect.objectContaining({ actor_id: UNIT }),
    ]);
  });

  it('refuses a table whose year is not the one in the path, naming body.year', async () => {
    const res = await office('PUT', '/v1/calendar/2028', table2027);

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.year' })]);
    expect((await office('GET', '/v1/calendar/2028')).status).toBe(404);
  });

  it('refuses a make-up workday on a weekday, naming the date', async () => {
    const res = await office('PUT', '/v1/calendar/2027', {
      ...table2027,
      workdays: [{ date: '2027-02-05', name: '春节调休' }],
    });

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.workdays[0].date' })]);
  });

  it('refuses an unknown field or a malformed date with 400', async () => {
    const unknown = await office('PUT', '/v1/calendar/2027', { ...table2027, loadedBy: 'p-li-jianguo' });
    const badDate = await office('PUT', '/v1/calendar/2027', {
      ...table2027,
      holidays: [{ date: '2027-2-8', name: '春节' }],
    });

    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'body.loadedBy' })]);
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors).toEqual([expect.objectContaining({ field: 'body.holidays[0].date' })]);
  });

  it('loads a file with `heli calendar load` and tells the running tasks through Temporal', async () => {
    const file = path.join(tempDir, 'cn-2029.yaml');
    await writeFile(file, 'year: 2029\nsource: 测试\nholidays:\n  - { date: 2029-01-01, name: 元旦 }\nworkdays: []\n');

    const run = await runHeli(['calendar', 'load', file], {
      DATABASE_URL: t.db.url,
      TEMPORAL_ADDRESS: t.stack.temporalAddress,
    });

    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('"changed":true');
    expect(run.stdout).toMatch(/told [1-9]\d* running task/);
    expect((await auditRows('2029'))[0]).toMatchObject({ actor_id: expect.stringMatching(/^cli:/), org_id: null });
  });

  it('keeps the load when Temporal cannot be reached, with a warning', async () => {
    const file = path.join(tempDir, 'cn-2030.json');
    await writeFile(file, JSON.stringify({ ...table2027, year: 2030, holidays: [], workdays: [] }));

    const run = await runHeli(['calendar', 'load', file], { DATABASE_URL: t.db.url, TEMPORAL_ADDRESS: '127.0.0.1:1' });

    expect(run.stderr).toMatch(/warning: Temporal at 127\.0\.0\.1:1 is not reachable.*running tasks were not told/s);
    expect((await unit('GET', '/v1/calendar/2030')).body).toMatchObject({ holidays: [], workdays: [] });
  });

  it('never replaces a table loaded at run time with the shipped one', async () => {
    const shipped = JSON.parse(await readFile(path.join(projectRoot, 'db/calendar/cn-2026.json'), 'utf8'));
    const amended = { ...shipped, source: '更正后的 2026 年安排', workdays: shipped.workdays.slice(1) };
    expect((await office('PUT', '/v1/calendar/2026', amended)).body).toMatchObject({ changed: true });

    const loaded = await loadShippedCalendars(t.db.pool);

    expect(loaded).toEqual([]);
    const res = await unit('GET', '/v1/calendar/2026');
    expect(res.body).toMatchObject({ source: '更正后的 2026 年安排', workdays: amended.workdays });
  });
});
