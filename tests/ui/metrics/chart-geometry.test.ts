import { describe, expect, it } from 'vitest';
import { tenths } from '../../../src/ui/metrics/chart-geometry';

/** What the path used to write, and must still write. */
const printed = (value: number) => String(Math.round(value * 10) / 10);

describe('tenths', () => {
  it('writes a coordinate rounded to tenths exactly as the number prints', () => {
    const values = [0, -0, 0.04, -0.04, 0.05, -0.05, -0.06, 0.5, -0.5, 1.25, -1.25, 3.05, 12.96];
    for (const value of [...values, -12.96, 99.95, 1599.99, 214748364.7, -214748364.8, 1e12 + 0.3])
      expect(tenths(value)).toBe(printed(value));
  });

  it('agrees with the printed number across a chart’s range of pixels', () => {
    // A fixed walk, not random: a failure must reproduce.
    for (let i = 0; i < 20_000; i++) {
      const value = ((i * 7.919) % 4_000) - 2_000 + i / 1_000;
      expect(tenths(value)).toBe(printed(value));
    }
  });
});
