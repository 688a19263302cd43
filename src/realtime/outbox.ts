/**
 * Messages the application sent while the line was down. Bounded: a dashboard offline for a
 * day must not grow without limit, so the oldest message goes first and the drop is reported.
 */
export class Outbox<T> {
  private items: T[] = [];

  constructor(private readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) {
      throw new Error(`Expected a positive integer outbox capacity but got ${capacity}`);
    }
  }

  /** Queues `item`; returns the item dropped to make room, if any. */
  push(item: T): T | undefined {
    this.items.push(item);
    return this.items.length > this.capacity ? this.items.shift() : undefined;
  }

  /** Takes everything queued, oldest first. */
  drain(): T[] {
    const items = this.items;
    this.items = [];
    return items;
  }

  /** Puts items back in front (a send that failed), still within the cap; returns the dropped count. */
  restore(items: T[]): number {
    const merged = [...items, ...this.items];
    const dropped = Math.max(0, merged.length - this.capacity);
    this.items = merged.slice(dropped);
    return dropped;
  }

  get size(): number {
    return this.items.length;
  }
}
