import type { Point } from '../../store';
import { timeTicks } from './time-ticks';

/** The chart's frame around the plot (recharts' margin) and the value axis' width. */
export const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
export const VALUE_AXIS_WIDTH = 56;
/** Half of a clock label's width: a label closer than this to an end would be cut off. */
const HALF_LABEL_PX = 32;
/** Room one clock label needs, ticks included. */
const LABEL_SPACING_PX = 110;

export type Scale = (value: number) => number;

/** Maps `[from, to]` onto pixels `[start, end]` (end may be smaller: the value axis points up). */
export function linearScale(
  [from, to]: readonly [number, number],
  start: number,
  end: number,
): Scale {
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
    d += (d ? 'L' : 'M') + tenths(px) + ',' + tenths(py);
  }
  return d;
}

/** Beyond this many tenths an integer no longer fits the 32 bits the fast path works in. */
const FAST_TENTHS = 2 ** 31 - 1;

/**
 * `value` rounded to tenths, written as `String(Math.round(value * 10) / 10)` would write it,
 * from integers: printing a fraction is the slow part of building a path (about 0.7 ms of a
 * 1,600-point line against 0.15 ms this way, at every redraw of every chart).
 */
export function tenths(value: number): string {
  const q = Math.round(value * 10);
  if (!(Math.abs(q) <= FAST_TENTHS)) return String(q / 10);
  const whole = (q / 10) | 0;
  const digit = q - whole * 10;
  if (digit === 0) return String(whole);
  // -0.5 has a whole part of 0, which has no sign of its own.
  return `${q < 0 && whole === 0 ? '-0' : whole}.${digit < 0 ? -digit : digit}`;
}

/** The time span the points cover; a single point still gets two seconds to sit in. */
export function timeDomainOf(points: readonly Point[]): [number, number] {
  const first = points[0]?.ts ?? 0;
  const last = points[points.length - 1]?.ts ?? 0;
  return last > first ? [first, last] : [first - 1_000, first + 1_000];
}

/**
 * The clock ticks a chart `width` pixels wide shows over `[from, to]`. Labels are centred on their
 * tick and about 60 px wide: one closer to the right end than half that would be cut off by the
 * chart's edge, one right at the left end would run into the value axis' labels.
 */
export function visibleTimeTicks(from: number, to: number, width: number): number[] {
  const plotWidth = Math.max(1, width - VALUE_AXIS_WIDTH - MARGIN.left - MARGIN.right);
  const edgeMs = ((to - from) * Math.max(0, HALF_LABEL_PX - MARGIN.right)) / plotWidth;
  return timeTicks(from, to, width / LABEL_SPACING_PX).filter(
    (t) => to - t >= edgeMs && t - from >= edgeMs / 2,
  );
}
