import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import type { ResolveHost, WebhookTargetOptions } from '../activities/webhook-target';
import { createApp } from '../api/app';
import { tokenResolver } from '../api/identity';
import type { Config } from '../config';
import { createHeliMetrics, type HeliMetrics } from '../config/heli-metrics';
import { fromProject } from '../config/paths';
import { loadAccountability } from '../config/accountability';
import { loadTaskPolicies } from '../config/task-policy';
import { claimFolder } from '../config/processes';
import { temporalCliPath } from '../config/temporal-binaries';
import { temporalConnectionSettings } from '../config/temporal-connection';
import { databasePoolOptions } from '../config/database-connection';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { loadShippedCalendars } from '../db/queries/calendar';
import { announceCalendarChange } from '../api/use-cases/calendar';
import { loadOrganisationFile } from '../db/queries/load-organisation';
import { createWorker } from '../worker/create-worker';
import { openDatabase } from './database';
import { startWebhookDispatcher } from '../worker/webhook-dispatcher';
import { startNoticeChannels, watchChannelsFile } from '../worker/notice-dispatcher';
import { serveMetricsOnOwnPort } from '../worker/metrics-server';
import { temporalCoreMetricsUrl } from '../worker/temporal-runtime';
import { startDevServer } from '../worker/temporal-dev-server';
import { filesOf } from '../activities/files/config';

export interface Stack {
  apiUrl: string;
  /** `/metrics` on METRICS_PORT, when configured (the API serves it in any case). */
  metricsUrl?: string;
  /** The registry the API and the worker of this process share. */
  metrics: HeliMetrics;
  temporalAddress: string;
  temporalUiUrl?: string;
  databaseUrl: string;
  db: Pool;
  client: Client;
  stop(): Promise<void>;
}

/** Retries `connect` while the server is still coming up. */
export async function connectWithRetry<T>(
  connect: () => Promise<T>,
  what: string,
  log: Logger,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (err) {
      if (Date.now() > until)
        throw new Error(`could not connect to ${what}: ${(err as Error).message}`, { cause: err });
      log.debug({ attempt, err: (err as Error).message }, `waiting for ${what}`);
      await new Promise((r) => setTimeout(r, Math.min(2_000, 200 * attempt)));
    }
  }
}

/** What the API needs besides the configuration: the parts a process has started. */
export type ApiParts = Pick<
  Parameters<typeof createApp>[0],
  'db' | 'temporal' | 'log' | 'workerState' | 'version' | 'taskPolicies' | 'accountability' | 'metrics'
> & { webhookTargets?: WebhookTargetOptions };

/** Where unit webhooks may point: public addresses and WEBHOOK_ALLOWED_RANGES; tests may resolve names themselves. */
export const webhookTargetsOf = (config: Config, resolve?: ResolveHost): WebhookTargetOptions => ({
  allowedRanges: config.WEBHOOK_ALLOWED_RANGES,
  resolve,
});

/** The API on the configured host and port (used by `heli start` and `heli api`). */
export async function serveApi(config: Config, parts: ApiParts): Promise<Server> {
  const app = createApp({
    ...parts,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    identity: tokenResolver(parts.db),
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    metricsToken: config.METRICS_TOKEN,
    requestDeadlineSeconds: config.REQUEST_DEADLINE_SECONDS,
    bulkLimit: config.TASK_BULK_LIMIT,
    webhookTargets: parts.webhookTargets ?? webhookTargetsOf(config),
    trustProxy: config.TRUST_PROXY,
    files: filesOf(config),
  });
  return new Promise((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
    s.once('error', reject);
  });
}

/** What a test may put in place of the real thing. */
export interface StackOptions {
  /** Resolves webhook host names (default: DNS), so that tests never ask the network. */
  resolveHost?: ResolveHost;
}

/**
 * Brings the whole stack up in dependency order (database, migrations, organisation, Temporal, worker,
 * API) and returns a `stop` that takes it down in reverse: the API stops taking requests, the worker
 * drains, connections close, then the servers this process started stop.
 */
