import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RealtimeClient, RealtimeEvent } from '../../src/realtime';
import { bindClientToStore, createDashboardStore, frameScheduler } from '../../src/store';
import { connectionFixture, metricsEvent } from '../support/fixtures';

/** The samples here are stamped from 0 ms on; the store judges them by a clock of that era. */
const clock = { now: () => 0 };

/** Just enough of a RealtimeClient for the binding: events in, commands out. */
function fakeClient() {
  let listener: ((event: RealtimeEvent) => void) | null = null;
  const client = {
    listen: (fn: (event: RealtimeEvent) => void) => {
      listener = fn;
      return () => (listener = null);
    },
    getSnapshot: () => connectionFixture(),
    ack: vi.fn(),
    reconnectNow: vi.fn(),
  };
  const emit = (event: RealtimeEvent) => listener?.(event);
  return { client: client as unknown as RealtimeClient, emit, fake: client };
}

/** A scheduler the test drives by hand, like animation frames. */
function manualFrames() {
  let queued: (() => void) | null = null;
  return {
    schedule: (flush: () => void) => {
      queued = flush;
      return () => (queued = null);
    },
    frame: () => {
      const run = queued;
      queued = null;
      run?.();
    },
  };
}

describe('bindClientToStore', () => {
  it('commits at most once per frame however many messages arrive', () => {
    const store = createDashboardStore();
    const { client, emit } = fakeClient();
    const frames = manualFrames();
    bindClientToStore(client, store, frames.schedule, clock);
    const commitsBefore = store.getState().commits;
    for (let i = 0; i < 500; i++) emit(metricsEvent([{ name: 't', ts: i, value: i }]));
    expect(store.getState().commits).toBe(commitsBefore);
    frames.frame();
    expect(store.getState().commits).toBe(commitsBefore + 1);
    expect(store.getState().series.get('t')?.buffer.size).toBe(500);
    frames.frame();
    expect(store.getState().commits).toBe(commitsBefore + 1);
  });

  it('routes the store commands to the client', () => {
    const store = createDashboardStore();
    const { client, fake } = fakeClient();
    bindClientToStore(client, store, manualFrames().schedule);
    store.getState().commands.ack('a1');
    store.getState().commands.reconnectNow();
    expect(fake.ack).toHaveBeenCalledWith('a1');
    expect(fake.reconnectNow).toHaveBeenCalledOnce();
  });
});

/** requestAnimationFrame under the test's control: frames come only when the test says. */
function stubAnimationFrames() {
  const callbacks = new Map<number, FrameRequestCallback>();
  let nextHandle = 1;
  const request = vi.fn((callback: FrameRequestCallback) => {
    callbacks.set(nextHandle, callback);
    return nextHandle++;
  });
  const cancel = vi.fn((handle: number) => {
    callbacks.delete(handle);
  });
  vi.stubGlobal('requestAnimationFrame', request);
  vi.stubGlobal('cancelAnimationFrame', cancel);
  return {
    request,
    cancel,
    pending: () => callbacks.size,
    /** One animation frame: runs every callback requested before it. */
    frame: () => {
      const due = [...callbacks.values()];
      callbacks.clear();
      due.forEach((callback) => callback(performance.now()));
    },
  };
}

describe('frameScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const bind = () => {
    const store = createDashboardStore();
    const { client, emit } = fakeClient();
    const unbind = bindClientToStore(client, store, frameScheduler, clock);
    const sample = (i: number) => emit(metricsEvent([{ name: 't', ts: i, value: i }]));
    return { store, unbind, sample, commits: () => store.getState().commits };
  };

  it('commits once per animation frame however many messages arrive', async () => {
    const frames = stubAnimationFrames();
    const { store, sample, commits } = bind();
    for (let i = 0; i < 100; i++) sample(i);
    expect(frames.request).toHaveBeenCalledTimes(1);
    expect(commits()).toBe(0);
    frames.frame();
    expect(commits()).toBe(1);
    expect(store.getState().series.get('t')?.buffer.size).toBe(100);
    // The frame cancelled the backstop timer: it adds no second commit.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(commits()).toBe(1);

    for (let i = 100; i < 150; i++) sample(i);
    expect(frames.request).toHaveBeenCalledTimes(2);
    frames.frame();
    expect(commits()).toBe(2);
    expect(store.getState().series.get('t')?.buffer.size).toBe(150);
    // No messages, no frames asked for.
    frames.frame();
    expect(frames.pending()).toBe(0);
    expect(commits()).toBe(2);
  });

  it('commits on a 250 ms timer when no animation frame comes, as in a hidden tab', async () => {
    const frames = stubAnimationFrames();
    const { store, sample, commits } = bind();
    for (let i = 0; i < 10; i++) sample(i);
    await vi.advanceTimersByTimeAsync(249);
    expect(commits()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(commits()).toBe(1);
    expect(store.getState().series.get('t')?.buffer.size).toBe(10);
    // The timer withdrew the frame request, so a late frame cannot commit the batch twice.
    expect(frames.cancel).toHaveBeenCalledWith(frames.request.mock.results[0]?.value);
    expect(frames.pending()).toBe(0);

    // Still hidden: each further batch goes out on its own timer; the batch never waits for a frame.
    for (let i = 10; i < 20; i++) sample(i);
    await vi.advanceTimersByTimeAsync(250);
    expect(commits()).toBe(2);
    expect(store.getState().series.get('t')?.buffer.size).toBe(20);
  });

  it('commits a batch only once even when its frame callback runs after the timer did', async () => {
    const frames = stubAnimationFrames();
    const { commits, sample } = bind();
    sample(0);
    const late = frames.request.mock.calls[0]![0];
    await vi.advanceTimersByTimeAsync(250);
    expect(commits()).toBe(1);
    late(0);
    expect(commits()).toBe(1);
  });

  it('commits on the timer where there is no requestAnimationFrame at all', async () => {
    vi.stubGlobal('requestAnimationFrame', undefined);
    vi.stubGlobal('cancelAnimationFrame', undefined);
    const { commits, sample } = bind();
    sample(0);
    sample(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(commits()).toBe(1);
  });

  it('leaves no frame or timer behind when unbound, committing what was pending at once', async () => {
    const frames = stubAnimationFrames();
    const { store, unbind, sample, commits } = bind();
    sample(0);
    unbind();
    expect(commits()).toBe(1);
    expect(store.getState().series.get('t')?.buffer.size).toBe(1);
    expect(frames.pending()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
