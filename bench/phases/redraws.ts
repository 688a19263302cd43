import { cpuProfileWanted, startCpuProfile, startWorkerCpuProfiles } from '../cpu-profile';
import { startTrace, traceWanted } from '../trace';
import type { ProbeSummary } from '../page-probe';
import { hold, max, mean, percentile, sum } from '../stats';
import { DEFAULT_VIEWPORT, isCeiling, type SubjectName, type SubjectPage } from '../subject-page';
import { openReady, type BenchContext } from './context';

/**
 * Redraws and smoothness at fixed message rates (single-sample messages, six charts filled to
 * steady-state size): React commits, chart redraws per chart, how many charts redraw in one
 * frame, frame times, long tasks, main-thread busy share and message-to-screen delay. Then, at
 * 1k msg/s, the same page with a short viewport: do charts out of view still redraw?
 */
export type WindowFigures = {
  seconds: number;
  sent: number;
  applied: number;
  finalBacklog: number;
  keptUp: boolean;
  reactCommitsPerSecond: number;
  storeCommitsPerSecond: number;
  /** Redraws per second of each chart: mean over charts and the busiest chart. */
  redrawsPerChart: { mean: number; max: number };
  /** Per frame with any redraw: how many charts redrew in it. */
  chartsPerRedrawFrame: { mean: number; max: number };
  /** Frame times, and how many frames the window had (absent in older figures). */
  frame: { p50: number; p95: number; worst: number; count?: number };
  /** Long tasks: how many, the longest, and their total per second of window. */
  longTasks: { count: number; worst: number; perSecond: number };
  busyShare: number;
  /**
   * The main thread's own CPU time (CDP `ThreadTime`) over wall time: busy less the time its tasks
   * waited for a core (on two cores, the engine's worker and the feed server want them too).
   * Absent in older figures.
   */
  cpuShare?: number;
  delay: { p50: number; p99: number; samples: number; undrawn: number };
  charts: number;
  visibleCharts: string[];
  redrawsByChart: Record<string, number>;
  /** Changes per second of the busiest panel's displayed number (absent in older figures). */
  numberChangesMax?: number;
  /** The app's `pulseboard:redraw` measures in the window: how many, and their p95 (ms). */
  redrawCost?: { count: number; p50: number; p95: number };
};

export type RateRun = WindowFigures & { subject: SubjectName; rate: number };

export type OffscreenRun = {
  subject: SubjectName;
  rate: number;
  offscreenCharts: number;
  /** Redraws per second of charts out of the viewport (mean), and of those in it. */
  offscreenRedrawsPerSecond: number;
  onscreenRedrawsPerSecond: number;
};

export const OFFSCREEN_RATE = 1_000;
// Short enough that the second row of charts (Pulseboard's and the naive peer's) is out of view.
export const SHORT_VIEWPORT = { width: DEFAULT_VIEWPORT.width, height: 260 };

/**
 * The default engine and the bare page (the ceiling: parse only, main-thread socket, no charts)
 * are also driven at the profile's `peakRates`, where issue 16 compares them side by side.
 */
export const ratesFor = (subject: SubjectName, profile: BenchContext['profile']) =>
  subject === 'pulseboard-worker' || subject === 'ceiling'
    ? // Figures saved before issue 16 have no peak rates.
      [...profile.rates, ...((profile.peakRates as readonly number[] | undefined) ?? [])]
    : profile.rates;

export async function runRates(
  ctx: BenchContext,
  subject: SubjectName,
): Promise<{ runs: RateRun[]; offscreen: OffscreenRun | null }> {
  const { profile, feed } = ctx;
  const runs: RateRun[] = [];
  let offscreen: OffscreenRun | null = null;
  // The ceiling draws nothing: following its samples to the screen would only pile them up.
  const options = { trackMessages: !isCeiling(subject) };
  let page = await openReady(ctx, subject, options);
  try {
    for (const rate of ratesFor(subject, profile)) {
      if (!(await page.waitCaughtUp(feed, 3_000))) {
        await page.close();
        page = await openReady(ctx, subject, options);
      }
      feed.setMode({ kind: 'rate', messagesPerSecond: rate, samplesPerMessage: 1 });
      await hold(profile.rateWarmupSeconds * 1000);
      const figures = await measureWindow(ctx, page, profile.rateSeconds, rate);
      runs.push({ subject, rate, ...figures });
      ctx.log(
        `  ${subject} @${rate} msg/s: ${figures.redrawsPerChart.mean.toFixed(1)} redraws/s/chart, ` +
          `frame p95 ${figures.frame.p95.toFixed(1)} ms, busy ${(figures.busyShare * 100).toFixed(0)} % ` +
          `(CPU ${((figures.cpuShare ?? Number.NaN) * 100).toFixed(0)} %), ` +
          `delay p99 ${figures.delay.p99.toFixed(0)} ms${figures.keptUp ? '' : ', FELL BEHIND'}`,
      );
      // Measured even on a page that fell behind: whether hidden charts redraw is still visible.
      if (rate === OFFSCREEN_RATE && !isCeiling(subject)) {
        offscreen = await measureOffscreen(ctx, page, subject, rate);
      }
      feed.setMode({ kind: 'idle' });
    }
    return { runs, offscreen };
  } finally {
    feed.setMode({ kind: 'idle' });
    await page.close();
  }
}

