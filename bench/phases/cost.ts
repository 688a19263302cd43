import { setPageHidden } from '../hidden-tab';
import type { CatchUp } from '../page-probe';
import { hold, sum } from '../stats';
import type { SubjectPage } from '../subject-page';
import { openReady, type BenchContext } from './context';
import { measureWindow, type WindowFigures } from './redraws';

/**
 * What the main thread pays for what changes on screen (issue 16), beyond the rates phase: twelve
 * charts in view, the cost of one redraw of a 1,600-pixel-wide chart, a minute with no messages,
 * and a hidden tab and its return. Always the default engine (`pulseboard-worker`).
 */
export type TwelveRun = {
  rate: number;
  metrics: number;
  viewport: { width: number; height: number };
  /** Panels on the page and those in the viewport. */
  charts: number;
  inView: number;
  figures: WindowFigures;
};

export type WideRun = {
  rate: number;
  /** `.panel__chart` width (CSS px) of the first panel, and the viewport that gave it. */
  chartWidth: number;
  viewportWidth: number;
  /** The app's `pulseboard:redraw` measures in the window: count, median and p95 duration (ms). */
  measures: number;
  /** Absent in runs recorded before it was measured. */
  p50?: number;
  p95: number;
  figures: WindowFigures;
};

export type IdleRun = { seconds: number; figures: WindowFigures };

export type HiddenRun = {
  rate: number;
  seconds: number;
  /** What the page read in `document.visibilityState` while hidden (see hidden-tab.ts). */
  stateWhileHidden: string;
  reactCommits: number;
  redraws: number;
  /** The probe's animation frames (held while hidden, as Chromium holds them). */
  frames: number;
  /** Rendering work the page still did (CDP `LayoutCount`, `RecalcStyleCount`; absent in older figures). */
  layouts?: number;
  styleRecalcs?: number;
  busyShare: number;
  /** Charts in view when the tab was hidden, all of which must catch up on return. */
  charts: number;
  /** Null: not every chart in view redrew within `CATCH_UP_MS` of the return. */
  catchUp: CatchUp | null;
};

export type CostResult = {
  twelve: TwelveRun | null;
  wide: WideRun | null;
  idle: IdleRun | null;
  hidden: HiddenRun | null;
};

export const TWELVE_RATE = 5_000;
export const TWELVE_METRICS = 12;
/**
 * Four columns of panels, three rows, all in view (1600×1000 shows three columns, two rows).
 * Under 2,200 px, where the wall-display layout starts.
 */
const TWELVE_VIEWPORT = { width: 2_100, height: 1_100 };
export const WIDE_RATE = 1_000;
export const WIDE_CHART_PX = 1_600;
/** One panel per row, the side column under the panels: a chart as wide as the viewport allows. */
const ONE_COLUMN_CSS = '.app__main, .metrics { grid-template-columns: minmax(0, 1fr) !important; }';
export const HIDDEN_RATE = 100;
const CATCH_UP_MS = 5_000;
const HIDE_SETTLE_MS = 500;

/** Twelve charts in view at 5,000 msg/s: how busy the main thread is. */
export async function runTwelve(ctx: BenchContext): Promise<TwelveRun> {
  const { feed, profile } = ctx;
  const viewport = { ...TWELVE_VIEWPORT };
  const page = await openReady(ctx, 'pulseboard-worker', {
    trackMessages: true,
    viewport,
    metrics: TWELVE_METRICS,
  });
  try {
    await waitPanels(page, TWELVE_METRICS);
    // Taller if the toolbar pushed the last row out: every panel must be in view.
    for (let step = 0; step < 4; step++) {
      const inView = await page.probe((probe) => probe.visibleMetrics().length);
      if (inView >= TWELVE_METRICS) break;
      viewport.height += 200;
      await page.page.setViewportSize(viewport);
    }
    feed.setMode({ kind: 'rate', messagesPerSecond: TWELVE_RATE, samplesPerMessage: 1 });
    await hold(profile.rateWarmupSeconds * 1000);
    const figures = await measureWindow(ctx, page, profile.cost.windowSeconds, TWELVE_RATE);
    ctx.log(
      `  twelve charts @${TWELVE_RATE} msg/s: ${figures.visibleCharts.length} of ${figures.charts} in view, ` +
        `busy ${(figures.busyShare * 100).toFixed(0)} %`,
    );
    return {
      rate: TWELVE_RATE,
      metrics: TWELVE_METRICS,
      viewport,
      charts: figures.charts,
      inView: figures.visibleCharts.length,
      figures,
    };
  } finally {
    feed.setMode({ kind: 'idle' });
    await page.close();
  }
}

