import { Counter, Gauge, Histogram, Registry, scrapeAllowed } from '../../config/metrics';

describe('the metrics registry', () => {
  it('renders a counter with its HELP and TYPE lines and one line per label set', () => {
    const registry = new Registry();
    const requests = registry.register(new Counter('app_requests_total', 'Requests answered.', ['method', 'status']));

    requests.inc({ method: 'GET', status: 200 });
    requests.inc({ method: 'GET', status: 200 });
    requests.inc({ method: 'POST', status: 201 }, 3);

    expect(registry.render()).toBe(
      [
        '# HELP app_requests_total Requests answered.',
        '# TYPE app_requests_total counter',
        'app_requests_total{method="GET",status="200"} 2',
        'app_requests_total{method="POST",status="201"} 3',
        '',
      ].join('\n'),
    );
  });

  it('renders a counter without labels and refuses to count down', () => {
    const counter = new Counter('app_failures_total', 'Failures.');

    counter.inc();

    expect(counter.render()).toContain('app_failures_total 1');
    expect(() => counter.inc({}, -1)).toThrow(/cannot decrease/);
  });

  it('escapes backslashes, double quotes and newlines in label values, and newlines in HELP', () => {
    const counter = new Counter('app_paths_total', 'Paths\nseen.', ['path']);

    counter.inc({ path: 'C:\\tmp\\"x"\nend' });

    expect(counter.render()).toEqual([
      '# HELP app_paths_total Paths\\nseen.',
      '# TYPE app_paths_total counter',
      'app_paths_total{path="C:\\\\tmp\\\\\\"x\\"\\nend"} 1',
    ]);
  });

  it('renders a histogram as cumulative buckets, +Inf, sum and count', () => {
    const histogram = new Histogram('app_duration_seconds', 'Durations.', ['route'], [0.1, 1]);

    histogram.observe({ route: '/a' }, 0.05);
    histogram.observe({ route: '/a' }, 0.5);
    histogram.observe({ route: '/a' }, 3);

    expect(histogram.render()).toEqual([
      '# HELP app_duration_seconds Durations.',
      '# TYPE app_duration_seconds histogram',
      'app_duration_seconds_bucket{route="/a",le="0.1"} 1',
      'app_duration_seconds_bucket{route="/a",le="1"} 2',
      'app_duration_seconds_bucket{route="/a",le="+Inf"} 3',
      'app_duration_seconds_sum{route="/a"} 3.55',
      'app_duration_seconds_count{route="/a"} 3',
    ]);
  });

  it('reads a gauge when rendering it', () => {
    let reading = 1;
    const gauge = new Gauge('app_queue_depth', 'Queue depth.', [], (g) => g.set({}, reading));

    reading = 7;

    expect(gauge.render()).toContain('app_queue_depth 7');
  });

  it('refuses the same metric name twice', () => {
    const registry = new Registry();
    registry.register(new Counter('app_x_total', 'x'));

    expect(() => registry.register(new Counter('app_x_total', 'x'))).toThrow(/already registered/);
  });

  it('lets every scrape through without a token, and only the bearer of the token with one', () => {
    expect(scrapeAllowed(undefined, undefined)).toBe(true);
    expect(scrapeAllowed(undefined, 's3cret')).toBe(false);
    expect(scrapeAllowed('Bearer wrong!', 's3cret')).toBe(false);
    expect(scrapeAllowed('Bearer s3cret', 's3cret')).toBe(true);
  });
});
