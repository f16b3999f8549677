import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from './metrics';

/** Notification outcomes: the webhook results, plus the three ways an attempt fails. */
export type DeliveryOutcome = 'DELIVERED' | 'ALREADY_DELIVERED' | 'NO_ENDPOINT' | 'FAILED' | 'REJECTED' | 'REFUSED';

/**
 * Every metric Heli exports at `/metrics` (README "Monitoring"). Under `heli start` the API and the worker run in
 * one process and share one instance; the stack creates it and hands it to both.
 */
export function createHeliMetrics() {
  const registry = new Registry();
  const eventLoop = monitorEventLoopDelay({ resolution: 20 });
  eventLoop.enable();
  const startedAt = Date.now() / 1000;
  return {
    registry,
    httpRequests: registry.register(
      new Counter('heli_http_requests_total', 'HTTP requests answered, by route pattern and status.', [
        'method',
        'route',
        'status',
      ]),
    ),
    httpDuration: registry.register(
      new Histogram('heli_http_request_duration_seconds', 'Time to answer an HTTP request.', ['method', 'route']),
    ),
    activityExecutions: registry.register(
      new Counter('heli_activity_executions_total', 'Activity attempts run by this worker, by outcome.', [
        'activity',
        'outcome',
      ]),
    ),
    activityDuration: registry.register(
      new Histogram(
        'heli_activity_duration_seconds',
        'Time one activity attempt took.',
        ['activity'],
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      ),
    ),
    workflowTaskFailures: registry.register(
      new Counter(
        'heli_workflow_task_failures_total',
        'Workflow tasks that failed in workflow code (a bug; Temporal retries the task).',
        ['workflow_type'],
      ),
    ),
    workflowFailures: registry.register(
      new Counter('heli_workflow_failures_total', 'Workflow executions that ended FAILED.', ['workflow_type']),
    ),
    escalations: registry.register(
      new Counter('heli_escalations_total', 'Tasks that reached an escalation rung (L1, L2, L3).', ['rung']),
    ),
    notificationDeliveries: registry.register(
      new Counter('heli_notification_deliveries_total', 'Webhook delivery attempts, by outcome.', ['outcome']),
    ),
    notificationDeliveryFailures: registry.register(
      new Counter(
        'heli_notification_delivery_failures_total',
        'Webhook delivery attempts that failed (network error or a non-2xx answer).',
      ),
    ),
    process: [
      registry.register(
        new Gauge('heli_process_memory_bytes', 'Memory of the process.', ['type'], (g) => {
          const m = process.memoryUsage();
          for (const type of ['rss', 'heapTotal', 'heapUsed', 'external'] as const) g.set({ type }, m[type]);
        }),
      ),
      registry.register(
        new Gauge('heli_process_cpu_seconds', 'CPU time used by the process.', ['mode'], (g) => {
          const cpu = process.cpuUsage();
          g.set({ mode: 'user' }, cpu.user / 1e6);
          g.set({ mode: 'system' }, cpu.system / 1e6);
        }),
      ),
      registry.register(
        new Gauge('heli_process_start_time_seconds', 'Start of the process, in seconds since the epoch.', [], (g) =>
          g.set({}, startedAt),
        ),
      ),
      registry.register(
        new Gauge(
          'heli_nodejs_eventloop_lag_p99_seconds',
          'Event-loop delay, 99th percentile since the last scrape.',
          [],
          (g) => {
            g.set({}, eventLoop.percentile(99) / 1e9);
            eventLoop.reset();
          },
        ),
      ),
    ],
    /** Stops the event-loop sampler (tests and shutdown). */
    close: (): void => {
      eventLoop.disable();
    },
  };
}

export type HeliMetrics = ReturnType<typeof createHeliMetrics>;
