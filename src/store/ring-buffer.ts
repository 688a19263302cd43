/**
 * A fixed-capacity series of points: memory stays flat however long the dashboard runs. The
 * buffer is mutated in place; `version` tells readers when to take a fresh `toArray()`.
 *
 * Memory is allocated as the series fills: the arrays start small and double up to `capacity`,
 * so a thousand series that each carry a few points do not reserve a thousand full windows.
 */
export type Point = { ts: number; value: number };

const DEFAULT_INITIAL_SLOTS = 64;

export class RingBuffer {
  private ts: Float64Array;
  private values: Float64Array;
  private start = 0;
  private length = 0;
  private cache: Point[] | null = null;
  version = 0;

  constructor(
    readonly capacity: number,
    initialSlots = DEFAULT_INITIAL_SLOTS,
  ) {
    if (!(Number.isInteger(capacity) && capacity > 0)) {
      throw new Error(`Expected a positive integer capacity but got ${capacity}`);
    }
    const slots = Math.min(capacity, Math.max(1, Math.floor(initialSlots) || 1));
    this.ts = new Float64Array(slots);
    this.values = new Float64Array(slots);
  }

  get size(): number {
    return this.length;
  }

  /** Slots allocated so far (at most `capacity`). */
  get allocated(): number {
    return this.ts.length;
  }

  push(ts: number, value: number): void {
    if (this.length === this.ts.length && this.ts.length < this.capacity) this.grow();
    const slots = this.ts.length;
    const end = (this.start + this.length) % slots;
    this.ts[end] = ts;
    this.values[end] = value;
    if (this.length < slots) this.length++;
    else this.start = (this.start + 1) % slots;
    this.touch();
  }

  /** Drop every point at or after `ts` (a snapshot is about to supply them again). */
  truncateFrom(ts: number): void {
    while (this.length > 0 && this.tsAt(this.length - 1) >= ts) this.length--;
    this.touch();
  }

  tsAt(index: number): number {
    return this.ts[(this.start + index) % this.ts.length] ?? Number.NaN;
  }

  valueAt(index: number): number {
    return this.values[(this.start + index) % this.values.length] ?? Number.NaN;
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

  /** Doubling keeps the copying amortised O(1) per point; the points keep their order. */
  private grow(): void {
    const slots = Math.min(this.capacity, this.ts.length * 2);
    const ts = new Float64Array(slots);
    const values = new Float64Array(slots);
    for (let i = 0; i < this.length; i++) {
      ts[i] = this.tsAt(i);
      values[i] = this.valueAt(i);
    }
    this.ts = ts;
    this.values = values;
    this.start = 0;
  }

  private touch(): void {
    this.cache = null;
    this.version++;
  }
}
