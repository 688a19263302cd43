import { memo, useCallback, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { LineChart, ReferenceLine, XAxis, YAxis, type BaseTickContentProps } from 'recharts';
import type { Locale } from '../../store';
import { formatAxisNumber } from '../i18n/format';
import { isUpperLimit, type Limit } from '../shared/metric-catalog';
import { MARGIN, timeDomainOf, VALUE_AXIS_WIDTH } from './chart-geometry';
import { LiveSeries, type PointsFeed } from './LiveSeries';
import { InspectLayer } from './inspect/InspectLayer';
import type { InspectStore } from './inspect/inspect-store';
import type { ValueAxis } from './value-axis';

/**
 * Kept in its own module so recharts loads after the first paint (React.lazy in MetricPanel).
 * Memoised, and given the panel's frames as a feed rather than as props: recharts lays out the
 * chart (plot area, value axis, limit lines) and renders only when those change; the line and
 * the clock axis follow each frame outside React (`LiveSeries`).
 *
 * recharts got the points as chart data once: every redraw dispatched them into its store,
 * re-ran its data selectors and built a label entry and a path length for every point. Then the
 * line became one path from explicit domains, but the sliding time axis still re-rendered every
 * recharts component on each redraw. Now a redraw is a path and a few tick positions.
 *
 * Every prop below is a module constant or memoised: recharts 3 copies axis and reference-line
 * settings into its store from effects, and a new object on each render makes it dispatch again.
 */
export type MetricChartProps = {
  /** The panel's frames: the line, the clock axis and the crosshair follow them. */
  feed: PointsFeed;
  /** Bounds and ticks of the value axis, steady across redraws. */
  valueAxis: ValueAxis;
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
 * recharts draws no axis for a chart without data, and reserves the time axis' height only for
 * an XAxis: one constant row, a constant domain and no ticks of its own (LiveSeries draws them).
 */
const NO_DATA = [{ ts: 0, value: 0 }];
const STILL_DOMAIN: [number, number] = [0, 1];
const NO_TICKS: number[] = [];
/**
 * Value axis labels as plain SVG text. recharts' own label component measures every word of
 * every label in a hidden DOM span (a forced layout) and keeps each distinct text in a
 * 2,000-entry cache. The ticks are chosen already spaced (`valueAxis`), so nothing needs
 * measuring.
 */
function axisLabel({
  x,
  y,
  payload,
  textAnchor,
  verticalAnchor,
  className,
  tickFormatter,
  index,
}: BaseTickContentProps) {
  const text = tickFormatter ? tickFormatter(payload.value, index) : String(payload.value);
  return (
    <text
      x={x}
      y={y}
      textAnchor={textAnchor}
      dy={verticalAnchor === 'start' ? '0.71em' : verticalAnchor === 'middle' ? '0.355em' : 0}
      fill="var(--muted)"
      className={`recharts-text ${className ?? ''}`}
    >
      {text}
    </text>
  );
}

function MetricChart({
  feed,
  valueAxis,
  width,
  height,
  limits,
  limitLabels,
  locale,
  inspect,
  overlay,
}: MetricChartProps) {
  const valueDomain = valueAxis.domain as [number, number];
  const valueTicks = valueAxis.ticks as number[];
  // Up to two decimals and no padding zeros: "137.25" and "138" never both read "138".
  const valueTick = useCallback((v: number) => formatAxisNumber(v, locale), [locale]);
  const references = useMemo(
    () =>
      limits.map((limit, i) => ({
        key: `${limit.kind}-${limit.value}`,
        y: limit.value,
        // Operating limits in the critical colour; warning lines and control limits in the warning one.
        stroke: limit.kind === 'max' || limit.kind === 'min' ? 'var(--critical)' : 'var(--warning)',
        className: `limit limit--${limit.kind}`,
        label: {
          value: limitLabels[i] ?? '',
          // Inside the plot, on the side away from the axis: below an upper limit, above a lower one.
          position: isUpperLimit(limit.kind)
            ? ('insideTopRight' as const)
            : ('insideBottomRight' as const),
          fill: 'var(--muted)',
        },
      })),
    [limits, limitLabels],
  );
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
        domain={valueDomain}
        allowDataOverflow
        ticks={valueTicks}
        interval={0}
        width={VALUE_AXIS_WIDTH}
        tickFormatter={valueTick}
        stroke="var(--muted)"
        tick={axisLabel}
      />
      {references.map(({ key, ...reference }) => (
        <ReferenceLine
          key={key}
          {...reference}
          // Always in view (the value axis includes every limit); this is a backstop.
          ifOverflow="extendDomain"
          strokeDasharray="6 4"
        />
      ))}
      <LiveSeries feed={feed} width={width} locale={locale} />
      {overlay && <OverlayLayer feed={feed} valueDomain={valueDomain} overlay={overlay} />}
      {inspect && <InspectLayer inspect={inspect} feed={feed} valueDomain={valueDomain} />}
    </LineChart>
  );
}

/** A control chart's drawing follows every frame: only panels that have one pay for it. */
function OverlayLayer({
  feed,
  valueDomain,
  overlay,
}: {
  feed: PointsFeed;
  valueDomain: readonly [number, number];
  overlay: (domains: ChartDomains) => ReactNode;
}) {
  const { points } = useSyncExternalStore(feed.subscribe, feed.get);
  const time = useMemo(() => timeDomainOf(points), [points]);
  return overlay({ time, value: valueDomain });
}

export default memo(MetricChart);
