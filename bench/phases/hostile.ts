import { cpuProfileWanted, startCpuProfile } from '../cpu-profile';
import { startTrace, traceWanted } from '../trace';
import { HOSTILE_FRAME_BYTES } from '../hostile-frames';
import { hold, max, percentile } from '../stats';
import type { SubjectName, SubjectPage } from '../subject-page';
import { attachWorkerHeaps, type WorkerHeaps } from '../worker-heap';
import { openReady, type BenchContext } from './context';

/**
 * A hostile backend (issue 11): on a page that has run a while (charts filled), the feed turns
 * into a flood of frames of just under 1 MiB whose every sample names a metric never seen before,
 * as fast as the socket takes them, for `hostileSeconds`, then goes quiet for as long again (at
 * least `MIN_SETTLE_SECONDS`: what the flood left behind, a backlog or a thousand new panels to
 * draw, costs the page then). Over both: how long the page's main thread makes a task wait (a
 * timer every 10 ms in the page, its lateness: what the target is judged on), how long it takes to
 * answer a key press (a real one through CDP every 100 ms, timed by the page's Event Timing from
 * the press to the next paint after its handlers: what an operator at the keyboard waits for;
 * input goes ahead of waiting timers, but this includes painting), the round trip of a trivial
 * `page.evaluate` every 100 ms from here (the same plus the harness's own delays), the JS heap
 * every second; at the end, the heap after full GCs. Workers count: with the engine in a Web
 * Worker, its heap is part of the page's.
 */
export type HeapFigures = { mainMB: number; workerMB: number | null; totalMB: number };

export type Latency = { p99: number; worst: number; samples: number };

export type HostileResult = {
  subject: SubjectName;
  /** The flood's length, and the quiet time after it that is measured too. */
  seconds: number;
  settleSeconds: number;
  frameBytes: number;
  sent: { frames: number; megabytes: number; names: number };
  /** Frames the page had applied by the end of the quiet time. */
  appliedFrames: number;
  /**
   * Key presses every 100 ms through CDP, by the page's Event Timing: from the press to the next
   * paint after its handlers. Presses answered within 16 ms are not reported by Event Timing and
   * count as 16. Absent from figures saved before it was measured.
   */
  keyPress?: Latency;
  /** In-page: lateness of a 10 ms timer chain (how long a waiting task waited). */
  wait: Latency;
  /** From the harness: `page.evaluate(() => 0)` every 100 ms. */
  roundTrip: Latency;
  /** CDP `TaskDuration` over wall time, flood and quiet time (main thread). */
  busyShare: number;
  heapBefore: HeapFigures;
  /** The most the heap held (main thread plus workers, no GC forced) in the once-a-second reads. */
  heapPeakMB: number;
  heapAfter: HeapFigures;
  /** Series the store holds, and metric panels on the page, at the end. */
  series: number;
  panels: number;
  /** The connection badge at the end (live, connecting, fallback or offline). */
  status: string;
  pageErrors: number;
};

const WAIT_PERIOD_MS = 10;
const ROUND_TRIP_EVERY_MS = 100;
const KEY_PRESS_EVERY_MS = 100;
/** The shortest event Event Timing reports: a press answered sooner counts as this. */
const EVENT_TIMING_FLOOR_MS = 16;
const HEAP_EVERY_MS = 1_000;
const MIN_SETTLE_SECONDS = 3;
/**
 * A page that takes longer than this to answer is measured (the wait is the finding); one that
 * has not answered in this long is jammed beyond measuring: the phase fails.
 */
const ANSWER_TIMEOUT_MS = 300_000;

type WaitProbe = { stop(): number[] };

/** Runs in the page: a timer chain whose lateness is how long the main thread kept it waiting. */
function startWaitProbe(period: number): void {
  const lateness: number[] = [];
  let running = true;
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    lateness.push(Math.max(0, now - last - period));
    last = now;
    if (running) setTimeout(tick, period);
  };
  setTimeout(tick, period);
  const probe: WaitProbe = {
    stop() {
      running = false;
      return lateness;
    },
  };
  (window as unknown as { __HOSTILE_WAIT__: WaitProbe }).__HOSTILE_WAIT__ = probe;
}

type KeyProbe = { stop(): number[] };

