/**
 * The samples the benchmark's feed publishes: six metrics (or as many as a window asks for) on a
 * random walk, round-robin so single-sample messages still feed every chart, with a small ring of recent samples per
 * metric for /api/snapshot. Built by string concatenation (see feed-server.ts for why).
 */

type Metric = { name: string; unit: string; start: number; step: number };

/** Six metrics, so the dashboard shows six live charts (the smoothness scenario). */
export const METRICS: readonly Metric[] = [
  { name: 'cpu_load', unit: '%', start: 42, step: 1.5 },
  { name: 'memory_used', unit: 'GiB', start: 11.5, step: 0.05 },
  { name: 'requests_per_s', unit: 'req/s', start: 1800, step: 40 },
  { name: 'error_rate', unit: '%', start: 0.4, step: 0.02 },
  { name: 'p95_latency', unit: 'ms', start: 180, step: 6 },
  { name: 'queue_depth', unit: 'jobs', start: 60, step: 3 },
];

/** The default six, then copies of them (`cpu_load_2`, …) for windows that need more charts. */
export function metricsFor(count: number): readonly Metric[] {
  return Array.from({ length: Math.max(1, Math.floor(count)) }, (_, index) => {
    const base = METRICS[index % METRICS.length]!;
    const copy = Math.floor(index / METRICS.length);
    return copy === 0 ? base : { ...base, name: `${base.name}_${copy + 1}` };
  });
}

/** Where sample timestamps come from. */
export type SampleClock =
  /** `Date.now()` at send time: message-to-screen delay is measured against it. */
  | { kind: 'wall' }
  /** Simulated time: one round (a sample of every metric) every `stepMs` from `startTs`. */
  | { kind: 'synthetic'; startTs: number; stepMs: number };

type SnapshotSample = { name: string; ts: number; value: number; unit: string };

/** Samples per metric returned by /api/snapshot. */
const SNAPSHOT_SAMPLES = 120;

export function createSampleSource() {
  let metrics = METRICS;
  // Per metric: the random walk's value and a small ring of recent samples for /api/snapshot.
  let walk = metrics.map((metric) => metric.start);
  const ring = () => ({
    ts: new Float64Array(SNAPSHOT_SAMPLES),
    value: new Float64Array(SNAPSHOT_SAMPLES),
    count: 0,
  });
  let recent = metrics.map(ring);
  let cursor = 0;
  let syntheticRound = 0;
  let published = 0;

  return {
    /** Samples built since start. */
    get published() {
      return published;
    },
    /** How many metrics the round-robin cycles through. */
    get metricCount() {
      return metrics.length;
    },
    /** A stream of `count` metrics from the next sample on (the snapshot forgets the old ones). */
    setMetricCount(count: number): void {
      metrics = metricsFor(count);
      walk = metrics.map((metric) => metric.start);
      recent = metrics.map(ring);
      cursor = 0;
    },
    /** A flood starts its round-robin (and its simulated clock) from the first metric. */
    restart(clock: SampleClock): void {
      if (clock.kind === 'synthetic') syntheticRound = 0;
      cursor = 0;
    },
    nextJson(clock: SampleClock): string {
      const index = cursor;
      cursor = (cursor + 1) % metrics.length;
      const metric = metrics[index]!;
      let ts: number;
      if (clock.kind === 'wall') ts = Date.now();
      else {
        ts = clock.startTs + syntheticRound * clock.stepMs;
        if (cursor === 0) syntheticRound++;
      }
      const next = (walk[index] ?? metric.start) + (Math.random() - 0.5) * 2 * metric.step;
      const value = Math.round(Math.max(0, next) * 100) / 100;
      walk[index] = value;
      const ring = recent[index]!;
      ring.ts[ring.count % SNAPSHOT_SAMPLES] = ts;
      ring.value[ring.count % SNAPSHOT_SAMPLES] = value;
      ring.count++;
      published++;
      return `{"name":"${metric.name}","ts":${ts},"value":${value},"unit":"${metric.unit}"}`;
    },
    /** The recent samples of every metric, oldest first. */
    snapshot(): SnapshotSample[] {
      const samples: SnapshotSample[] = [];
      metrics.forEach((metric, index) => {
        const ring = recent[index]!;
        const count = Math.min(ring.count, SNAPSHOT_SAMPLES);
        for (let i = ring.count - count; i < ring.count; i++) {
          const slot = i % SNAPSHOT_SAMPLES;
          samples.push({
            name: metric.name,
            ts: ring.ts[slot]!,
            value: ring.value[slot]!,
            unit: metric.unit,
          });
        }
      });
      samples.sort((a, b) => a.ts - b.ts);
      return samples;
    },
  };
}
