import { Line, LineChart, XAxis, YAxis } from 'recharts';
import type { Point } from '../store';

/** Kept in its own module so recharts loads after the first paint (React.lazy in MetricPanel). */
export type MetricChartProps = { points: readonly Point[]; width: number; height: number };

const time = (ts: number) => new Date(ts).toLocaleTimeString([], { hour12: false });

export default function MetricChart({ points, width, height }: MetricChartProps) {
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
        tickFormatter={time}
        minTickGap={48}
      />
      <YAxis
        domain={['auto', 'auto']}
        width={56}
        tickFormatter={(v: number) => String(Math.round(v * 100) / 100)}
      />
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
