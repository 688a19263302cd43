import { lazy, Suspense, useMemo } from 'react';
import { useDashboard } from './store-context';
import { useElementWidth } from './use-element-width';

const MetricChart = lazy(() => import('./MetricChart'));

const CHART_HEIGHT = 160;

function formatValue(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(Number.isInteger(value) ? 0 : 2);
}

/** One metric: current value, unit and a live line chart. `data-metric` is a public contract. */
export function MetricPanel({ name }: { name: string }) {
  const entry = useDashboard((s) => s.series[name]);
  const [ref, width] = useElementWidth<HTMLDivElement>(480);
  const version = entry?.version ?? 0;
  const buffer = entry?.buffer;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the buffer mutates in place; `version` is what changes
  const points = useMemo(() => buffer?.toArray() ?? [], [buffer, version]);
  const last = points[points.length - 1];
  return (
    <section className="panel" data-metric={name} aria-label={name}>
      <header className="panel__header">
        <h2 className="panel__title">{name.replace(/_/g, ' ')}</h2>
        <p className="panel__value">
          {last ? formatValue(last.value) : '–'}{' '}
          <span className="panel__unit">{entry?.unit ?? ''}</span>
        </p>
      </header>
      <div ref={ref} className="panel__chart" style={{ height: CHART_HEIGHT }}>
        <Suspense fallback={<div className="panel__placeholder">Loading chart…</div>}>
          <MetricChart points={points} width={width} height={CHART_HEIGHT} />
        </Suspense>
      </div>
    </section>
  );
}
