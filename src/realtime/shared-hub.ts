import type { RealtimeClient, RealtimeEvent, RealtimeOptions } from './client';
import {
  Backlog,
  DEFAULT_BACKLOG_LIMITS,
  type BacklogLimits,
  type BacklogSeed,
} from './shared-backlog';
import { systemClock, type Clock, type Environment, type Signals } from './environment';
import { packEvents } from './sample-columns';
import type { HubPort, HubToTab, TabToHub } from './shared-protocol';

export type HubOptions = {
  /** Makes the one engine (the page's `createRealtimeClient`, or a dedicated worker's proxy). */
  createClient(options: RealtimeOptions): RealtimeClient;
  env?: Partial<Environment>;
  /** Events are sent to the tabs in batches, one message per tab per `flushMs`. */
  flushMs?: number;
  /** How often each tab is pinged; a tab silent for `missedPings` of them is dropped. */
  pingMs?: number;
  missedPings?: number;
  backlog?: BacklogLimits;
  /** What a new leader's tab had seen: the engine resumes from there, late tabs catch up from it. */
  seed?: BacklogSeed;
  /**
   * Sends one batch to every tab at once (a BroadcastChannel), instead of once per port: each
   * tab then decodes each batch once, however many tabs there are.
   */
  broadcast?: (message: HubToTab) => void;
  /** A tab is no longer counted: its relay may forget its port. */
  forget?: (port: HubPort) => void;
};

type Tab = { topics: Set<string>; heardAt: number };

/** A tab asks for at most this many topics: the hub's set stays small whatever a tab sends. */
const MAX_TOPICS_PER_TAB = 100;
/** Acks remembered so the same alert acked in two tabs goes to the server once. */
const MAX_ACKS_REMEMBERED = 1_000;

/**
 * One realtime engine serving every tab of a browser: in a SharedWorker, or in the leader tab
 * when only Web Locks are available. Events fan out to every tab; the subscription set is the
 * union of the tabs' (counted per tab, so a tab leaving drops only what no other tab wants); a
 * tab that joins late is sent the current state from the backlog, never a new server snapshot.
 * A tab that stops answering pings is dropped; the engine and its socket end with the last tab.
 */
export class SharedEngineHub {
  private readonly clock: Clock;
  private readonly tabs = new Map<HubPort, Tab>();
  private readonly topicCounts = new Map<string, number>();
  private readonly acked = new Set<string>();
  private client: RealtimeClient | null = null;
  private backlog: Backlog;
  private pending: RealtimeEvent[] = [];
  private flushTimer: unknown = null;
  private pingTimer: unknown = null;
  private online = true;
  private readonly onlineListeners = new Set<(online: boolean) => void>();
  private readonly visibleListeners = new Set<() => void>();
  private readonly flushMs: number;
  private readonly pingMs: number;
  private readonly missedPings: number;

  constructor(private readonly options: HubOptions) {
    this.clock = options.env?.clock ?? systemClock;
    this.flushMs = options.flushMs ?? 16;
    this.pingMs = options.pingMs ?? 5_000;
    this.missedPings = options.missedPings ?? 3;
    this.backlog = new Backlog(options.backlog ?? DEFAULT_BACKLOG_LIMITS, options.seed);
  }

  /** Tabs counted now. */
  get tabCount(): number {
    return this.tabs.size;
  }

  /** Topics the engine is subscribed to for the tabs, with how many tabs want each. */
  get topics(): ReadonlyMap<string, number> {
    return this.topicCounts;
  }

  get running(): boolean {
    return this.client !== null;
  }

  /** Serves a new port; it counts as a tab once it says `join`. */
  connect(port: HubPort): void {
    port.onmessage = (event) => this.receive(port, event.data as TabToHub | null);
  }

  /** Ends the engine and forgets every tab (a leader tab going away). */
  dispose(): void {
    for (const port of this.tabs.keys()) port.onmessage = null;
    this.tabs.clear();
    this.stopEngine();
  }

  private receive(port: HubPort, message: TabToHub | null): void {
    const tab = this.tabs.get(port);
    if (tab) tab.heardAt = this.clock.now();
    if (message?.type === 'join') return this.join(port, message);
    // Not counted (dropped while frozen, or a hub that has just taken over): join first.
    if (!tab) return message?.type === 'leave' ? undefined : this.post(port, { type: 'dropped' });
    switch (message?.type) {
      case 'send':
        return this.send(tab, message.message);
      case 'command':
        if (message.command === 'reconnectNow') return this.client?.reconnectNow();
        if (message.command === 'stop') return this.client?.stop();
        return;
      case 'online':
        this.online = message.online;
        return this.onlineListeners.forEach((listener) => listener(message.online));
      case 'visible':
        return this.visibleListeners.forEach((listener) => listener());
      case 'pong':
        return;
      case 'leave':
        port.onmessage = null;
        port.close?.();
        return this.drop(port);
      default:
        console.warn('[pulseboard] shared engine ignored an unknown message', message);
    }
  }

