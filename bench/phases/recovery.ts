import { hold } from '../stats';
import type { SubjectName } from '../subject-page';
import { openReady, type BenchContext } from './context';

/**
 * Recovery: the feed server restarts (closes every socket with 1012, stops listening for
 * `outageMs` plus up to a second, comes back on the same port with a new epoch); how long from its return until the
 * badge says live again. Each restart uses a fresh page, so every one starts from a client that
 * has been healthy (a dashboard sees a restart every few hours, not every few seconds) and backoff
 * history from the previous restart does not leak into the next. Pulseboard runs with its
 * production timings here (no `timing=fast`); the naive peer with its fixed 1 s retry.
 */
export type RecoveryResult = {
  subject: SubjectName;
  /** Pulseboard with `timing=fast` (backoff from 250 ms, capped at 2 s): what shorter timings buy. */
  fastTiming: boolean;
  outages: number[];
  times: number[];
  /** Badge states passed through between the server's return and live, per restart. */
  paths: string[];
};

const FEED_RATE = 20;
const LIVE_BEFORE_RESTART_MS = 500;
const GIVE_UP_MS = 45_000;

export async function runRecovery(
  ctx: BenchContext,
  subject: SubjectName,
  fastTiming = false,
): Promise<RecoveryResult> {
  const { feed, profile } = ctx;
  const times: number[] = [];
  const outages: number[] = [];
  const paths: string[] = [];
  for (let restart = 0; restart < profile.restarts; restart++) {
    const page = await openReady(ctx, subject, { fastTiming, retryMs: 1000 }, 0);
    try {
      feed.setMode({ kind: 'rate', messagesPerSecond: FEED_RATE, samplesPerMessage: 1 });
      await hold(LIVE_BEFORE_RESTART_MS);
      await feed.down();
      // Up to a second of random extra outage, so a client retrying on a fixed period is not
      // always caught at the same phase of its retry loop.
      const outage = profile.outageMs + Math.round(Math.random() * 1000);
      outages.push(outage);
      await hold(outage);
      await feed.up();
      const upAt = Date.now();
      const deadline = upAt + GIVE_UP_MS;
      let liveAt: number | undefined;
      while (liveAt === undefined && Date.now() < deadline) {
        const transitions = await page.probe((probe) => probe.liveAt);
        liveAt = transitions.find((at) => at >= upAt);
        if (liveAt === undefined) await hold(25);
      }
      const log = await page.probe((probe) => probe.statusLog);
      const path = log
        .filter((entry) => entry.at >= upAt - outages[outages.length - 1]! - 1_000)
        .map((entry) => entry.status)
        .join(' > ');
      paths.push(path);
      times.push(liveAt === undefined ? Number.POSITIVE_INFINITY : liveAt - upAt);
      ctx.log(
        `  ${subject}${fastTiming ? ' (timing=fast)' : ''} restart ${restart + 1}: live ${liveAt === undefined ? 'never' : `${liveAt - upAt} ms`} after the server returned (badge: ${path})`,
      );
    } finally {
      feed.setMode({ kind: 'idle' });
      await page.close();
    }
  }
  return { subject, fastTiming, outages, times, paths };
}
