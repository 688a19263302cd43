import { useLayoutEffect, useRef } from 'react';
import { usePlotArea } from 'recharts';
import type { Locale, Point } from '../../store';
import { formatClock } from '../i18n/format';
import {
  linearScale,
  linePath,
  tenths,
  timeDomainOf,
  visibleTimeTicks,
  type Scale,
} from './chart-geometry';
import {
  childAt,
  LABEL_GAP_PX,
  setIfChanged,
  svgElement,
  TICK_PX,
  trimChildren,
} from './svg-writer';
import type { ValueAxis } from './value-axis';

/** What the live layer draws from a frame: its points, on its own value axis. */
export type ChartFrame = {
  readonly points: readonly Point[];
  readonly valueAxis: ValueAxis;
};

/** What the live layer reads: a panel's frames (FrameFeed), narrowed to what it draws. */
export type PointsFeed = {
  get(): ChartFrame;
  subscribe(listener: (frame: ChartFrame) => void): () => void;
};

/**
 * The series line and the clock axis, written straight to the DOM on every frame. recharts lays
 * out the chart (plot area, the axes' lines) and renders again only when its size changes;
 * a frame moves the time window, so drawing the time axis through recharts made every redraw a
 * React render of the whole chart (about 2 ms of recharts components per redraw in a profile).
 *
 * The line keeps recharts' class (`path.recharts-line-curve`), which tests and tools look for.
 * Never animated: a streaming line that eased from its old shape would always show the past.
 * Scaled from each frame's own domains, not recharts' scale hooks, which take a new domain only
 * after a render: a frame that rescales the value axis is drawn once, on its new axis, as the
 * axis itself is (LiveValueAxis).
 */
export function LiveSeries({
  feed,
  width,
  locale,
}: {
  feed: PointsFeed;
  width: number;
  locale: Locale;
}) {
  const area = usePlotArea();
  const pathRef = useRef<SVGPathElement>(null);
  const ticksRef = useRef<SVGGElement>(null);

  useLayoutEffect(() => {
    const path = pathRef.current;
    const ticks = ticksRef.current;
    if (!area || !path || !ticks) return;
    const axisY = area.y + area.height;
    // Compared with what this effect wrote, not read back: reading a 1,600-point path's `d` out
    // of the DOM copies its whole string at every redraw.
    let written = path.getAttribute('d');
    const draw = ({ points, valueAxis }: ChartFrame) => {
      const time = timeDomainOf(points);
      const x = linearScale(time, area.x, area.x + area.width);
      const y = linearScale(valueAxis.domain, area.y + area.height, area.y);
      const d = linePath(points, x, y);
      if (d !== written) {
        path.setAttribute('d', d);
        written = d;
      }
      writeTimeTicks(ticks, visibleTimeTicks(time[0], time[1], width), x, axisY, locale);
    };
    draw(feed.get());
    return feed.subscribe(draw);
  }, [feed, area, width, locale]);

  if (!area) return null;
  return (
    <>
      <g className="recharts-layer recharts-line">
        <path
          ref={pathRef}
          className="recharts-curve recharts-line-curve"
          fill="none"
          stroke="var(--chart-line)"
          strokeWidth={2}
          strokeLinejoin="round"
        />
      </g>
      <g
        ref={ticksRef}
        className="recharts-cartesian-axis-tick-labels recharts-xAxis-tick-labels"
        aria-hidden="true"
      />
    </>
  );
}

/**
 * One tick mark and clock label per tick, reusing the elements already there: a frame moves
 * them; only a tick that is new to its slot gets new text. Their height follows the plot's bottom
 * (`axisY`), which moves when the chart is resized.
 */
export function writeTimeTicks(
  group: SVGGElement,
  ticks: readonly number[],
  x: Scale,
  axisY: number,
  locale: Locale,
): void {
  trimChildren(group, ticks.length);
  ticks.forEach((ts, i) => {
    const tick = childAt(group, i, () => {
      const created = svgElement('g', { class: 'recharts-layer recharts-cartesian-axis-tick' });
      created.append(
        svgElement('line', { class: 'recharts-cartesian-axis-tick-line', stroke: 'var(--muted)' }),
        svgElement('text', {
          class: 'recharts-text recharts-cartesian-axis-tick-value',
          'text-anchor': 'middle',
          fill: 'var(--muted)',
          dy: '0.71em',
        }),
      );
      return created;
    });
    const [line, text] = tick.children as unknown as [SVGLineElement, SVGTextElement];
    setIfChanged(line, 'y1', String(axisY));
    setIfChanged(line, 'y2', String(axisY + TICK_PX));
    setIfChanged(text, 'y', String(axisY + TICK_PX + LABEL_GAP_PX));
    const px = tenths(x(ts));
    line.setAttribute('x1', px);
    line.setAttribute('x2', px);
    text.setAttribute('x', px);
    const key = `${locale}:${ts}`;
    if (tick.dataset.tick !== key) {
      tick.dataset.tick = key;
      text.textContent = formatClock(ts, locale);
    }
  });
}
