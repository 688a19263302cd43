/**
 * A fixed-capacity series of points: memory stays flat however long the dashboard runs. The
 * buffer is mutated in place; `version` tells readers when to take a fresh `toArray()`.
 */
export type Point = { ts: number; value: number };

export class RingBuffer {
  private readonly ts: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private length = 0;
  private cache: Point[] | null = null;
  version = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) {
      throw new Error(`Expected a positive integer capacity but got ${capacity}`);
    }
    this.ts = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get size(): number {
    return this.length;
  }

  push(ts: number, value: number): void {
    const end = (this.start + this.length) % this.capacity;
    this.ts[end] = ts;
    this.values[end] = value;
    if (this.length < this.capacity) this.length++;
    else this.start = (this.start + 1) % this.capacity;
    this.touch();
  }

  /** Drop every point at or after `ts` (a snapshot is about to supply them again). */
  truncateFrom(ts: number): void {
    while (this.length > 0 && this.tsAt(this.length - 1) >= ts) this.length--;
    this.touch();
  }

  tsAt(index: number): number {
    return this.ts[(this.start + index) % this.capacity] ?? Number.NaN;
  }

  valueAt(index: number): number {
    return this.values[(this.start + index) % this.capacity] ?? Number.NaN;
  }

  /** Index of the first point with `ts >= at` (`size` when there is none); points are time-ordered. */
  lowerBound(at: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tsAt(mid) < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  last(): Point | null {
    return this.length === 0
      ? null
      : { ts: this.tsAt(this.length - 1), value: this.valueAt(this.length - 1) };
  }

  /** Oldest first. Cached until the next change, so many readers share one array. */
  toArray(): Point[] {
    if (this.cache) return this.cache;
    const out = new Array<Point>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = { ts: this.tsAt(i), value: this.valueAt(i) };
    this.cache = out;
    return out;
  }

  private touch(): void {
    this.cache = null;
    this.version++;
  }
}
