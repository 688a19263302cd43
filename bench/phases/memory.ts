import { METRICS } from '../feed-server';
import { hold } from '../stats';
import type { HeapSplit, MemoryReading, SubjectName } from '../subject-page';
import {
  openReady,
  PREFILL_BATCH,
  pushSynthetic,
  SAMPLE_STEP_MS,
  type BenchContext,
} from './context';

/**
 * Memory: a wall screen's day compressed. Warm-up is the charts filled and then an hour of live
 * traffic (so the code paths, caches and JIT state of steady operation exist before the baseline);
 * then the JS heap after GC, DOM nodes and event listeners; then a soak that pushes `soakHours` of
 * 10 samples/s per series as fast as the page takes it (simulated timestamps), read again half-way
 * and at the end; then reconnect cycles (the server closes every connection shortly after its
 * welcome); read again.
 */
export type MemoryResult = {
  subject: SubjectName;
  warm: MemoryReading;
  midSoak: MemoryReading | null;
  afterSoak: MemoryReading;
  afterCycles: MemoryReading;
  /** Pulseboard only: compiled code vs the rest, warm and after the soak (what the growth is). */
  split: { warm: HeapSplit; afterSoak: HeapSplit } | null;
  /** Hours of samples actually pushed after warm-up (the soak is capped in time for a slow page). */
  soakHoursDone: number;
  soakSeconds: number;
  cyclesDone: number;
  cycleSeconds: number;
};

const WARMUP_HOURS = 1;
/** Just enough data during the cycles that resume has something to replay; more would only
 * keep the charts redrawing and stretch the phase. */
const CYCLE_FEED_RATE = 2;
const CYCLE_CLOSE_AFTER_MS = 20;

const perSeriesFor = (hours: number) => Math.round((hours * 3_600_000) / SAMPLE_STEP_MS);
/**
 * The client refuses samples older than its longest chart window (issue 11), so hours of
 * samples stamped 100 ms apart would be refused all but the last minutes: the warm-up then drew
 * no chart at all, and the soak measured the first charts appearing as growth. The whole run's
 * samples (same count: the same volume through the series buffers) are stamped within the last
 * `COMPRESSED_SPAN_MS` instead.
 */
const COMPRESSED_SPAN_MS = 11 * 60_000;

