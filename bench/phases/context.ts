import type { Browser } from 'playwright-core';
import type { FeedServer } from '../feed-server';
import { paceFlood } from '../flood-pacer';
import type { Profile } from '../profiles';
import {
  isCeiling,
  SubjectPage,
  type OpenOptions,
  type SubjectName,
  type SubjectSites,
} from '../subject-page';

/** What every phase gets: one browser, the three sites, the feed, the profile, a logger. */
export type BenchContext = {
  browser: Browser;
  sites: SubjectSites;
  feed: FeedServer;
  profile: Profile;
  log(line: string): void;
};

/** Interval between simulated samples of one series (the dashboard's nominal 10 samples/s). */
export const SAMPLE_STEP_MS = 100;
/** Samples per message while prefilling: setup only, so as few messages as possible. */
export const PREFILL_BATCH = 3_000;

/**
 * A fresh page on a fresh stream: the feed is reset (new epoch, seq 0), the page loads and goes
 * live, and the charts are filled to `prefillPerSeries` points per series, so what follows is
 * measured at steady-state chart size, as on a wall screen that has run for a while.
 */
export async function openReady(
  ctx: BenchContext,
  name: SubjectName,
  options: OpenOptions = {},
  prefillPerSeries = ctx.profile.prefillPerSeries,
): Promise<SubjectPage> {
  ctx.feed.setMode({ kind: 'idle' });
  ctx.feed.resetStream({ metrics: options.metrics });
  const page = await SubjectPage.open(ctx.browser, ctx.sites, name, ctx.feed, options);
  if (!isCeiling(name) && prefillPerSeries > 0) {
    const caughtUp = await pushSynthetic(ctx, page, {
      perSeries: prefillPerSeries,
      batch: PREFILL_BATCH,
      endTs: Date.now(),
      timeoutMs: 120_000,
    });
    if (!caughtUp) ctx.log(`  ${name}: prefill did not finish within 120 s`);
  }
  return page;
}

/**
 * Pushes `perSeries` samples of every metric with simulated timestamps ending at `endTs`, as fast
 * as the page takes them (paced), and waits until the page has applied them or `timeoutMs`
 * passes. Returns whether it caught up.
 */
export async function pushSynthetic(
  ctx: BenchContext,
  page: SubjectPage,
  push: {
    perSeries: number;
    batch: number;
    endTs: number;
    timeoutMs: number;
    /** Simulated time between two samples of a series (default `SAMPLE_STEP_MS`). */
    stepMs?: number;
  },
): Promise<boolean> {
  const { feed } = ctx;
  const stepMs = push.stepMs ?? SAMPLE_STEP_MS;
  const startTs = push.endTs - push.perSeries * stepMs;
  const total = push.perSeries * feed.metricCount();
  // Whole messages only: a batch larger than the push would stamp samples ahead of `endTs`
  // (the smoke run's 100 points a series ran 40 s into the future, and the page then refused
  // every live sample that followed as older than those).
  const batch = Math.min(push.batch, total);
  const limitSamples = Math.ceil(total / batch) * batch;
  feed.setMode({
    kind: 'flood',
    samplesPerMessage: batch,
    clock: { kind: 'synthetic', startTs, stepMs },
    limitSamples,
  });
  const stop = paceFlood(page, feed, 20);
  const deadline = Date.now() + push.timeoutMs;
  let caughtUp = false;
  while (Date.now() < deadline) {
    if (feed.stats().floodDone) {
      caughtUp = await page.waitCaughtUp(feed, Math.max(1, deadline - Date.now()));
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  feed.setMode({ kind: 'idle' });
  return caughtUp;
}

/** Rounds a rate to two significant digits, so reported trial rates read as chosen numbers. */
export function roundRate(value: number): number {
  if (!(value > 0)) return 0;
  return Math.max(1, Number(value.toPrecision(2)));
}