  private join(port: HubPort, message: Extract<TabToHub, { type: 'join' }>): void {
    const topics = new Set(
      (message.options.topics ?? ['metrics', 'alerts']).slice(0, MAX_TOPICS_PER_TAB),
    );
    // Whatever the tabs already have must reach them before the newcomer's catch-up is counted.
    this.flush();
    if (this.tabs.has(port)) this.drop(port, false);
    this.tabs.set(port, { topics, heardAt: this.clock.now() });
    const added = this.countTopics(topics, +1);
    if (!this.client) {
      this.online = message.online;
      this.startEngine(message.options);
    } else if (added.length > 0) this.client.subscribe(added);
    this.pingTimer ??= this.clock.setTimeout(() => this.pingAll(), this.pingMs);
    const catchUp = this.backlog.catchUp(message.position) ?? [];
    this.post(port, this.batch(catchUp));
    // Every other tab's badge shows how many share the line.
    for (const other of this.tabs.keys()) if (other !== port) this.post(other, this.batch([]));
  }

  private startEngine(options: Extract<TabToHub, { type: 'join' }>['options']): void {
    const signals: Signals = {
      isOnline: () => this.online,
      onOnlineChange: (listener) => {
        this.onlineListeners.add(listener);
        return () => this.onlineListeners.delete(listener);
      },
      onVisible: (listener) => {
        this.visibleListeners.add(listener);
        return () => this.visibleListeners.delete(listener);
      },
    };
    const position = this.backlog.position;
    const client = this.options.createClient({
      ...options,
      topics: [...this.topicCounts.keys()],
      env: { ...this.options.env, signals },
      ...(position.epoch !== null && position.lastSeq !== null ? { resumeFrom: position } : {}),
    });
    this.client = client;
    client.listen((event) => {
      this.backlog.record(event);
      if (event.type === 'connection') this.backlog.setEpoch(event.connection.epoch);
      this.pending.push(event);
      this.flushTimer ??= this.clock.setTimeout(() => this.flush(), this.flushMs);
    });
    client.start();
  }

  private stopEngine(): void {
    this.flush();
    this.client?.dispose();
    this.client = null;
    this.pending = [];
    this.topicCounts.clear();
    this.acked.clear();
    this.backlog.clear();
    if (this.pingTimer !== null) this.clock.clearTimeout(this.pingTimer);
    this.pingTimer = null;
  }

  private send(tab: Tab, message: Extract<TabToHub, { type: 'send' }>['message']): void {
    if (!this.client) return;
    if (message.type === 'ack') {
      if (this.acked.has(message.alertId)) return;
      this.acked.add(message.alertId);
      if (this.acked.size > MAX_ACKS_REMEMBERED)
        this.acked.delete(this.acked.values().next().value!);
      return this.client.ack(message.alertId);
    }
    const wanted = message.topics.filter((topic) =>
      message.type === 'subscribe'
        ? !tab.topics.has(topic) && tab.topics.size < MAX_TOPICS_PER_TAB
        : tab.topics.has(topic),
    );
    const unique = [...new Set(wanted)];
    for (const topic of unique)
      if (message.type === 'subscribe') tab.topics.add(topic);
      else tab.topics.delete(topic);
    const changed = this.countTopics(unique, message.type === 'subscribe' ? +1 : -1);
    if (changed.length === 0) return;
    if (message.type === 'subscribe') this.client.subscribe(changed);
    else this.client.unsubscribe(changed);
  }

  /** Adds or removes one tab's topics; returns those that started or stopped being wanted. */
  private countTopics(topics: Iterable<string>, delta: 1 | -1): string[] {
    const changed: string[] = [];
    for (const topic of topics) {
      const count = (this.topicCounts.get(topic) ?? 0) + delta;
      if (count <= 0) this.topicCounts.delete(topic);
      else this.topicCounts.set(topic, count);
      if ((delta > 0 && count === 1) || (delta < 0 && count <= 0)) changed.push(topic);
    }
    return changed;
  }

  private drop(port: HubPort, endIfLast = true): void {
    const tab = this.tabs.get(port);
    if (!tab) return;
    this.tabs.delete(port);
    this.options.forget?.(port);
    const unwanted = this.countTopics(tab.topics, -1);
    if (this.tabs.size === 0 && endIfLast) return this.stopEngine();
    if (unwanted.length > 0) this.client?.unsubscribe(unwanted);
    for (const other of this.tabs.keys()) this.post(other, this.batch([]));
  }

  private pingAll(): void {
    this.pingTimer = null;
    const deadline = this.clock.now() - this.pingMs * this.missedPings;
    for (const [port, tab] of [...this.tabs]) {
      if (tab.heardAt < deadline) this.drop(port);
      else this.post(port, { type: 'ping' });
    }
    if (this.tabs.size > 0)
      this.pingTimer = this.clock.setTimeout(() => this.pingAll(), this.pingMs);
  }

  private flush(): void {
    if (this.flushTimer !== null) this.clock.clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending.length === 0 || !this.client) return;
    const message = this.batch(this.pending);
    this.pending = [];
    if (this.options.broadcast) return this.options.broadcast(message);
    for (const port of this.tabs.keys()) this.post(port, message);
  }

  private batch(events: RealtimeEvent[]): HubToTab {
    if (!this.client) throw new Error('Expected a running engine to report on');
    return {
      type: 'events',
      events: packEvents(events).events,
      connection: this.client.getSnapshot(),
      tabs: this.tabs.size,
    };
  }

  private post(port: HubPort, message: HubToTab): void {
    try {
      port.postMessage(message);
    } catch (error) {
      // A port that cannot be written to belongs to a tab that is gone: it costs only itself.
      console.warn('[pulseboard] shared engine dropped a tab it could not reach', error);
      this.drop(port);
    }
  }
}
