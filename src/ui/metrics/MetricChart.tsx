import { memo, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { LineChart, XAxis, YAxis } from 'recharts';
import type { Locale } from '../../store';
import type { Limit } from '../shared/metric-catalog';
import { MARGIN, timeDomainOf, VALUE_AXIS_WIDTH } from './chart-geometry';
import { LiveSeries, type PointsFeed } from './LiveSeries';
import { LiveValueAxis } from './LiveValueAxis';
import { InspectLayer } from './inspect/InspectLayer';
import type { InspectStore } from './inspect/inspect-store';

/**
 * Kept in its own module so recharts loads after the first paint (React.lazy in MetricPanel).
 * Memoised, and given the panel's frames as a feed rather than as props: recharts lays out the
 * chart (plot area, the axes' lines) and renders only when its size, limits or locale change;
 * the line, the clock axis, the value axis and the limit lines follow each frame outside React
 * (`LiveSeries`, `LiveValueAxis`).
 *
 * recharts got the points as chart data once: every redraw dispatched them into its store,
 * re-ran its data selectors and built a label entry and a path length for every point. Then the
 * line became one path from explicit domains, but the sliding time axis still re-rendered every
 * recharts component on each redraw, and so did each new value axis: at flood rates, half the
 * redraws. Now a redraw is a path and a few tick positions.
 *
 * Every prop below is a module constant or memoised: recharts 3 copies axis settings into its
 * store from effects, and a new object on each render makes it dispatch again.
 */
export type MetricChartProps = {
  /** The panel's frames: the line, both axes, the limit lines and the crosshair follow them. */
  feed: PointsFeed;
  width: number;
  height: number;
  limits: readonly Limit[];
  /** Already-translated label per limit, same order as `limits`. */
  limitLabels: readonly string[];
  locale: Locale;
  /** The panel's inspection (hover, keyboard); the chart draws its crosshair when given. */
  inspect?: InspectStore;
  /** More drawing over the line (a control chart's lines and marks), from the chart's domains. */
  overlay?: ((domains: ChartDomains) => ReactNode) | undefined;
};

export type ChartDomains = { time: readonly [number, number]; value: readonly [number, number] };

/**
 * recharts draws no axis for a chart without data, and reserves an axis' room only for an axis
 * component: one constant row, constant domains and no ticks of their own (LiveSeries and
 * LiveValueAxis draw them).
 */
const NO_DATA = [{ ts: 0, value: 0 }];
const STILL_DOMAIN: [number, number] = [0, 1];
const NO_TICKS: number[] = [];

function MetricChart({
  feed,
  width,
  height,
  limits,
  limitLabels,
  locale,
  inspect,
  overlay,
}: MetricChartProps) {
  return (
    // No accessibility layer: it makes the SVG a tab stop for a tooltip this chart does not have;
    // the panel gives the chart its text alternative instead.
    <LineChart
      width={width}
      height={height}
      data={NO_DATA}
      margin={MARGIN}
      accessibilityLayer={false}
    >
      <XAxis
        dataKey="ts"
        type="number"
        domain={STILL_DOMAIN}
        ticks={NO_TICKS}
        tick={false}
        stroke="var(--muted)"
      />
      <YAxis
        type="number"
        domain={STILL_DOMAIN}
        ticks={NO_TICKS}
        tick={false}
        width={VALUE_AXIS_WIDTH}
        stroke="var(--muted)"
      />
      <LiveSeries feed={feed} width={width} locale={locale} />
      <LiveValueAxis feed={feed} limits={limits} limitLabels={limitLabels} locale={locale} />
      {overlay && <OverlayLayer feed={feed} overlay={overlay} />}
      {inspect && <InspectLayer inspect={inspect} feed={feed} />}
    </LineChart>
  );
}

/** A control chart's drawing follows every frame: only panels that have one pay for it. */
function OverlayLayer({
  feed,
  overlay,
}: {
  feed: PointsFeed;
  overlay: (domains: ChartDomains) => ReactNode;
}) {
  const { points, valueAxis } = useSyncExternalStore(feed.subscribe, feed.get);
  const time = useMemo(() => timeDomainOf(points), [points]);
  return overlay({ time, value: valueAxis.domain });
}

export default memo(MetricChart);
