import { memo, useMemo } from 'react';
import { Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { Locale, Point } from '../store';
import { formatAxisNumber, formatClock } from './i18n';
import type { Limit } from './metric-catalog';
import { timeTicks } from './time-ticks';

/**
 * Kept in its own module so recharts loads after the first paint (React.lazy in MetricPanel).
 * Memoised: it redraws only when the panel hands it a new frame, never on unrelated renders.
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
  const ticks = useMemo(() => timeTicks(first, last, width / 110), [first, last, width]);
  return (
    <LineChart
      width={width}
      height={height}
      data={points as Point[]}
      margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
    >
      <XAxis
        dataKey="ts"
        type="number"
        domain={['dataMin', 'dataMax']}
        ticks={ticks}
        tickFormatter={(ts: number) => formatClock(ts, locale)}
        minTickGap={56}
        stroke="var(--muted)"
        tick={{ fill: 'var(--muted)' }}
      />
      <YAxis
        domain={['auto', 'auto']}
        allowDecimals={decimals > 0}
        width={56}
        // Up to two decimals and no padding zeros: "137.25" and "138" never both read "138".
        tickFormatter={(v: number) => formatAxisNumber(v, locale)}
        stroke="var(--muted)"
        tick={{ fill: 'var(--muted)' }}
      />
      {limits.map((limit, i) => (
        <ReferenceLine
          key={`${limit.kind}-${limit.value}`}
          y={limit.value}
          // Always in view: a limit the data is far from is still the line the operator watches.
          ifOverflow="extendDomain"
          stroke={
            limit.kind === 'ucl' || limit.kind === 'lcl' ? 'var(--warning)' : 'var(--critical)'
          }
          strokeDasharray="6 4"
          className={`limit limit--${limit.kind}`}
          label={{
            value: limitLabels[i] ?? '',
            // Inside the plot, on the side away from the axis: below an upper limit, above a lower one.
            position:
              limit.kind === 'max' || limit.kind === 'ucl' ? 'insideTopRight' : 'insideBottomRight',
            fill: 'var(--muted)',
          }}
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
