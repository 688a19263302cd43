import type { RealtimeClient, RealtimeEvent } from '../realtime';
import type { FrameSource } from './frames';
import { applyEvents, type DashboardStore, type DashboardStoreOptions } from './dashboard-store';

/** Runs `flush` soon; returns a cancel. The browser's is one animation frame (`frameScheduler`). */
export type FlushScheduler = FrameSource;

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
