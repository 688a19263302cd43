import type { RealtimeClient, RealtimeEvent } from '../realtime';
import { applyEvents, type DashboardStore, type DashboardStoreOptions } from './dashboard-store';

/** Runs `flush` soon; returns a cancel. The browser's is one animation frame. */
export type FlushScheduler = (flush: () => void) => () => void;

/**
 * Feeds a store from a realtime client, one commit per batch however fast the socket is. Returns
 * the unbind. The store also gets the commands the UI may issue (ack, reconnect now), so
 * components never hold the client.
 */
export function bindClientToStore(
  client: RealtimeClient,
  store: DashboardStore,
  schedule: FlushScheduler,
  options: DashboardStoreOptions = {},
): () => void {
  let pending: RealtimeEvent[] = [];
  let cancel: (() => void) | null = null;

  const flush = () => {
    cancel = null;
    const events = pending;
    pending = [];
    applyEvents(store, events, client.getSnapshot(), options);
  };

  const connection = client.getSnapshot();
  const previous = store.getState();
  store.setState({
    connection,
    ...(previous.connection?.status !== connection.status
      ? { statusSince: (options.now ?? Date.now)() }
      : {}),
    commands: {
      ack: (alertId) => client.ack(alertId),
      reconnectNow: () => client.reconnectNow(),
    },
  });

  const unlisten = client.listen((event) => {
    pending.push(event);
    cancel ??= schedule(flush);
  });

  return () => {
    unlisten();
    cancel?.();
    if (pending.length > 0) flush();
  };
}

/**
 * One animation frame, with a timer as a backstop: a hidden tab gets no frames, and the batch
 * must not grow for as long as the tab stays hidden.
 */
export const frameScheduler: FlushScheduler = (flush) => {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    globalThis.cancelAnimationFrame?.(frame);
    globalThis.clearTimeout(timer);
    flush();
  };
  const frame = globalThis.requestAnimationFrame?.(run) ?? 0;
  const timer = globalThis.setTimeout(run, 250);
  return () => {
    done = true;
    globalThis.cancelAnimationFrame?.(frame);
    globalThis.clearTimeout(timer);
  };
};

/** Flushes in a microtask: for tests and for contexts with no frames. */
export const microtaskScheduler: FlushScheduler = (flush) => {
  let cancelled = false;
  queueMicrotask(() => {
    if (!cancelled) flush();
  });
  return () => {
    cancelled = true;
  };
};
