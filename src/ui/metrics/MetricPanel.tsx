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
import { chartSummary } from './chart-summary';
import { useEnvironment } from '../shared/environment';
import { formatClock, formatNumber } from '../i18n/format';
import { useMetricInfo } from '../i18n/use-metric-info';
import { limitText } from '../i18n/limit-text';
import { useOperator } from '../shared/operator-context';
import { useMountQueue, usePaused, useRedrawScheduler } from '../shared/redraw-context';
import type { ChartHandle } from '../shared/redraw-scheduler';
import { useDashboardStore } from '../shared/store-context';
import { useElementSize } from '../shared/use-element-size';
import { useI18n } from '../i18n/use-i18n';
import { useStaleness } from './use-staleness';
import { BreachNote } from './breach-note';
import { InspectReadout } from './inspect/InspectReadout';
import { LOAD_MESSAGES } from './load-messages';
import { ChunkBoundary } from '../shared/ChunkBoundary';
import { useInspect } from './inspect/use-inspect';
import { ExportChartButton } from '../export/ExportChartButton';
import { useControlChart, useControlSpec } from './ControlChart';
import { FrameFeed, useFeedFrame, useFeedSample, useFeedSelector } from './frame-feed';
import { useLiveValue } from './live-value';
import { drawFrame, panelLayout, sameLayout } from './panel-frame';
import './metrics.css';

export { drawFrame, type PanelFrame } from './panel-frame';

const MetricChart = lazy(() => import('./MetricChart'));

const FALLBACK_SIZE = { width: 480, height: 180 };
/** How often a chart's text alternative may change (the chart itself redraws 5 times a second). */
export const CHART_SUMMARY_MS = 5_000;

/**
 * One metric: current value, unit, trend over the window and a live line chart with its limits.
 * `data-metric` is a public contract. The redraw scheduler decides when the panel takes a new
 * frame (a few times a second, staggered, never while off-screen or paused); a frame is written
 * to the DOM without a React render unless the panel's layout changes.
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
  const mounts = useMountQueue();
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

  const [feed] = useState(
    () =>
      new FrameFeed(
        drawFrame(
          store.getState().series.get(name),
          windowMs,
          size.width,
          limits,
          null,
          extent,
          info.decimals,
        ),
      ),
  );
  const wanted = useRef({ windowMs, width: size.width });
  /** Something the frame is drawn with changed (limits, decimals): draw again once. */
  const outdated = useRef(false);
  const handle = useRef<ChartHandle | null>(null);
  // The chart (recharts, the costly part) mounts once the panel first comes into view: a page of
  // a thousand panels mounts only the charts an operator can see. Charts coming into view
  // together mount one every other frame (the queue), so the page keeps answering in between.
  const [seen, setSeen] = useState(() => env.IntersectionObserver === null);

  useLayoutEffect(() => {
    wanted.current = { windowMs, width: size.width };
    handle.current?.wake();
  }, [windowMs, size.width]);

  useEffect(() => {
    outdated.current = true;
    const registered = scheduler.register({
      isDirty: () => {
        const entry = store.getState().series.get(name);
        const last = feed.get();
        return (
          outdated.current ||
          (entry?.version ?? -1) !== last.version ||
          last.windowMs !== wanted.current.windowMs ||
          last.width !== wanted.current.width
        );
      },
      redraw: () => {
        outdated.current = false;
        feed.set(
          drawFrame(
            store.getState().series.get(name),
            wanted.current.windowMs,
            wanted.current.width,
            limits,
            feed.get(),
            extent,
            info.decimals,
          ),
        );
      },
    });
    handle.current = registered;
    let observer: IntersectionObserver | null = null;
    let cancelMount: (() => void) | null = null;
    const element = panelRef.current;
    if (env.IntersectionObserver && element) {
      observer = new env.IntersectionObserver((entries) => {
        const entry = entries[entries.length - 1];
        if (!entry) return;
        registered.setVisible(entry.isIntersecting);
        if (entry.isIntersecting && !cancelMount) cancelMount = mounts.request(() => setSeen(true));
      });
      observer.observe(element);
    }
    return () => {
      cancelMount?.();
      observer?.disconnect();
      registered.unregister();
      handle.current = null;
    };
  }, [
    scheduler,
    mounts,
    store,
    feed,
    name,
    limits,
    extent,
    info.decimals,
    env.IntersectionObserver,
  ]);
  // React renders the panel when its layout changes; the number, the trend and the line follow
  // every frame without it (live-value.ts, LiveSeries).
  const layout = useFeedSelector(feed, panelLayout, sameLayout);
  const unit = info.unit ?? layout.unit;
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
  const { breach } = layout;
  const numberRef = useRef<HTMLSpanElement>(null);
  const trendRef = useRef<HTMLSpanElement>(null);
  useLiveValue(feed, numberRef, trendRef, { t, locale, windowMs, unit });
  const inspect = useInspect(feed);
  const { control, overlay, Summary } = useControlChart(
    name,
    spc,
    useFeedFrame(feed, spc !== null),
    locale,
  );
  // The text alternative follows the frames, settling at most once per CHART_SUMMARY_MS.
  const summaryFrame = useFeedSample(feed, CHART_SUMMARY_MS);
  const summary = chartSummary({
    label,
    current: summaryFrame.current,
    start: summaryFrame.start,
    windowMs,
    unit,
    decimals: summaryFrame.decimals,
    limitLabels,
    t,
    locale,
  });

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
          <span ref={numberRef} className="panel__number" />{' '}
          <span className="panel__unit">{unit ?? ''}</span>
        </p>
      </header>
      <div className="panel__sub">
        <span ref={trendRef} className="panel__trend" />
        {breach && <BreachNote breach={breach} unit={unit} locale={locale} />}
      </div>
      {control && Summary && <Summary control={control} locale={locale} />}
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
        {!layout.hasPoints ? (
          <div className="panel__placeholder">{t.waitingForData}</div>
        ) : !seen ? (
          <div className="panel__placeholder">{t.loadingChart}</div>
        ) : (
          <ChunkBoundary
            fallback={<div className="panel__placeholder">{LOAD_MESSAGES[locale].chartFailed}</div>}
          >
            <Suspense fallback={<div className="panel__placeholder">{t.loadingChart}</div>}>
              <MetricChart
                feed={feed}
                width={size.width}
                height={size.height}
                limits={limits}
                limitLabels={limitLabels}
                locale={locale}
                inspect={inspect.store}
                overlay={overlay}
              />
            </Suspense>
          </ChunkBoundary>
        )}
      </div>
      <InspectReadout
        inspect={inspect.store}
        ids={inspect.ids}
        chartRef={chartRef}
        unit={unit}
        decimals={layout.decimals}
      />
    </section>
  );
}
