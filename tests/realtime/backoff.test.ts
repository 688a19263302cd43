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
  it('grows exponentially up to the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffCeiling(n, DEFAULT_BACKOFF));
    expect(ceilings).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('draws a full-jitter delay between the floor and the ceiling', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(DEFAULT_BACKOFF.minMs);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 1)).toBe(8_000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(4_050);
  });

  it('never waits less than a close code demands', () => {
    for (const r of [0, 0.3, 1]) {
      expect(backoffDelay(1, DEFAULT_BACKOFF, () => r, 5_000)).toBeGreaterThanOrEqual(5_000);
      expect(backoffDelay(1, DEFAULT_BACKOFF, () => r, 10_000)).toBeGreaterThanOrEqual(10_000);
    }
  });

  it('spreads a thousand dashboards over several seconds after a server restart', () => {
    const random = lcg(42);
    // Each dashboard's first two retries, as they would happen if the server stays down briefly.
    const arrivals = Array.from({ length: 1_000 }, () => backoffDelay(1, DEFAULT_BACKOFF, random));
    const perHalfSecond = new Map<number, number>();
    for (const t of arrivals)
      perHalfSecond.set(Math.floor(t / 500), (perHalfSecond.get(Math.floor(t / 500)) ?? 0) + 1);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThan(1_800);
    // No half-second takes more than a third of the crowd.
    expect(Math.max(...perHalfSecond.values())).toBeLessThan(333);
    const second = Array.from({ length: 1_000 }, () => backoffDelay(2, DEFAULT_BACKOFF, random));
    expect(Math.max(...second) - Math.min(...second)).toBeGreaterThan(3_500);
  });

  it('clamps a misbehaving random source into range', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => -3)).toBe(DEFAULT_BACKOFF.minMs);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 7)).toBe(2_000);
  });
});
