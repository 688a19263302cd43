import type { ConnectionSnapshot, RealtimeClient } from './client';
import { applyRequest, ClientFacade } from './client-facade';
import { idleSnapshot } from './connection-snapshot';
import { quietSignals, type Signals } from './environment';
import type { OutgoingMessage } from './protocol';
import { unpackEvents } from './sample-columns';
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
export class WorkerRealtimeClient extends ClientFacade {
  private snapshot: ConnectionSnapshot;
  private unsubscribeSignals: (() => void)[] = [];
  private started = false;
  private disposed = false;
  /** The worker has answered once: it loaded and its engine runs. */
  private answered = false;
  /** What the page asked of a worker that has not answered yet, to hand to a fallback engine. */
  private asked: PageToWorker[] = [];
  /** The engine on the page that took over from a worker that never started. */
  private fallen: RealtimeClient | null = null;
  /** Failing over: the page engine is being made (perhaps loaded). */
  private failing = false;

  /**
   * @param fallback makes the engine to run on the page instead when the worker never starts (its
   *   script fails to load, say, under a strict CSP): the dashboard then still connects, rather
   *   than show "connecting" for ever. Without one, such a worker stays silent.
   */
  constructor(
    private readonly port: MessagePortLike,
    private readonly options: WorkerEngineOptions,
    private readonly signals: Signals = quietSignals,
    private readonly fallback?: () => RealtimeClient | Promise<RealtimeClient>,
  ) {
    super();
    this.snapshot = idleSnapshot(options);
    port.onmessage = (event) => this.receive(event.data as WorkerToPage);
    port.onerror = () => {
      if (!this.answered) void this.failOver();
    };
  }

  getSnapshot(): ConnectionSnapshot {
    return this.fallen?.getSnapshot() ?? this.snapshot;
  }

  start(): void {
    if (this.disposed)
      throw new Error('Expected a live client but start() was called after dispose()');
    if (this.fallen) return this.fallen.start();
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
    this.fallen?.dispose();
    this.disposed = true;
    this.port.onmessage = null;
    this.port.onerror = null;
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

  private post(message: PageToWorker): void {
    if (this.disposed) return;
    // The page engine watches the browser signals itself: `online`/`visible` mean nothing to it.
    if (this.fallen) return applyRequest(this.fallen, message);
    if (!this.answered && message.type !== 'start') this.asked.push(message);
    this.port.postMessage(message);
  }

  private receive(message: WorkerToPage): void {
    if (this.disposed || this.fallen || message?.type !== 'events') return;
    this.answered = true;
    this.asked = [];
    this.snapshot = message.connection;
    unpackEvents(message.events, (event) => this.emit(event));
  }

  /** The worker never came up: run the same engine on the page, as asked so far. */
  private async failOver(): Promise<void> {
    if (this.disposed || this.fallen || this.failing || !this.fallback) return;
    this.failing = true;
    console.warn('[pulseboard] the realtime worker did not start; running the engine on the page');
    // The page engine may be loaded on demand (it is not in the first load); what the page asks
    // meanwhile keeps queueing in `asked`, as it did for the worker.
    const engine = await this.fallback();
    if (this.disposed) return engine.dispose();
    this.fallen = engine;
    engine.listen((event) => this.emit(event));
    if (this.started) engine.start();
    for (const message of this.asked) applyRequest(engine, message);
    this.asked = [];
  }
}
