import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import type { Config } from '../config';
import { loadAccountability } from '../config/accountability';
import { createHeliMetrics } from '../config/heli-metrics';
import { fromProject } from '../config/paths';
import { loadTaskPolicies } from '../config/task-policy';
import { temporalConnectionSettings } from '../config/temporal-connection';
import { databasePoolOptions } from '../config/database-connection';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { loadShippedCalendars } from '../db/queries/calendar';
import { loadOrganisationFile } from '../db/queries/load-organisation';
import { createWorker } from '../worker/create-worker';
import { startWebhookDispatcher } from '../worker/webhook-dispatcher';
import { startNoticeChannels, watchChannelsFile } from '../worker/notice-dispatcher';
import { serveMetricsOnOwnPort } from '../worker/metrics-server';
import { temporalCoreMetricsUrl } from '../worker/temporal-runtime';
import { UsageError } from './cli-errors';
import { connectWithRetry, serveApi, webhookTargetsOf } from './stack';

/** How long a starting worker or API waits for Temporal and PostgreSQL (a supervisor restarts it after). */
const CONNECT_TIMEOUT_MS = 5 * 60_000;

/** `heli worker` and `heli api` connect to servers run by others: both addresses must be given. */
function serversOf(config: Config) {
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    throw new UsageError(
      '它连接已在运行的 PostgreSQL 和 Temporal：须设置 DATABASE_URL 和 TEMPORAL_ADDRESS' +
        '（或用 heli start：在一个进程里运行这两台服务器、worker 和 API）',
    );
  }
  return { databaseUrl: config.DATABASE_URL, temporalAddress: config.TEMPORAL_ADDRESS };
}

export interface Running {
  /** Settles when the process should exit: stopped, or failed (then it rejects). */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Runs `stops` in reverse, logging (not throwing) what fails. */
function stopper(log: Logger, stops: (() => Promise<void>)[]) {
  return async () => {
    for (const s of stops.reverse().splice(0))
      await s().catch((err: unknown) => log.error({ err }, 'error while stopping'));
  };
}

/**
 * The worker alone (`heli worker`): Heli's workflows and activities on the task queue, nothing else. Several may
 * run side by side. A worker that fails (e.g. Temporal gone for longer than the SDK retries) ends `done` with the
 * error, so that its supervisor starts it again.
 */
export async function runWorker(config: Config, log: Logger): Promise<Running> {
  const { databaseUrl, temporalAddress } = serversOf(config);
  const stops: (() => Promise<void>)[] = [];
  const stop = stopper(log, stops);
  try {
    const db = createPool(
      databaseUrl,
      (err) => log.warn({ err: err.message }, 'idle database client failed'),
      databasePoolOptions(config),
    );
    stops.push(() => db.end());
    const metrics = createHeliMetrics({ temporalCore: temporalCoreMetricsUrl });
    const settings = temporalConnectionSettings(config, temporalAddress);
    const connection = await connectWithRetry(
      () => NativeConnection.connect(settings),
      `Temporal at ${temporalAddress}`,
      log,
      CONNECT_TIMEOUT_MS,
    );
    stops.push(() => connection.close());
    // E-mail, SMS and group robots, when the deployment has a channels file: each delivery is a workflow whose
    // activities read the file as it is now; digests are started from an activity, with this client.
    const channelsFile = config.NOTICE_CHANNELS_FILE ? watchChannelsFile(config.NOTICE_CHANNELS_FILE, log) : undefined;
    const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const taskQueue = config.TEMPORAL_TASK_QUEUE;
    const notices = channelsFile && { config: channelsFile.config, temporal, taskQueue };
    // Creating the worker describes the namespace: it fails, not waits, while Temporal is down.
    const activities = createActivities({ db, metrics, webhookTargets: webhookTargetsOf(config), notices });
    const worker = await connectWithRetry(
      () =>
        createWorker({
          connection,
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          activities,
          bundlePath: fromProject(config.WORKFLOW_BUNDLE),
          shutdownGraceSeconds: config.SHUTDOWN_GRACE_SECONDS,
          maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
          metrics,
        }),
      `the namespace ${config.TEMPORAL_NAMESPACE} on Temporal at ${temporalAddress}`,
      log,
      CONNECT_TIMEOUT_MS,
    );
    await serveMetricsOnOwnPort(metrics, config, stops);
    const running = worker.run();
    stops.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
    });
    // The webhook outbox is delivered beside the worker; it stops before the worker does.
    const dispatcher = startWebhookDispatcher({ db, metrics, logger: log, webhookTargets: webhookTargetsOf(config) });
    stops.push(() => dispatcher.stop());
    // E-mail, SMS and group robots, when the deployment has a channels file.
    if (channelsFile) {
      const channels = startNoticeChannels(channelsFile, { db, temporal, taskQueue, logger: log });
      stops.push(() => channels.stop());
    }
    log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, temporal: temporalAddress }, 'worker is running');
    const done = running.finally(stop);
    return {
      done,
      stop: async () => {
        await stop();
        await done.catch(() => undefined);
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * The API alone (`heli api`): migrates the database (advisory lock; several may run) and serves HTTP. A request
 * that Temporal or PostgreSQL cannot answer gets 503 at REQUEST_DEADLINE_SECONDS at the latest.
 */
export async function runApi(config: Config, log: Logger, version: string): Promise<Running & { apiUrl: string }> {
  const { databaseUrl, temporalAddress } = serversOf(config);
  const stops: (() => Promise<void>)[] = [];
  const stop = stopper(log, stops);
  try {
    const taskPolicies = loadTaskPolicies(fromProject(config.TASK_POLICY_FILE));
    const accountability = loadAccountability();
    const db = createPool(
      databaseUrl,
      (err) => log.warn({ err: err.message }, 'idle database client failed'),
      databasePoolOptions(config),
    );
    stops.push(() => db.end());
    const { applied } = await connectWithRetry(() => migrate(db), 'PostgreSQL', log, CONNECT_TIMEOUT_MS);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
    // As `heli start` does: the organisation file and the shipped working-day tables are in the database.
    if (config.ORG_FILE) {
      const counts = await loadOrganisationFile(db, fromProject(config.ORG_FILE), 'system:start');
      log.info({ file: config.ORG_FILE, ...counts }, 'organisation loaded');
    }
    for (const c of await loadShippedCalendars(db)) log.info(c, 'shipped working-day calendar loaded');
    const settings = temporalConnectionSettings(config, temporalAddress);
    const connection = await connectWithRetry(
      () => Connection.connect(settings),
      `Temporal at ${temporalAddress}`,
      log,
      CONNECT_TIMEOUT_MS,
    );
    stops.push(() => connection.close());
    const metrics = createHeliMetrics();
    const server = await serveApi(config, {
      db,
      temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
      log,
      workerState: () => undefined,
      version,
      taskPolicies,
      accountability,
      metrics,
    });
    let closed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (closed = resolve));
    stops.push(() =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }).finally(closed),
    );
    const bound = server.address();
    const apiUrl = `http://${config.HOST}:${typeof bound === 'object' && bound ? bound.port : config.PORT}`;
    log.info({ apiUrl, temporal: temporalAddress }, 'API is listening');
    return { apiUrl, done, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
