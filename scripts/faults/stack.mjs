// The servers and processes of one fault run, each started, killed and started again on its own: the embedded
// PostgreSQL and the Temporal dev server (SQLite file) in a temporary folder, `heli worker` and `heli api` as
// child processes (one of each, or as many as asked: scripts/multi-process.mjs runs two of each). Only loopback addresses; every process is stopped by `stop()` and, should the harness die,
// by the exit hooks the server helpers install (children of `heli` are SIGKILLed here on exit).
import { spawn } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { findFreePort, isAlive, portAnswers, waitUntil } = require('../../dist/config/processes.js');
const { startEmbeddedPostgres } = require('../../dist/db/embedded-postgres.js');
const { startDevServer } = require('../../dist/worker/temporal-dev-server.js');
const { temporalCliPath } = require('../../dist/config/temporal-binaries.js');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The request deadline the API is started with (REQUEST_DEADLINE_SECONDS). */
export const DEADLINE_SECONDS = 8;

// Whatever way the harness exits (short of SIGKILL), no `heli` child outlives it.
const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A `heli <command>` child that is started again whenever it exits, until `stop()`. */
class Supervised {
  /** `name` is the `heli` command; `id` names this process among several of it (`api-2`). */
  constructor(name, env, logFile, onExit, id = name) {
    Object.assign(this, { name, id, env, logFile, onExit });
    this.child = undefined;
    this.stopping = false;
    this.expectedExit = false;
    this.starts = 0;
    this.log = createWriteStream(logFile, { flags: 'w' });
  }

  start() {
    this.expectedExit = false;
    this.starts += 1;
    this.log.write(`\n=== ${new Date().toISOString()} start #${this.starts}\n`);
    const child = spawn(process.execPath, [path.join(root, 'bin', 'heli.js'), this.name], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });
    this.child = child;
    live.add(child);
    this.startedAt = Date.now();
    child.once('exit', (code, signal) => {
      this.log.write(`=== ${new Date().toISOString()} exit code=${code} signal=${signal}\n`);
      live.delete(child);
      if (this.child === child) this.child = undefined;
      const expected = this.expectedExit;
      this.onExit?.(this.id, { code, signal, expected });
      // A supervisor (systemd, Kubernetes) starts a part that died again; a harness kill restarts on its own schedule.
      if (!this.stopping && !expected) setTimeout(() => !this.stopping && !this.child && this.start(), 1_000);
    });
  }

  get running() {
    return this.child !== undefined;
  }

  /** SIGKILL, as the fault does: no drain, no goodbye. */
  kill() {
    if (!this.child) return false;
    this.expectedExit = true;
    this.child.kill('SIGKILL');
    return true;
  }

  async waitGone() {
    await waitUntil(() => this.child === undefined, 30_000, `${this.id} to exit`);
  }

  async stop() {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    this.expectedExit = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await new Promise((resolve) =>
      child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', resolve),
    );
    clearTimeout(timer);
  }
}

/**
 * Starts a fresh stack in its own temporary folder: `apis` API processes (each on a port of its own) and `workers`
 * worker processes against its one PostgreSQL and one Temporal. `onExit(id, {code, signal, expected})` hears every
 * exit of a worker or an API (`api`, `api-2`, `worker`, `worker-2`, ...). `stack.api` and `stack.worker` are the first
 * of each, `stack.apis`, `stack.workers` and `stack.apiUrls` all of them. `env` adds to (or overrides) their
 * environment.
 */
