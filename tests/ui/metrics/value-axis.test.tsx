import { act, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RingBuffer, type SeriesEntry } from '../../../src/store';
import MetricChart from '../../../src/ui/metrics/MetricChart';
import { linePath } from '../../../src/ui/metrics/chart-geometry';
import { FrameFeed } from '../../../src/ui/metrics/frame-feed';
import { drawFrame } from '../../../src/ui/metrics/MetricPanel';
import { valueAxis } from '../../../src/ui/metrics/value-axis';

describe('value axis', () => {
  it('puts the data on round bounds with round ticks', () => {
    expect(valueAxis([3.2, 7.9], false, null)).toEqual({ domain: [2, 8], ticks: [2, 4, 6, 8] });
    expect(valueAxis([0.38, 0.44], false, null)).toEqual({
      domain: [0.38, 0.44],
      ticks: [0.38, 0.4, 0.42, 0.44],
    });
    expect(valueAxis([-3.1, 2.2], false, null).domain).toEqual([-4, 4]);
  });

  it('gives a whole-number series whole-number ticks', () => {
    expect(valueAxis([12, 13], true, null).ticks).toEqual([12, 13]);
    expect(valueAxis([1_750, 1_850], true, null).ticks).toEqual([
      1_750, 1_775, 1_800, 1_825, 1_850,
    ]);
    for (const tick of valueAxis([3, 9], true, null).ticks)
      expect(Number.isInteger(tick)).toBe(true);
  });

  it('keeps the axis while the data stays inside it and fills a fair share of it', () => {
    const shown = valueAxis([3.2, 7.9], false, null);
    expect(valueAxis([4, 7], false, shown)).toBe(shown);
    expect(valueAxis([2.1, 7.99], false, shown)).toBe(shown);
  });

  it('rescales when the data leaves the axis or shrinks to a sliver of it', () => {
    const shown = valueAxis([3.2, 7.9], false, null);
    expect(valueAxis([3, 8.4], false, shown).domain).toEqual([2, 10]);
    expect(valueAxis([1.5, 7], false, shown).domain).toEqual([0, 8]);
    expect(valueAxis([5, 5.5], false, shown).domain).toEqual([5, 5.6]);
  });

  it('centres a flat line in a small round range', () => {
    expect(valueAxis([5, 5], true, null).domain).toEqual([4, 6]);
    expect(valueAxis([0, 0], false, null).domain).toEqual([-1, 1]);
    expect(valueAxis([96.5, 96.5], false, null).domain).toEqual([94, 99]);
  });

  it('keeps what it shows for an extent that is not a range of numbers', () => {
    const shown = valueAxis([1, 2], false, null);
    expect(valueAxis([Infinity, -Infinity], false, shown)).toBe(shown);
    expect(valueAxis([Number.NaN, 3], false, null)).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });
});

describe('line path', () => {
  const x = (ts: number) => ts / 10;
  const y = (value: number) => 100 - value;

  it('joins the points in order, to a tenth of a pixel', () => {
    const points = [
      { ts: 0, value: 0 },
      { ts: 15, value: 33.333 },
      { ts: 30, value: 50 },
    ];
    expect(linePath(points, x, y)).toBe('M0,100L1.5,66.7L3,50');
  });

  it('skips a point the scales cannot place instead of drawing NaN', () => {
    const points = [
      { ts: 0, value: 0 },
      { ts: 10, value: Number.NaN },
      { ts: 20, value: 10 },
    ];
    expect(linePath(points, x, y)).toBe('M0,100L2,90');
    expect(linePath(points, () => Number.NaN, y)).toBe('');
  });
});

describe('a panel frame', () => {
  function series(values: number[]): SeriesEntry {
    const buffer = new RingBuffer(100);
    values.forEach((value, i) => buffer.push(1_000 + i * 100, value));
    return { name: 't', unit: undefined, buffer, version: buffer.version, updatedAt: 0 };
  }

  it('keeps every limit line inside the value axis, however far the data is from it', () => {
    const frame = drawFrame(series([4.1, 4.3, 4.2]), 60_000, 300, [
      { kind: 'max', value: 8 },
      { kind: 'min', value: 2 },
    ]);
    expect(frame.valueAxis.domain[0]).toBeLessThanOrEqual(2);
    expect(frame.valueAxis.domain[1]).toBeGreaterThanOrEqual(8);
  });

  it('keeps the value axis of the frame on screen while new samples stay inside it', () => {
    const first = drawFrame(series([3.2, 7.9]), 60_000, 300);
    const next = drawFrame(series([3.2, 7.9, 5, 6]), 60_000, 300, [], first);
    expect(next.valueAxis).toBe(first.valueAxis);
    const beyond = drawFrame(series([3.2, 7.9, 12]), 60_000, 300, [], first);
    expect(beyond.valueAxis.domain[1]).toBeGreaterThanOrEqual(12);
  });
});

