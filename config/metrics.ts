/**
 * A small metrics registry: counters, gauges and histograms with labels, rendered in the Prometheus text
 * exposition format 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/). Heli needs no more
 * than this, so it carries no client library.
 */

import { timingSafeEqual } from 'node:crypto';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Whether a scrape may read the metrics: always without a token, else only with `Bearer <token>`. */
export function scrapeAllowed(authorization: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Labels<L extends string> = Partial<Record<L, string | number>>;

interface Metric {
  render(): string[];
}

/** Label values escape backslash, double quote and newline; HELP text escapes backslash and newline. */
const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function formatLabels(pairs: [string, string][]): string {
  return pairs.length === 0 ? '' : `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

/** One series per distinct combination of label values, kept in first-seen order. */
class Series<L extends string, V> {
  private readonly byKey = new Map<string, { pairs: [string, string][]; value: V }>();
  constructor(
    private readonly labelNames: readonly L[],
    private readonly initial: () => V,
  ) {}

  get(labels: Labels<L>): V {
    const pairs = this.labelNames.map((n): [string, string] => [n, String(labels[n] ?? '')]);
    const key = JSON.stringify(pairs);
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { pairs, value: this.initial() };
      this.byKey.set(key, entry);
    }
    return entry.value;
  }

  entries() {
    return [...this.byKey.values()];
  }
}

const header = (name: string, help: string, type: string) => [
  `# HELP ${name} ${escapeHelp(help)}`,
  `# TYPE ${name} ${type}`,
];

export class Counter<L extends string = never> implements Metric {
  private readonly series: Series<L, { n: number }>;
  constructor(
    readonly name: string,
    private readonly help: string,
    labelNames: readonly L[] = [],
  ) {
    this.series = new Series(labelNames, () => ({ n: 0 }));
  }

  inc(labels: Labels<L> = {}, by = 1): void {
    if (by < 0) throw new Error(`counter ${this.name} cannot decrease`);
    this.series.get(labels).n += by;
  }

  /** The current value of one series (0 when never incremented). */
  value(labels: Labels<L> = {}): number {
    return this.series.get(labels).n;
  }

  render(): string[] {
    const rows = this.series.entries().map((e) => `${this.name}${formatLabels(e.pairs)} ${formatValue(e.value.n)}`);
    return [...header(this.name, this.help, 'counter'), ...rows];
  }
}

export class Gauge<L extends string = never> implements Metric {
  private readonly series: Series<L, { n: number }>;
  constructor(
    readonly name: string,
    private readonly help: string,
    labelNames: readonly L[] = [],
    /** Called before each rendering, e.g. to read the process's memory. */
    private readonly collect?: (gauge: Gauge<L>) => void,
  ) {
    this.series = new Series(labelNames, () => ({ n: 0 }));
  }

  set(labels: Labels<L>, value: number): void {
    this.series.get(labels).n = value;
  }

  render(): string[] {
    this.collect?.(this);
    const rows = this.series.entries().map((e) => `${this.name}${formatLabels(e.pairs)} ${formatValue(e.value.n)}`);
    return [...header(this.name, this.help, 'gauge'), ...rows];
  }
}

/** Prometheus client libraries' default buckets, in seconds. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Histogram<L extends string = never> implements Metric {
  private readonly series: Series<L, { counts: number[]; sum: number; count: number }>;
  private readonly buckets: number[];
  constructor(
    readonly name: string,
    private readonly help: string,
    labelNames: readonly L[] = [],
    buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    this.buckets = [...buckets].sort((a, b) => a - b);
    this.series = new Series(labelNames, () => ({ counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
  }

  observe(labels: Labels<L>, value: number): void {
    const s = this.series.get(labels);
    this.buckets.forEach((le, i) => {
      if (value <= le) s.counts[i] = (s.counts[i] ?? 0) + 1;
    });
    s.sum += value;
    s.count += 1;
  }

  render(): string[] {
    const rows = this.series
      .entries()
      .flatMap(({ pairs, value }) => [
        ...this.buckets.map(
          (le, i) => `${this.name}_bucket${formatLabels([...pairs, ['le', formatValue(le)]])} ${value.counts[i] ?? 0}`,
        ),
        `${this.name}_bucket${formatLabels([...pairs, ['le', '+Inf']])} ${value.count}`,
        `${this.name}_sum${formatLabels(pairs)} ${formatValue(value.sum)}`,
        `${this.name}_count${formatLabels(pairs)} ${value.count}`,
      ]);
    return [...header(this.name, this.help, 'histogram'), ...rows];
  }
}

/** The metrics of one process, rendered together for a scrape. */
export class Registry {
  private readonly metrics = new Map<string, Metric>();

  register<M extends Metric & { name: string }>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`metric ${metric.name} is already registered`);
    this.metrics.set(metric.name, metric);
    return metric;
  }

  /** The exposition text: every metric with its HELP and TYPE lines, ending in a newline. */
  render(): string {
    return `${[...this.metrics.values()].flatMap((m) => m.render()).join('\n')}\n`;
  }
}
