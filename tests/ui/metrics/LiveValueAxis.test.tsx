import { act, render } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import MetricChart from '../../../src/ui/metrics/MetricChart';
import { FrameFeed } from '../../../src/ui/metrics/frame-feed';
import type { Limit } from '../../../src/ui/shared/metric-catalog';

type Axis = { domain: [number, number]; ticks: number[] };
type Frame = { points: { ts: number; value: number }[]; valueAxis: Axis };

const TEN: Axis = { domain: [0, 10], ticks: [0, 5, 10] };
const TWENTY: Axis = { domain: [0, 20], ticks: [0, 10, 20] };
const LIMITS: Limit[] = [
  { kind: 'max', value: 8 },
  { kind: 'warnMax', value: 6 },
  { kind: 'min', value: 1 },
];
const LABELS = ['Max 8', 'Warning 6', 'Min 1'];
// A 400×200 chart: the plot runs from y = 8 (top margin) to y = 170 (the clock axis' 30 px).
const TOP = 8;
const BOTTOM = 170;
const heightOf = (value: number, [lo, hi]: [number, number]) =>
  BOTTOM - ((value - lo) / (hi - lo)) * (BOTTOM - TOP);

const frame = (valueAxis: Axis, from = 0): Frame => ({
  points: Array.from({ length: 5 }, (_, i) => ({ ts: from + i * 1_000, value: i })),
  valueAxis,
});

const chart = (
  feed: FrameFeed<Frame>,
  onCommit = () => {},
  limits: Limit[] = LIMITS,
  labels: string[] = LABELS,
) => (
  <Profiler id="chart" onRender={onCommit}>
    <MetricChart
      feed={feed}
      width={400}
      height={200}
      limits={limits}
      limitLabels={labels}
      locale="en"
    />
  </Profiler>
);

const renderChart = (feed: FrameFeed<Frame>, onCommit?: () => void) =>
  render(chart(feed, onCommit));

const axisLabels = (container: HTMLElement) =>
  [...container.querySelectorAll('.recharts-yAxis-tick-labels text')].map((label) => ({
    text: label.textContent,
    y: Number(label.getAttribute('y')),
  }));

const limitLine = (container: HTMLElement, kind: string) => {
  const group = container.querySelector(`.recharts-reference-line.limit--${kind}`);
  const line = group?.querySelector('line.recharts-reference-line-line');
  const label = group?.querySelector('.recharts-label');
  return {
    y: Number(line?.getAttribute('y1')),
    flat: line?.getAttribute('y1') === line?.getAttribute('y2'),
    from: Number(line?.getAttribute('x1')),
    to: Number(line?.getAttribute('x2')),
    stroke: line?.getAttribute('stroke'),
    label: label?.textContent,
    labelY: Number(label?.getAttribute('y')),
  };
};

describe('the value axis', () => {
  it('labels each tick at its height, left of the plot', () => {
    const { container } = renderChart(new FrameFeed(frame(TEN)));
    expect(axisLabels(container)).toEqual([
      { text: '0', y: BOTTOM },
      { text: '5', y: heightOf(5, TEN.domain) },
      { text: '10', y: TOP },
    ]);
    const marks = [...container.querySelectorAll('.recharts-yAxis-tick-lines line')];
    expect(marks.map((mark) => Number(mark.getAttribute('y1')))).toEqual([
      BOTTOM,
      heightOf(5, TEN.domain),
      TOP,
    ]);
    // The tick marks end at the axis line, 56 px in; the labels end before them.
    for (const mark of marks) expect(Number(mark.getAttribute('x2'))).toBe(56);
    for (const label of container.querySelectorAll('.recharts-yAxis-tick-labels text'))
      expect(Number(label.getAttribute('x'))).toBeLessThan(50);
  });

  it('follows a frame that rescales it without a React render', async () => {
    const feed = new FrameFeed(frame(TEN));
    let commits = 0;
    const { container } = renderChart(feed, () => commits++);
    commits = 0;
    await act(async () => feed.set(frame(TWENTY, 1_000)));
    expect(axisLabels(container)).toEqual([
      { text: '0', y: BOTTOM },
      { text: '10', y: heightOf(10, TWENTY.domain) },
      { text: '20', y: TOP },
    ]);
    expect(limitLine(container, 'max').y).toBeCloseTo(heightOf(8, TWENTY.domain), 1);
    expect(commits).toBe(0);
  });

  it('writes nothing while the frames keep the axis', async () => {
    const feed = new FrameFeed(frame(TEN));
    const { container } = renderChart(feed);
    const writes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => writes.push(...records));
    for (const selector of [
      '.recharts-yAxis-tick-labels',
      '.recharts-yAxis-tick-lines',
      '.limit-lines',
    ])
      observer.observe(container.querySelector(selector)!, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    // A copy of the same axis, as a frame that rescaled to the same bounds would bring.
    await act(async () => feed.set(frame({ domain: [0, 10], ticks: [0, 5, 10] }, 1_000)));
    await act(async () => feed.set(frame(TEN, 2_000)));
    observer.takeRecords();
    observer.disconnect();
    expect(writes).toEqual([]);
  });
});

describe('the limit lines', () => {
  it('draws each limit across the plot at its value, in its severity colour', () => {
    const { container } = renderChart(new FrameFeed(frame(TEN)));
    const max = limitLine(container, 'max');
    expect(max.y).toBeCloseTo(heightOf(8, TEN.domain), 1);
    expect(max.flat).toBe(true);
    expect([max.from, max.to]).toEqual([56, 400 - 12]);
    expect(max.stroke).toBe('var(--critical)');
    expect(limitLine(container, 'warnMax').stroke).toBe('var(--warning)');
    expect(limitLine(container, 'min').y).toBeCloseTo(heightOf(1, TEN.domain), 1);
  });

  it('labels an upper limit below its line and a lower one above it', () => {
    const { container } = renderChart(new FrameFeed(frame(TEN)));
    const max = limitLine(container, 'max');
    const min = limitLine(container, 'min');
    expect(max.label).toBe('Max 8');
    expect(max.labelY).toBeGreaterThan(max.y);
    expect(min.label).toBe('Min 1');
    expect(min.labelY).toBeLessThan(min.y);
  });

  it('follows new limits and their labels', () => {
    const feed = new FrameFeed(frame(TEN));
    const { container, rerender } = renderChart(feed);
    rerender(chart(feed, undefined, [{ kind: 'max', value: 9 }], ['Max 9']));
    expect(container.querySelectorAll('.recharts-reference-line')).toHaveLength(1);
    expect(limitLine(container, 'max')).toMatchObject({ label: 'Max 9' });
    expect(limitLine(container, 'max').y).toBeCloseTo(heightOf(9, TEN.domain), 1);
    expect(container.querySelector('.limit--min')).toBeNull();
  });
});
