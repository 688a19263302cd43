import { memo, useCallback, useMemo } from 'react';
import { Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { Locale, Point } from '../store';
import { formatAxisNumber, formatClock } from './i18n';
import type { Limit } from './metric-catalog';
import { timeTicks } from './time-ticks';

/**
 * Kept in its own module so recharts loads after the first paint (React.lazy in MetricPanel).
 * Memoised: it redraws only when the panel hands it a new frame, never on unrelated renders.
 *
 * Every prop below that is not the data is a module constant or memoised: recharts 3 copies axis
 * and reference-line settings into its own store from effects, and a new object on each redraw
 * (a fresh `margin`, `tick`, `domain` or formatter) makes it dispatch and re-render again. With
 * stable props a redraw is one render of the line.
 */
export type MetricChartProps = {
  points: readonly Point[];
  width: number;
  height: number;
  limits: readonly Limit[];
  /** Already-translated label per limit, same order as `limits`. */
  limitLabels: readonly string[];
  locale: Locale;
  /** Decimals the series is sent with: 0 means whole numbers, so no fractional axis ticks. */
  decimals: number;
};

const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const X_DOMAIN = ['dataMin', 'dataMax'] as const;
const Y_DOMAIN = ['auto', 'auto'] as const;
const TICK = { fill: 'var(--muted)' };

function MetricChart({
  points,
  width,
  height,
  limits,
  limitLabels,
  locale,
  decimals,
}: MetricChartProps) {
  const first = points[0]?.ts ?? 0;
  const last = points[points.length - 1]?.ts ?? 0;
  // Keyed by value: the ticks change every few seconds, not on every redraw.
  const tickKey = timeTicks(first, last, width / 110).join(',');
  const ticks = useMemo(() => (tickKey ? tickKey.split(',').map(Number) : []), [tickKey]);
  const clockTick = useCallback((ts: number) => formatClock(ts, locale), [locale]);
  // Up to two decimals and no padding zeros: "137.25" and "138" never both read "138".
  const valueTick = useCallback((v: number) => formatAxisNumber(v, locale), [locale]);
  const references = useMemo(
    () =>
      limits.map((limit, i) => ({
        key: `${limit.kind}-${limit.value}`,
        y: limit.value,
        stroke: limit.kind === 'ucl' || limit.kind === 'lcl' ? 'var(--warning)' : 'var(--critical)',
        className: `limit limit--${limit.kind}`,
        label: {
          value: limitLabels[i] ?? '',
          // Inside the plot, on the side away from the axis: below an upper limit, above a lower one.
          position:
            limit.kind === 'max' || limit.kind === 'ucl'
              ? ('insideTopRight' as const)
              : ('insideBottomRight' as const),
          fill: 'var(--muted)',
        },
      })),
    [limits, limitLabels],
  );
  return (
    <LineChart width={width} height={height} data={points as Point[]} margin={MARGIN}>
      <XAxis
        dataKey="ts"
        type="number"
        domain={X_DOMAIN as unknown as [string, string]}
        ticks={ticks}
        tickFormatter={clockTick}
        minTickGap={56}
        stroke="var(--muted)"
        tick={TICK}
      />
      <YAxis
        domain={Y_DOMAIN as unknown as [string, string]}
        allowDecimals={decimals > 0}
        width={56}
        tickFormatter={valueTick}
        stroke="var(--muted)"
        tick={TICK}
      />
      {references.map(({ key, ...reference }) => (
        <ReferenceLine
          key={key}
          {...reference}
          // Always in view: a limit the data is far from is still the line the operator watches.
          ifOverflow="extendDomain"
          strokeDasharray="6 4"
        />
      ))}
      <Line
        type="linear"
        dataKey="value"
        dot={false}
        isAnimationActive={false}
        stroke="var(--chart-line)"
        strokeWidth={2}
      />
    </LineChart>
  );
}

export default memo(MetricChart);
