import { describe, expect, it } from 'vitest';
import { HeldMessages } from '../../src/realtime/held-messages';

const status = (seq: number) => ({
  type: 'status' as const,
  seq,
  level: 'info' as const,
  message: 'm',
});

describe('held messages', () => {
  it('refuses a message that would cross the size bound, holding nothing of it', () => {
    const held = new HeldMessages(100, 1_000);
    expect(held.push({ message: status(1), size: 600 })).toBe(true);
    expect(held.push({ message: status(2), size: 401 })).toBe(false);
    expect(held.push({ message: status(3), size: 400 })).toBe(true);
    expect({ length: held.length, bytes: held.bytes }).toEqual({ length: 2, bytes: 1_000 });
  });

  it('refuses a message that would cross the count bound', () => {
    const held = new HeldMessages(2, 1_000_000);
    expect(held.push({ message: status(1), size: 1 })).toBe(true);
    expect(held.push({ message: status(2), size: 1 })).toBe(true);
    expect(held.push({ message: status(3), size: 1 })).toBe(false);
  });

  it('drains in seq order and starts empty again', () => {
    const held = new HeldMessages(10, 100);
    for (const seq of [3, 1, 2]) held.push({ message: status(seq), size: 10 });
    expect(held.drain().map((h) => h.message.seq)).toEqual([1, 2, 3]);
    expect({ length: held.length, bytes: held.bytes }).toEqual({ length: 0, bytes: 0 });
  });
});