export async function startStack({ label, logDir, onExit, apis = 1, workers = 1, env: extraEnv = {} }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `heli-faults-${label}-`));
  chmodSync(dir, 0o755); // as root, the postgres user must reach the cluster inside
  mkdirSync(logDir, { recursive: true });
  const ports = {
    pg: await findFreePort(),
    temporal: await findFreePort(),
    ui: await findFreePort(),
    api: await findFreePort(),
  };
  ports.apis = [ports.api];
  for (let i = 1; i < apis; i++) ports.apis.push(await findFreePort());
  const pgDir = path.join(dir, 'postgres');
  const temporalDir = path.join(dir, 'temporal');
  const pgLog = createWriteStream(path.join(logDir, `${label}-postgres.log`), { flags: 'w' });
  const temporalLog = createWriteStream(path.join(logDir, `${label}-temporal.log`), { flags: 'w' });
  const startPg = () => startEmbeddedPostgres({ dataDir: pgDir, port: ports.pg, onLog: (l) => pgLog.write(`${l}\n`) });
  const startTemporal = () =>
    startDevServer({
      cliPath: temporalCliPath(undefined),
      dataDir: temporalDir,
      port: ports.temporal,
      uiPort: ports.ui,
      namespace: 'default',
      onLog: (l) => temporalLog.write(`${l}\n`),
    });

  const apiUrls = ports.apis.map((port) => `http://127.0.0.1:${port}`);
  const stack = { dir, ports, apiUrl: apiUrls[0], apiUrls, pg: undefined, temporal: undefined };
  const cleanups = [
    () => rmSync(dir, { recursive: true, force: true }),
    () => rmSync(`${pgDir}.secret`, { force: true }),
  ];
  try {
    stack.pg = await startPg();
    stack.temporal = await startTemporal();
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: stack.pg.url,
      TEMPORAL_ADDRESS: stack.temporal.address,
      TEMPORAL_TASK_QUEUE: 'heli',
      PORT: String(ports.api),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ORG_FILE: 'examples/organisation.yaml',
      REQUEST_DEADLINE_SECONDS: String(DEADLINE_SECONDS),
      // The harness drives one office token hard while retrying; the limiter has tests of its own.
      RATE_LIMIT_PER_MINUTE: '100000',
      SHUTDOWN_GRACE_SECONDS: '5',
      ...extraEnv,
    };
    stack.databaseUrl = stack.pg.url;
    stack.temporalAddress = stack.temporal.address;
    const nth = (name, i) => (i === 0 ? name : `${name}-${i + 1}`);
    stack.apis = ports.apis.map((port, i) => {
      const id = nth('api', i);
      return new Supervised('api', { ...env, PORT: String(port) }, path.join(logDir, `${label}-${id}.log`), onExit, id);
    });
    stack.workers = Array.from({ length: workers }, (_, i) => {
      const id = nth('worker', i);
      return new Supervised('worker', env, path.join(logDir, `${label}-${id}.log`), onExit, id);
    });
    [stack.api] = stack.apis;
    [stack.worker] = stack.workers;
    for (const p of [...stack.apis, ...stack.workers]) p.start();
    for (const url of apiUrls) await waitUntil(() => apiAnswers(url), 180_000, `the API at ${url} to answer /healthz`);
  } catch (err) {
    await stopStack(stack, cleanups);
    throw err;
  }

  /** Stops PostgreSQL: `immediate` is SIGQUIT (no checkpoint, crash recovery at the next start), else SIGINT. */
  stack.stopPostgres = async (immediate) => {
    const pidFile = path.join(stack.pg.dataDir, 'postmaster.pid');
    if (immediate && existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGQUIT');
      await waitUntil(async () => !(await portAnswers(ports.pg)), 30_000, 'PostgreSQL to go away');
    }
    await stack.pg.stop();
  };
  stack.startPostgres = async () => (stack.pg = await startPg());
  /** Stops the dev server: `hard` is SIGKILL to its process group, else SIGTERM. */
  stack.stopTemporal = async (hard) => {
    const pidFile = path.join(temporalDir, 'temporal.pid');
    if (hard && existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      if (pid > 0 && isAlive(pid)) process.kill(-pid, 'SIGKILL');
      await waitUntil(() => !isAlive(pid), 30_000, 'Temporal to go away');
    }
    await stack.temporal.stop();
  };
  stack.startTemporal = async () => (stack.temporal = await startTemporal());
  stack.stop = () => stopStack(stack, cleanups);
  return stack;
}

export async function apiAnswers(apiUrl) {
  const res = await fetch(`${apiUrl}/healthz`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
  return res?.status === 200;
}

async function stopStack(stack, cleanups) {
  const quietly = (p) => Promise.resolve(p).catch((err) => console.error(`faults: cleanup: ${err.message}`));
  await Promise.all((stack.apis ?? []).map((api) => quietly(api.stop())));
  await Promise.all((stack.workers ?? []).map((worker) => quietly(worker.stop())));
  await quietly(stack.temporal?.stop());
  await quietly(stack.pg?.stop());
  for (const c of cleanups) await quietly(c());
}

export { sleep };
