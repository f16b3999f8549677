import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { announceCalendarChange } from '../api/use-cases/calendar';
import { ConfigError, configTable, loadConfig, type Config } from '../config';
import { createLogger } from '../config/logger';
import { fromProject, projectRoot } from '../config/paths';
import { temporalConnectionSettings } from '../config/temporal-connection';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { loadCalendarFile } from '../db/queries/calendar';
import { loadOrganisationFile } from '../db/queries/load-organisation';
import { issueToken, revokeTokens } from '../db/queries/tokens';
import { issueSigninCode } from '../db/queries/web-sessions';
import { SIGNIN_CODE_TTL_MS } from '../api/web-auth';
import { installRuntimeLogger } from '../worker/runtime-logger';
import { loadTaskPolicies } from '../config/task-policy';
import { CycleCommandError, runCycleCommand } from './cycle-commands';
import { CycleScheduleUsageError, runCycleScheduleCommand } from './cycle-schedule';
import { runApi, runWorker, SplitUsageError, type Running } from './split';
import { openDatabase, startStack } from './stack';

const USAGE = `usage: heli <command>
  start                              start Temporal, PostgreSQL, the worker and the API (npm start)
  worker                             run the worker alone (needs DATABASE_URL and TEMPORAL_ADDRESS)
  api                                run the API alone (needs DATABASE_URL and TEMPORAL_ADDRESS)
  org load <file>                    load (upsert) an organisation file
  calendar load <file>               load (replace) a year's official working-day table
  token issue <person-id> [--days N] issue a bearer token for a person (printed on stdout)
  token revoke <token-id|person-id>  revoke one token, or every token of a person
  signin-link <person-id>            a one-time sign-in link to the web workspace (15 minutes, single use)
  cycle open <year>                  open the year's annual cycle (once; again shows the open one)
  cycle plan <year> <file>           submit or revise the year's plan (YAML or JSON), validated whole
  cycle schedule show                the yearly schedule that opens the annual cycle
  cycle schedule set --month M --day D [--hour H] [--minute M] [--year-offset 0|1] [--plan-due-month-day MM-DD]
                                     create or change it (Asia/Shanghai; year offset default 1 from July)
  cycle schedule pause [--reason R]  pause it; resume [--reason R] resumes it; delete removes it
                                     (each takes --org <id> when several organisations are loaded)
  migrate                            apply database migrations
  config                             print the configuration table`;

const version = (JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as { version: string }).version;

class UsageError extends Error {}

/** Who ran a `heli` command, for the audit log: whoever holds the server's shell. */
const cliActor = (): string => `cli:${os.userInfo().username}`;

/** Runs `work` against the database (DATABASE_URL or the embedded one, reused if `npm start` runs it). */
async function withDatabase<T>(config: Config, log: Logger, work: (db: ReturnType<typeof createPool>) => Promise<T>) {
  const database = await openDatabase(config, log, true);
  const db = createPool(database.url, (err) => log.warn({ err: err.message }, 'database client failed'));
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.end();
    await database.stop();
  }
}

/**
 * Tells the running tasks that a year's table changed, through Temporal (TEMPORAL_ADDRESS, or the dev server that
 * `npm start` runs). The table is committed already: a Temporal that cannot be reached only warns.
 */
async function tellRunningTasks(config: Config, log: Logger, db: Pool, year: number): Promise<void> {
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
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

/** Runs `work` with a Temporal client (TEMPORAL_ADDRESS, or the dev server that `npm start` runs). */
async function withTemporal<T>(config: Config, work: (temporal: Client) => Promise<T>): Promise<T> {
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
  const connection = await Connection.connect({
    ...temporalConnectionSettings(config, address),
    connectTimeout: '5s',
  }).catch((err: unknown) => {
    throw new Error(`Temporal at ${address} is not reachable: is Heli running?`, { cause: err });
  });
  try {
    return await work(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }));
  } finally {
    await connection.close();
  }
}

/**
 * Resolves on the first SIGINT/SIGTERM. Listening starts at once, so a signal during start-up is not lost:
 * start-up finishes, then everything stops. `npm start` forwards the terminal's Ctrl-C, so one keypress can
 * arrive twice: only a signal more than 3 s after the first means "exit now" (the servers' exit hooks still
 * stop them, without waiting for the worker to drain).
 */
function firstSignal(log: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let firstAt: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (firstAt === undefined) {
        firstAt = Date.now();
        resolve(signal);
      } else if (Date.now() - firstAt > 3_000) {
        log.warn({ signal }, 'second signal: exiting without draining the worker');
        process.exit(130);
      }
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  });
}

