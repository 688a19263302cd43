import type { ConnectionSnapshot, RealtimeClient, RealtimeEvent } from './client';
import { ClientFacade } from './client-facade';
import { idleSnapshot } from './connection-snapshot';
import { quietSignals, type Signals } from './environment';
import type { OutgoingMessage } from './protocol';
import { unpackEvents } from './sample-columns';
import type { StreamPosition } from './sequence';
import { Backlog, type BacklogSeed } from './shared-backlog';
import type { HubPort, HubToTab, SharingMode, TabToHub } from './shared-protocol';
import type { WorkerEngineOptions } from './worker-protocol';

/**
 * A tab's side of an engine shared by the browser's tabs (`SharedEngineHub`): the same
 * `RealtimeClient` as any other, so the store and the UI cannot tell. The tab keeps its own read
 * position and drops what it has already seen, so a hub that resends (a new leader catching
 * tabs up) never doubles anything; with `keepBacklog` it also keeps what a new leader would
 * need to serve the others (`backlogSeed`).
 */
export class SharedRealtimeClient extends ClientFacade {
  private connection: ConnectionSnapshot;
  private shown: ConnectionSnapshot | null = null;
  private tabs = 1;
  private position: StreamPosition = { epoch: null, lastSeq: null };
  private readonly backlog: Backlog | null;
  private unsubscribeSignals: (() => void)[] = [];
  private started = false;
  private disposed = false;
  /** Between a leader's loss and the new hub's first word: the badge says connecting. */
  private handoff = false;
  private answered = false;
  private fallen: RealtimeClient | null = null;

  /**
   * @param fallback makes this tab's own engine when the shared one never answers (a
   *   SharedWorker whose script fails to load): the dashboard still connects.
   */
  constructor(
    private port: HubPort,
    private readonly options: WorkerEngineOptions,
    private readonly signals: Signals = quietSignals,
    private mode: SharingMode = 'shared-worker',
    keepBacklog = false,
    private readonly fallback?: () => RealtimeClient | Promise<RealtimeClient>,
  ) {
    super();
    this.connection = idleSnapshot(options);
    this.backlog = keepBacklog ? new Backlog() : null;
    this.attach(port);
  }

  getSnapshot(): ConnectionSnapshot {
    if (this.fallen) return this.fallen.getSnapshot();
    if (!this.shown) {
      const sharing = {
        mode: this.mode,
        tabs: this.tabs,
        ...(this.handoff ? { handoff: true } : {}),
      };
      this.shown = this.handoff
        ? { ...this.connection, state: 'connecting', status: 'connecting', sharing }
        : { ...this.connection, sharing };
    }
    return this.shown;
  }

  /** What this tab has read, for a hub taking over (Web Locks leader). */
  backlogSeed(): BacklogSeed | null {
    return this.backlog?.seed() ?? null;
  }

  /** The hub went away and another is taking over (or this tab now leads): say so, then rejoin. */
  handOver(mode: SharingMode, port: HubPort = this.port): void {
    if (this.disposed) return;
    this.mode = mode;
    if (port !== this.port) this.attach(port);
    this.handoff = true;
    this.changed();
    if (this.started) this.join();
  }

  start(): void {
    if (this.disposed)
      throw new Error('Expected a live client but start() was called after dispose()');
    if (this.fallen) return this.fallen.start();
    if (this.started) return this.reconnectNow();
    this.started = true;
    this.unsubscribeSignals = [
      this.signals.onOnlineChange((online) => this.post({ type: 'online', online })),
      this.signals.onVisible(() => this.post({ type: 'visible' })),
    ];
    this.join();
  }

  stop(): void {
    if (this.fallen) return this.fallen.stop();
    this.post({ type: 'command', command: 'stop' });
  }

  reconnectNow(): void {
    if (this.fallen) return this.fallen.reconnectNow();
    this.post({ type: 'command', command: 'reconnectNow' });
  }

  send(message: OutgoingMessage): void {
    if (this.fallen) return this.fallen.send(message);
    this.post({ type: 'send', message });
  }

  dispose(): void {
    if (this.disposed) return;
    this.post({ type: 'leave' });
    this.fallen?.dispose();
    this.disposed = true;
    this.port.onmessage = null;
    this.port.close?.();
    this.unsubscribeSignals.forEach((off) => off());
    this.unsubscribeSignals = [];
    this.listeners.clear();
  }

  /** The shared engine never came up: run this tab's own. */
  async failOver(): Promise<void> {
    if (this.disposed || this.answered || this.fallen || !this.fallback) return;
    console.warn('[pulseboard] the shared realtime engine did not start; this tab runs its own');
    const engine = await this.fallback();
    if (this.disposed) return engine.dispose();
    this.fallen = engine;
    this.port.onmessage = null;
    engine.listen((event) => this.emit(event));
    if (this.started) engine.start();
  }

  private attach(port: HubPort): void {
    this.port.onmessage = null;
    this.port = port;
    port.onmessage = (event) => this.receive(event.data as HubToTab | null);
  }

  private join(): void {
    const known = this.position.epoch !== null && this.position.lastSeq !== null;
    this.post({
      type: 'join',
      options: this.options,
      online: this.signals.isOnline(),
      position: known ? this.position : null,
    });
  }

  private post(message: TabToHub): void {
    if (this.disposed || this.fallen) return;
    this.port.postMessage(message);
  }

  private receive(message: HubToTab | null): void {
    if (this.disposed || this.fallen) return;
    switch (message?.type) {
      case 'ping':
        return this.post({ type: 'pong' });
      case 'dropped':
        return this.started ? this.join() : undefined;
      case 'events':
        this.answered = true;
        this.handoff = false;
        this.connection = message.connection;
        this.tabs = message.tabs;
        this.shown = null;
        unpackEvents(message.events, (event) => {
          if (this.isNew(event)) this.emit(event);
        });
        // A batch without a connection event may still have changed the count of tabs.
        if (!message.events.some((event) => event.type === 'connection')) this.changed();
        return;
      default:
        console.warn('[pulseboard] a tab ignored an unknown message from the shared engine');
    }
  }

  /** The seq rules again, on this tab's own position: a resent message is not shown twice. */
  private isNew(event: RealtimeEvent): boolean {
    if (event.type === 'reset') {
      this.position = { epoch: event.snapshot.epoch, lastSeq: event.snapshot.seq };
    } else if (event.type === 'message') {
      const { epoch, lastSeq } = this.position;
      // Before its first snapshot, or past a gap, the tab waits for the catch-up the hub sends
      // after its join (a batch broadcast to every tab can arrive first); never shown twice.
      if (lastSeq === null || event.message.seq !== lastSeq + 1) return false;
      this.position = { epoch, lastSeq: event.message.seq };
    } else if (event.type === 'connection') {
      this.backlog?.setEpoch(event.connection.epoch);
      this.shown = null;
      return this.emitConnection();
    }
    this.backlog?.record(event);
    return true;
  }

  private emitConnection(): boolean {
    this.emit({ type: 'connection', connection: this.getSnapshot() });
    return false;
  }

  private changed(): void {
    this.shown = null;
    this.emitConnection();
  }
}