async function measureOffscreen(
  ctx: BenchContext,
  page: SubjectPage,
  subject: SubjectName,
  rate: number,
): Promise<OffscreenRun> {
  await page.page.setViewportSize(SHORT_VIEWPORT);
  try {
    await hold(ctx.profile.rateWarmupSeconds * 1000);
    const figures = await measureWindow(ctx, page, ctx.profile.rateSeconds, rate);
    const all = await page.probe((probe) => probe.metrics());
    const visible = new Set(figures.visibleCharts);
    const perSecond = (names: string[]) =>
      mean(names.map((name) => (figures.redrawsByChart[name] ?? 0) / figures.seconds));
    const hidden = all.filter((name) => !visible.has(name));
    return {
      subject,
      rate,
      offscreenCharts: hidden.length,
      offscreenRedrawsPerSecond: perSecond(hidden),
      onscreenRedrawsPerSecond: perSecond([...visible]),
    };
  } finally {
    await page.page.setViewportSize(DEFAULT_VIEWPORT);
  }
}

/** One measurement window of `seconds` on a page that is already receiving at `rate`. */
export async function measureWindow(
  ctx: BenchContext,
  page: SubjectPage,
  seconds: number,
  rate: number,
): Promise<WindowFigures> {
  const { feed } = ctx;
  const cdp0 = await page.metrics();
  const store0 = await page.probe((probe) => probe.storeCommits());
  // Rates use the harness's clock and read the feed's seq the moment the page answers: a jammed
  // page answers late, and its own clock would then cover a shorter window than the feed's.
  const applied0 = await page.appliedSeq();
  const start = { at: performance.now(), sent: feed.stats().seq };
  const stopTrace = traceWanted() ? await startTrace(page.cdp) : null;
  const stopProfile = cpuProfileWanted()
    ? await startCpuProfile(page.cdp, `rates-${page.name}-${rate}`)
    : null;
  const stopWorkerProfiles = cpuProfileWanted()
    ? await startWorkerCpuProfiles(page.cdp, `rates-${page.name}-${rate}`)
    : null;
  await page.begin();
  await hold(seconds * 1000);
  const summary: ProbeSummary = await page.end();
  if (stopProfile) for (const line of await stopProfile()) ctx.log(`    ${line}`);
  if (stopWorkerProfiles) for (const line of await stopWorkerProfiles()) ctx.log(`    ${line}`);
  if (stopTrace) for (const line of await stopTrace()) ctx.log(`    ${line}`);
  const topRenders = Object.entries(summary.renders)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, count]) => `${name} ${(count / (summary.durationMs / 1000)).toFixed(1)}/s`);
  if (topRenders.length > 0) ctx.log(`    renders: ${topRenders.join(', ')}`);
  const appliedEnd = await page.appliedSeq();
  const end = { at: performance.now(), sent: feed.stats().seq };
  const store1 = await page.probe((probe) => probe.storeCommits());
  const cdp1 = await page.metrics();
  const charts = await page.probe((probe) => probe.metrics());
  const visibleCharts = await page.probe((probe) => probe.visibleMetrics());
  const elapsed = summary.durationMs / 1000;
  const perChart = charts.map((name) => (summary.redraws[name] ?? 0) / elapsed);
  // A page without charts (the ceiling) has no message-to-screen delay to speak of.
  const allDelays = charts.length > 0 ? summary.delays.concat(summary.undrawnAges) : [];
  const numberRates = charts.map((name) => (summary.numberChanges[name] ?? 0) / elapsed);
  const wall = (cdp1.Timestamp ?? 0) - (cdp0.Timestamp ?? 0);
  const span = (end.at - start.at) / 1000;
  const sent = (end.sent - start.sent) / span;
  const applied = (appliedEnd - applied0) / span;
  const finalBacklog = Math.max(0, end.sent - appliedEnd);
  return {
    seconds: elapsed,
    sent,
    applied,
    finalBacklog,
    keptUp: applied >= 0.97 * sent && finalBacklog <= Math.max(100, Math.ceil(rate * 0.25)),
    reactCommitsPerSecond: summary.reactCommits / elapsed,
    storeCommitsPerSecond: (store1 - store0) / elapsed,
    redrawsPerChart: { mean: mean(perChart), max: max(perChart) },
    chartsPerRedrawFrame: {
      mean: mean(summary.chartsPerRedrawFrame),
      max: max(summary.chartsPerRedrawFrame),
    },
    frame: {
      p50: percentile(summary.frames, 50),
      p95: percentile(summary.frames, 95),
      worst: max(summary.frames),
      count: summary.frames.length,
    },
    longTasks: {
      count: summary.longTasks.length,
      worst: max(summary.longTasks),
      perSecond: sum(summary.longTasks) / 1000 / elapsed,
    },
    busyShare: wall > 0 ? ((cdp1.TaskDuration ?? 0) - (cdp0.TaskDuration ?? 0)) / wall : Number.NaN,
    cpuShare: wall > 0 ? ((cdp1.ThreadTime ?? 0) - (cdp0.ThreadTime ?? 0)) / wall : Number.NaN,
    delay: {
      p50: percentile(allDelays, 50),
      p99: percentile(allDelays, 99),
      samples: allDelays.length,
      undrawn: summary.undrawnAges.length,
    },
    charts: charts.length,
    visibleCharts,
    redrawsByChart: summary.redraws,
    numberChangesMax: max(numberRates),
    redrawCost: {
      count: summary.redrawMeasures.length,
      p50: percentile(summary.redrawMeasures, 50),
      p95: percentile(summary.redrawMeasures, 95),
    },
  };
}