async function start(config: Config, log: Logger): Promise<void> {
  const startedAt = Date.now();
  const signalled = firstSignal(log);
  installRuntimeLogger(log);
  const stack = await startStack(config, log, version);
  process.stdout.write(
    [
      `合力 Heli ${version} is running (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
      `  Workspace    ${stack.apiUrl}/   sign in: npx heli signin-link <person-id>`,
      `  API          ${stack.apiUrl}/v1   health ${stack.apiUrl}/healthz`,
      `  API docs     ${stack.apiUrl}/docs   spec ${stack.apiUrl}/openapi.json`,
      `  Temporal     ${stack.temporalAddress}${stack.temporalUiUrl ? `   web UI ${stack.temporalUiUrl}` : ''}`,
      `  PostgreSQL   ${stack.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  const signal = await signalled;
  log.info({ signal }, 'stopping: API, worker drain, Temporal, PostgreSQL');
  await stack.stop();
  process.stdout.write('Heli stopped.\n');
}

/**
 * `heli worker` / `heli api`: one part of Heli in this process, for a supervisor (systemd, Kubernetes, the fault
 * run) to start, kill and start again. Exits 0 when stopped by a signal, 1 when the part failed on its own.
 */
async function runPart(log: Logger, part: () => Promise<Running & { apiUrl?: string }>, name: string): Promise<void> {
  const signalled = firstSignal(log);
  installRuntimeLogger(log);
  const running = await part().catch((err: unknown) => {
    throw err instanceof SplitUsageError ? new UsageError(err.message) : err;
  });
  process.stdout.write(`合力 Heli ${version}: ${name} is running${running.apiUrl ? ` at ${running.apiUrl}` : ''}\n`);
  const outcome = await Promise.race([
    signalled.then((signal) => ({ signal })),
    running.done.then(
      () => ({ failed: new Error(`the ${name} stopped by itself`) }),
      (err: unknown) => ({ failed: err as Error }),
    ),
  ]);
  if ('failed' in outcome) {
    log.fatal({ err: outcome.failed }, `${name} failed`);
    await running.stop();
    throw outcome.failed;
  }
  log.info({ signal: outcome.signal }, `stopping the ${name}`);
  await running.stop();
  process.stdout.write(`Heli ${name} stopped.\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command, sub, arg, ...rest] = argv;
  if (command === 'config') {
    process.stdout.write(`${configTable()}\n`);
    return;
  }
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  if (command === 'start') return start(config, log);
  if (command === 'worker') return runPart(log, () => runWorker(config, log), 'worker');
  if (command === 'api') return runPart(log, () => runApi(config, log, version), 'API');
  if (command === 'migrate') {
    const applied = await withDatabase(config, log, async (db) => (await migrate(db)).applied);
    process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
    return;
  }
  if (command === 'org' && sub === 'load' && arg) {
    const counts = await withDatabase(config, log, (db) => loadOrganisationFile(db, fromProject(arg), cliActor()));
    process.stdout.write(`loaded ${arg}: ${JSON.stringify(counts)}\n`);
    return;
  }
  if (command === 'calendar' && sub === 'load' && arg) {
    await withDatabase(config, log, async (db) => {
      const result = await loadCalendarFile(db, fromProject(arg), cliActor());
      process.stdout.write(`loaded ${arg}: ${JSON.stringify(result)}\n`);
      if (result.changed) await tellRunningTasks(config, log, db, result.year);
    });
    return;
  }
  if (command === 'token' && sub === 'issue' && arg) {
    const daysAt = rest.indexOf('--days');
    const days = daysAt >= 0 ? Number(rest[daysAt + 1]) : undefined;
    if (days !== undefined && !(Number.isInteger(days) && days > 0))
      throw new UsageError('--days takes a whole number of days');
    const expires = days ? new Date(Date.now() + days * 86_400_000) : undefined;
    const issued = await withDatabase(config, log, (db) => issueToken(db, arg, expires, cliActor()));
    process.stderr.write(`token ${issued.tokenId} for ${arg}${expires ? `, expires ${expires.toISOString()}` : ''}\n`);
    process.stdout.write(`${issued.token}\n`);
    return;
  }
  if (command === 'token' && sub === 'revoke' && arg) {
    const n = await withDatabase(config, log, (db) => revokeTokens(db, arg, cliActor()));
    process.stdout.write(`revoked ${n} token${n === 1 ? '' : 's'}\n`);
    return;
  }
  if (command === 'signin-link' && sub) {
    const issued = await withDatabase(config, log, (db) => issueSigninCode(db, sub, SIGNIN_CODE_TTL_MS, cliActor()));
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    process.stderr.write(
      `sign-in code ${issued.codeId} for ${sub}, single use, expires ${issued.expiresAt.toISOString()}\n`,
    );
    process.stdout.write(`http://${host}:${config.PORT}/signin?code=${issued.code}\n`);
    return;
  }
  if (command === 'cycle' && sub === 'schedule') {
    const output = await withDatabase(config, log, (db) =>
      withTemporal(config, (temporal) =>
        runCycleScheduleCommand({ db, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE }, cliActor(), arg, rest),
      ),
    ).catch((err: unknown) => {
      throw err instanceof CycleScheduleUsageError ? new UsageError(err.message) : err;
    });
    process.stdout.write(`${output}\n`);
    return;
  }
  if (command === 'cycle' && (sub === 'open' || sub === 'plan')) {
    const taskPolicies = loadTaskPolicies(fromProject(config.TASK_POLICY_FILE));
    const output = await withDatabase(config, log, (db) =>
      withTemporal(config, (temporal) =>
        runCycleCommand({ db, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, taskPolicies }, cliActor(), sub, [
          arg ?? '',
          ...rest,
        ]),
      ),
    ).catch((err: unknown) => {
      throw err instanceof CycleCommandError && err.usage ? new UsageError(err.message) : err;
    });
    process.stdout.write(`${output}\n`);
    return;
  }
  throw new UsageError(command ? `unknown command: ${argv.join(' ')}` : 'no command given');
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`heli: ${err.message}\n${USAGE}\n`);
    else if (err instanceof ConfigError) process.stderr.write(`heli: ${err.message}\n`);
    else
      process.stderr.write(
        `heli: ${(err as Error).message ?? String(err)}${(err as Error).cause ? ` (${String((err as Error).cause)})` : ''}\n`,
      );
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
