import { describe, expect, it } from 'vitest';
import { formatAxisNumber, formatClock, formatNumber } from '../../../src/ui/i18n/format';

describe('formatting for display', () => {
  it('formats clock times as 24-hour hh:mm:ss in both languages', () => {
    const ts = Date.UTC(2026, 10, 22, 13, 5, 9);
    const local = new Date(ts);
    const hh = String(local.getHours()).padStart(2, '0');
    expect(formatClock(ts, 'en')).toBe(`${hh}:05:09`);
    expect(formatClock(ts, 'ko')).toMatch(/05\D+09/);
  });

  it('shows a dash for a timestamp outside what a date can hold, instead of throwing', () => {
    expect(formatClock(Number.MAX_VALUE, 'en')).toBe('–');
    expect(formatClock(Number.NaN, 'ko')).toBe('–');
  });

  it('keeps the precision it is asked for, whatever formatter was used before', () => {
    expect(formatNumber(5.98, 'en', 2)).toBe('5.98');
    expect(formatNumber(6, 'en', 2)).toBe('6.00');
    expect(formatNumber(1234.5, 'en', 0)).toBe('1,235');
    expect(formatNumber(5.98, 'en')).toBe('5.98');
    expect(formatNumber(6, 'en')).toBe('6');
    expect(formatAxisNumber(137.25, 'en')).toBe('137.25');
    expect(formatAxisNumber(138, 'en')).toBe('138');
  });
});
