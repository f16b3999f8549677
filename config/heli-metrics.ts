import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Notification outcomes: the webhook results, plus the three ways an attempt fails. */
export type DeliveryOutcome = 'DELIVERED' | 'ALREADY_DELIVERED' | 'NO_ENDPOINT' | 'FAILED' | 'REJECTED' | 'REFUSED';

/** The Prometheus text exposition format 0.0.4, as prom-client renders it. */
export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** Whether a scrape may read the metrics: always without a token, else only with `Bearer <token>`. */
export function scrapeAllowed(authorization: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Prometheus client libraries' default buckets (seconds), and 30 s for the activities that wait on a network. */
const ACTIVITY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

let processMetrics: Registry | undefined;

/**
 * The process's own metrics, once per process however many stacks it runs (tests run several): prom-client's
 * default metrics with the `heli_` prefix (CPU, memory, heap, file descriptors, event-loop lag, GC, ...), among
 * them `heli_process_start_time_seconds` and `heli_nodejs_eventloop_lag_p99_seconds`, plus the two gauges Heli
 * exported before them, kept for the dashboards that read them.
 */
function processRegistry(): Registry {
  if (processMetrics) return processMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'heli_' });
  new Gauge({
    name: 'heli_process_memory_bytes',
    help: 'Memory of the process.',
    labelNames: ['type'],
    registers: [registry],
    collect() {
      const m = process.memoryUsage();
      for (const type of ['rss', 'heapTotal', 'heapUsed', 'external'] as const) this.set({ type }, m[type]);
    },
  });
  new Gauge({
    name: 'heli_process_cpu_seconds',
    help: 'CPU time used by the process.',
    labelNames: ['mode'],
    registers: [registry],
    collect() {
      const cpu = process.cpuUsage();
      this.set({ mode: 'user' }, cpu.user / 1e6);
      this.set({ mode: 'system' }, cpu.system / 1e6);
    },
  });
  processMetrics = registry;
  return registry;
}

/**
 * Core's Prometheus text, or a comment saying why it is missing (the text format ignores comments). Core's exporter
 * runs while the runtime has a worker or connection; between them (or in an API-only process) it answers nothing.
 */
async function temporalCoreText(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    if (!res.ok) return `# Temporal Core metrics unavailable: ${url} answered ${res.status}\n`;
    const text = await res.text();
    return text === '' || text.endsWith('\n') ? text : `${text}\n`;
  } catch (err) {
    return `# Temporal Core metrics unavailable: ${(err as Error).message}\n`;
  }
}

/**
 * Every metric Heli exports at `/metrics` (README "Monitoring"). Under `heli start` the API and the worker run in
 * one process and share one instance; the stack creates it and hands it to both. `temporalCore` names where the
 * Temporal Core runtime of this process serves its own metrics (worker/temporal-runtime.ts): a scrape appends them.
 */
export function createHeliMetrics(options: { temporalCore?: () => string | undefined } = {}) {
  const registry = new Registry();
  const counter = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets?: number[]) =>
    new Histogram<L>({ name, help, labelNames, registers: [registry], ...(buckets ? { buckets } : {}) });
  return {
    httpRequests: counter('heli_http_requests_total', 'HTTP requests answered, by route pattern and status.', [
      'method',
      'route',
      'status',
    ]),
    httpDuration: histogram('heli_http_request_duration_seconds', 'Time to answer an HTTP request.', [
      'method',
      'route',
    ]),
    activityExecutions: counter('heli_activity_executions_total', 'Activity attempts run by this worker, by outcome.', [
      'activity',
      'outcome',
    ]),
    activityDuration: histogram(
      'heli_activity_duration_seconds',
      'Time one activity attempt took.',
      ['activity'],
      ACTIVITY_BUCKETS,
    ),
    workflowTaskFailures: counter(
      'heli_workflow_task_failures_total',
      'Workflow tasks that failed in workflow code (a bug; Temporal retries the task).',
      ['workflow_type'],
    ),
    workflowFailures: counter('heli_workflow_failures_total', 'Workflow executions that ended FAILED.', [
      'workflow_type',
    ]),
    escalations: counter('heli_escalations_total', 'Tasks that reached an escalation rung (L1, L2, L3).', ['rung']),
    notificationDeliveries: counter('heli_notification_deliveries_total', 'Webhook delivery attempts, by outcome.', [
      'outcome',
    ]),
    notificationDeliveryFailures: counter(
      'heli_notification_delivery_failures_total',
      'Webhook delivery attempts that failed (network error or a non-2xx answer).',
    ),
    /** The exposition text of one scrape: the process's metrics, Heli's, then the Temporal Core's. */
    async scrape(): Promise<string> {
      const core = options.temporalCore?.();
      const parts = [await processRegistry().metrics(), await registry.metrics()];
      if (core) parts.push(await temporalCoreText(core));
      return parts.join('\n');
    },
  };
}

export type HeliMetrics = ReturnType<typeof createHeliMetrics>;
