import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities } from '../activities';
import { loadConfig } from '../config';
import { createHeliMetrics } from '../config/heli-metrics';
import { createPool } from '../db/pool';
import { createWorker } from '../worker/create-worker';
import { startWebhookDispatcher } from '../worker/webhook-dispatcher';

/**
 * The benchmark's worker, in a process of its own as `heli worker` runs it: Heli's activities, the outbox
 * dispatcher and the benchmark's prebuilt workflow bundle (Heli's workflows plus the bare yardsticks), so that its
 * memory is the worker's alone. Settings come from the environment the benchmark sets; SIGTERM drains and stops it.
 */
async function main(): Promise<void> {
  const need = (name: string) =>
    process.env[name] ??
    (() => {
      throw new Error(`${name} is not set`);
    })();
  Runtime.install({
    logger: new DefaultLogger('WARN', (e) => process.stderr.write(`[worker] ${e.level} ${e.message}\n`)),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
  });
  const db = createPool(need('BENCH_DATABASE_URL'), () => undefined);
  const connection = await NativeConnection.connect({ address: need('BENCH_TEMPORAL_ADDRESS') });
  const metrics = createHeliMetrics();
  // Heli's activities plus the escalation burst's yardstick (bench/workflows.ts benchTimerWorkflow).
  const activities = { ...createActivities({ db, metrics }), benchNoop: async () => undefined };
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue: need('BENCH_TASK_QUEUE'),
    activities,
    bundlePath: need('BENCH_WORKFLOW_BUNDLE'),
    shutdownGraceSeconds: 5,
    metrics,
    maxCachedWorkflows: loadConfig().WORKER_MAX_CACHED_WORKFLOWS,
  });
  const dispatcher = startWebhookDispatcher({ db, metrics });
  try {
    const running = worker.run();
    process.stdout.write('ready\n');
    await running;
  } finally {
    await dispatcher.stop();
    await connection.close();
    await db.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[worker] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
