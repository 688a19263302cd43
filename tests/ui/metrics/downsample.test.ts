import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/store';
import { downsampleMinMax } from '../../../src/ui/metrics/downsample';
import { staleness, usualIntervalMs } from '../../../src/ui/metrics/staleness';
import { timeTicks } from '../../../src/ui/metrics/time-ticks';

function series(values: number[], capacity = values.length) {
  const buffer = new RingBuffer(capacity);
  values.forEach((value, i) => buffer.push(i * 100, value));
  return buffer;
}

describe('downsampleMinMax', () => {
  it('reduces a 15-minute window at 10 samples/s to about the chart width', () => {
    const values = Array.from({ length: 9_000 }, (_, i) => Math.sin(i / 50));
    const points = downsampleMinMax(series(values), 0, 9_000, 600);
    expect(points.length).toBeLessThanOrEqual(601);
    expect(points.length).toBeGreaterThan(300);
  });

  it('keeps a one-sample spike that averaging or skipping would lose', () => {
    const values = Array.from({ length: 5_000 }, () => 4);
    values[2_345] = 9.1;
    values[4_000] = -3;
    const points = downsampleMinMax(series(values), 0, values.length, 200);
    expect(points.map((p) => p.value)).toContain(9.1);
    expect(points.map((p) => p.value)).toContain(-3);
  });

  it('keeps time order and ends exactly at the newest point', () => {
    const values = Array.from({ length: 1_000 }, (_, i) => (i * 7919) % 13);
    const points = downsampleMinMax(series(values), 0, 1_000, 50);
    for (let i = 1; i < points.length; i++)
      expect(points[i]!.ts).toBeGreaterThan(points[i - 1]!.ts);
    expect(points[points.length - 1]).toEqual({ ts: 99_900, value: values[999] });
  });

  it('returns the points unchanged when they already fit, across the ring wrap-around', () => {
    const buffer = new RingBuffer(4);
    [1, 2, 3, 4, 5, 6].forEach((v) => buffer.push(v, v));
    expect(downsampleMinMax(buffer, 1, 4, 100)).toEqual([
      { ts: 4, value: 4 },
      { ts: 5, value: 5 },
      { ts: 6, value: 6 },
    ]);
  });
});

describe('staleness', () => {
  it('takes the usual interval as the median, so one late sample does not change it', () => {
    const buffer = new RingBuffer(20);
    [0, 250, 500, 750, 5_000, 5_250, 5_500].forEach((ts) => buffer.push(ts, 1));
    expect(usualIntervalMs(buffer)).toBe(250);
  });

  it('calls a series stale after more than twice its usual interval', () => {
    const at = (now: number) =>
      staleness({ now, updatedAt: 10_000, intervalMs: 1_000, delivering: true });
    expect(at(12_000)).toEqual({ stale: false });
    expect(at(12_001)).toEqual({ stale: true, reason: 'data', since: 10_000 });
  });

  it('calls every series stale while the connection cannot deliver', () => {
    expect(
      staleness({ now: 10_001, updatedAt: 10_000, intervalMs: 1_000, delivering: false }),
    ).toEqual({ stale: true, reason: 'connection', since: 10_000 });
  });
});

describe('timeTicks', () => {
  it('never repeats a label while the window holds only a few seconds', () => {
    expect(timeTicks(10_200, 12_900, 4)).toEqual([11_000, 12_000]);
  });

  it('uses round steps and at most the ticks that fit', () => {
    const ticks = timeTicks(0, 15 * 60_000, 5);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks[1]! - ticks[0]!).toBe(300_000);
  });
});
