import { describe, expect, it } from 'vitest';
import { exactDigits } from '../../../../src/ui/metrics/inspect/exact-digits';

describe('exactDigits', () => {
  it('keeps the digits a sample has beyond the panel decimals', () => {
    expect(exactDigits(3.96, 1)).toBe(2);
    expect(exactDigits(-0.125, 0)).toBe(3);
  });

  it('never shows fewer digits than the panel does', () => {
    expect(exactDigits(4, 1)).toBe(1);
    expect(exactDigits(2.5, 2)).toBe(2);
  });

  it('does not count float noise as digits', () => {
    expect(exactDigits(0.1 + 0.2, 1)).toBe(1);
    expect(exactDigits(5 - 0.1, 0)).toBe(1);
    expect(exactDigits(1 / 3, 0)).toBe(6);
  });

  it('leaves exponent-notation and non-finite values to the panel format', () => {
    expect(exactDigits(1e-9, 2)).toBe(2);
    expect(exactDigits(1e25, 0)).toBe(0);
    expect(exactDigits(Number.NaN, 1)).toBe(1);
  });
});
