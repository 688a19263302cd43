import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/realtime/outbox';

describe('outbox', () => {
  it('keeps messages in order until drained', () => {
    const box = new Outbox<number>(3);
    [1, 2, 3].forEach((n) => box.push(n));
    expect(box.drain()).toEqual([1, 2, 3]);
    expect(box.size).toBe(0);
  });

  it('drops the oldest message when full and says which', () => {
    const box = new Outbox<number>(2);
    box.push(1);
    box.push(2);
    expect(box.push(3)).toBe(1);
    expect(box.drain()).toEqual([2, 3]);
  });

  it('puts failed messages back in front, within the cap', () => {
    const box = new Outbox<number>(3);
    box.push(9);
    expect(box.restore([1, 2, 3])).toBe(1);
    expect(box.drain()).toEqual([2, 3, 9]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new Outbox(0)).toThrow(/positive integer/);
  });
});
