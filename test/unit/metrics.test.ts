import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHeliMetrics, scrapeAllowed } from '../../config/heli-metrics';

/** The value of one series in an exposition text. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('the metrics of a Heli process (prom-client)', () => {
  it('renders Heli’s counters and histograms, with the standard buckets for HTTP', async () => {
    const metrics = createHeliMetrics();

    metrics.httpRequests.inc({ method: 'GET', route: '/v1/units', status: 200 });
    metrics.httpRequests.inc({ method: 'GET', route: '/v1/units', status: 200 });
    metrics.httpDuration.observe({ method: 'GET', route: '/v1/units' }, 0.3);
    metrics.activityDuration.observe({ activity: 'deliverWebhook' }, 20);
    metrics.notificationDeliveryFailures.inc();
    const text = await metrics.scrape();

    expect(text).toContain('# TYPE heli_http_requests_total counter');
    expect(sample(text, 'heli_http_requests_total{method="GET",route="/v1/units",status="200"}')).toBe(2);
    const buckets = [...text.matchAll(/^heli_http_request_duration_seconds_bucket\{le="([^"]+)".*\} (\d+)$/gm)];
    expect(buckets.map((m) => m[1])).toEqual([
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '10',
      '+Inf',
    ]);
    expect(buckets.map((m) => Number(m[2]))).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(sample(text, 'heli_activity_duration_seconds_bucket{le="30",activity="deliverWebhook"}')).toBe(1);
    expect(sample(text, 'heli_activity_duration_seconds_bucket{le="10",activity="deliverWebhook"}')).toBe(0);
    expect(sample(text, 'heli_notification_delivery_failures_total')).toBe(1);
  });

  it('adds the process’s default metrics once, however many instances the process has', async () => {
    const one = await createHeliMetrics().scrape();
    const two = await createHeliMetrics().scrape();

    for (const text of [one, two]) {
      expect(text).toMatch(/^heli_process_memory_bytes\{type="rss"\} \d+$/m);
      expect(text).toMatch(/^heli_process_cpu_seconds\{mode="user"\} [\d.e-]+$/m);
      expect(text).toMatch(/^heli_process_cpu_seconds_total [\d.e-]+$/m);
      expect(text).toMatch(/^heli_process_start_time_seconds \d+$/m);
      expect(text).toContain('# TYPE heli_nodejs_eventloop_lag_p99_seconds gauge');
      expect(text).toContain('# TYPE heli_nodejs_heap_size_used_bytes gauge');
      expect(text).toContain('# TYPE heli_nodejs_gc_duration_seconds histogram');
    }
  });

  it('appends the Temporal Core’s metrics, or says in a comment why they are missing', async () => {
    const core = createServer((_req, res) =>
      res.end('# HELP temporal_request Count\n# TYPE temporal_request counter\ntemporal_request{operation="X"} 4'),
    );
    await new Promise<void>((resolve) => core.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(core.address() as AddressInfo).port}/metrics`;
    try {
      const text = await createHeliMetrics({ temporalCore: () => url }).scrape();

      expect(text).toContain('# TYPE heli_http_requests_total counter');
      expect(text.endsWith('# TYPE temporal_request counter\ntemporal_request{operation="X"} 4\n')).toBe(true);
    } finally {
      await new Promise((resolve) => core.close(resolve));
    }
    const without = await createHeliMetrics({ temporalCore: () => url }).scrape();

    expect(without).toMatch(/^# Temporal Core metrics unavailable: .+$/m);
    expect(without).not.toContain('temporal_request');
  });

  it('lets every scrape through without a token, and only the bearer of the token with one', () => {
    expect(scrapeAllowed(undefined, undefined)).toBe(true);
    expect(scrapeAllowed(undefined, 's3cret')).toBe(false);
    expect(scrapeAllowed('Bearer wrong!', 's3cret')).toBe(false);
    expect(scrapeAllowed('Bearer s3cret', 's3cret')).toBe(true);
  });
});
