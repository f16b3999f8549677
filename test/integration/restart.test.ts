import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../config/paths';
import { findFreePort as freePort, portAnswers, waitUntil } from '../../config/processes';
import { startHeli, runHeli } from '../support/heli-process';
import { apiClient, eventually } from '../support/http';

/**
 * `heli start` as a user runs it: the embedded PostgreSQL and the Temporal dev server persisted under
 * DATA_DIR, a long-timer workflow running, then stopped with SIGINT (or killed) and started again.
 */
describe('heli start, stopped and started again', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let apiUrl: string;
  let ports: { api: number; pg: number; temporal: number; ui: number };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'heli-restart-'));
    chmodSync(dataDir, 0o755);
    ports = { api: await freePort(), pg: await freePort(), temporal: await freePort(), ui: await freePort() };
    env = {
      DATA_DIR: dataDir,
      PORT: String(ports.api),
      EMBEDDED_PG_PORT: String(ports.pg),
      TEMPORAL_DEV_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
    };
    apiUrl = `http://127.0.0.1:${ports.api}`;
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.secret`, { force: true });
  });

  async function assignLongTask(token: string): Promise<string> {
    const office = apiClient(apiUrl, token);
    const created = await office('POST', '/v1/tasks', {
      title: '年度党风廉政建设责任制落实情况自查',
      leadUnitId: 'town-nanhu',
      leaderId: 'p-wang-hongmei',
      requirements: '逐项对照责任清单开展自查',
      standard: '报送自查报告',
      dueDate: '2027-06-30',
    });
    expect(created.status).toBe(201);
    await eventually(async () =>
      (await office('GET', `/v1/tasks/${created.body.id}`)).status === 200 ? true : undefined,
    );
    return created.body.id as string;
  }

  it('keeps a running workflow and its data across SIGINT and a new start, leaving no process behind', async () => {
    const first = await startHeli(env, apiUrl);
    const token = runHeli(['token', 'issue', 'p-huang-min'], env).trim();
    const taskId = await assignLongTask(token);
    expect(() => runHeli(['start'], { ...env, PORT: '0' })).toThrow(/in use by another Heli process/);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Heli stopped.');
    expect(await portAnswers(ports.pg)).toBe(false);
    expect(await portAnswers(ports.temporal)).toBe(false);
    expect(await portAnswers(ports.api)).toBe(false);
    expect(existsSync(path.join(dataDir, 'temporal.pid'))).toBe(false);

    const second = await startHeli(env, apiUrl);
    try {
      const office = apiClient(apiUrl, token);
      const task = await office('GET', `/v1/tasks/${taskId}`);
      expect(task.body).toMatchObject({ state: 'ASSIGNED', dueDate: '2027-06-30' });
      // Only a workflow that is still running can accept the Update.
      const cancelled = await office('POST', `/v1/tasks/${taskId}/cancel`, { reason: '重启后验证' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.state).toBe('CANCELLED');
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  }, 240_000);

  it('recovers when the previous run was killed outright and left its servers running', async () => {
    const first = await startHeli(env, apiUrl);
    const token = runHeli(['token', 'issue', 'p-huang-min'], env).trim();
    const taskId = await assignLongTask(token);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startHeli(env, apiUrl);
    try {
      const task = await apiClient(apiUrl, token)('GET', `/v1/tasks/${taskId}`);
      expect(task.body.state).toBe('ASSIGNED');
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    }
    expect(await portAnswers(ports.pg)).toBe(false);
    expect(await portAnswers(ports.temporal)).toBe(false);
  }, 240_000);

  it('stops cleanly when interrupted while it is still starting', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'heli-interrupted-'));
    chmodSync(own, 0o755);
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'heli.js'), 'start'], {
      env: { ...process.env, DATABASE_URL: '', TEMPORAL_ADDRESS: '', LOG_LEVEL: 'warn', ...env, DATA_DIR: own },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await waitUntil(() => existsSync(path.join(own, 'postgres')), 60_000, 'start-up to begin');
      child.kill('SIGINT');

      expect(await exited).toBe(0);
      expect(await portAnswers(ports.pg)).toBe(false);
      expect(await portAnswers(ports.temporal)).toBe(false);
    } finally {
      child.kill('SIGKILL');
      rmSync(own, { recursive: true, force: true });
      rmSync(`${own}.secret`, { force: true });
    }
  }, 120_000);
});
