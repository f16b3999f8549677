import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { announceCalendarChange } from '../api/use-cases/calendar';
import { loadConfig, type Config } from '../config';
import { createLogger } from '../config/logger';
import { projectRoot } from '../config/paths';
import { temporalConnectionSettings } from '../config/temporal-connection';
import { databasePoolOptions } from '../config/database-connection';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { CliFailure } from './cli-errors';
import { openDatabase } from './database';

export const version = (JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as { version: string }).version;

/** Who ran a `heli` command, for the audit log: whoever holds the server's shell. */
export const cliActor = (): string => `cli:${os.userInfo().username}`;

/** The configuration and logger of a command, read when the command runs (never for `--help`). */
export function setUp(): { config: Config; log: Logger } {
  const config = loadConfig();
  return { config, log: createLogger(config.LOG_LEVEL) };
}

/** A file the user named must exist before anything is started for it. */
export function requireFile(file: string, shown = file): string {
  if (!existsSync(file)) throw new CliFailure(`找不到文件：${shown}`);
  if (!statSync(file).isFile()) throw new CliFailure(`不是文件：${shown}`);
  return file;
}

/** A connection string with its password hidden. */
const redacted = (url: string) => url.replace(/:[^:@/]+@/, ':***@');

/** Runs `work` against the database (DATABASE_URL or the embedded one, reused if `npm start` runs it). */
export async function withDatabase<T>(config: Config, log: Logger, work: (db: Pool) => Promise<T>): Promise<T> {
  const database = await openDatabase(config, log, true);
  const db = createPool(
    database.url,
    (err) => log.warn({ err: err.message }, 'database client failed'),
    databasePoolOptions(config),
  );
  try {
    await db.query('SELECT 1').catch((err: unknown) => {
      throw new CliFailure(`无法连接数据库 ${redacted(database.url)}：${(err as Error).message}`);
    });
    await migrate(db);
    return await work(db);
  } finally {
    await db.end();
    await database.stop();
  }
}

const temporalAddressOf = (config: Config) => config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;

/** Runs `work` with a Temporal client (TEMPORAL_ADDRESS, or the dev server that `npm start` runs). */
export async function withTemporal<T>(config: Config, work: (temporal: Client) => Promise<T>): Promise<T> {
  const address = temporalAddressOf(config);
  const connection = await Connection.connect({
    ...temporalConnectionSettings(config, address),
    connectTimeout: '5s',
  }).catch((err: unknown) => {
    throw new CliFailure(`无法连接 Temporal（${address}）：Heli 是否在运行？`, { cause: err });
  });
  try {
    return await work(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }));
  } finally {
    await connection.close();
  }
}

/**
 * Tells the running tasks that a year's table changed, through Temporal (TEMPORAL_ADDRESS, or the dev server that
 * `npm start` runs). The table is committed already: a Temporal that cannot be reached only warns.
 */
export async function tellRunningTasks(config: Config, log: Logger, db: Pool, year: number): Promise<void> {
  const address = temporalAddressOf(config);
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...temporalConnectionSettings(config, address), connectTimeout: '5s' });
  } catch (err) {
    process.stderr.write(
      `heli: warning: Temporal at ${address} is not reachable (${(err as Error).message}). The table is loaded, but ` +
        'running tasks were not told: they pick it up when they are next told of a calendar change.\n',
    );
    return;
  }
  try {
    const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const { signalled, failed } = await announceCalendarChange({ db, temporal, log }, year);
    process.stdout.write(`told ${signalled} running task(s) to recompute their deadlines\n`);
    if (failed > 0) process.stderr.write(`heli: warning: ${failed} running task(s) could not be told; see the log\n`);
  } finally {
    await connection.close();
  }
}