export async function runMemory(ctx: BenchContext, subject: SubjectName): Promise<MemoryResult> {
  const { feed, profile } = ctx;
  const half = perSeriesFor(profile.soakHours / 2);
  const warmHour = perSeriesFor(WARMUP_HOURS);
  // The whole run is laid out in simulated time ending now (fill, warm-up hour, two soak halves),
  // so timestamps stay monotonic and the live samples that follow continue the same line.
  const total = profile.prefillPerSeries + warmHour + 2 * half;
  const stepMs = Math.max(1, Math.floor(COMPRESSED_SPAN_MS / total));
  const soakEnd = Date.now();
  const midEnd = soakEnd - half * stepMs;
  const warmEnd = midEnd - half * stepMs;
  const fillEnd = warmEnd - warmHour * stepMs;
  const page = await openReady(ctx, subject, { retryMs: 10 }, 0);
  const push = (perSeries: number, batch: number, endTs: number, timeoutMs: number) =>
    pushSynthetic(ctx, page, { perSeries, batch, endTs, timeoutMs, stepMs });
  try {
    // The naive peer manages minutes of samples per soak-second at best: a shorter cap shows
    // the same and keeps the full run within a few minutes.
    const capMs =
      (subject === 'naive' ? profile.soakCapSeconds / 2 : profile.soakCapSeconds) * 1000;
    await push(profile.prefillPerSeries, PREFILL_BATCH, fillEnd, 120_000);
    await push(warmHour, profile.soakBatch, warmEnd, capMs / 4);
    const warm = await page.memory();
    // Snapshots cost seconds on the naive peer's 60 MB heap and tell nothing new there.
    const warmSplit = subject === 'naive' ? null : await page.heapSplit();

    const soakStart = performance.now();
    const seq0 = feed.stats().seq;
    const samples0 = feed.stats().samplesPublished;
    let caughtUp = await push(half, profile.soakBatch, midEnd, capMs / 2);
    let midSoak: MemoryReading | null = null;
    if (caughtUp) {
      midSoak = await page.memory();
      const left = capMs - (performance.now() - soakStart);
      caughtUp = left > 0 && (await push(half, profile.soakBatch, soakEnd, left));
    }
    const soakSeconds = (performance.now() - soakStart) / 1000;
    // Whatever the page applied of what was sent counts; a capped soak reports fewer hours.
    const appliedMessages = (await page.appliedSeq(60_000)) - seq0;
    const sentMessages = feed.stats().seq - seq0;
    const sentSamples = feed.stats().samplesPublished - samples0;
    const appliedSamples = sentMessages > 0 ? (sentSamples * appliedMessages) / sentMessages : 0;
    const soakHoursDone = (appliedSamples / METRICS.length) * (SAMPLE_STEP_MS / 3_600_000);
    if (!caughtUp) ctx.log(`  ${subject}: soak capped at ${profile.soakCapSeconds} s`);
    await page.waitCaughtUp(feed, 60_000);
    const afterSoak = await page.memory();
    const soakSplit = warmSplit ? await page.heapSplit() : null;
    ctx.log(
      `  ${subject}: soak ${soakHoursDone.toFixed(2)} h of samples in ${soakSeconds.toFixed(1)} s, ` +
        `heap ${warm.heapMB.toFixed(1)} -> ${afterSoak.heapMB.toFixed(1)} MB`,
    );

    // Reconnect cycles. Pulseboard backs off between attempts (by design); the operator's
    // "Reconnect now" button skips the wait, so the harness presses it whenever it shows. The
    // naive peer retries after a fixed 10 ms here.
    feed.setMode({ kind: 'rate', messagesPerSecond: CYCLE_FEED_RATE, samplesPerMessage: 1 });
    await page.page.evaluate(() => {
      const observer = new MutationObserver(() => {
        const button = [...document.querySelectorAll('button')].find(
          (candidate) => candidate.textContent === 'Reconnect now',
        );
        button?.click();
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true });
      (window as unknown as { __stopCycling?: () => void }).__stopCycling = () =>
        observer.disconnect();
    });
    const welcomes0 = feed.stats().welcomes;
    const cycleStart = performance.now();
    feed.setCycling({ afterMs: CYCLE_CLOSE_AFTER_MS, code: 1012 });
    while (
      feed.stats().welcomes - welcomes0 < profile.reconnectCycles &&
      performance.now() - cycleStart < profile.cycleCapSeconds * 1000
    ) {
      await hold(100);
    }
    feed.setCycling(null);
    const cyclesDone = feed.stats().welcomes - welcomes0;
    const cycleSeconds = (performance.now() - cycleStart) / 1000;
    await page.waitLive(30_000);
    await page.page.evaluate(() =>
      (window as unknown as { __stopCycling?: () => void }).__stopCycling?.(),
    );
    feed.setMode({ kind: 'idle' });
    const afterCycles = await page.memory();
    ctx.log(
      `  ${subject}: ${cyclesDone} reconnect cycles in ${cycleSeconds.toFixed(1)} s, nodes ` +
        `${afterSoak.nodes} -> ${afterCycles.nodes}, listeners ${afterSoak.listeners} -> ${afterCycles.listeners}`,
    );
    return {
      subject,
      warm,
      midSoak,
      afterSoak,
      afterCycles,
      split: warmSplit && soakSplit ? { warm: warmSplit, afterSoak: soakSplit } : null,
      soakHoursDone,
      soakSeconds,
      cyclesDone,
      cycleSeconds,
    };
  } finally {
    feed.setCycling(null);
    feed.setMode({ kind: 'idle' });
    await page.close();
  }
}
