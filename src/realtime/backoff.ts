/**
 * Reconnect delays: exponential growth, capped, with full jitter (a uniformly random delay
 * between the floor and the exponential ceiling). Full jitter is what spreads a thousand
 * dashboards over several seconds after a server restart instead of letting them return in
 * the same instant.
 */
export type BackoffOptions = {
  /** Ceiling of the first retry's random delay. */
  baseMs: number;
  /** No delay ever exceeds this. */
  capMs: number;
  /** No delay is shorter than this, so an unlucky draw of 0 cannot make a tight loop. */
  minMs: number;
  /** A connection that stayed healthy this long resets the attempt count. */
  resetAfterMs: number;
};

export const DEFAULT_BACKOFF: BackoffOptions = {
  baseMs: 2_000,
  capMs: 30_000,
  minMs: 100,
  resetAfterMs: 10_000,
};

/** Largest delay attempt `attempt` (1-based) may draw, before any floor a close code imposes. */
export function backoffCeiling(attempt: number, options: BackoffOptions): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(options.capMs, options.baseMs * 2 ** exponent);
}

/**
 * The delay before attempt `attempt` (1-based). `floorMs` comes from the close code (1013 waits
 * at least 5 s, 4429 at least 10 s); the jittered range then sits above that floor.
 *
 * @example
 * backoffDelay(3, DEFAULT_BACKOFF, Math.random) // somewhere in 100..8000 ms
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
