import { useLayoutEffect, useRef } from 'react';
import { usePlotArea } from 'recharts';
import type { Locale } from '../../store';
import { formatAxisNumber } from '../i18n/format';
import { isUpperLimit, type Limit } from '../shared/metric-catalog';
import { linearScale, tenths, type Scale } from './chart-geometry';
import type { PointsFeed } from './LiveSeries';
import { childAt, LABEL_GAP_PX, svgElement, TICK_PX, trimChildren } from './svg-writer';
import { sameValueAxis, type ValueAxis } from './value-axis';

/** How far a limit's label sits from its line and from the plot's right edge. */
const LIMIT_LABEL_INSET_PX = 5;

/** A plot area as recharts reports it. */
type Area = { x: number; y: number; width: number; height: number };

/**
 * The value axis' ticks and labels and the limit lines, written straight to the DOM when a frame
 * brings a new value axis. They were recharts' YAxis and ReferenceLines, and a frame that
 * rescaled the axis re-rendered the panel and the whole chart through React and recharts' store:
 * at flood rates a series' window spans under a second and about half the redraws rescale.
 * recharts still reserves the axis' width and draws its line; the rest follows the frames here,
 * as the line and the clock axis do (`LiveSeries`).
 *
 * The class names are recharts' own, which tests and tools look for: a limit is
 * `.recharts-reference-line.limit.limit--<kind>` with its `line` and its `.recharts-label`.
 */
export function LiveValueAxis({
  feed,
  limits,
  limitLabels,
  locale,
}: {
  feed: PointsFeed;
  limits: readonly Limit[];
  /** Already-translated label per limit, same order as `limits`. */
  limitLabels: readonly string[];
  locale: Locale;
}) {
  const area = usePlotArea();
  const ticksRef = useRef<SVGGElement>(null);
  const labelsRef = useRef<SVGGElement>(null);
  const limitsRef = useRef<SVGGElement>(null);

  useLayoutEffect(() => {
    const ticks = ticksRef.current;
    const labels = labelsRef.current;
    const lines = limitsRef.current;
    if (!area || !ticks || !labels || !lines) return;
    let shown: ValueAxis | null = null;
    const draw = ({ valueAxis }: { valueAxis: ValueAxis }) => {
      // Most frames keep the axis (value-axis.ts): nothing to write.
      if (shown && sameValueAxis(shown, valueAxis)) return;
      shown = valueAxis;
      const y = linearScale(valueAxis.domain, area.y + area.height, area.y);
      writeValueTicks(ticks, labels, valueAxis.ticks, y, area.x, locale);
      writeLimitLines(lines, limits, limitLabels, y, area);
    };
    draw(feed.get());
    return feed.subscribe(draw);
  }, [feed, area, limits, limitLabels, locale]);

  if (!area) return null;
  return (
    <>
      <g ref={limitsRef} className="recharts-layer limit-lines" />
      <g
        ref={ticksRef}
        className="recharts-cartesian-axis-tick-lines recharts-yAxis-tick-lines"
        aria-hidden="true"
      />
      <g
        ref={labelsRef}
        className="recharts-cartesian-axis-tick-labels recharts-yAxis-tick-labels"
        aria-hidden="true"
      />
    </>
  );
}

/**
 * A tick mark left of the plot and a label left of it per tick, reusing the elements already
 * there; a label's text is set only when its tick's value or the locale changed.
 */
export function writeValueTicks(
  marks: SVGGElement,
  labels: SVGGElement,
  ticks: readonly number[],
  y: Scale,
  axisX: number,
  locale: Locale,
): void {
  trimChildren(marks, ticks.length);
  trimChildren(labels, ticks.length);
  ticks.forEach((value, i) => {
    const py = tenths(y(value));
    const mark = childAt(marks, i, () =>
      svgElement('line', { class: 'recharts-cartesian-axis-tick-line', stroke: 'var(--muted)' }),
    );
    // Positions every time: the plot area can move (the first layout, a resize) under the same axis.
    mark.setAttribute('x1', String(axisX - TICK_PX));
    mark.setAttribute('x2', String(axisX));
    mark.setAttribute('y1', py);
    mark.setAttribute('y2', py);
    const label = childAt(labels, i, () =>
      svgElement('text', {
        class: 'recharts-text recharts-cartesian-axis-tick-value',
        'text-anchor': 'end',
        dy: '0.355em',
        fill: 'var(--muted)',
      }),
    );
    label.setAttribute('x', String(axisX - TICK_PX - LABEL_GAP_PX));
    label.setAttribute('y', py);
    const key = `${locale}:${value}`;
    if (label.dataset.tick !== key) {
      label.dataset.tick = key;
      // Up to two decimals and no padding zeros: "137.25" and "138" never both read "138".
      label.textContent = formatAxisNumber(value, locale);
    }
  });
}

/**
 * One dashed line across the plot per limit, with its label inside the plot on the side away
 * from the data's usual place: below an upper limit, above a lower one. Operating limits in the
 * critical colour; warning lines and control limits in the warning one.
 */
export function writeLimitLines(
  group: SVGGElement,
  limits: readonly Limit[],
  labels: readonly string[],
  y: Scale,
  area: Area,
): void {
  trimChildren(group, limits.length);
  limits.forEach((limit, i) => {
    const critical = limit.kind === 'max' || limit.kind === 'min';
    const upper = isUpperLimit(limit.kind);
    const item = childAt(group, i, () => {
      const g = svgElement('g', {});
      g.append(
        svgElement('line', {
          class: 'recharts-reference-line-line',
          'stroke-dasharray': '6 4',
          fill: 'none',
        }),
        svgElement('text', {
          class: 'recharts-text recharts-label',
          'text-anchor': 'end',
          fill: 'var(--muted)',
        }),
      );
      return g;
    });
    item.setAttribute('class', `recharts-layer recharts-reference-line limit limit--${limit.kind}`);
    const [line, text] = item.children as unknown as [SVGLineElement, SVGTextElement];
    const py = y(limit.value);
    line.setAttribute('stroke', critical ? 'var(--critical)' : 'var(--warning)');
    line.setAttribute('x1', tenths(area.x));
    line.setAttribute('x2', tenths(area.x + area.width));
    line.setAttribute('y1', tenths(py));
    line.setAttribute('y2', tenths(py));
    text.setAttribute('x', tenths(area.x + area.width - LIMIT_LABEL_INSET_PX));
    text.setAttribute('y', tenths(upper ? py + LIMIT_LABEL_INSET_PX : py - LIMIT_LABEL_INSET_PX));
    text.setAttribute('dy', upper ? '0.71em' : '0');
    const label = labels[i] ?? '';
    if (text.textContent !== label) text.textContent = label;
  });
}