describe('the chart line', () => {
  type Axis = { domain: [number, number]; ticks: number[] };
  type Frame = { points: { ts: number; value: number }[]; valueAxis: Axis };
  const TEN: Axis = { domain: [0, 10], ticks: [0, 5, 10] };
  const chart = (feed: FrameFeed<Frame>) => (
    <MetricChart feed={feed} width={400} height={200} limits={[]} limitLabels={[]} locale="en" />
  );
  const points = (from: number) =>
    Array.from({ length: 5 }, (_, i) => ({ ts: from + i * 1_000, value: i }));
  const frame = (from: number, valueAxis = TEN): Frame => ({ points: points(from), valueAxis });

  it('spans the plot area from the first point to the last', () => {
    const { container } = render(chart(new FrameFeed(frame(0))));
    const d = container.querySelector('path.recharts-line-curve')?.getAttribute('d') ?? '';
    const xs = [...d.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(5);
    // Margin 0 on the left plus the 56 px value axis; 12 px margin on the right.
    expect(xs[0]).toBe(56);
    expect(xs[4]).toBe(400 - 12);
  });

  it('draws a new frame on its own time span, never first on the one before', async () => {
    const feed = new FrameFeed(frame(0));
    const { container } = render(chart(feed));
    const path = container.querySelector('path.recharts-line-curve')!;
    const before = path.getAttribute('d');
    const changes: string[] = [];
    const observer = new MutationObserver((records) =>
      records.forEach(() => changes.push(path.getAttribute('d') ?? '')),
    );
    observer.observe(path, { attributes: true, attributeFilter: ['d'] });
    await act(async () => feed.set(frame(500)));
    observer.disconnect();
    // The window slid by half a second: the same shape over the same pixels, so nothing to change
    // at all, and never an in-between line drawn on the old span.
    expect(changes).toEqual([]);
    expect(path.getAttribute('d')).toBe(before);
  });

  it('draws a frame that rescales the value axis once, on its new axis', async () => {
    const feed = new FrameFeed(frame(0));
    const { container } = render(chart(feed));
    const path = container.querySelector('path.recharts-line-curve')!;
    const ysOf = (d: string) => [...d.matchAll(/,([\d.]+)/g)].map((m) => Number(m[1]));
    const before = ysOf(path.getAttribute('d') ?? '');
    const twenty: Axis = { domain: [0, 20], ticks: [0, 10, 20] };
    const changes: string[] = [];
    const observer = new MutationObserver((records) =>
      records.forEach(() => changes.push(path.getAttribute('d') ?? '')),
    );
    observer.observe(path, { attributes: true, attributeFilter: ['d'] });
    // New data three times as high: the frame brings a new axis.
    const higher = frame(0, twenty);
    higher.points = higher.points.map((p) => ({ ...p, value: p.value * 3 }));
    await act(async () => feed.set(higher));
    observer.disconnect();
    expect(changes).toHaveLength(1);
    // Value 0 stays at the bottom; the newest was 4 of 10 up the axis, it is 12 of 20 now.
    const after = ysOf(changes[0] ?? '');
    expect(after[0]).toBe(before[0]);
    expect(after[0]! - after[4]!).toBeCloseTo(1.5 * (before[0]! - before[4]!), 0);
  });
});

describe('the time axis', () => {
  it('leaves out a label the edge of the chart would cut off', () => {
    // Whole seconds at both ends: ticks fall exactly on the first and the last point.
    const points = Array.from({ length: 21 }, (_, i) => ({ ts: 60_000 + i * 1_000, value: i }));
    const { container } = render(
      <MetricChart
        feed={new FrameFeed({ points, valueAxis: { domain: [0, 10], ticks: [0, 5, 10] } })}
        width={600}
        height={200}
        limits={[]}
        limitLabels={[]}
        locale="en"
      />,
    );
    const labels = [...container.querySelectorAll('.recharts-xAxis-tick-labels text')];
    const xs = labels.map((label) => Number(label.getAttribute('x')));
    expect(xs.length).toBeGreaterThanOrEqual(2);
    // About 30 px either side of its tick: the rightmost must end inside the 600 px chart.
    expect(Math.max(...xs)).toBeLessThanOrEqual(600 - 30);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(56 + 10);
    expect(labels.map((label) => label.textContent)).not.toContain('');
  });
});

describe('the axes after a resize', () => {
  it('puts the clock labels under the plot of a chart that grew taller', () => {
    const points = Array.from({ length: 21 }, (_, i) => ({ ts: 60_000 + i * 1_000, value: i }));
    const axis = { domain: [0, 20] as [number, number], ticks: [0, 10, 20] };
    const feed = new FrameFeed({ points, valueAxis: axis });
    const chart = (height: number) => (
      <MetricChart
        feed={feed}
        width={600}
        height={height}
        limits={[]}
        limitLabels={[]}
        locale="en"
      />
    );
    const { container, rerender } = render(chart(200));
    rerender(chart(300));
    // The plot ends 30 px above the bottom (the clock axis' room); marks and labels hang below it.
    const bottom = 300 - 30;
    const labels = [...container.querySelectorAll('.recharts-xAxis-tick-labels text')];
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(Number(label.getAttribute('y'))).toBeGreaterThan(bottom);
    const marks = [...container.querySelectorAll('.recharts-xAxis-tick-labels line')];
    for (const mark of marks) expect(Number(mark.getAttribute('y1'))).toBe(bottom);
    // The value axis' top label moved with the plot too.
    const values = [...container.querySelectorAll('.recharts-yAxis-tick-labels text')];
    expect(values.map((v) => Number(v.getAttribute('y')))).toEqual([bottom, (bottom + 8) / 2, 8]);
  });
});
