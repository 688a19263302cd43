import type { Point } from '../../store';

/** Read access to a time-ordered series (a RingBuffer is one), so nothing is copied to read it. */
export type SeriesReader = {
  readonly size: number;
  tsAt(index: number): number;
  valueAt(index: number): number;
};

/**
 * Points `[from, to)` of a series reduced to about `maxPoints` for drawing: the range is cut into
 * equal-count buckets and each keeps its lowest and highest point, in time order. Min/max rather
 * than LTTB because an operator must see every spike, above all one across a threshold line;
 * at the chart's pixel width the two look the same otherwise.
 */
export function downsampleMinMax(
  series: SeriesReader,
  from: number,
  to: number,
  maxPoints: number,
): Point[] {
  const start = Math.max(0, from);
  const end = Math.min(series.size, to);
  const count = end - start;
  if (count <= 0) return [];
  const limit = Math.max(2, Math.floor(maxPoints));
  if (count <= limit) {
    const out = new Array<Point>(count);
    for (let i = 0; i < count; i++)
      out[i] = { ts: series.tsAt(start + i), value: series.valueAt(start + i) };
    return out;
  }
  const buckets = Math.floor(limit / 2);
  const out: Point[] = [];
  for (let b = 0; b < buckets; b++) {
    const lo = start + Math.floor((b * count) / buckets);
    const hi = start + Math.floor(((b + 1) * count) / buckets);
    let min = lo;
    let max = lo;
    // The extremes so far kept at hand: a ring buffer read costs a modulo.
    let low = series.valueAt(lo);
    let high = low;
    for (let i = lo + 1; i < hi; i++) {
      const value = series.valueAt(i);
      if (value < low) {
        low = value;
        min = i;
      }
      if (value > high) {
        high = value;
        max = i;
      }
    }
    const first = Math.min(min, max);
    const second = Math.max(min, max);
    out.push({ ts: series.tsAt(first), value: series.valueAt(first) });
    if (second !== first) out.push({ ts: series.tsAt(second), value: series.valueAt(second) });
  }
  // The newest point is what the value label shows: the line must end exactly there.
  const lastIndex = end - 1;
  if (out[out.length - 1]?.ts !== series.tsAt(lastIndex))
    out.push({ ts: series.tsAt(lastIndex), value: series.valueAt(lastIndex) });
  return out;
}
