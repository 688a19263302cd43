import {
  RealtimeEngine,
  type ConnectionSnapshot,
  type RealtimeClient,
  type RealtimeEvent,
} from './client';
import { quietSignals, type Signals } from './environment';
import type { OutgoingMessage } from './protocol';
import type {
  MessagePortLike,
  PageToWorker,
  WorkerEngineOptions,
  WorkerToPage,
} from './worker-protocol';

/**
 * The page's side of an engine running in a Web Worker: the same `RealtimeClient` as the
 * engine itself, so the store and the UI cannot tell the difference. Events arrive in batches;
 * browser signals the worker cannot see (online, visibility) are forwarded to it.
 *
 * @example
 * const worker = new Worker(new URL('./realtime.worker.ts', import.meta.url), { type: 'module' });
 * const client = new WorkerRealtimeClient(worker, { baseUrl }, browserSignals());
 */
export class WorkerRealtimeClient implements RealtimeClient {
  private readonly listeners = new Set<(event: RealtimeEvent) => void>();
  private snapshot: ConnectionSnapshot;
  private unsubscribeSignals: (() => void)[] = [];
  private started = false;
  private disposed = false;

  constructor(
    private readonly port: MessagePortLike,
    private readonly options: WorkerEngineOptions,
    private readonly signals: Signals = quietSignals,
  ) {
    // An engine that never starts does no I/O: it only supplies the idle snapshot.
    this.snapshot = new RealtimeEngine(options).getSnapshot();
    port.onmessage = (event) => this.receive(event.data as WorkerToPage);
  }

  listen(listener: (event: RealtimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot(): ConnectionSnapshot {
    return this.snapshot;
  }

  start(): void {
    if (this.disposed)
      throw new Error('Expected a live client but start() was called after dispose()');
    if (!this.started) {
      this.started = true;
      this.unsubscribeSignals = [
        this.signals.onOnlineChange((online) => this.post({ type: 'online', online })),
        this.signals.onVisible(() => this.post({ type: 'visible' })),
      ];
      return this.post({ type: 'start', options: this.options, online: this.signals.isOnline() });
    }
    this.post({ type: 'command', command: 'reconnectNow' });
  }

  stop(): void {
    this.post({ type: 'command', command: 'stop' });
  }

  dispose(): void {
    if (this.disposed) return;
    this.post({ type: 'command', command: 'dispose' });
    this.disposed = true;
    this.port.onmessage = null;
    this.unsubscribeSignals.forEach((off) => off());
    this.unsubscribeSignals = [];
    this.listeners.clear();
  }

  reconnectNow(): void {
    this.post({ type: 'command', command: 'reconnectNow' });
  }

  send(message: OutgoingMessage): void {
    this.post({ type: 'send', message });
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

  private post(message: PageToWorker): void {
    if (!this.disposed) this.port.postMessage(message);
  }

  private receive(message: WorkerToPage): void {
    if (this.disposed || message?.type !== 'events') return;
    this.snapshot = message.connection;
    for (const event of message.events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          console.error('[pulseboard] realtime listener threw', error);
        }
      }
    }
  }
}
