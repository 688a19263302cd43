import { vi } from 'vitest';
import { startMockServer } from '../../mocks/node';
import type { BackendOptions } from '../../backend/mock-backend';
import {
  createRealtimeClient,
  type ConnectionState,
  type DataMessage,
  type RealtimeEvent,
  type RealtimeOptions,
  type Signals,
} from '../../src/realtime';

/** Browser signals a test can fire by hand. */
export function manualSignals(online = true) {
  const onlineListeners = new Set<(online: boolean) => void>();
  const visibleListeners = new Set<() => void>();
  const signals: Signals = {
    isOnline: () => online,
    onOnlineChange(listener) {
      onlineListeners.add(listener);
      return () => onlineListeners.delete(listener);
    },
    onVisible(listener) {
      visibleListeners.add(listener);
      return () => visibleListeners.delete(listener);
    },
  };
  return {
    signals,
    goOffline() {
      online = false;
      onlineListeners.forEach((l) => l(false));
    },
    goOnline() {
      online = true;
      onlineListeners.forEach((l) => l(true));
    },
    becomeVisible() {
      visibleListeners.forEach((l) => l());
    },
    get listenerCount() {
      return onlineListeners.size + visibleListeners.size;
    },
  };
}

export type Harness = ReturnType<typeof connectClient>;

/**
 * A client against the in-process mock backend, on fake timers. Everything the client does is
 * recorded: its events, its state moves, and every frame and HTTP call the backend received.
 */
export function connectClient(
  options: { backend?: BackendOptions; client?: Partial<RealtimeOptions>; start?: boolean } = {},
) {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  const mock = startMockServer({ heartbeatMs: 15_000, ...options.backend });
  const { backend } = mock;
  const frames: string[] = [];
  /** Server frames for which this returns true are lost in transit. */
  const transit = { lose: (_text: string) => false };
  const accept = backend.accept.bind(backend);
  backend.accept = (peer) => {
    const handle = accept({
      send: (text) => {
        if (!transit.lose(text)) peer.send(text);
      },
      close: (code, reason) => peer.close(code, reason),
      drop: () => peer.drop(),
    });
    if (!handle) return handle;
    return {
      receive: (text) => {
        frames.push(text);
        handle.receive(text);
      },
      closed: () => handle.closed(),
    };
  };
  const snapshots = { count: 0 };
  const snapshot = backend.snapshot.bind(backend);
  backend.snapshot = (sessionId) => {
    snapshots.count++;
    return snapshot(sessionId);
  };
  const sessionStarts = { count: 0 };
  const startSession = backend.startSession.bind(backend);
  backend.startSession = () => {
    sessionStarts.count++;
    return startSession();
  };

  const signals = manualSignals();
  const client = createRealtimeClient({
    baseUrl: mock.baseUrl,
    ...options.client,
    env: { random: () => 0.5, signals: signals.signals, ...options.client?.env },
  });
  const events: RealtimeEvent[] = [];
  const states: ConnectionState[] = [];
  client.listen((event) => {
    events.push(event);
    if (event.type === 'connection' && states[states.length - 1] !== event.connection.state) {
      states.push(event.connection.state);
    }
  });
  if (options.start ?? true) client.start();

  return {
    mock,
    backend,
    client,
    events,
    states,
    signals,
    frames,
    transit,
    snapshots,
    sessionStarts,
    /** Client frames of one type, parsed. */
    sent<T extends string>(type: T) {
      return frames
        .filter((f) => f.startsWith('{'))
        .map((f) => JSON.parse(f) as { type: string } & Record<string, unknown>)
        .filter((m) => m.type === type);
    },
    /** Data messages the client delivered, in order. */
    messages(): DataMessage[] {
      return events.flatMap((e) => (e.type === 'message' ? [e.message] : []));
    },
    /** Seqs delivered since the last reset (snapshot) event. */
    seqsSinceReset(): number[] {
      const last = events.map((e) => e.type).lastIndexOf('reset');
      return events.slice(last + 1).flatMap((e) => (e.type === 'message' ? [e.message.seq] : []));
    },
    state: () => client.getSnapshot().state,
    advance: (ms: number) => vi.advanceTimersByTimeAsync(ms),
    close() {
      client.dispose();
      mock.close();
      vi.useRealTimers();
    },
  };
}

/** Publishes `count` metric messages, one sample each. */
export function publishMetrics(harness: Harness, count: number, name = 'temp') {
  for (let i = 0; i < count; i++) {
    harness.backend.publishSamples([{ name, ts: Date.now() + i, value: i }]);
  }
}
