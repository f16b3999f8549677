import { Runtime, type LogLevel, type LogMetadata, type Logger as SdkLogger } from '@temporalio/worker';
import type { Logger } from 'pino';
import { findFreePort } from '../config/processes';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The Temporal SDK's logs (worker, workflows' `log`, activities' `log`) as lines of Heli's structured log. */
export function sdkLoggerOf(log: Logger): SdkLogger {
  const sdk = log.child({ component: 'temporal-sdk' });
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => sdk[LEVELS[level]](meta ?? {}, message);
  return {
    log: write,
    trace: (m, meta) => write('TRACE', m, meta),
    debug: (m, meta) => write('DEBUG', m, meta),
    info: (m, meta) => write('INFO', m, meta),
    warn: (m, meta) => write('WARN', m, meta),
    error: (m, meta) => write('ERROR', m, meta),
  };
}

/** Where the Temporal Core of this process serves its Prometheus metrics (set once the runtime is installed). */
let coreMetricsUrl: string | undefined;

/**
 * Installs the Temporal Core runtime of this process: the SDK's logs go to `logger` (the Rust core's from `coreLevel`
 * up), and Core's own metrics (`temporal_*`: workflow tasks, activity polls, requests to the server, ...) are served by
 * Core's Prometheus exporter on a free loopback port, which Heli's `/metrics` appends to its own
 * (config/heli-metrics.ts). It must run before the first connection or worker, and only once: a second call (another
 * test of the same process) leaves the first runtime in place.
 */
export async function installTemporalRuntime(options: {
  logger: SdkLogger;
  coreLevel: LogLevel;
  forwardCoreLogs: boolean;
}): Promise<void> {
  if (Runtime._instance !== undefined) return;
  const bindAddress = `127.0.0.1:${await findFreePort()}`;
  if (Runtime._instance !== undefined) return; // installed while the port was sought
  Runtime.install({
    logger: options.logger,
    telemetryOptions: {
      logging: {
        filter: { core: options.coreLevel, other: options.coreLevel },
        ...(options.forwardCoreLogs ? { forward: {} } : {}),
      },
      // Core's names (`temporal_` prefix, latencies in milliseconds), as Temporal's documentation and dashboards use.
      metrics: { prometheus: { bindAddress } },
    },
    // `heli start` stops the worker itself, in order with the servers; the SDK must not act on signals alone.
    shutdownSignals: [],
  });
  coreMetricsUrl = `http://${bindAddress}/metrics`;
}

/** Sends the Temporal SDK's and Core's logs into Heli's structured log, and exports Core's metrics (above). */
export async function installRuntimeLogger(log: Logger): Promise<void> {
  await installTemporalRuntime({ logger: sdkLoggerOf(log), coreLevel: 'WARN', forwardCoreLogs: true });
}

/** The URL of Core's Prometheus exporter, when this process installed the runtime with it. */
export function temporalCoreMetricsUrl(): string | undefined {
  return coreMetricsUrl;
}
