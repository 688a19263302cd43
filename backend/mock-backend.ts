import type {
  Alert,
  ClientMessage,
  DataMessage,
  Sample,
  ServerMessage,
} from '../src/realtime/protocol';
import { toClientMessage } from './client-messages';
import { makeAlert, MetricFeed } from './feed';
import { SessionTable, type SessionEnd } from './session-table';

/**
 * The whole backend of docs/protocol.md, with no transport: MSW (browser demo, vitest) and the
 * reference server (real sockets) are thin adapters over this one implementation, so every
 * scenario behaves the same in all three places.
 */

export type BackendClock = {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

/** What a transport adapter gives the backend for one WebSocket connection. */
export interface Peer {
  send(text: string): void;
  close(code: number, reason: string): void;
  /** End the connection with no close frame (the network died): the client sees 1006. */
  drop(): void;
}

/** What the backend gives back: the adapter feeds it what the socket does. */
export interface PeerHandle {
  receive(text: string): void;
  closed(): void;
}

export type HttpReply = { status: number; body: unknown };

export type BackendFaults = {
  /** Refuse WebSocket upgrades (a proxy that strips them): only HTTP works. */
  wsBlocked: boolean;
  /** Stop sending and stop answering without closing: a half-open line. */
  halfOpen: boolean;
  /** No new data is produced. */
  feedPaused: boolean;
  /** Added before every frame and HTTP reply. */
  latencyMs: number;
  /** Every hello is refused with 1008, however fresh the session. */
  rejectSessions: boolean;
  /** The server is down (restarting): HTTP answers 503 and WebSocket upgrades are refused. */
  unavailable: boolean;
};

export type BackendOptions = {
  clock?: BackendClock;
  random?: () => number;
  heartbeatMs?: number;
  /** Interval of metrics messages. */
  tickMs?: number;
  /** Samples of every metric per metrics message, spread over the tick (default 1). */
  samplesPerTick?: number;
  /** When the first alert fires after start, so a fresh demo shows one early. */
  firstAlertMs?: number;
  /** Mean interval between later alerts. */
  alertEveryMs?: number;
  /** Data messages kept for replay. */
  retain?: number;
  /** Samples per metric in a snapshot. */
  snapshotSamples?: number;
  /** How long a session lives from its start (default an hour). */
  sessionTtlMs?: number;
  /** Live sessions at most (default 10 000); starting one more evicts the oldest. */
  maxSessions?: number;
};

type PeerState = {
  peer: Peer;
  sessionId: string | null;
  welcomed: boolean;
  /** Silent both ways without closing: this line went half-open. */
  frozen: boolean;
  pingTimer: unknown;
};

/** What the backend has done, for tests, the QA panel and the reference server's control endpoint. */
export type BackendStats = {
  sessionsStarted: number;
  connectionsAccepted: number;
  upgradesRefused: number;
  hellosRejected: number;
  /** Bare-string `pong` answers to a bare `ping` (the legacy heartbeat of older servers). */
  barePongs: number;
  /** Data messages logged but never delivered over WebSocket (scripted loss). */
  withheld: number;
  /** Data messages delivered a second time (scripted duplicates). */
  resent: number;
  /** Sessions that outlived their ttl. */
  sessionsExpired: number;
  /** Sessions pushed out, oldest first, by new ones past `maxSessions`. */
  sessionsEvicted: number;
};

/** The settings a running backend may change (a scenario speeds up the heartbeat, say). */
export type BackendTuning = Partial<
  Pick<Required<BackendOptions>, 'heartbeatMs' | 'tickMs' | 'samplesPerTick' | 'alertEveryMs'>
>;

export type PublishListener = (message: DataMessage) => void;

type Waiter = { after: number; resolve: () => void };

const systemClock: BackendClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const NO_FAULTS: Readonly<BackendFaults> = {
  wsBlocked: false,
  halfOpen: false,
  feedPaused: false,
  latencyMs: 0,
  rejectSessions: false,
  unavailable: false,
};

const MAX_POLL_BATCH = 500;
const SESSION_INVALID = { error: 'session_invalid' };
const UNAVAILABLE: HttpReply = { status: 503, body: { error: 'unavailable' } };

export class MockBackend {
  readonly clock: BackendClock;
  readonly random: () => number;
  readonly faults: BackendFaults = { ...NO_FAULTS };

  readonly stats: BackendStats = {
    sessionsStarted: 0,
    connectionsAccepted: 0,
    upgradesRefused: 0,
    hellosRejected: 0,
    barePongs: 0,
    withheld: 0,
    resent: 0,
    sessionsExpired: 0,
    sessionsEvicted: 0,
  };

  epoch: string;
  seq = 0;
  /** Data messages still to be lost in transit over WebSocket (see `withhold`). */
  private toWithhold = 0;
  private readonly publishListeners = new Set<PublishListener>();
  private log: DataMessage[] = [];
  private readonly sessions: SessionTable;
  private readonly alerts = new Map<string, Alert>();
  private readonly series = new Map<string, Sample[]>();
  private readonly peers = new Set<PeerState>();
  private waiters = new Set<Waiter>();
  private timers = new Set<unknown>();
  private feed: MetricFeed;
  private running = false;
  /** After stop() nothing may wait: a long poll answers at once. */
  private stopped = false;
  private tickTimer: unknown = null;
  private ids = 0;
  private readonly opts: Required<Omit<BackendOptions, 'clock' | 'random'>>;

  constructor(options: BackendOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.opts = {
      heartbeatMs: options.heartbeatMs ?? 15_000,
      tickMs: options.tickMs ?? 250,
      samplesPerTick: options.samplesPerTick ?? 1,
      firstAlertMs: options.firstAlertMs ?? 3_000,
      alertEveryMs: options.alertEveryMs ?? 25_000,
      retain: options.retain ?? 5_000,
      snapshotSamples: options.snapshotSamples ?? 480,
      sessionTtlMs: options.sessionTtlMs ?? 3_600_000,
      maxSessions: options.maxSessions ?? 10_000,
    };
    this.sessions = new SessionTable(
      this.clock,
      this.opts.sessionTtlMs,
      this.opts.maxSessions,
      (why, count) => this.sessionsEnded(why, count),
    );
    this.epoch = this.newId('e');
    this.feed = new MetricFeed(this.random);
  }

  // ------------------------------------------------------------- lifecycle

  /** Start producing metrics and alerts. */
  start(): this {
    if (this.running) return this;
    this.running = true;
    this.stopped = false;
    this.sessions.resume();
    this.scheduleTick();
    this.later(this.opts.firstAlertMs, () => this.alertTick());
    return this;
  }

  /** Stop every timer and close every connection; nothing runs afterwards. */
  stop(): void {
    this.running = false;
    this.stopped = true;
    for (const handle of this.timers) this.clock.clearTimeout(handle);
    this.timers.clear();
    this.sessions.halt();
    for (const state of [...this.peers])
      this.endPeer(state, () => state.peer.close(1001, 'server stopping'));
    this.wakeAll();
  }

  /** A server restart: a new epoch, an empty replay log, every connection closed with 1012. */
  restart(): void {
    this.epoch = this.newId('e');
    this.seq = 0;
    this.log = [];
    for (const state of [...this.peers])
      this.endPeer(state, () => state.peer.close(1012, 'service restart'));
    this.wakeAll();
  }

  /** The beat announced in every `welcome`. */
  get heartbeatMs(): number {
    return this.opts.heartbeatMs;
  }

  /** The timings now in force (see `tune`). */
  get tuning(): Required<BackendTuning> {
    const { heartbeatMs, tickMs, samplesPerTick, alertEveryMs } = this.opts;
    return { heartbeatMs, tickMs, samplesPerTick, alertEveryMs };
  }

  /** Every fault off, latency zero; connections and sessions are left as they are. */
  resetFaults(): void {
    Object.assign(this.faults, NO_FAULTS);
    this.toWithhold = 0;
  }

  /**
   * Change timings on a running backend. A new `tickMs` takes effect at once (a burst must not
   * wait out a slow tick); the others at the next alert or `welcome`.
   */
  tune(tuning: BackendTuning): void {
    for (const [key, value] of Object.entries(tuning)) {
      if (value === undefined) continue;
      if (!Number.isFinite(value) || value <= 0)
        throw new Error(`Expected tune({ ${key} }) to be a positive number but got ${value}`);
    }
    const tickChanged = tuning.tickMs !== undefined && tuning.tickMs !== this.opts.tickMs;
    Object.assign(this.opts, tuning);
    if (tickChanged && this.running) this.scheduleTick();
  }

  /** Hear every data message as it is published (tests, the QA panel's counters). */
  onPublish(listener: PublishListener): () => void {
    this.publishListeners.add(listener);
    return () => this.publishListeners.delete(listener);
  }

  private later(ms: number, callback: () => void): unknown {
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle);
      callback();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  private scheduleTick(): void {
    if (this.tickTimer !== null) {
      this.clock.clearTimeout(this.tickTimer);
      this.timers.delete(this.tickTimer);
    }
    this.tickTimer = this.later(this.opts.tickMs, () => {
      this.tickTimer = null;
      this.tick();
    });
  }

  private tick(): void {
    if (!this.running) return;
    if (!this.faults.feedPaused) {
      const now = this.clock.now();
      const { tickMs, samplesPerTick } = this.opts;
      const samples: Sample[] = [];
      // Several samples per tick get their own timestamps, evenly spread over the tick.
      for (let i = samplesPerTick - 1; i >= 0; i--)
        samples.push(...this.feed.next(now - (i * tickMs) / samplesPerTick));
      this.publishSamples(samples);
    }
    this.scheduleTick();
  }

  private alertTick(): void {
    if (!this.running) return;
    if (!this.faults.feedPaused) this.raiseAlert(makeAlert(this.random, this.clock.now()));
    const next = this.opts.alertEveryMs * (0.5 + this.random());
    this.later(next, () => this.alertTick());
  }

  // ------------------------------------------------------------- the stream

  /** Give a message the next seq, keep it for replay, and deliver it to every live client. */
  publish(message: DistributiveOmit<DataMessage, 'seq'>): DataMessage {
    const full = { ...message, seq: ++this.seq } as DataMessage;
    this.log.push(full);
    if (this.log.length > this.opts.retain) this.log.splice(0, this.log.length - this.opts.retain);
    const text = JSON.stringify(full);
    if (this.toWithhold > 0) {
      // Lost in transit: logged (so replay, poll and snapshot have it) but never sent.
      this.toWithhold--;
      this.stats.withheld++;
    } else {
      for (const state of this.peers) if (state.welcomed) this.deliver(state, text);
    }
    this.wakeAll();
    for (const listener of this.publishListeners) listener(full);
    return full;
  }

  /** The next samples of the built-in feed at `ts`, continuing its random walk (not published). */
  nextSamples(ts: number): Sample[] {
    return this.feed.next(ts);
  }

  publishSamples(samples: Sample[]): DataMessage {
    for (const sample of samples) {
      const list = this.series.get(sample.name) ?? [];
      list.push(sample);
      if (list.length > this.opts.snapshotSamples * 2)
        list.splice(0, list.length - this.opts.snapshotSamples);
      this.series.set(sample.name, list);
    }
    return this.publish({ type: 'metrics', samples });
  }

  raiseAlert(alert: Alert): DataMessage {
    this.alerts.set(alert.id, alert);
    if (this.alerts.size > 1_000) {
      const oldest = this.alerts.keys().next().value;
      if (oldest !== undefined) this.alerts.delete(oldest);
    }
    return this.publish({ type: 'alert', alert });
  }

  updateAlert(id: string, status: Alert['status'], by?: string): DataMessage | null {
    const alert = this.alerts.get(id);
    if (!alert) return null;
    this.alerts.set(id, { ...alert, status });
    return this.publish({ type: 'alert_update', id, status, ...(by ? { by } : {}) });
  }

  /** Send raw text to every connection, bypassing the protocol (malformed-frame scenarios). */
  sendRaw(text: string): void {
    for (const state of this.peers) if (state.welcomed) this.deliver(state, text);
  }

  /**
   * The next `count` data messages are lost on the way to WebSocket clients: the client sees a
   * sequence gap. They stay in the log, so replay, snapshot and long poll still have them.
   */
  withhold(count = 1): void {
    this.toWithhold += Math.max(0, Math.floor(count));
  }

  /** Deliver the last `count` data messages again: the client sees duplicates. */
  resend(count = 1): void {
    const again = this.log.slice(-Math.max(0, Math.floor(count)));
    for (const message of again) {
      this.stats.resent++;
      this.sendRaw(JSON.stringify(message));
    }
  }

  /**
   * Every current connection goes half-open: nothing more is sent or answered on it, and it is
   * never closed. New connections work normally, as after a NAT or load balancer forgets a flow.
   */
  freezeAll(): void {
    for (const state of this.peers) state.frozen = true;
  }

  // ------------------------------------------------------------- HTTP

  startSession(): HttpReply {
    if (this.faults.unavailable) return UNAVAILABLE;
    this.stats.sessionsStarted++;
    const session = this.sessions.start(this.newId('s'));
    return { status: 201, body: { sessionId: session.id, ttlMs: this.opts.sessionTtlMs } };
  }

  snapshot(sessionId: string | null): HttpReply {
    if (this.faults.unavailable) return UNAVAILABLE;
    if (!this.validSession(sessionId)) return { status: 401, body: SESSION_INVALID };
    const samples: Sample[] = [];
    for (const list of this.series.values())
      samples.push(...list.slice(-this.opts.snapshotSamples));
    samples.sort((a, b) => a.ts - b.ts);
    return {
      status: 200,
      body: {
        epoch: this.epoch,
        seq: this.seq,
        samples,
        alerts: [...this.alerts.values()].slice(-200),
      },
    };
  }

  /** Long poll: answers at once when there is news after `after`, else when news comes or `waitMs` passes. */
  async poll(sessionId: string | null, after: number, waitMs: number): Promise<HttpReply> {
    if (this.faults.unavailable) return UNAVAILABLE;
    if (!this.validSession(sessionId)) return { status: 401, body: SESSION_INVALID };
    const epoch = this.epoch;
    // A long poll waits whether or not the built-in feed runs (tests publish by hand).
    if (after >= this.seq && waitMs > 0 && !this.stopped) {
      await new Promise<void>((resolve) => {
        const waiter: Waiter = { after, resolve: () => finish() };
        const handle = this.clock.setTimeout(() => finish(), Math.min(waitMs, 30_000));
        const finish = () => {
          this.clock.clearTimeout(handle);
          this.waiters.delete(waiter);
          resolve();
        };
        this.waiters.add(waiter);
      });
    }
    if (this.epoch !== epoch) after = 0;
    const messages = this.faults.halfOpen ? [] : this.messagesAfter(after).slice(0, MAX_POLL_BATCH);
    return { status: 200, body: { epoch: this.epoch, messages } };
  }

  /** Client messages over HTTP: one ClientMessage or an array of them. */
  receiveHttp(sessionId: string | null, body: unknown): HttpReply {
    if (this.faults.unavailable) return UNAVAILABLE;
    if (!this.validSession(sessionId)) return { status: 401, body: SESSION_INVALID };
    const messages = (Array.isArray(body) ? body : [body]).map(toClientMessage);
    if (messages.length > 1_000 || messages.some((message) => message === null))
      return { status: 400, body: { error: 'invalid_message' } };
    for (const message of messages) this.handleClientMessage(sessionId, message!);
    return { status: 202, body: null };
  }

  // ------------------------------------------------------------- WebSocket

  /**
   * Whether a WebSocket upgrade is allowed now; a refusal is counted. An adapter that can refuse
   * before upgrading (the reference server answers 403) asks this first.
   */
  admitUpgrade(): boolean {
    if (!this.faults.wsBlocked && !this.faults.unavailable) return true;
    this.stats.upgradesRefused++;
    return false;
  }

  /** A new connection; `null` means the upgrade is refused and the adapter should fail it. */
  accept(peer: Peer): PeerHandle | null {
    if (!this.admitUpgrade()) return null;
    this.stats.connectionsAccepted++;
    const state: PeerState = {
      peer,
      sessionId: null,
      welcomed: false,
      frozen: false,
      pingTimer: null,
    };
    this.peers.add(state);
    return {
      receive: (text) => this.receiveFrame(state, text),
      closed: () => this.forget(state),
    };
  }

  get connectionCount(): number {
    return this.peers.size;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Close every connection with `code` (a scripted fault). */
  closeAll(code: number, reason = ''): void {
    for (const state of [...this.peers]) this.endPeer(state, () => state.peer.close(code, reason));
  }

  /** Drop every connection without a close frame (a network failure). */
  dropAll(): void {
    for (const state of [...this.peers]) this.endPeer(state, () => state.peer.drop());
  }

  /** Invalidate sessions (all, or one): their connections close with 1008. */
  expireSessions(sessionId?: string): void {
    this.sessions.expire(sessionId);
    this.closeOrphans('session expired');
  }

  private sessionsEnded(why: SessionEnd, count: number): void {
    if (why === 'expired') this.stats.sessionsExpired += count;
    else this.stats.sessionsEvicted += count;
    this.closeOrphans(why === 'expired' ? 'session expired' : 'session evicted');
  }

  /** Connections whose session is gone close with 1008, so their clients start a new one. */
  private closeOrphans(reason: string): void {
    for (const state of [...this.peers]) {
      // A lookup may sweep and close orphans itself: a peer it ended must not be closed twice.
      if (state.sessionId && !this.sessions.get(state.sessionId) && this.peers.has(state)) {
        this.endPeer(state, () => state.peer.close(1008, reason));
      }
    }
  }

  private receiveFrame(state: PeerState, text: string): void {
    if (this.faults.halfOpen || state.frozen) return;
    if (text === 'ping') return this.deliver(state, 'pong');
    if (text === 'pong') {
      this.stats.barePongs++;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.deliver(state, errorFrame('invalid_json', 'frame is not JSON'));
    }
    const message = toClientMessage(parsed);
    if (!state.welcomed) {
      if (message?.type !== 'hello') {
        return this.endPeer(state, () => state.peer.close(1002, 'expected a valid hello first'));
      }
      return this.hello(state, message);
    }
    if (!message)
      return this.deliver(state, errorFrame('invalid_message', 'message not understood'));
    this.handleClientMessage(state.sessionId, message, state);
  }

  private hello(state: PeerState, hello: Extract<ClientMessage, { type: 'hello' }>): void {
    if (this.faults.rejectSessions || !this.validSession(hello.sessionId)) {
      this.stats.hellosRejected++;
      return this.endPeer(state, () => state.peer.close(1008, 'session invalid'));
    }
    state.sessionId = hello.sessionId;
    const session = this.sessions.get(hello.sessionId);
    if (session) session.topics = new Set(hello.topics);
    const oldest = this.log[0]?.seq ?? this.seq + 1;
    const canResume =
      hello.epoch === this.epoch &&
      typeof hello.lastSeq === 'number' &&
      hello.lastSeq <= this.seq &&
      hello.lastSeq >= oldest - 1;
    this.deliver(
      state,
      JSON.stringify({
        type: 'welcome',
        sessionId: hello.sessionId,
        epoch: this.epoch,
        seq: this.seq,
        heartbeatMs: this.heartbeatMs,
        resumed: canResume,
      } satisfies ServerMessage),
    );
    if (canResume) {
      for (const message of this.messagesAfter(hello.lastSeq ?? 0))
        this.deliver(state, JSON.stringify(message));
    }
    state.welcomed = true;
    this.schedulePing(state);
  }

  private handleClientMessage(
    sessionId: string | null,
    message: ClientMessage,
    state?: PeerState,
  ): void {
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    switch (message.type) {
      case 'ping':
        if (state) this.deliver(state, JSON.stringify({ type: 'pong', ts: message.ts }));
        return;
      case 'ack':
        // Broadcast to every client: the alias names who acted without handing out the id.
        this.updateAlert(message.alertId, 'acknowledged', session?.alias);
        return;
      case 'subscribe':
        message.topics.forEach((topic) => session?.topics.add(topic));
        return;
      case 'unsubscribe':
        message.topics.forEach((topic) => session?.topics.delete(topic));
        return;
      default:
        return;
    }
  }

  private schedulePing(state: PeerState): void {
    state.pingTimer = this.clock.setTimeout(() => {
      if (!this.peers.has(state)) return;
      this.deliver(state, JSON.stringify({ type: 'ping', ts: this.clock.now() }));
      this.schedulePing(state);
    }, this.heartbeatMs);
  }

  private deliver(state: PeerState, text: string): void {
    if (this.faults.halfOpen || state.frozen) return;
    const send = () => {
      if (this.peers.has(state) && !state.frozen) state.peer.send(text);
    };
    if (this.faults.latencyMs > 0) this.clock.setTimeout(send, this.faults.latencyMs);
    else send();
  }

  private endPeer(state: PeerState, end: () => void): void {
    this.forget(state);
    end();
  }

  private forget(state: PeerState): void {
    if (state.pingTimer !== null) this.clock.clearTimeout(state.pingTimer);
    this.peers.delete(state);
  }

  // ------------------------------------------------------------- helpers

  private validSession(sessionId: string | null | undefined): sessionId is string {
    return this.sessions.get(sessionId) !== undefined;
  }

  private messagesAfter(after: number): DataMessage[] {
    const first = this.log.findIndex((message) => message.seq > after);
    return first === -1 ? [] : this.log.slice(first);
  }

  private wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const waiter of waiters) waiter.resolve();
  }

  private newId(prefix: string): string {
    this.ids++;
    return `${prefix}_${this.ids.toString(36)}${Math.floor(this.random() * 2 ** 40).toString(36)}`;
  }
}

function errorFrame(code: string, message: string): string {
  return JSON.stringify({ type: 'error', code, message } satisfies ServerMessage);
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
