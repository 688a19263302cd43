import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay, DEFAULT_BACKOFF } from '../../src/realtime';

/** A small deterministic PRNG, so the spread test is repeatable. */
function lcg(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

describe('backoff', () => {
  it('tries a few times at the base, then grows exponentially up to the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffCeiling(n, DEFAULT_BACKOFF));
    expect(ceilings).toEqual([2_000, 2_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    const doubling = { ...DEFAULT_BACKOFF, steadyAttempts: 1 };
    expect([1, 2, 3].map((n) => backoffCeiling(n, doubling))).toEqual([2_000, 4_000, 8_000]);
  });

  it('draws a full-jitter delay between the floor and the ceiling', () => {
    expect(backoffDelay(5, DEFAULT_BACKOFF, () => 0)).toBe(DEFAULT_BACKOFF.minMs);
    expect(backoffDelay(5, DEFAULT_BACKOFF, () => 1)).toBe(8_000);
    expect(backoffDelay(5, DEFAULT_BACKOFF, () => 0.5)).toBe(4_050);
  });

  it('never waits less than a close code demands', () => {
    for (const r of [0, 0.3, 1]) {
      expect(backoffDelay(1, DEFAULT_BACKOFF, () => r, 5_000)).toBeGreaterThanOrEqual(5_000);
      expect(backoffDelay(1, DEFAULT_BACKOFF, () => r, 10_000)).toBeGreaterThanOrEqual(10_000);
    }
  });

  /**
   * A thousand dashboards dropped by one restart, each retrying on its own schedule while the
   * server is down (a refused connection fails at once): when do they arrive after it returns?
   */
  function crowdAfterRestart(outageMs: number, options = DEFAULT_BACKOFF): number[] {
    const random = lcg(42);
    return Array.from({ length: 1_000 }, () => {
      let at = 0;
      for (let attempt = 1; at < outageMs; attempt++) at += backoffDelay(attempt, options, random);
      return at - outageMs;
    }).sort((a, b) => a - b);
  }

  it('spreads a thousand dashboards over several seconds after a server restart', () => {
    for (const outageMs of [500, 2_500, 10_000]) {
      const arrivals = crowdAfterRestart(outageMs);
      const perHalfSecond = new Map<number, number>();
      for (const t of arrivals) {
        const bucket = Math.floor(t / 500);
        perHalfSecond.set(bucket, (perHalfSecond.get(bucket) ?? 0) + 1);
      }
      // Spread over seconds, and no half-second takes half the crowd.
      expect(arrivals[949]! - arrivals[0]!).toBeGreaterThan(1_400);
      expect(Math.max(...perHalfSecond.values())).toBeLessThan(500);
    }
  });

  it('brings most dashboards back within a second of a short restart', () => {
    const arrivals = crowdAfterRestart(2_500);
    expect(arrivals[499]).toBeLessThan(1_000);
    expect(arrivals[949]).toBeLessThan(5_000);
    // Pure doubling waits longer the longer the outage was: the flat start is what this buys.
    const doubling = crowdAfterRestart(2_500, { ...DEFAULT_BACKOFF, steadyAttempts: 1 });
    expect(doubling[499]).toBeGreaterThan(1_000);
  });

  it('clamps a misbehaving random source into range', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => -3)).toBe(DEFAULT_BACKOFF.minMs);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 7)).toBe(2_000);
  });
});
