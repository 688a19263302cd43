import { describe, expect, it, vi } from 'vitest';
import type { RealtimeClient, RealtimeEvent } from '../../src/realtime';
import { bindClientToStore, createDashboardStore } from '../../src/store';
import { connectionFixture, metricsEvent } from '../support/fixtures';

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
    bindClientToStore(client, store, frames.schedule);
    const commitsBefore = store.getState().commits;
    for (let i = 0; i < 500; i++) emit(metricsEvent([{ name: 't', ts: i, value: i }]));
    expect(store.getState().commits).toBe(commitsBefore);
    frames.frame();
    expect(store.getState().commits).toBe(commitsBefore + 1);
    expect(store.getState().series.t?.buffer.size).toBe(500);
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
