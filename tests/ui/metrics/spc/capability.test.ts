import { describe, expect, it } from 'vitest';
import { capability } from '../../../../src/ui/metrics/spc/capability';

describe('process capability', () => {
  it('gives Cp and Cpk of 1 for a centred process whose ±3σ meets the limits', () => {
    // mean 10, sample σ = sqrt((1 + 0 + 1) / 2) = 1
    expect(capability([9, 10, 11], { usl: 13, lsl: 7 })).toEqual({
      n: 3,
      mean: 10,
      sigma: 1,
      cp: 1,
      cpk: 1,
      missing: null,
    });
  });

  it('takes Cpk from the nearer limit of an off-centre process', () => {
    // mean 11.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, σ = sqrt(5 / 3) = 1.29099
    const result = capability([10, 11, 12, 13], { usl: 16, lsl: 8 });
    expect(result.n).toBe(4);
    expect(result.sigma).toBeCloseTo(1.29099, 5);
    expect(result.cp).toBeCloseTo(8 / 7.745967, 5); // 1.03280
    expect(result.cpk).toBeCloseTo(3.5 / 3.872983, 5); // 0.90370, from the LSL side
  });

  it('gives only the one-sided Cpk when only one specification limit is known', () => {
    const upperOnly = capability([10, 11, 12, 13], { usl: 16 });
    expect(upperOnly.cp).toBeNull();
    expect(upperOnly.cpk).toBeCloseTo(4.5 / 3.872983, 5); // 1.16190
    const lowerOnly = capability([10, 11, 12, 13], { lsl: 8 });
    expect(lowerOnly.cp).toBeNull();
    expect(lowerOnly.cpk).toBeCloseTo(0.9037, 4);
  });

  it('gives no index for an empty window or a single point, and says why', () => {
    expect(capability([], { usl: 13, lsl: 7 })).toEqual({
      n: 0,
      mean: null,
      sigma: null,
      cp: null,
      cpk: null,
      missing: 'too-few',
    });
    expect(capability([10], { usl: 13, lsl: 7 })).toMatchObject({
      n: 1,
      mean: 10,
      cp: null,
      missing: 'too-few',
    });
  });

  it('gives no index for a window with no variation rather than an infinite one', () => {
    expect(capability([5, 5, 5], { usl: 13, lsl: 7 })).toMatchObject({
      n: 3,
      sigma: 0,
      cp: null,
      cpk: null,
      missing: 'no-variation',
    });
  });

  it('gives no index without specification limits, or with limits the wrong way round', () => {
    expect(capability([9, 10, 11], {})).toMatchObject({ sigma: 1, cp: null, missing: 'no-spec' });
    expect(capability([9, 10, 11], { usl: 7, lsl: 13 })).toMatchObject({ missing: 'no-spec' });
  });

  it('rests on the finite values only, and counts only them', () => {
    expect(
      capability([9, Number.NaN, 10, Number.POSITIVE_INFINITY, 11], { usl: 13, lsl: 7 }),
    ).toMatchObject({ n: 3, cp: 1, cpk: 1 });
  });
});
