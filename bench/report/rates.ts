import type { OffscreenRun, RateRun } from '../phases/redraws';
import { compare, fmt, ok, SUBJECT_LABELS, table, type RowSpec } from './format';
import { rateRun, type BenchResults, type Verdict } from './results';

/** The redraws-and-smoothness phase in the report: one comparison table per message rate. */

/** A 60 Hz frame; requestAnimationFrame deltas of on-time frames read 16.6-16.9 ms. */
const FRAME_BUDGET_MS = 17;

const RATE_ROWS: readonly RowSpec<RateRun>[] = [
  { label: 'messages applied / s (sent)', read: (run) => run.applied, better: 'higher' },
  { label: 'backlog at the end (messages)', read: (run) => run.finalBacklog, better: 'lower' },
  {
    label: 'React commits / s',
    read: (run) => run.reactCommitsPerSecond,
    digits: 1,
    better: null,
  },
  {
    label: 'redraws / s per chart (mean)',
    read: (run) => run.redrawsPerChart.mean,
    digits: 1,
    better: null,
  },
  {
    label: 'redraws / s, busiest chart',
    read: (run) => run.redrawsPerChart.max,
    digits: 1,
    better: null,
  },
  {
    label: 'charts redrawn per redrawing frame (mean)',
    read: (run) => run.chartsPerRedrawFrame.mean,
    digits: 1,
    better: 'lower',
  },
  { label: 'frame p50', read: (run) => run.frame.p50, digits: 1, better: 'lower', unit: ' ms' },
  { label: 'frame p95', read: (run) => run.frame.p95, digits: 1, better: 'lower', unit: ' ms' },
  { label: 'worst frame', read: (run) => run.frame.worst, digits: 0, better: 'lower', unit: ' ms' },
  { label: 'long tasks (> 50 ms)', read: (run) => run.longTasks.count, better: null },
  {
    label: 'time in long tasks',
    read: (run) => run.longTasks.perSecond * 100,
    better: 'lower',
    unit: ' %',
  },
  { label: 'longest task', read: (run) => run.longTasks.worst, better: 'lower', unit: ' ms' },
  { label: 'main thread busy', read: (run) => run.busyShare * 100, better: 'lower', unit: ' %' },
  { label: 'message-to-screen p50', read: (run) => run.delay.p50, better: 'lower', unit: ' ms' },
  { label: 'message-to-screen p99', read: (run) => run.delay.p99, better: 'lower', unit: ' ms' },
];

export function rateVerdicts(results: BenchResults): Verdict[] {
  const out: Verdict[] = [];
  const topRate = Math.max(...results.profile.rates);
  const lowRate = Math.min(...results.profile.rates);
  const high = rateRun(results, 'pulseboard', topRate);
  const low = rateRun(results, 'pulseboard', lowRate);
  if (high && low) {
    out.push({
      target: `<= ~10 redraws/s per chart, the same at ${fmt(lowRate)} and ${fmt(topRate)} msg/s`,
      measured: `${fmt(low.redrawsPerChart.mean, 1)} and ${fmt(high.redrawsPerChart.mean, 1)} /s (busiest chart ${fmt(high.redrawsPerChart.max, 1)})`,
      met: high.redrawsPerChart.max <= 11 && low.redrawsPerChart.max <= 11,
    });
    out.push({
      target: 'charts redraw staggered, not all in one frame',
      measured: `${fmt(high.chartsPerRedrawFrame.mean, 1)} charts per redrawing frame on average (max ${fmt(high.chartsPerRedrawFrame.max)}) of ${high.charts}`,
      met: high.chartsPerRedrawFrame.mean <= 1.5,
    });
  }
  const workerHigh = rateRun(results, 'pulseboard-worker', topRate);
  if (workerHigh) {
    out.push({
      target: `with engine=worker at ${fmt(topRate)} msg/s: p95 frame <= 16.7 ms, main thread <= 35 %, message-to-screen p99 <= 250 ms`,
      measured:
        `${fmt(workerHigh.frame.p95, 1)} ms, ${fmt(workerHigh.busyShare * 100)} %, ` +
        (ok(workerHigh.delay.p99 ?? Number.NaN)
          ? `${fmt(workerHigh.delay.p99)} ms`
          : 'message-to-screen not measured (the socket is in the worker)'),
      met:
        workerHigh.frame.p95 <= FRAME_BUDGET_MS &&
        workerHigh.busyShare <= 0.35 &&
        (!ok(workerHigh.delay.p99 ?? Number.NaN) || workerHigh.delay.p99 <= 250),
    });
  }
  const offscreen = results.rates.pulseboard?.offscreen;
  if (offscreen) {
    out.push({
      target: 'off-screen charts do not redraw',
      measured: `${offscreen.offscreenCharts} charts out of view redraw ${fmt(offscreen.offscreenRedrawsPerSecond, 1)} /s (in view: ${fmt(offscreen.onscreenRedrawsPerSecond, 1)} /s)`,
      met: offscreen.offscreenCharts > 0 ? offscreen.offscreenRedrawsPerSecond < 0.2 : null,
    });
  }
  if (high) {
    const at = `at ${fmt(topRate)} msg/s, ${high.charts} charts`;
    out.push({
      target: `p95 frame <= 16.7 ms ${at} (up to 17 ms counts: on-time frames read 16.6-16.9 ms)`,
      measured: `${fmt(high.frame.p95, 1)} ms`,
      met: high.frame.p95 <= FRAME_BUDGET_MS,
    });
    out.push({
      target: `no task over 50 ms ${at}`,
      measured: `${high.longTasks.count} long tasks, worst ${fmt(high.longTasks.worst)} ms`,
      met: high.longTasks.count === 0,
    });
    out.push({
      target: `main thread <= 35 % busy ${at}`,
      measured: `${fmt(high.busyShare * 100)} %`,
      met: high.busyShare <= 0.35,
    });
    out.push({
      target: `message-to-screen p99 <= 250 ms ${at}`,
      measured: `${fmt(high.delay.p99)} ms`,
      met: high.delay.p99 <= 250,
    });
  }
  return out;
}

