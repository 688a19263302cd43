import { memo, useCallback, useMemo, type ReactNode } from 'react';
import {
  LineChart,
  ReferenceLine,
  usePlotArea,
  XAxis,
  YAxis,
  type BaseTickContentProps,
} from 'recharts';
import type { Locale, Point } from '../../store';
import { formatAxisNumber, formatClock } from '../i18n/format';
import { isUpperLimit, type Limit } from '../shared/metric-catalog';
import { timeTicks } from './time-ticks';
import { InspectLayer } from './inspect/InspectLayer';
import type { InspectStore } from './inspect/inspect-store';
import type { ValueAxis } from './value-axis';

/**
 * Kept in its own module so recharts loads after the first paint (React.lazy in MetricPanel).
 * Memoised: it redraws only when the panel hands it a new frame, never on unrelated renders.
 *
 * recharts draws the axes and limit lines; the line itself is one `<path>` built here in
 * recharts' plot area from the same domains the axes get. Handing the points to recharts as chart data made every redraw dispatch
 * them into its store, re-run its data selectors and build a label entry and a path length for
 * every point (about half of a redraw in a profile at 100 msg/s, for a line we never label or
 * animate). The chart has no data now: its domains are explicit, the value axis only moves when
 * the data leaves it (value-axis.ts), and a redraw is the time axis sliding and a new path.
 *
 * Every prop below is a module constant or memoised: recharts 3 copies axis and reference-line
 * settings into its store from effects, and a new object on each render makes it dispatch again.
 */
export type MetricChartProps = {
  points: readonly Point[];
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

const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const VALUE_AXIS_WIDTH = 56;
const HALF_LABEL_PX = 32;
/** recharts draws no time axis for a chart without data; one constant row it never reads will do. */
const NO_DATA = [{ ts: 0, value: 0 }];
/**
 * Axis labels as plain SVG text. recharts' own label component measures every word of every label
 * in a hidden DOM span (a forced layout) and keeps each distinct text in a 2,000-entry cache: a
 * time axis shows a new label every few seconds, so that cache filled for hours (most of the
 * heap growth over the benchmark's 8-hour soak) and each new label cost a layout. The ticks are
 * chosen already spaced (`timeTicks`, the value axis), so nothing needs measuring.
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
  points,
  valueAxis,
  width,
  height,
  limits,
  limitLabels,
  locale,
  inspect,
  overlay,
}: MetricChartProps) {
  const first = points[0]?.ts ?? 0;
  const last = points[points.length - 1]?.ts ?? 0;
  // A single point still needs a time axis with some width to sit in.
  const from = last > first ? first : first - 1_000;
  const to = last > first ? last : first + 1_000;
  const timeDomain = useMemo(() => [from, to] as [number, number], [from, to]);
  const valueDomain = valueAxis.domain as [number, number];
  const valueTicks = valueAxis.ticks as number[];
  // Keyed by value: the ticks change every few seconds, not on every redraw. Labels are centred
  // on their tick and about 60 px wide: one closer to the right end than half that would be cut
  // off by the chart's edge (recharts dropped it by measuring), one right at the left end would
  // run into the value axis' labels.
  const plotWidth = Math.max(1, width - VALUE_AXIS_WIDTH - MARGIN.left - MARGIN.right);
  const edgeMs = ((to - from) * Math.max(0, HALF_LABEL_PX - MARGIN.right)) / plotWidth;
  const tickKey = timeTicks(from, to, width / 110)
    .filter((t) => to - t >= edgeMs && t - from >= edgeMs / 2)
    .join(',');
  const ticks = useMemo(() => (tickKey ? tickKey.split(',').map(Number) : []), [tickKey]);
  const clockTick = useCallback((ts: number) => formatClock(ts, locale), [locale]);
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
        domain={timeDomain}
        allowDataOverflow
        ticks={ticks}
        interval={0}
        tickFormatter={clockTick}
        stroke="var(--muted)"
        tick={axisLabel}
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
      <SeriesLine points={points} timeDomain={timeDomain} valueDomain={valueDomain} />
      {overlay?.({ time: timeDomain, value: valueDomain })}
      {inspect && (
        <InspectLayer
          inspect={inspect}
          points={points}
          timeDomain={timeDomain}
          valueDomain={valueDomain}
        />
      )}
    </LineChart>
  );
}

/**
 * The series as one polyline over the plot area. Never animated: a streaming line that eased
 * from its old shape would always show the past. Scaled from the domains handed to the axes, not
 * from recharts' scale hooks: recharts takes a new domain into its store only after the render
 * (in an effect), so its scales would draw each new frame on the previous one's domain first.
 * Keeps recharts' line class, which is what tests and tools already look for.
 */
function SeriesLine({
  points,
  timeDomain,
  valueDomain,
}: {
  points: readonly Point[];
  timeDomain: readonly [number, number];
  valueDomain: readonly [number, number];
}) {
  const area = usePlotArea();
  const d = useMemo(
    () =>
      area
        ? linePath(
            points,
            linearScale(timeDomain, area.x, area.x + area.width),
            linearScale(valueDomain, area.y + area.height, area.y),
          )
        : '',
    [points, timeDomain, valueDomain, area],
  );
  if (!d) return null;
  return (
    <g className="recharts-layer recharts-line">
      <path
        className="recharts-curve recharts-line-curve"
        d={d}
        fill="none"
        stroke="var(--chart-line)"
        strokeWidth={2}
        strokeLinejoin="round"
      />
    </g>
  );
}

type Scale = (value: number) => number;

/** Maps `[from, to]` onto pixels `[start, end]` (end may be smaller: the value axis points up). */
function linearScale([from, to]: readonly [number, number], start: number, end: number): Scale {
  const k = to === from ? 0 : (end - start) / (to - from);
  return (value) => start + (value - from) * k;
}

/** `M x,y L x,y …` in whole tenths of a pixel: finer cannot be seen, and the string stays short. */
export function linePath(points: readonly Point[], x: Scale, y: Scale): string {
  let d = '';
  for (const point of points) {
    const px = x(point.ts);
    const py = y(point.value);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    d += `${d ? 'L' : 'M'}${Math.round(px * 10) / 10},${Math.round(py * 10) / 10}`;
  }
  return d;
}

export default memo(MetricChart);
