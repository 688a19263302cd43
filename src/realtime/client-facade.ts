import type { ConnectionSnapshot, RealtimeClient, RealtimeEvent } from './client';
import { notifyAll } from './notify';
import type { OutgoingMessage } from './protocol';
import type { PageToWorker } from './worker-protocol';

type Listener = (event: RealtimeEvent) => void;

/**
 * What every `RealtimeClient` shares, whether the engine runs on the page (`RealtimeEngine`) or
 * in a Web Worker (`WorkerRealtimeClient`): the listeners, and the command wrappers that are only
 * `send` with a message.
 */
export abstract class ClientFacade implements RealtimeClient {
  protected readonly listeners = new Set<Listener>();

  /** Subscribe to events; returns the unsubscribe. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ack(alertId: string): void {
    this.send({ type: 'ack', alertId });
  }

  subscribe(topics: string[]): void {
    this.send({ type: 'subscribe', topics });
  }

  unsubscribe(topics: string[]): void {
    this.send({ type: 'unsubscribe', topics });
  }

  protected emit(event: RealtimeEvent): void {
    notifyAll(this.listeners, event);
  }

  abstract getSnapshot(): ConnectionSnapshot;
  abstract start(): void;
  abstract stop(): void;
  abstract dispose(): void;
  abstract reconnectNow(): void;
  abstract send(message: OutgoingMessage): void;
}

/**
 * The page's request (as the worker protocol carries it) applied to a client: one switch for the
 * worker's host and for the page engine that stands in for a worker that never started.
 * `online` and `visible` are the host's to forward; `dispose` is left to the caller, who has
 * more to release than the client.
 */
export function applyRequest(client: RealtimeClient, request: PageToWorker): void {
  switch (request.type) {
    case 'start':
      return client.start();
    case 'send':
      return client.send(request.message);
    case 'command':
      if (request.command === 'stop') return client.stop();
      if (request.command === 'reconnectNow') return client.reconnectNow();
      return;
    case 'online':
    case 'visible':
      return;
  }
}
