import type { Point, SeriesEntry } from '../../store';
import { decimalsOf } from '../i18n/format';
import type { Limit } from '../shared/metric-catalog';
import { breachState, type Breach } from './breach';
import { downsampleMinMax } from './downsample';
import { valueAxis, type ValueAxis } from './value-axis';

const NO_LIMITS: readonly Limit[] = [];

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

/** What of a frame the panel lays out with React; the rest is written from each frame directly. */
export type PanelLayout = {
  hasPoints: boolean;
  decimals: number;
  unit: string | undefined;
  breach: Breach<Limit> | null;
};

export function panelLayout(frame: PanelFrame): PanelLayout {
  return {
    hasPoints: frame.points.length > 0,
    decimals: frame.decimals,
    unit: frame.unit,
    breach: frame.breach,
  };
}

/**
 * Equal when nothing React draws would differ: most frames only move the line. The value axis is
 * not React's: a frame that rescales it is written to the DOM too (LiveValueAxis).
 */
export function sameLayout(a: PanelLayout, b: PanelLayout): boolean {
  return (
    a.hasPoints === b.hasPoints &&
    a.decimals === b.decimals &&
    a.unit === b.unit &&
    sameBreach(a.breach, b.breach)
  );
}

function sameBreach(a: Breach<Limit> | null, b: Breach<Limit> | null): boolean {
  if (!a || !b) return a === b;
  return a.level === b.level && a.limit === b.limit && a.since === b.since;
}
