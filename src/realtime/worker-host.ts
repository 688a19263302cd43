import { createRealtimeClient, type RealtimeClient, type RealtimeEvent } from './client';
import { applyRequest } from './client-facade';
import { systemClock, type Environment, type Signals } from './environment';
import { packEvents } from './sample-columns';
import type { MessagePortLike, PageToWorker, WorkerToPage } from './worker-protocol';

/**
 * Runs the realtime engine inside a Web Worker, answering the page over `port`. The socket's
 * per-message work (event dispatch, JSON parsing, validation, seq rules) happens off the page's
 * main thread; the page receives the resulting events in batches every `flushMs`.
 */
export function hostRealtimeEngine(
  port: MessagePortLike & { close?(): void },
  env: Partial<Environment> = {},
  flushMs = 16,
): void {
  const clock = env.clock ?? systemClock;
  let client: RealtimeClient | null = null;
  let online = true;
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

  let pending: RealtimeEvent[] = [];
  let timer: unknown = null;
  const flush = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    if (!client || pending.length === 0) return;
    // One receiver: the sample columns' buffers move to the page rather than being copied.
    const { events, transfer } = packEvents(pending);
    const message: WorkerToPage = { type: 'events', events, connection: client.getSnapshot() };
    pending = [];
    port.postMessage(message, transfer);
  };

  port.onmessage = (event) => {
    const message = event.data as PageToWorker | null;
    switch (message?.type) {
      case 'start':
        if (client) return;
        online = message.online;
        client = createRealtimeClient({ ...message.options, env: { ...env, signals } });
        client.listen((realtimeEvent) => {
          pending.push(realtimeEvent);
          timer ??= clock.setTimeout(flush, flushMs);
        });
        client.start();
        return;
      case 'online':
        online = message.online;
        return onlineListeners.forEach((listener) => listener(message.online));
      case 'visible':
        return visibleListeners.forEach((listener) => listener());
      case 'send':
      case 'command':
        if (message.type === 'send' || message.command !== 'dispose') {
          if (client) applyRequest(client, message);
          return;
        }
        // dispose: say goodbye (the final 'closed' state), then end the worker.
        client?.dispose();
        flush();
        client = null;
        port.onmessage = null;
        return port.close?.();
      default:
        // Only the page talks to this port; anything else is a bug on the page's side.
        console.warn('[pulseboard] realtime worker ignored an unknown message', message);
    }
  };
}
