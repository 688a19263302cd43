/**
 * Gathers alerts that arrive close together into one announcement, so a storm is heard as "40 new
 * critical alerts" once, not forty interruptions. An announcement goes out when arrivals have
 * been quiet for `quietMs`, and at the latest `maxWaitMs` after the first one it holds (a storm
 * that never pauses is still announced, once per `maxWaitMs`). Framework-free; timers injected.
 */
export type Batch = {
  /** How many arrived in this batch (at least 1). */
  count: number;
  /** The first of them: a batch of one is announced by its title. */
  first: string;
};

export type AnnouncementBatch = {
  add(title: string): void;
  /** Drops what is held and stops the timer. */
  dispose(): void;
};

export type BatchOptions = {
  quietMs: number;
  maxWaitMs: number;
  flush(batch: Batch): void;
  setTimeout(action: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
};

export function createAnnouncementBatch(options: BatchOptions): AnnouncementBatch {
  let count = 0;
  let first = '';
  let firstAt = 0;
  let timer: unknown = null;

  const fire = () => {
    timer = null;
    const batch = { count, first };
    count = 0;
    first = '';
    if (batch.count > 0) options.flush(batch);
  };

  return {
    add(title) {
      const now = options.now();
      if (count === 0) {
        first = title;
        firstAt = now;
      }
      count++;
      if (timer !== null) options.clearTimeout(timer);
      const untilMax = Math.max(0, firstAt + options.maxWaitMs - now);
      timer = options.setTimeout(fire, Math.min(options.quietMs, untilMax));
    },
    dispose() {
      if (timer !== null) options.clearTimeout(timer);
      timer = null;
      count = 0;
      first = '';
    },
  };
}
