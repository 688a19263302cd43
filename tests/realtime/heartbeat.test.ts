import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from '../../src/realtime/heartbeat';
import { systemClock } from '../../src/realtime';

describe('heartbeat', () => {
  let lastFrameAt = 0;
  const pings: number[] = [];
  let dead = 0;
  let beat: Heartbeat;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    lastFrameAt = Date.now();
    pings.length = 0;
    dead = 0;
    beat = new Heartbeat(
      systemClock,
      1_000,
      () => lastFrameAt,
      (ts) => pings.push(ts),
      () => dead++,
    );
    beat.start();
  });
  afterEach(() => {
    beat.stop();
    vi.useRealTimers();
  });

  it('pings every beat while the server answers', () => {
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(1_000);
      lastFrameAt = Date.now();
    }
    expect(pings).toHaveLength(3);
  });

  it('keeps a line alive while any frame arrives', () => {
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(1_500);
      lastFrameAt = Date.now();
    }
    expect(dead).toBe(0);
  });

  it('declares the line dead after two silent beats', () => {
    vi.advanceTimersByTime(1_999);
    expect(dead).toBe(0);
    vi.advanceTimersByTime(1);
    expect(dead).toBe(1);
  });

  it('sees the silence of a laptop sleep when its timer finally fires', () => {
    // The clock jumps an hour while no timer runs, then the overdue timer fires.
    vi.setSystemTime(Date.now() + 3_600_000);
    vi.advanceTimersByTime(1_000);
    expect(dead).toBe(1);
  });

  it('checks the line at once and fails it when nothing answers in time', () => {
    vi.advanceTimersByTime(500);
    beat.checkNow(300);
    expect(pings).toHaveLength(1);
    vi.advanceTimersByTime(300);
    expect(dead).toBe(1);
  });

  it('passes a line check when a frame answers', () => {
    beat.checkNow(300);
    vi.advanceTimersByTime(100);
    lastFrameAt = Date.now();
    vi.advanceTimersByTime(200);
    expect(dead).toBe(0);
  });

  it('does nothing after stop', () => {
    beat.stop();
    vi.advanceTimersByTime(10_000);
    expect(pings).toHaveLength(0);
    expect(dead).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
