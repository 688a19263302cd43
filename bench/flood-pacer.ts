import type { FeedServer } from './feed-server';
import type { SubjectPage } from './subject-page';
import { hold } from './stats';

/**
 * Keeps a flood's in-flight work at about half a second of what the page currently manages
 * (never less than `minWindow` messages): enough that the page never waits for the network, little
 * enough that stopping leaves no long queue behind. Reads the page's applied seq every ~20 ms.
 */
export function paceFlood(
  page: SubjectPage,
  feed: FeedServer,
  minWindow = 200,
): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    let rate = 0;
    let last = { at: performance.now(), seq: await page.appliedSeq().catch(() => 0) };
    feed.allowUpTo(last.seq + minWindow);
    while (running) {
      const applied = await page.appliedSeq().catch(() => last.seq);
      const now = performance.now();
      if (now - last.at >= 100) {
        const measured = ((applied - last.seq) / (now - last.at)) * 1000;
        rate = rate === 0 ? measured : rate * 0.7 + measured * 0.3;
        last = { at: now, seq: applied };
      }
      feed.allowUpTo(applied + Math.max(minWindow, Math.ceil(rate * 0.5)));
      await hold(20);
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}