export async function startStack(
  config: Config,
  log: Logger,
  version: string,
  options: StackOptions = {},
): Promise<Stack> {
  const webhookTargets = webhookTargetsOf(config, options.resolveHost);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse().splice(0)) {
      await s().catch((err: unknown) => log.error({ err }, 'error while stopping'));
    }
  };
  try {
    // Read first: a bad policy file stops start-up before anything is started.
    const taskPolicies = loadTaskPolicies(fromProject(config.TASK_POLICY_FILE));
    const accountability = loadAccountability();
    if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
      const release = claimFolder(fromProject(config.DATA_DIR), 'DATA_DIR');
      stops.push(async () => release());
    }
    const database = await openDatabase(config, log);
    stops.push(database.stop);
    const db = createPool(
      database.url,
      (err) => log.warn({ err: err.message }, 'idle database client failed'),
      databasePoolOptions(config),
    );
    stops.push(() => db.end());
    const { applied } = await migrate(db);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
    if (config.ORG_FILE) {
      const counts = await loadOrganisationFile(db, fromProject(config.ORG_FILE), 'system:start');
      log.info({ file: config.ORG_FILE, ...counts }, 'organisation loaded');
    }
    const shipped = await loadShippedCalendars(db);
    for (const c of shipped) log.info(c, 'shipped working-day calendar loaded');

    let address = config.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | undefined;
    if (!address) {
      const dev = await startDevServer({
        cliPath: temporalCliPath(config.TEMPORAL_CLI_PATH),
        dataDir: fromProject(config.DATA_DIR),
        port: config.TEMPORAL_DEV_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        namespace: config.TEMPORAL_NAMESPACE,
        onLog: (line) => log.debug({ component: 'temporal' }, line),
      });
      stops.push(dev.stop);
      address = dev.address;
      temporalUiUrl = dev.uiUrl;
    }
    const settings = temporalConnectionSettings(config, address);
    const connection = await connectWithRetry(() => Connection.connect(settings), `Temporal at ${address}`, log);
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    // A table that arrived with this version of Heli reaches the tasks already running, as a loaded one would.
    for (const c of shipped.filter((s) => s.changed)) {
      const told = await announceCalendarChange({ db, temporal: client, log }, c.year);
      if (told.signalled > 0) log.info({ year: c.year, ...told }, 'running tasks told of the new calendar');
    }
    // One registry for the API and the worker, which share this process.
    const metrics = createHeliMetrics({ temporalCore: temporalCoreMetricsUrl });
    const nativeConnection = await connectWithRetry(() => NativeConnection.connect(settings), 'Temporal (worker)', log);
    stops.push(() => nativeConnection.close());
    // E-mail, SMS and group robots, when the deployment has a channels file: each delivery is a workflow whose
    // activities read the file as it is now.
    const channelsFile = config.NOTICE_CHANNELS_FILE ? watchChannelsFile(config.NOTICE_CHANNELS_FILE, log) : undefined;
    const taskQueue = config.TEMPORAL_TASK_QUEUE;
    const notices = channelsFile && { config: channelsFile.config, temporal: client, taskQueue };

    const worker: Worker = await createWorker({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activities: createActivities({ db, metrics, webhookTargets, notices }),
      bundlePath: fromProject(config.WORKFLOW_BUNDLE),
      shutdownGraceSeconds: config.SHUTDOWN_GRACE_SECONDS,
      maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
      metrics,
    });
    const running = worker.run();
    stops.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });
    running.catch((err: unknown) => log.fatal({ err }, 'worker failed'));
    // The webhook outbox is delivered beside the worker; it stops before the worker does.
    const dispatcher = startWebhookDispatcher({ db, metrics, logger: log, webhookTargets });
    stops.push(() => dispatcher.stop());
    // E-mail, SMS and group robots, when the deployment has a channels file.
    if (channelsFile) {
      const channels = startNoticeChannels(channelsFile, { db, temporal: client, taskQueue, logger: log });
      stops.push(() => channels.stop());
    }

    const server = await serveApi(config, {
      db,
      temporal: client,
      log,
      workerState: () => worker.getState(),
      version,
      taskPolicies,
      accountability,
      metrics,
      webhookTargets,
    });
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    );
    const bound = server.address();
    const port = typeof bound === 'object' && bound ? bound.port : config.PORT;
    const metricsUrl = await serveMetricsOnOwnPort(metrics, config, stops);
    return {
      apiUrl: `http://${config.HOST}:${port}`,
      metricsUrl,
      metrics,
      temporalAddress: address,
      temporalUiUrl,
      databaseUrl: database.url,
      db,
      client,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
