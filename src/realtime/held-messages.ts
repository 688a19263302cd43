import type { DataMessage } from './protocol';

/** A data message and the size of the frame (or share of the HTTP body) it came in. */
export type Held = { message: DataMessage; size: number };

/**
 * Data messages held for later: before a socket's `welcome`, or while a snapshot is fetched.
 * Bounded in messages AND in size: a count alone would let 20,000 frames of 1 MiB each (20 GB)
 * pile up. Size is the frame's length in characters, a cheap and close estimate of its bytes.
 */
export class HeldMessages {
  private items: Held[] = [];
  private size = 0;

  constructor(
    private readonly maxMessages: number,
    private readonly maxSize: number,
  ) {}

  get length(): number {
    return this.items.length;
  }

  get bytes(): number {
    return this.size;
  }

  /** Holds the message; false (and nothing held) when it would cross either bound. */
  push(held: Held): boolean {
    if (this.items.length + 1 > this.maxMessages || this.size + held.size > this.maxSize)
      return false;
    this.items.push(held);
    this.size += held.size;
    return true;
  }

  /** Everything held, in seq order, leaving the buffer empty. */
  drain(): Held[] {
    const items = this.items.sort((a, b) => a.message.seq - b.message.seq);
    this.items = [];
    this.size = 0;
    return items;
  }

  /** What a full buffer held, for an error detail. */
  describe(): string {
    return `${this.items.length} messages, ${this.size} characters; bounds ${this.maxMessages} messages, ${this.maxSize} characters`;
  }
}
