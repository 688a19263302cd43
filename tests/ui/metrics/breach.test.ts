import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/store';
import { breachState } from '../../../src/ui/metrics/breach';

const T0 = Date.UTC(2026, 11, 2, 10, 42, 0);

/** A series of `values`, one second apart from T0. */
function series(values: readonly number[], capacity = 100) {
  const buffer = new RingBuffer(capacity);
  values.forEach((value, i) => buffer.push(T0 + i * 1_000, value));
  return buffer;
}

const COLD_CHAIN = [
  { kind: 'max', value: 8 },
  { kind: 'min', value: 2 },
] as const;

describe('breach state', () => {
  it('is nothing while the latest value is within its limits', () => {
    expect(breachState(series([9, 9, 5]), COLD_CHAIN)).toBeNull();
    expect(breachState(series([8]), COLD_CHAIN)).toBeNull();
    expect(breachState(series([2]), COLD_CHAIN)).toBeNull();
    expect(breachState(series([]), COLD_CHAIN)).toBeNull();
    expect(breachState(series([100]), [])).toBeNull();
  });

  it('names the upper limit a value is above, since the first sample of the run', () => {
    const breach = breachState(series([5, 8.5, 6, 8.1, 8.4, 9]), COLD_CHAIN);
    expect(breach).toEqual({
      level: 'high',
      side: 'above',
      limit: COLD_CHAIN[0],
      since: T0 + 3_000,
    });
  });

  it('names the lower limit a value is below', () => {
    const breach = breachState(series([4, 1.9, 1.5]), COLD_CHAIN);
    expect(breach).toEqual({
      level: 'low',
      side: 'below',
      limit: COLD_CHAIN[1],
      since: T0 + 1_000,
    });
  });

  it('counts a run older than the samples kept from the oldest one kept', () => {
    const buffer = series([9, 9, 9, 9, 9], 3);
    expect(breachState(buffer, COLD_CHAIN)?.since).toBe(T0 + 2_000);
  });

  it('calls warn and control limits warnings, and an alarm limit wins over them', () => {
    const limits = [
      { kind: 'warnHigh', value: 7 },
      { kind: 'high', value: 8 },
      { kind: 'warnLow', value: 3 },
      { kind: 'low', value: 2 },
    ];
    expect(breachState(series([7.5]), limits)?.level).toBe('warn-high');
    expect(breachState(series([7.5, 8.5]), limits)).toMatchObject({
      level: 'high',
      limit: { kind: 'high' },
      since: T0 + 1_000,
    });
    expect(breachState(series([2.5]), limits)?.level).toBe('warn-low');
    expect(breachState(series([1]), limits)?.level).toBe('low');
    expect(breachState(series([503]), [{ kind: 'ucl', value: 502 }])?.level).toBe('warn-high');
    expect(breachState(series([497]), [{ kind: 'lcl', value: 498 }])?.level).toBe('warn-low');
    expect(breachState(series([7.5]), [{ kind: 'warnMax', value: 7 }])?.level).toBe('warn-high');
    expect(breachState(series([2.5]), [{ kind: 'warnMin', value: 3 }])?.level).toBe('warn-low');
  });

  it('names the tightest of two limits of one level, whose run began first', () => {
    const limits = [
      { kind: 'max', value: 10 },
      { kind: 'high', value: 8 },
    ];
    expect(breachState(series([9, 11]), limits)).toMatchObject({ limit: limits[1], since: T0 });
  });

  it('the warn run is measured against the warn limit, not the alarm it became', () => {
    const limits = [
      { kind: 'warnHigh', value: 7 },
      { kind: 'max', value: 8 },
    ];
    // Warned from the second sample, alarmed from the fourth: the alarm is since the fourth.
    expect(breachState(series([5, 7.5, 7.8, 8.2, 8.6]), limits)?.since).toBe(T0 + 3_000);
  });

  it('ignores limits of unknown kind or with a value that is not a number', () => {
    const limits = [
      { kind: '__proto__', value: 1 },
      { kind: 'constructor', value: 1 },
      { kind: 'max', value: Number.NaN },
      { kind: 'min', value: Number.POSITIVE_INFINITY },
    ];
    expect(breachState(series([5]), limits)).toBeNull();
  });
});
