import type { SeriesReader } from './downsample';

/** Below this a series is never called stale: network jitter alone must not make panels flicker. */
export const MIN_STALE_MS = 1_000;

/** The series' usual spacing: the median of its last few intervals (robust to one late sample). */
export function usualIntervalMs(series: SeriesReader, intervals = 9): number | null {
  const deltas: number[] = [];
  for (let i = series.size - 1; i > 0 && deltas.length < intervals; i--) {
    const delta = series.tsAt(i) - series.tsAt(i - 1);
    if (delta > 0) deltas.push(delta);
  }
  if (deltas.length === 0) return null;
  deltas.sort((a, b) => a - b);
  return deltas[Math.floor(deltas.length / 2)] ?? null;
}

export type Staleness =
  | { stale: false }
  /** `since`: when this client last received a point (client clock). */
  | { stale: true; reason: 'data' | 'connection'; since: number };

/**
 * A panel is stale when its series has not updated for more than twice its usual interval, or
 * when no data can arrive because the connection is down (connecting or offline; the HTTP
 * fallback still delivers, so it is not stale by itself).
 */
export function staleness(input: {
  now: number;
  updatedAt: number;
  intervalMs: number | null;
  delivering: boolean;
}): Staleness {
  if (!input.delivering) return { stale: true, reason: 'connection', since: input.updatedAt };
  if (input.intervalMs === null) return { stale: false };
  const limit = Math.max(2 * input.intervalMs, MIN_STALE_MS);
  return input.now - input.updatedAt > limit
    ? { stale: true, reason: 'data', since: input.updatedAt }
    : { stale: false };
}