export function renderRates(results: BenchResults): string[] {
  const { profile } = results;
  const parts: string[] = ['## Redraws and smoothness'];
  parts.push(
    `Single-sample messages at each rate, six charts of ${fmt(profile.prefillPerSeries)} points, viewport 1600×1000 (all charts in view), ` +
      `${profile.rateSeconds} s windows after ${profile.rateWarmupSeconds} s of warm-up. React commits come from the DevTools hook React ` +
      'calls on every commit; a chart redraw is a change of its line path (`path.recharts-line-curve` `d`); frames are ' +
      'requestAnimationFrame deltas; long tasks from PerformanceObserver; busy share is CDP `TaskDuration` over wall time; ' +
      'message-to-screen is from the sample’s send time to the first frame after its chart redrew (samples never drawn ' +
      'in the window count with their age at its end).',
  );
  for (const rate of profile.rates) {
    const pb = rateRun(results, 'pulseboard', rate);
    const naive = rateRun(results, 'naive', rate);
    if (!pb && !naive) continue;
    parts.push(`### ${fmt(rate)} messages/s`);
    const worker = rateRun(results, 'pulseboard-worker', rate);
    parts.push(compare(RATE_ROWS, worker ? { pb, naive, worker } : { pb, naive }));
    const storeLine = pb
      ? `Pulseboard store commits: ${fmt(pb.storeCommitsPerSecond, 1)} /s; ` +
        `${pb.visibleCharts.length} of ${pb.charts} of its charts in view. `
      : '';
    const kept = [pb, worker, naive]
      .filter((run): run is RateRun => run !== undefined)
      .map(
        (run) =>
          `${SUBJECT_LABELS[run.subject]} ${run.keptUp ? 'kept up' : '**fell behind**'} (sent ${fmt(run.sent)}/s)`,
      )
      .join(', ');
    parts.push(`${storeLine}${kept}.`);
  }
  const offscreenRows = (['pulseboard', 'naive'] as const)
    .map((subject) => results.rates[subject]?.offscreen)
    .filter((run): run is OffscreenRun => run !== null && run !== undefined)
    .map((run) => [
      run.subject,
      `${run.offscreenCharts}`,
      fmt(run.offscreenRedrawsPerSecond, 1),
      fmt(run.onscreenRedrawsPerSecond, 1),
    ]);
  if (offscreenRows.length > 0) {
    parts.push(
      `### Charts out of view (${fmt(1000)} msg/s, viewport 1600×260: the second row is out of view)`,
    );
    parts.push(
      table(
        ['page', 'charts out of view', 'their redraws / s', 'redraws / s of charts in view'],
        offscreenRows,
      ),
    );
  }
  return parts;
}
