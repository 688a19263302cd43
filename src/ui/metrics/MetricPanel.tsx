import {
  lazy,
  Suspense,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { Point, SeriesEntry } from '../../store';
import { chartSummary, signed, trendLabel } from './chart-summary';
import { downsampleMinMax } from './downsample';
import { useEnvironment } from '../shared/environment';
import { decimalsOf, formatClock, formatNumber } from '../i18n/format';
import type { Limit } from '../shared/metric-catalog';
import { useMetricInfo } from '../i18n/use-metric-info';
import { limitText } from '../i18n/limit-text';
import { useOperator } from '../shared/operator-context';
import { usePaused, useRedrawScheduler } from '../shared/redraw-context';
import type { ChartHandle } from '../shared/redraw-scheduler';
import { useDashboardStore } from '../shared/store-context';
import { useElementSize } from '../shared/use-element-size';
import { useI18n } from '../i18n/use-i18n';
import { useSettledText } from '../shared/use-settled-text';
import { useStaleness } from './use-staleness';
import { breachState, type Breach } from './breach';
import { BreachNote } from './breach-note';
import { InspectReadout } from './inspect/InspectReadout';
import { useInspect } from './inspect/use-inspect';
import { ExportChartButton } from '../export/ExportChartButton';
import { valueAxis, type ValueAxis } from './value-axis';
import { ControlChartSummary, useControlChart, useControlSpec } from './ControlChart';
import './metrics.css';

const MetricChart = lazy(() => import('./MetricChart'));

const FALLBACK_SIZE = { width: 480, height: 180 };
const NO_LIMITS: readonly Limit[] = [];
/** How often a chart's text alternative may change (the chart itself redraws 5 times a second). */
export const CHART_SUMMARY_MS = 5_000;

/** What one redraw shows: the chart's points and the numbers in the header, taken together. */
export type PanelFrame = {
  version: number;
  windowMs: number;
  width: number;
  points: readonly Point[];
  current: Point | null;
  /** The first point inside the window: what the trend is measured against. */
  start: Point | null;
  unit: string | undefined;
  /** Display precision, from the series' recent values. */
  decimals: number;
  /** The chart's value axis: the points and the limits, on round bounds kept while they fit. */
  valueAxis: ValueAxis;
  /** The limit the newest sample is beyond and since when (breach.ts), or null. */
  breach: Breach<Limit> | null;
};

/**
 * The window ends at the newest sample (server time), so a skewed client clock cannot empty it.
 * `previous` is the frame on screen: its value axis is kept while the new points still fit it.
 */
export function drawFrame(
  entry: SeriesEntry | undefined,
  windowMs: number,
  width: number,
  limits: readonly Limit[] = NO_LIMITS,
  previous: PanelFrame | null = null,
  /** More values the axis must show (a control chart's control and specification limits). */
  extent: readonly number[] = [],
  /** Places the backend asks for (its catalogue); else read off the recent values. */
  fixedDecimals?: number,
): PanelFrame {
  const empty: PanelFrame = {
    version: entry?.version ?? -1,
    windowMs,
    width,
    points: [],
    current: null,
    start: null,
    unit: entry?.unit,
    decimals: 0,
    valueAxis: previous?.valueAxis ?? valueAxis([0, 1], true, null),
    breach: null,
  };
  const buffer = entry?.buffer;
  const current = buffer?.last();
  if (!entry || !buffer || !current) return empty;
  const from = buffer.lowerBound(current.ts - windowMs);
  const recent: number[] = [];
  for (let i = Math.max(0, buffer.size - 20); i < buffer.size; i++) recent.push(buffer.valueAt(i));
  const decimals = fixedDecimals ?? decimalsOf(recent);
  // About one point per pixel: more cannot be seen and only costs drawing time. Min/max per
  // bucket keeps every extreme, so the points' extent is the window's.
  const points = downsampleMinMax(buffer, from, buffer.size, Math.max(2, width));
  let min = Infinity;
  let max = -Infinity;
  for (const point of points) {
    if (point.value < min) min = point.value;
    if (point.value > max) max = point.value;
  }
  // Every limit stays in view: a limit the data is far from is still the line the operator watches.
  for (const limit of limits) {
    min = Math.min(min, limit.value);
    max = Math.max(max, limit.value);
  }
  for (const value of extent) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return {
    ...empty,
    decimals,
    points,
    current,
    start: { ts: buffer.tsAt(from), value: buffer.valueAt(from) },
    valueAxis: valueAxis([min, max], decimals === 0, previous?.valueAxis ?? null),
    breach: breachState(buffer, limits),
  };
}

/**
 * One metric: current value, unit, trend over the window and a live line chart with its limits.
 * `data-metric` is a public contract. The panel does not re-render per message: the redraw
 * scheduler decides when it takes a new frame (a few times a second, staggered, never while
 * off-screen or paused).
 */
export function MetricPanel({
  name,
  controls,
}: {
  name: string;
  /** What the shell puts in the header after the name (the layout's move and hide controls). */
  controls?: ReactNode;
}) {
  const store = useDashboardStore();
  const scheduler = useRedrawScheduler();
  const env = useEnvironment();
  const [paused] = usePaused();
  const windowMinutes = useOperator((s) => s.prefs.windowMinutes);
  const { t, locale } = useI18n();
  const stale = useStaleness(name);
  const [chartRef, size] = useElementSize<HTMLDivElement>(FALLBACK_SIZE);
  const panelRef = useRef<HTMLElement | null>(null);
  const windowMs = windowMinutes * 60_000;
  // The backend's description over the built-in defaults (labels, unit, decimals, limits).
  const info = useMetricInfo(name);
  const limits = info.limits;
  const { spc, extent } = useControlSpec(info.spc);

  const [frame, setFrame] = useState(() =>
    drawFrame(
      store.getState().series.get(name),
      windowMs,
      size.width,
      limits,
      null,
      extent,
      info.decimals,
    ),
  );
  const drawn = useRef(frame);
  const wanted = useRef({ windowMs, width: size.width });
  const handle = useRef<ChartHandle | null>(null);
  // The chart (recharts, the costly part) mounts once the panel first comes into view: a page of
  // a thousand panels mounts only the charts an operator can see.
  const [seen, setSeen] = useState(() => env.IntersectionObserver === null);

  useLayoutEffect(() => {
    wanted.current = { windowMs, width: size.width };
    handle.current?.wake();
  }, [windowMs, size.width]);

  useEffect(() => {
    const registered = scheduler.register({
      isDirty: () => {
        const entry = store.getState().series.get(name);
        const last = drawn.current;
        return (
          (entry?.version ?? -1) !== last.version ||
          last.windowMs !== wanted.current.windowMs ||
          last.width !== wanted.current.width
        );
      },
      redraw: () => {
        const next = drawFrame(
          store.getState().series.get(name),
          wanted.current.windowMs,
          wanted.current.width,
          limits,
          drawn.current,
          extent,
          info.decimals,
        );
        drawn.current = next;
        setFrame(next);
      },
    });
    handle.current = registered;
    let observer: IntersectionObserver | null = null;
    const element = panelRef.current;
    if (env.IntersectionObserver && element) {
      observer = new env.IntersectionObserver((entries) => {
        const entry = entries[entries.length - 1];
        if (!entry) return;
        registered.setVisible(entry.isIntersecting);
        if (entry.isIntersecting) setSeen(true);
      });
      observer.observe(element);
    }
    return () => {
      observer?.disconnect();
      registered.unregister();
      handle.current = null;
    };
  }, [scheduler, store, name, limits, extent, info.decimals, env.IntersectionObserver]);
  const unit = info.unit ?? frame.unit;
  const limitLabels = useMemo(
    () =>
      limits.map((limit) =>
        limitText(
          t,
          locale,
          limit,
          `${formatNumber(limit.value, locale)}${unit ? ` ${unit}` : ''}`,
        ),
      ),
    [limits, t, locale, unit],
  );
  const label = info.label;
  const { current, start } = frame;
  const { breach } = frame;
  const inspect = useInspect(frame.points);
  const { control, overlay } = useControlChart(name, spc, frame, locale);
  const summary = useSettledText(
    chartSummary({
      label,
      current,
      start,
      windowMs,
      unit,
      decimals: frame.decimals,
      limitLabels,
      t,
      locale,
    }),
    CHART_SUMMARY_MS,
  );

  return (
    <section
      ref={panelRef}
      className={`panel${stale.stale ? ' panel--stale' : ''}${paused ? ' panel--paused' : ''}`}
      data-metric={name}
      data-stale={stale.stale ? stale.reason : undefined}
      data-breach={breach?.level}
      data-chart={spc ? 'control' : 'line'}
      data-violations={control?.violations}
      aria-label={label}
    >
      <header className="panel__header">
        <h2 className="panel__title">{label}</h2>
        {controls}
        <ExportChartButton name={name} label={label} />
        <p className={`panel__value${breach ? ' panel__value--breach' : ''}`}>
          <span className="panel__number">
            {current ? formatNumber(current.value, locale, frame.decimals) : '–'}
          </span>{' '}
          <span className="panel__unit">{unit ?? ''}</span>
        </p>
      </header>
      <div className="panel__sub">
        <Trend
          current={current}
          start={start}
          windowMs={windowMs}
          unit={unit}
          decimals={frame.decimals}
        />
        {breach && <BreachNote breach={breach} unit={unit} locale={locale} />}
      </div>
      {control && <ControlChartSummary control={control} locale={locale} />}
      {stale.stale && (
        <p className="panel__stale">
          {(stale.reason === 'data' ? t.staleData : t.staleConnection)(
            formatClock(stale.since, locale),
          )}
        </p>
      )}
      <div
        ref={chartRef}
        className="panel__chart"
        role="img"
        aria-label={summary}
        {...inspect.chartProps}
      >
        {frame.points.length === 0 ? (
          <div className="panel__placeholder">{t.waitingForData}</div>
        ) : !seen ? (
          <div className="panel__placeholder">{t.loadingChart}</div>
        ) : (
          <Suspense fallback={<div className="panel__placeholder">{t.loadingChart}</div>}>
            <MetricChart
              points={frame.points}
              valueAxis={frame.valueAxis}
              width={size.width}
              height={size.height}
              limits={limits}
              limitLabels={limitLabels}
              locale={locale}
              inspect={inspect.store}
              overlay={overlay}
            />
          </Suspense>
        )}
      </div>
      <InspectReadout
        inspect={inspect.store}
        ids={inspect.ids}
        chartRef={chartRef}
        unit={unit}
        decimals={frame.decimals}
      />
    </section>
  );
}

function Trend({
  current,
  start,
  windowMs,
  unit,
  decimals,
}: {
  current: Point | null;
  start: Point | null;
  windowMs: number;
  unit: string | undefined;
  decimals: number;
}) {
  const { t, locale } = useI18n();
  if (!current || !start || current.ts === start.ts)
    return <span className="panel__trend">{t.noTrend}</span>;
  const delta = current.value - start.value;
  const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const arrow = { up: '▲', down: '▼', flat: '▬' }[direction];
  // Less history than the window: say what the trend is really measured against.
  const against = current.ts - start.ts < windowMs * 0.95;
  return (
    <span className={`panel__trend panel__trend--${direction}`} data-trend={direction}>
      <span aria-hidden="true">{arrow}</span> {signed(delta, locale, decimals)}
      {unit ? ` ${unit}` : ''} {trendLabel(t, against, start.ts, windowMs, locale)}
    </span>
  );
}
