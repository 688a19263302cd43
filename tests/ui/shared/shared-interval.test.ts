import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { everyInterval } from '../../../src/ui/shared/shared-interval';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('everyInterval', () => {
  it('runs every subscriber of a period from one timer', () => {
    const calls: string[] = [];
    const stops = ['a', 'b', 'c'].map((name) => everyInterval(500, () => calls.push(name)));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(calls).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    stops.forEach((stop) => stop());
  });

  it('keeps a timer per period', () => {
    const stops = [everyInterval(500, () => {}), everyInterval(1_000, () => {})];
    expect(vi.getTimerCount()).toBe(2);
    stops.forEach((stop) => stop());
  });

  it('stops the timer with the last subscriber, and starts a new one after', () => {
    const calls: string[] = [];
    const stopA = everyInterval(500, () => calls.push('a'));
    const stopB = everyInterval(500, () => calls.push('b'));
    stopA();
    vi.advanceTimersByTime(500);
    expect(calls).toEqual(['b']);
    stopB();
    expect(vi.getTimerCount()).toBe(0);
    // Stopping twice does nothing.
    stopB();
    const stopC = everyInterval(500, () => calls.push('c'));
    vi.advanceTimersByTime(500);
    expect(calls).toEqual(['b', 'c']);
    stopC();
  });

  it('lets a listener unsubscribe while the others run', () => {
    const calls: string[] = [];
    let stopB = () => {};
    const stopA = everyInterval(500, () => {
      calls.push('a');
      stopB();
    });
    stopB = everyInterval(500, () => calls.push('b'));
    vi.advanceTimersByTime(1_000);
    // b ran in the tick that removed it (the tick works on a copy), not after.
    expect(calls).toEqual(['a', 'b', 'a']);
    stopA();
  });

  it('runs the same listener twice when subscribed twice', () => {
    let count = 0;
    const listener = () => count++;
    const stops = [everyInterval(500, listener), everyInterval(500, listener)];
    vi.advanceTimersByTime(500);
    expect(count).toBe(2);
    stops.forEach((stop) => stop());
  });
});