/** Runs in the page: the duration of each `keydown` Event Timing reports (press to next paint). */
function startKeyProbe(floor: number): void {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'keydown') durations.push(entry.duration);
  });
  observer.observe({ type: 'event', durationThreshold: floor } as PerformanceObserverInit);
  const probe: KeyProbe = {
    stop() {
      for (const entry of observer.takeRecords())
        if (entry.name === 'keydown') durations.push(entry.duration);
      observer.disconnect();
      return durations;
    },
  };
  (window as unknown as { __HOSTILE_KEYS__: KeyProbe }).__HOSTILE_KEYS__ = probe;
}

/** A press and release of Shift: a real key event that no part of the page acts on. */
async function pressShift(page: SubjectPage): Promise<void> {
  const key = { key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16 };
  await page.cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
  await page.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
}

function latency(values: number[]): Latency {
  return { p99: percentile(values, 99), worst: max(values), samples: values.length };
}

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer in ${ANSWER_TIMEOUT_MS} ms`)),
      ANSWER_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function heapNow(page: SubjectPage, workers: WorkerHeaps): Promise<number> {
  const metrics = await page.metrics();
  const workerMB = (await workers.usedMB(false)) ?? 0;
  return (metrics.JSHeapUsedSize ?? Number.NaN) / 1024 / 1024 + workerMB;
}

async function heapAfterGc(page: SubjectPage, workers: WorkerHeaps): Promise<HeapFigures> {
  const workerMB = await workers.usedMB(true);
  const mainMB = (await page.memory()).heapMB;
  return { mainMB, workerMB, totalMB: mainMB + (workerMB ?? 0) };
}

/** Samples `read` every `everyMs` until stopped; a sample waits for the previous one. */
function sampleEvery<T>(everyMs: number, read: () => Promise<T>) {
  const values: T[] = [];
  let running = true;
  let failure: unknown = null;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        values.push(await read());
      } catch (error) {
        failure = error;
        return;
      }
      await hold(Math.max(0, everyMs - (performance.now() - started)));
    }
  })();
  return async (): Promise<T[]> => {
    running = false;
    await loop;
    if (failure !== null) throw failure;
    return values;
  };
}

export async function runHostile(ctx: BenchContext, subject: SubjectName): Promise<HostileResult> {
  const { feed, profile } = ctx;
  const page = await openReady(ctx, subject);
  const workers = await attachWorkerHeaps(page.cdp);
  try {
    if (!(await page.waitCaughtUp(feed, 10_000))) ctx.log(`  ${subject}: not caught up before`);
    const heapBefore = await heapAfterGc(page, workers);
    await page.page.evaluate(startWaitProbe, WAIT_PERIOD_MS);
    await page.page.evaluate(startKeyProbe, EVENT_TIMING_FLOOR_MS);
    const sent0 = { ...feed.stats().hostile };
    const applied0 = await page.appliedSeq();
    const cdp0 = await page.metrics();
    const settleSeconds = Math.max(MIN_SETTLE_SECONDS, profile.hostileSeconds);
    const startedAt = performance.now();
    const stopRoundTrips = sampleEvery(ROUND_TRIP_EVERY_MS, async () => {
      const at = performance.now();
      await withTimeout(
        page.page.evaluate(() => 0),
        `${subject}: page.evaluate`,
      );
      return performance.now() - at;
    });
    const stopKeys = sampleEvery(KEY_PRESS_EVERY_MS, () =>
      withTimeout(pressShift(page), `${subject}: key press`),
    );
    const stopHeap = sampleEvery(HEAP_EVERY_MS, () =>
      withTimeout(heapNow(page, workers), `${subject}: heap`),
    );
    const stopProfile = cpuProfileWanted()
      ? await startCpuProfile(page.cdp, `hostile-${subject.replace(/\W+/g, '-')}`)
      : null;
    const stopTrace = traceWanted() ? await startTrace(page.cdp) : null;
    feed.setMode({ kind: 'hostile' });
    let seconds = 0;
    try {
      await hold(profile.hostileSeconds * 1000);
    } finally {
      feed.setMode({ kind: 'idle' });
      seconds = (performance.now() - startedAt) / 1000;
    }
    const sent1 = feed.stats().hostile;
    await hold(settleSeconds * 1000);
    const [roundTrips, heaps, presses] = await Promise.all([
      stopRoundTrips(),
      stopHeap(),
      stopKeys(),
    ]);
    if (stopProfile) {
      ctx.log(`  ${subject}: main thread by self time, flood and quiet time:`);
      for (const line of await stopProfile()) ctx.log(`    ${line}`);
    }
    if (stopTrace) for (const line of await stopTrace()) ctx.log(`    ${line}`);
    const cdp1 = await page.metrics();
    const appliedFrames = (await page.appliedSeq(ANSWER_TIMEOUT_MS)) - applied0;
    const waits = await withTimeout(
      page.page.evaluate(() =>
        (window as unknown as { __HOSTILE_WAIT__: WaitProbe }).__HOSTILE_WAIT__.stop(),
      ),
      `${subject}: wait probe`,
    );
    const slowPresses = await withTimeout(
      page.page.evaluate(() =>
        (window as unknown as { __HOSTILE_KEYS__: KeyProbe }).__HOSTILE_KEYS__.stop(),
      ),
      `${subject}: key probe`,
    );
    // Every press made counts; those Event Timing did not report were answered within its floor.
    const keyPresses = [
      ...slowPresses,
      ...Array.from(
        { length: Math.max(0, presses.length - slowPresses.length) },
        () => EVENT_TIMING_FLOOR_MS,
      ),
    ];
    const late = waits
      .map((ms, i) => ({ ms, at: (i * WAIT_PERIOD_MS) / 1000 }))
      .filter((w) => w.ms > 100)
      .slice(0, 8);
    if (late.length > 0)
      // Tick times are approximate (10 ms per tick before it), enough to tell a flood's start
      // from the mounting after it.
      ctx.log(
        `  ${subject}: waits over 100 ms near ${late.map((w) => `+${w.at.toFixed(1)} s (${w.ms.toFixed(0)} ms)`).join(', ')}`,
      );
    // The worst wait is one sample and moves a lot between runs; how many waits were long, and
    // their lateness in all, tell two builds apart better.
    const over = (limit: number) => waits.filter((ms) => ms > limit);
    ctx.log(
      `  ${subject}: waits over 50 ms: ${over(50).length}, over 30 ms: ${over(30).length} (${over(
        30,
      )
        .reduce((sum, ms) => sum + ms, 0)
        .toFixed(0)} ms in all)`,
    );
    const heapAfter = await heapAfterGc(page, workers);
    const seen = await page.page.evaluate(() => {
      type Handle = { store: { getState(): { series: unknown } } };
      const handle = (window as unknown as { __PULSEBOARD__?: Handle }).__PULSEBOARD__;
      const series = handle?.store.getState().series;
      return {
        // The store's series were a plain object and are becoming a Map: count either.
        series:
          series instanceof Map
            ? series.size
            : series && typeof series === 'object'
              ? Object.keys(series).length
              : Number.NaN,
        panels: document.querySelectorAll('[data-metric]').length,
        status:
          document.querySelector('[data-testid="connection-badge"]')?.getAttribute('data-status') ??
          '',
      };
    });
    const wall = (cdp1.Timestamp ?? 0) - (cdp0.Timestamp ?? 0);
    const result: HostileResult = {
      subject,
      seconds,
      settleSeconds,
      frameBytes: HOSTILE_FRAME_BYTES,
      sent: {
        frames: sent1.frames - sent0.frames,
        megabytes: (sent1.bytes - sent0.bytes) / 1024 / 1024,
        names: sent1.names - sent0.names,
      },
      appliedFrames,
      keyPress: latency(keyPresses),
      wait: latency(waits),
      roundTrip: latency(roundTrips),
      busyShare: wall > 0 ? ((cdp1.TaskDuration ?? 0) - (cdp0.TaskDuration ?? 0)) / wall : NaN,
      heapBefore,
      heapPeakMB: max([...heaps, heapAfter.totalMB]),
      heapAfter,
      ...seen,
      pageErrors: page.errors.length,
    };
    ctx.log(
      `  ${subject}: ${result.sent.frames} frames (${result.sent.megabytes.toFixed(0)} MB, ` +
        `${result.sent.names} names) in ${seconds.toFixed(1)} s, ${appliedFrames} applied; ` +
        `key press worst ${result.keyPress?.worst.toFixed(0)} ms (${presses.length} presses, ${slowPresses.length} over ${EVENT_TIMING_FLOOR_MS} ms), ` +
        `wait worst ${result.wait.worst.toFixed(0)} ms, round trip worst ` +
        `${result.roundTrip.worst.toFixed(0)} ms; heap ${heapBefore.totalMB.toFixed(1)} -> peak ` +
        `${result.heapPeakMB.toFixed(1)} -> ${heapAfter.totalMB.toFixed(1)} MB after GC; ` +
        `${result.series} series, ${result.panels} panels, ${result.status}`,
    );
    return result;
  } finally {
    feed.setMode({ kind: 'idle' });
    await workers.detach();
    await page.close();
  }
}
