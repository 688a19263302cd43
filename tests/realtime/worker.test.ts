import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMockServer } from '../../mocks/node';
import {
  hostRealtimeEngine,
  WorkerRealtimeClient,
  type MessagePortLike,
  type RealtimeEvent,
} from '../../src/realtime';
import { manualSignals } from './harness';

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
});
