/**
 * Reconnect delays: a few tries at the base, then exponential growth, capped, with full jitter (a
 * uniformly random delay between the floor and the ceiling). Full jitter is what spreads a
 * thousand dashboards over seconds after a server restart instead of letting them return in the
 * same instant. The flat start is what brings them back soon after a short restart: with pure
 * doubling the wait after the server returns grows with the length of the outage (about 0.6 x
 * the outage at the median), so a 2-3 s deploy would cost operators another 1.5 s of red.
 */
export type BackoffOptions = {
  /** Ceiling of the first retries' random delay. */
  baseMs: number;
  /** Attempts that draw from the base before the ceiling starts doubling. */
  steadyAttempts: number;
  /**
   * The jittered range is never wider than this. A close code's floor sits under the range, so
   * 4429 (10 s floor) may wait up to 10 s + 30 s: the server asked for the floor, the jitter
   * still spreads the crowd.
   */
  capMs: number;
  /** No delay is shorter than this, so an unlucky draw of 0 cannot make a tight loop. */
  minMs: number;
  /** A connection that stayed healthy this long resets the attempt count. */
  resetAfterMs: number;
};

/**
 * The first three retries land anywhere in 0.1-2 s, then 0.1-4, 8, 16 and 30 s. After a 2-3 s
 * restart half the dashboards are back within about 0.7 s of the server and nearly all within
 * 3 s, and no half-second takes more than about 40 % of them (tests/realtime/backoff.test.ts
 * runs that crowd).
 */
export const DEFAULT_BACKOFF: BackoffOptions = {
  baseMs: 2_000,
  steadyAttempts: 3,
  capMs: 30_000,
  minMs: 100,
  resetAfterMs: 10_000,
};

/** Largest delay attempt `attempt` (1-based) may draw, before any floor a close code imposes. */
export function backoffCeiling(attempt: number, options: BackoffOptions): number {
  const exponent = Math.max(0, Math.min(attempt - Math.max(1, options.steadyAttempts), 30));
  return Math.min(options.capMs, options.baseMs * 2 ** exponent);
}

/**
 * The delay before attempt `attempt` (1-based). `floorMs` comes from the close code (1013 waits
 * at least 5 s, 4429 at least 10 s); the jittered range then sits above that floor.
 *
 * @example
 * backoffDelay(5, DEFAULT_BACKOFF, Math.random) // somewhere in 100..8000 ms
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
  floorMs = 0,
): number {
  const ceiling = backoffCeiling(attempt, options);
  const floor = Math.max(options.minMs, floorMs);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(floor + r * Math.max(0, ceiling - options.minMs));
}