/** The app's own measure of each chart redraw, on a chart 1,600 px wide. */
export async function runWideChart(ctx: BenchContext): Promise<WideRun> {
  const { feed, profile } = ctx;
  const viewport = { width: WIDE_CHART_PX + 100, height: 1_000 };
  const page = await openReady(ctx, 'pulseboard-worker', { trackMessages: true, viewport });
  try {
    await page.page.addStyleTag({ content: ONE_COLUMN_CSS });
    await waitPanels(page, 1);
    const chartWidth = () =>
      page.page.evaluate(
        () => document.querySelector('.panel__chart')?.getBoundingClientRect().width ?? 0,
      );
    // The page's padding scales with its width: correct by the difference twice.
    for (let step = 0; step < 2; step++) {
      const width = await chartWidth();
      if (width <= 0 || Math.abs(width - WIDE_CHART_PX) < 1) break;
      viewport.width = Math.round(viewport.width + WIDE_CHART_PX - width);
      await page.page.setViewportSize(viewport);
    }
    feed.setMode({ kind: 'rate', messagesPerSecond: WIDE_RATE, samplesPerMessage: 1 });
    await hold(profile.rateWarmupSeconds * 1000);
    const figures = await measureWindow(ctx, page, profile.cost.windowSeconds, WIDE_RATE);
    const run: WideRun = {
      rate: WIDE_RATE,
      chartWidth: await chartWidth(),
      viewportWidth: viewport.width,
      measures: figures.redrawCost?.count ?? 0,
      p50: figures.redrawCost?.p50 ?? Number.NaN,
      p95: figures.redrawCost?.p95 ?? Number.NaN,
      figures,
    };
    ctx.log(
      `  chart ${run.chartWidth.toFixed(0)} px wide: ${run.measures} redraw measures, median ${run.p50?.toFixed(2)} ms, p95 ${run.p95.toFixed(2)} ms`,
    );
    return run;
  } finally {
    feed.setMode({ kind: 'idle' });
    await page.close();
  }
}

/**
 * After the prefill with the feed idle: the main thread while nothing arrives. Then the tab hidden
 * with the feed at 100 msg/s, and on its return the frames until every chart in view is drawn
 * with the newest sample (the feed stops and the page catches up before the return, so any
 * redraw after it includes that sample).
 */
export async function runIdleAndHidden(
  ctx: BenchContext,
): Promise<{ idle: IdleRun; hidden: HiddenRun }> {
  const { feed, profile } = ctx;
  const page = await openReady(ctx, 'pulseboard-worker', { trackMessages: true });
  try {
    feed.setMode({ kind: 'idle' });
    await page.waitCaughtUp(feed, 5_000);
    // The prefill's last redraws land in the next second; the idle window starts after them.
    await hold(1_000);
    const seconds = profile.cost.idleSeconds;
    // The probe's own frame loop would make an idle page render 60 frames a second: off here.
    await page.probe((probe) => probe.frameLoop(false));
    const idleFigures = await measureWindow(ctx, page, seconds, 0);
    await page.probe((probe) => probe.frameLoop(true));
    ctx.log(`  idle ${seconds} s: busy ${(idleFigures.busyShare * 100).toFixed(2)} %`);
    const idle = { seconds, figures: idleFigures };

    feed.setMode({ kind: 'rate', messagesPerSecond: HIDDEN_RATE, samplesPerMessage: 1 });
    await hold(1_000);
    const inView = await page.probe((probe) => probe.visibleMetrics());
    const stateWhileHidden = await setPageHidden(page.page, true);
    // What the page does on the change itself (one commit, say) is not "while hidden".
    await hold(HIDE_SETTLE_MS);
    const before = await page.metrics();
    const figures = await measureWindow(ctx, page, profile.cost.hiddenSeconds, HIDDEN_RATE);
    const after = await page.metrics();
    const delta = (name: string) => (after[name] ?? Number.NaN) - (before[name] ?? Number.NaN);
    feed.setMode({ kind: 'idle' });
    await page.waitCaughtUp(feed, 5_000);
    await page.probe((probe) => probe.markReturn());
    await setPageHidden(page.page, false);
    const catchUp = await pollCatchUp(page, inView);
    const hidden: HiddenRun = {
      rate: HIDDEN_RATE,
      seconds: figures.seconds,
      stateWhileHidden,
      reactCommits: Math.round(figures.reactCommitsPerSecond * figures.seconds),
      redraws: sum(Object.values(figures.redrawsByChart)),
      frames: figures.frame.count ?? Number.NaN,
      layouts: delta('LayoutCount'),
      styleRecalcs: delta('RecalcStyleCount'),
      busyShare: figures.busyShare,
      charts: inView.length,
      catchUp,
    };
    ctx.log(
      `  hidden ${figures.seconds.toFixed(1)} s (${stateWhileHidden}): ${hidden.reactCommits} React commits, ` +
        `${hidden.redraws} redraws, ${hidden.frames} frames, ${hidden.layouts} layouts; back: ` +
        (catchUp
          ? `${catchUp.frames} frame(s) to draw ${catchUp.redrawn} charts`
          : 'not caught up'),
    );
    return { idle, hidden };
  } finally {
    feed.setMode({ kind: 'idle' });
    await page.close();
  }
}

/** Polls (with a deadline) until every chart in `names` redrew since the return. */
async function pollCatchUp(page: SubjectPage, names: string[]): Promise<CatchUp | null> {
  const deadline = Date.now() + CATCH_UP_MS;
  while (Date.now() < deadline) {
    const seen = await page.page.evaluate(
      (metrics) =>
        (
          window as unknown as { __BENCH__: { catchUp(m: string[]): CatchUp | null } }
        ).__BENCH__.catchUp(metrics),
      names,
    );
    if (seen) return seen;
    await hold(50);
  }
  return null;
}

/** Waits (with a deadline) until the page shows at least `count` panels. */
async function waitPanels(page: SubjectPage, count: number): Promise<void> {
  await page.page.waitForFunction(
    (wanted) => document.querySelectorAll('[data-metric]').length >= wanted,
    count,
    { timeout: 20_000, polling: 100 },
  );
}
