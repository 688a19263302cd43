import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionTable, type SessionClock, type SessionEnd } from '../../backend/session-table';

const clock: SessionClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

describe('SessionTable', () => {
  let ended: [SessionEnd, number][];
  const table = (ttlMs: number, max: number) =>
    new SessionTable(clock, ttlMs, max, (why, count) => ended.push([why, count]));

  beforeEach(() => {
    vi.useFakeTimers();
    ended = [];
  });
  afterEach(() => vi.useRealTimers());

  it('leaves no timer behind until the backend runs, yet still honours the ttl on lookup', async () => {
    const sessions = table(1_000, 10);
    sessions.start('s_1');
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sessions.get('s_1')).toBeUndefined();
    expect(ended).toEqual([['expired', 1]]);
  });

  it('expires each session at its own ttl while running, with one timer at a time', async () => {
    const sessions = table(1_000, 10);
    sessions.resume();
    sessions.start('s_1');
    await vi.advanceTimersByTimeAsync(400);
    sessions.start('s_2');
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(600);
    expect(sessions.size).toBe(1);
    expect(sessions.get('s_2')?.id).toBe('s_2');
    await vi.advanceTimersByTimeAsync(400);
    expect(sessions.size).toBe(0);
    expect(ended).toEqual([
      ['expired', 1],
      ['expired', 1],
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('evicts the oldest live session only when no expired one can make room', async () => {
    const sessions = table(1_000, 2);
    sessions.start('s_1');
    await vi.advanceTimersByTimeAsync(600);
    sessions.start('s_2');
    await vi.advanceTimersByTimeAsync(500);
    sessions.start('s_3');
    expect(ended).toEqual([['expired', 1]]);
    sessions.start('s_4');
    expect(ended).toEqual([
      ['expired', 1],
      ['evicted', 1],
    ]);
    expect([sessions.get('s_2'), sessions.get('s_3')?.id, sessions.get('s_4')?.id]).toEqual([
      undefined,
      's_3',
      's_4',
    ]);
  });

  it('waits out a ttl longer than a timer can hold instead of spinning on it', async () => {
    // Node (and fake timers) fire a delay past 2^31 - 1 ms after 1 ms: unclamped, that re-arms
    // every millisecond for forty days.
    const armed = vi.fn(clock.setTimeout);
    const sessions = new SessionTable(
      { ...clock, setTimeout: armed },
      40 * 86_400_000,
      10,
      () => {},
    );
    sessions.resume();
    sessions.start('s_1');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sessions.get('s_1')?.id).toBe('s_1');
    expect(armed).toHaveBeenCalledTimes(1);
  });

  it('names who acted by an alias that is not the id', () => {
    const session = table(1_000, 10).start('s_secret');
    expect(session.alias).toMatch(/^operator-\d+$/);
    expect(session.alias).not.toContain('s_secret');
  });
});
