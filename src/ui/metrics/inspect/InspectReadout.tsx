import { useLayoutEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import { formatClock, formatNumber, isoTime } from '../../i18n/format';
import { useI18n } from '../../i18n/use-i18n';
import { exactDigits } from './exact-digits';
import { INSPECT_MESSAGES } from './inspect-messages';
import type { InspectStore } from './inspect-store';
import './inspect.css';

/** Gap between the inspected point and the tooltip, in pixels. */
const GAP = 12;

/**
 * What an inspected point says: a tooltip beside it for the eye, and a polite live region for a
 * screen reader (keyboard inspection only: a pointer sweeping a chart would flood it). Rendered
 * beside the chart, not in it: the chart is one image to assistive technology, and an image's
 * content is never read.
 */
export function InspectReadout({
  inspect,
  ids,
  chartRef,
  unit,
  decimals,
}: {
  inspect: InspectStore;
  ids: { tooltip: string; hint: string };
  chartRef: RefObject<HTMLElement | null>;
  unit: string | undefined;
  decimals: number;
}) {
  const { locale } = useI18n();
  const m = INSPECT_MESSAGES[locale];
  const view = useSyncExternalStore(inspect.subscribe, inspect.getView);
  const tooltipRef = useRef<HTMLDivElement | null>(null);

  const value = view
    ? `${formatNumber(view.point.value, locale, exactDigits(view.point.value, decimals))}${unit ? ` ${unit}` : ''}`
    : '';
  const time = view ? formatClock(view.point.ts, locale) : '';

  // Placed from the layout, not through state: a second render per move would double its cost.
  useLayoutEffect(() => {
    const tooltip = tooltipRef.current;
    const chart = chartRef.current;
    if (!view || !tooltip || !chart) return;
    const w = tooltip.offsetWidth;
    const h = tooltip.offsetHeight;
    // Right of the point, or left of it where the right would run off the chart.
    const right = view.x + GAP + w <= view.width;
    const left = right ? view.x + GAP : Math.max(0, view.x - GAP - w);
    const top = Math.min(Math.max(0, view.y - GAP - h), Math.max(0, view.height - h));
    tooltip.style.left = `${chart.offsetLeft + left}px`;
    tooltip.style.top = `${chart.offsetTop + top}px`;
  }, [view, chartRef, value, time]);

  return (
    <>
      <span id={ids.hint} className="visually-hidden">
        {m.hint}
      </span>
      <span className="visually-hidden" aria-live="polite" data-inspect-live="">
        {view?.by === 'keyboard' ? m.point(time, value) : ''}
      </span>
      {view && (
        <div
          ref={tooltipRef}
          id={ids.tooltip}
          role="tooltip"
          className="inspect-tooltip"
          data-inspect-ts={view.point.ts}
        >
          <span className="inspect-tooltip__value">{value}</span>
          <time className="inspect-tooltip__time" dateTime={isoTime(view.point.ts)}>
            {time}
          </time>
        </div>
      )}
    </>
  );
}
