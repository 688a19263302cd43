import { describe, expect, it } from 'vitest';
import {
  QUALITY_CHARACTERISTICS,
  QualityLine,
  type QualityCharacteristic,
} from '../../backend/quality-line';
import { seededRandom } from '../../backend/random';

/**
 * The product quality lines: in control most of the time, drifting now and then so that the
 * Western Electric rules fire. The rules here are a plain reading of them, written for this test
 * (sigma = (ucl - cl) / 3, as the dashboard computes it).
 */

/** Index of the first sample at which any of rules 1-4 fires, or -1. */
function firstRuleFiring(values: readonly number[], c: QualityCharacteristic): number {
  const z = values.map((v) => (v - c.cl) / c.sigma);
  const side = (x: number) => Math.sign(x);
  for (let i = 0; i < z.length; i++) {
    const last = (n: number) => (i + 1 >= n ? z.slice(i + 1 - n, i + 1) : null);
    if (Math.abs(z[i]!) > 3) return i;
    for (const [n, k, limit] of [
      [3, 2, 2],
      [5, 4, 1],
    ] as const) {
      const window = last(n);
      if (!window) continue;
      for (const s of [1, -1])
        if (window.filter((x) => side(x) === s && Math.abs(x) > limit).length >= k) return i;
    }
    const eight = last(8);
    if (eight && (eight.every((x) => x > 0) || eight.every((x) => x < 0))) return i;
  }
  return -1;
}

function series(seed: number, count: number): Map<string, number[]> {
  const line = new QualityLine(seededRandom(seed));
  const out = new Map<string, number[]>(QUALITY_CHARACTERISTICS.map((c) => [c.name, []]));
  for (let i = 0; i < count; i++)
    for (const sample of line.next(i * 1_000)) out.get(sample.name)!.push(sample.value);
  return out;
}

describe('backend: quality lines', () => {
  it('replays the same measurements from the same seed', () => {
    expect([...series(5, 200)]).toEqual([...series(5, 200)]);
    expect([...series(5, 200)]).not.toEqual([...series(6, 200)]);
  });

  it('drift makes a rule-firing run within 60 samples, for every characteristic and seed', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const all = series(seed, 60);
      for (const c of QUALITY_CHARACTERISTICS)
        expect(firstRuleFiring(all.get(c.name)!, c), `${c.name}, seed ${seed}`).toBeGreaterThan(-1);
    }
  });

  it('is centred before its first drift: the first 15 samples average within 1 sigma of cl', () => {
    for (const seed of [1, 2, 3]) {
      const all = series(seed, 15);
      for (const c of QUALITY_CHARACTERISTICS) {
        const values = all.get(c.name)!;
        const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
        expect(Math.abs(mean - c.cl), `${c.name}, seed ${seed}`).toBeLessThan(c.sigma);
      }
    }
  });

  it('drifts now and then, not all the time: most samples stay within 2 sigma', () => {
    const all = series(9, 2_000);
    for (const c of QUALITY_CHARACTERISTICS) {
      const values = all.get(c.name)!;
      const wide = values.filter((v) => Math.abs(v - c.cl) > 2 * c.sigma).length / values.length;
      expect(wide, c.name).toBeLessThan(0.2);
      // Episodes: count the rule firings that start after a quiet stretch of 8 samples.
      let episodes = 0;
      let quietUntil = -1;
      for (let i = 0; i < values.length; i++) {
        if (i < quietUntil) continue;
        const at = firstRuleFiring(values.slice(Math.max(0, i - 7), i + 1), c);
        if (at === Math.min(i, 7)) {
          episodes++;
          quietUntil = i + 20;
        }
      }
      expect(episodes, c.name).toBeGreaterThan(15);
      expect(episodes, c.name).toBeLessThan(100);
    }
  });

  it('driftNow moves every process off centre from the next sample on', () => {
    const line = new QualityLine(seededRandom(3));
    line.driftNow();
    const next = Array.from({ length: 8 }, (_, i) => line.next(i));
    for (const [index, c] of QUALITY_CHARACTERISTICS.entries()) {
      const mean = next.reduce((sum, samples) => sum + samples[index]!.value, 0) / next.length;
      expect(Math.abs(mean - c.cl), c.name).toBeGreaterThan(c.sigma);
    }
  });

  it('rounds each measurement to its characteristic and names its unit', () => {
    const [wall, fill] = new QualityLine(seededRandom(1)).next(0);
    expect(wall).toMatchObject({ name: 'p42_wall_thickness', unit: 'mm', ts: 0 });
    expect(Number(wall!.value.toFixed(3))).toBe(wall!.value);
    expect(fill).toMatchObject({ name: 'p42_fill_weight', unit: 'g' });
    expect(Number(fill!.value.toFixed(1))).toBe(fill!.value);
  });
});
