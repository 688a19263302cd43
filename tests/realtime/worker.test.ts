import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMockServer } from '../../mocks/node';
import {
  createRealtimeClient,
  RealtimeEngine,
  hostRealtimeEngine,
  WorkerRealtimeClient,
  quietSignals,
  type MessagePortLike,
  type RealtimeEvent,
} from '../../src/realtime';
import { manualSignals } from './harness';
import { idleSnapshot } from '../../src/realtime/connection-snapshot';

/** Two connected ports, delivering structured clones asynchronously like a real Worker. */
function portPair() {
  const make = (): MessagePortLike & {
    peer?: MessagePortLike;
    closed: boolean;
    close(): void;
  } => ({
    onmessage: null,
    closed: false,
    postMessage(message: unknown) {
      const copy = structuredClone(message);
      queueMicrotask(() => this.peer?.onmessage?.({ data: copy }));
    },
    close() {
      this.closed = true;
    },
  });
  const page = make();
  const worker = make();
  page.peer = worker;
  worker.peer = page;
  return { page, worker };
}

describe('realtime engine in a Web Worker', () => {
  let mock: ReturnType<typeof startMockServer>;
  afterEach(() => {
    mock.close();
    vi.useRealTimers();
  });

  function setup() {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    mock = startMockServer();
    const { page, worker } = portPair();
    hostRealtimeEngine(worker, { random: () => 0.5 });
    const signals = manualSignals();
    const client = new WorkerRealtimeClient(page, { baseUrl: mock.baseUrl }, signals.signals);
    const events: RealtimeEvent[] = [];
    client.listen((event) => events.push(event));
    return { client, events, signals, worker };
  }

  it('delivers the same ordered stream as an engine on the page', async () => {
    const { client, events } = setup();
    expect(client.getSnapshot().state).toBe('idle');
    client.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(client.getSnapshot()).toMatchObject({ state: 'live', status: 'live' });
    for (let i = 0; i < 20; i++) mock.backend.publishSamples([{ name: 't', ts: i, value: i }]);
    await vi.advanceTimersByTimeAsync(50);
    const seqs = events.flatMap((e) => (e.type === 'message' ? [e.message.seq] : []));
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(client.getSnapshot().lastSeq).toBe(20);
    client.dispose();
  });

  it('batches a burst into a few messages to the page', async () => {
    const { client, worker } = setup();
    const posted = vi.spyOn(worker, 'postMessage');
    client.start();
    await vi.advanceTimersByTimeAsync(50);
    posted.mockClear();
    for (let i = 0; i < 500; i++) mock.backend.publishSamples([{ name: 't', ts: i, value: i }]);
    await vi.advanceTimersByTimeAsync(50);
    expect(posted.mock.calls.length).toBeLessThanOrEqual(3);
    client.dispose();
  });

  it('forwards commands: acks reach the server', async () => {
    const { client, events } = setup();
    client.start();
    await vi.advanceTimersByTimeAsync(50);
    mock.backend.raiseAlert({
      id: 'a1',
      severity: 'info',
      title: 't',
      message: '',
      ts: 1,
      status: 'open',
    });
    await vi.advanceTimersByTimeAsync(50);
    client.ack('a1');
    await vi.advanceTimersByTimeAsync(50);
    expect(events.some((e) => e.type === 'message' && e.message.type === 'alert_update')).toBe(
      true,
    );
    client.dispose();
  });

  it('forwards the browser signals the worker cannot see', async () => {
    const { client, signals } = setup();
    client.start();
    await vi.advanceTimersByTimeAsync(50);
    signals.goOffline();
    await vi.advanceTimersByTimeAsync(50);
    expect(client.getSnapshot().state).toBe('offline');
    signals.goOnline();
    await vi.advanceTimersByTimeAsync(50);
    expect(client.getSnapshot().state).toBe('live');
    client.dispose();
  });

  it('dispose closes the connection, ends the worker and leaves no timers', async () => {
    const { client, signals, worker } = setup();
    client.start();
    await vi.advanceTimersByTimeAsync(50);
    client.dispose();
    await vi.advanceTimersByTimeAsync(50);
    expect(mock.backend.connectionCount).toBe(0);
    expect(worker.closed).toBe(true);
    expect(signals.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  /** A worker whose script never loads: it answers nothing, and reports an error. */
  function deadWorker() {
    const port: MessagePortLike & { posted: unknown[] } = {
      onmessage: null,
      onerror: null,
      posted: [],
      postMessage(message: unknown) {
        this.posted.push(message);
      },
    };
    return port;
  }

  it('runs the engine on the page when the worker never starts, with what was asked of it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    mock = startMockServer();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const port = deadWorker();
    const signals = manualSignals();
    const options = { baseUrl: mock.baseUrl, topics: ['metrics'] };
    const client = new WorkerRealtimeClient(port, options, signals.signals, () =>
      createRealtimeClient({ ...options, env: { random: () => 0.5, signals: signals.signals } }),
    );
    const events: RealtimeEvent[] = [];
    client.listen((event) => events.push(event));
    client.start();
    client.subscribe(['product:42']);
    await vi.advanceTimersByTimeAsync(50);
    expect(client.getSnapshot().state).toBe('idle');
    port.onerror?.({ message: 'Failed to load worker script' });
    await vi.advanceTimersByTimeAsync(50);
    expect(client.getSnapshot()).toMatchObject({ state: 'live', status: 'live' });
    expect(client.getSnapshot().topics).toEqual(['metrics', 'product:42']);
    mock.backend.publishSamples([{ name: 't', ts: 1, value: 1 }]);
    await vi.advanceTimersByTimeAsync(50);
    expect(events.some((e) => e.type === 'message' && e.message.seq === 1)).toBe(true);
    expect(console.warn).toHaveBeenCalledTimes(1);
    client.dispose();
    await vi.advanceTimersByTimeAsync(50);
    expect(mock.backend.connectionCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a worker that has answered, whatever it reports later', async () => {
    const { client } = setup();
    const fallback = vi.fn(() => createRealtimeClient({ baseUrl: mock.baseUrl }));
    // The client under test is rebuilt with a fallback on the same working worker.
    client.dispose();
    const { page, worker } = portPair();
    hostRealtimeEngine(worker, { random: () => 0.5 });
    const withFallback = new WorkerRealtimeClient(
      page,
      { baseUrl: mock.baseUrl },
      quietSignals,
      fallback,
    );
    withFallback.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(withFallback.getSnapshot().state).toBe('live');
    page.onerror?.({ message: 'an uncaught error in a handler' });
    await vi.advanceTimersByTimeAsync(50);
    expect(fallback).not.toHaveBeenCalled();
    expect(withFallback.getSnapshot().state).toBe('live');
    withFallback.dispose();
  });

  it("shows an unstarted engine's snapshot until the worker answers, without making an engine", () => {
    const options = { baseUrl: 'http://127.0.0.1:9', topics: ['metrics', 'product:42'] };
    expect(idleSnapshot(options)).toEqual(new RealtimeEngine(options).getSnapshot());
    expect(idleSnapshot({ baseUrl: 'http://127.0.0.1:9' })).toEqual(
      new RealtimeEngine({ baseUrl: 'http://127.0.0.1:9' }).getSnapshot(),
    );
  });
});
