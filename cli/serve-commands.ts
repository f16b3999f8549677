import type { Logger } from 'pino';
import type { Config } from '../config';
import { installRuntimeLogger } from '../worker/temporal-runtime';
import { version } from './cli-context';
import type { Running } from './split';
import { startStack } from './stack';

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

/** `heli start`: the whole stack in this process until a signal. */
export async function start(config: Config, log: Logger): Promise<void> {
  const startedAt = Date.now();
  const signalled = firstSignal(log);
  await installRuntimeLogger(log);
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
export async function runPart(
  log: Logger,
  part: () => Promise<Running & { apiUrl?: string }>,
  name: string,
  options: {
    /**
     * Whether the part runs Temporal Core (a worker): its runtime logs into Heli's and exports Core's metrics. The API
     * talks to Temporal through the client alone, so it starts no idle exporter.
     */
    temporalCore: boolean;
  },
): Promise<void> {
  const signalled = firstSignal(log);
  if (options.temporalCore) await installRuntimeLogger(log);
  const running = await part();
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
