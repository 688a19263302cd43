import { cpuProfileWanted, startCpuProfile, startWorkerCpuProfiles } from '../cpu-profile';
import { startTrace, traceWanted } from '../trace';
import { paceFlood } from '../flood-pacer';
import { hold } from '../stats';
import { isCeiling, type SubjectName, type SubjectPage } from '../subject-page';
import { openReady, roundRate, type BenchContext } from './context';

/**
 * Ingest: how many messages a page absorbs. Two steps per subject and message shape:
 * 1. capacity: a paced flood (the page sets the pace) measures what it absorbs per second;
 * 2. sustained: fixed-rate trials of `sustainSeconds` at fractions of that capacity, the first one
 *    the page keeps up with is the sustained rate: what the feed actually sent (on a starved
 *    machine the feed may fall short of the trial rate, and then that is the honest figure). "Keeps
 *    up" means it applied >= 97 % of what was sent and the backlog at the end is under a quarter of
 *    a second of messages (or 100 messages): no growth beyond the frame-batched apply.
 * The ceiling page only gets step 1: parsing is all it does, its flood rate is the browser's limit.
 */
export type Shape = 'single' | 'batched';

export type Trial = {
  offered: number;
  sent: number;
  applied: number;
  finalBacklog: number;
  maxBacklog: number;
  keptUp: boolean;
};

export type IngestResult = {
  subject: SubjectName;
  shape: Shape;
  samplesPerMessage: number;
  /** Flood capacity, messages per second. */
  capacity: number;
  /** Main-thread busy share (CDP TaskDuration over wall time) during the flood. */
  floodBusyShare: number;
  /** Highest trial rate kept up with, messages per second (0: none held). */
  sustained: number;
  sustainSeconds: number;
  trials: Trial[];
};

export async function runIngest(
  ctx: BenchContext,
  subject: SubjectName,
  shape: Shape,
): Promise<IngestResult> {
  const { profile } = ctx;
  const samplesPerMessage = shape === 'single' ? 1 : profile.batchSize;
  let page = await openReady(ctx, subject);
  try {
    const { capacity, busyShare } = await floodCapacity(
      ctx,
      page,
      samplesPerMessage,
      `ingest-${subject}-${shape}`,
    );
    ctx.log(`  ${subject} ${shape}: flood capacity ${capacity.toFixed(0)} msg/s`);
    const result: IngestResult = {
      subject,
      shape,
      samplesPerMessage,
      capacity,
      floodBusyShare: busyShare,
      sustained: 0,
      sustainSeconds: subject === 'naive' ? profile.naiveSustainSeconds : profile.sustainSeconds,
      trials: [],
    };
    if (isCeiling(subject)) return result;
    const fractions =
      subject === 'naive' ? profile.naiveSustainFractions : profile.sustainFractions;
    for (const fraction of fractions) {
      const rate = roundRate(capacity * fraction);
      if (rate <= 0) break;
      // A page that fell behind in the last trial carries a backlog: start the next one fresh.
      if (!(await page.waitCaughtUp(ctx.feed, 3_000))) {
        await page.close();
        page = await openReady(ctx, subject);
      }
      const seconds = subject === 'naive' ? profile.naiveSustainSeconds : profile.sustainSeconds;
      const trial = await sustainTrial(ctx, page, samplesPerMessage, rate, seconds);
      result.trials.push(trial);
      ctx.log(
        `  ${subject} ${shape}: ${rate} msg/s for ${seconds} s -> ` +
          `${trial.keptUp ? 'kept up' : 'fell behind'} (applied ${trial.applied.toFixed(0)}/s, ` +
          `backlog ${trial.finalBacklog})`,
      );
      if (trial.keptUp) {
        result.sustained = Math.min(rate, trial.sent);
        break;
      }
    }
    return result;
  } finally {
    ctx.feed.setMode({ kind: 'idle' });
    await page.close();
  }
}

async function floodCapacity(
  ctx: BenchContext,
  page: SubjectPage,
  samplesPerMessage: number,
  /** Names the flood's CPU profile and trace, when they are wanted. */
  label: string,
): Promise<{ capacity: number; busyShare: number }> {
  const { feed, profile } = ctx;
  feed.setMode({ kind: 'flood', samplesPerMessage, clock: { kind: 'wall' } });
  const stop = paceFlood(page, feed);
  try {
    await hold(profile.floodWarmupSeconds * 1000);
    const stopProfile = cpuProfileWanted() ? await startCpuProfile(page.cdp, label) : null;
    // The engine's worker too: with the socket off the main thread, it may be what sets the pace.
    const stopWorkerProfiles = cpuProfileWanted()
      ? await startWorkerCpuProfiles(page.cdp, label)
      : null;
    const stopTrace = traceWanted() ? await startTrace(page.cdp) : null;
    const cdp0 = await page.metrics();
    const start = { seq: await page.appliedSeq(), at: performance.now() };
    await hold(profile.floodSeconds * 1000);
    const end = { seq: await page.appliedSeq(), at: performance.now() };
    const cdp1 = await page.metrics();
    if (stopProfile) {
      ctx.log(`  ${label}: main thread by self time, during the flood:`);
      for (const line of await stopProfile()) ctx.log(`    ${line}`);
    }
    if (stopWorkerProfiles) for (const line of await stopWorkerProfiles()) ctx.log(`    ${line}`);
    if (stopTrace) {
      ctx.log(`  ${label}: main thread by kind of work, during the flood:`);
      for (const line of await stopTrace()) ctx.log(`    ${line}`);
    }
    const wall = (cdp1.Timestamp ?? 0) - (cdp0.Timestamp ?? 0);
    return {
      capacity: ((end.seq - start.seq) / (end.at - start.at)) * 1000,
      busyShare: wall > 0 ? ((cdp1.TaskDuration ?? 0) - (cdp0.TaskDuration ?? 0)) / wall : NaN,
    };
  } finally {
    await stop();
    feed.setMode({ kind: 'idle' });
  }
}

async function sustainTrial(
  ctx: BenchContext,
  page: SubjectPage,
  samplesPerMessage: number,
  rate: number,
  seconds: number,
): Promise<Trial> {
  const { feed } = ctx;
  const applied0 = await page.appliedSeq();
  const sent0 = feed.stats().seq;
  const startedAt = performance.now();
  feed.setMode({ kind: 'rate', messagesPerSecond: rate, samplesPerMessage });
  let maxBacklog = 0;
  let applied = applied0;
  let sentEnd = sent0;
  try {
    while (performance.now() - startedAt < seconds * 1000) {
      await hold(Math.min(1000, seconds * 1000 - (performance.now() - startedAt)));
      applied = await page.appliedSeq(10_000).catch(() => applied);
      sentEnd = feed.stats().seq;
      maxBacklog = Math.max(maxBacklog, sentEnd - applied);
    }
  } finally {
    feed.setMode({ kind: 'idle' });
  }
  const elapsed = (performance.now() - startedAt) / 1000;
  const sent = (sentEnd - sent0) / elapsed;
  const appliedRate = (applied - applied0) / elapsed;
  const finalBacklog = Math.max(0, sentEnd - applied);
  const keptUp =
    appliedRate >= 0.97 * sent && finalBacklog <= Math.max(100, Math.ceil(rate * 0.25));
  return { offered: rate, sent, applied: appliedRate, finalBacklog, maxBacklog, keptUp };
}
