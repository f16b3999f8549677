import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { followOutput, isAlive, portAnswers, waitUntil } from '../config/processes';

export interface DevServerOptions {
  cliPath: string;
  /** Folder for the SQLite file and the pid file. */
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  onLog: (line: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` persisted to a SQLite file (WAL journal), with its web UI.
 * It runs in its own process group so a terminal's Ctrl-C reaches only Heli, which then stops the
 * worker first and the server last. A server orphaned by a killed Heli is found by its pid file and
 * stopped before a new one starts on the same file.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const pidFile = path.join(options.dataDir, 'temporal.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      process.kill(-pid, 'SIGTERM');
      await waitUntil(() => !isAlive(pid), 30_000, `the orphaned Temporal dev server (pid ${pid}) to stop`);
    }
  }
  if (await portAnswers(options.port)) {
    throw new Error(
      `port ${options.port} is already in use; set TEMPORAL_DEV_PORT, or TEMPORAL_ADDRESS to use that server`,
    );
  }
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(options.dataDir, 'temporal.sqlite'),
    '--sqlite-pragma',
    'journal_mode=wal',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--namespace',
    options.namespace,
    '--ui-disable-news-fetch',
    '--log-level',
    'warn',
  ];
  const child = spawn(options.cliPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.cliPath}`);
  writeFileSync(pidFile, String(pid));
  let running = true;
  // Whatever way Heli exits (short of SIGKILL), the server it started does not outlive it.
  const killOnExit = () => running && process.kill(-pid, 'SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running = false;
      process.off('exit', killOnExit);
      rmSync(pidFile, { force: true });
      resolve();
    }),
  );
  const tail = followOutput(child, options.onLog);

  const stop = async () => {
    if (!running) return;
    process.kill(-pid, 'SIGTERM');
    const timer = setTimeout(() => running && process.kill(-pid, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntil(
      async () => {
        if (!running) throw new Error(`the Temporal dev server exited during start-up:\n${tail().join('\n')}`);
        return (await portAnswers(options.port)) && (await portAnswers(options.uiPort));
      },
      60_000,
      'the Temporal dev server',
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { address: `127.0.0.1:${options.port}`, uiUrl: `http://127.0.0.1:${options.uiPort}`, stop };
}
