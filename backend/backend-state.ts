import type { Alert, Sample } from '../src/realtime/protocol';
import {
  NO_FAULTS,
  systemClock,
  type BackendClock,
  type BackendMessage,
  type BackendFaults,
  type BackendOptions,
  type BackendStats,
  type Peer,
  type PublishListener,
} from './backend-types';
import { defaultCatalog, type WireCatalog } from './catalog';
import { MetricFeed } from './feed';
import { QualityLine } from './quality-line';
import { seededRandom } from './random';
import { SessionTable, type SessionEnd } from './session-table';

/** One WebSocket connection as the backend sees it. */
export type PeerState = {
  peer: Peer;
  sessionId: string | null;
  welcomed: boolean;
  /** Silent both ways without closing: this line went half-open. */
  frozen: boolean;
  pingTimer: unknown;
};

/** A long poll waiting for news after `after`. */
export type Waiter = { after: number; resolve: () => void };

export type Settings = Required<Omit<BackendOptions, 'clock' | 'random'>>;

/**
 * Everything the backend knows, shared by its sections (lifecycle, stream, HTTP, WebSocket),
 * with the few helpers more than one section needs. Only the backend's own modules see it: the
 * outside talks to `MockBackend`.
 */
export class BackendState {
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
  readonly opts: Settings;
  readonly sessions: SessionTable;
  readonly feed: MetricFeed;
  readonly quality: QualityLine;
  /** What the backend says its metrics are; `null` speaks protocol v1 (no catalogue at all). */
  catalog: WireCatalog | null = defaultCatalog();
  /** Whether the product topics' quality lines produce samples (a v1 server has none). */
  qualityOn = true;
  /** When the quality lines measure next (backend clock). */
  nextQualityAt = -Infinity;

  epoch: string;
  seq = 0;
  /** Data messages still to be lost in transit over WebSocket (see `withhold`). */
  toWithhold = 0;
  readonly publishListeners = new Set<PublishListener>();
  log: BackendMessage[] = [];
  readonly alerts = new Map<string, Alert>();
  readonly series = new Map<string, Sample[]>();
  readonly peers = new Set<PeerState>();
  waiters = new Set<Waiter>();
  readonly timers = new Set<unknown>();
  running = false;
  /** After stop() nothing may wait: a long poll answers at once. */
  stopped = false;
  tickTimer: unknown = null;
  private ids = 0;

  constructor(options: BackendOptions, onSessionsEnded: (why: SessionEnd, count: number) => void) {
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
      qualityEveryMs: options.qualityEveryMs ?? 1_000,
    };
    this.sessions = new SessionTable(
      this.clock,
      this.opts.sessionTtlMs,
      this.opts.maxSessions,
      onSessionsEnded,
    );
    this.epoch = this.newId('e');
    this.feed = new MetricFeed(this.random);
    // Its own stream, seeded from the backend's: the cold-chain walk stays as it was, and a
    // seeded backend still replays the same drifts.
    this.quality = new QualityLine(seededRandom(Math.floor(this.random() * 2 ** 32)));
  }

  /** A timer that stop() clears. */
  later(ms: number, callback: () => void): unknown {
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle);
      callback();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  validSession(sessionId: string | null | undefined): sessionId is string {
    return this.sessions.get(sessionId) !== undefined;
  }

  messagesAfter(after: number): BackendMessage[] {
    const first = this.log.findIndex((message) => message.seq > after);
    return first === -1 ? [] : this.log.slice(first);
  }

  /** Answer every waiting long poll (news, a restart, a stop). */
  wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const waiter of waiters) waiter.resolve();
  }

  newId(prefix: string): string {
    this.ids++;
    return `${prefix}_${this.ids.toString(36)}${Math.floor(this.random() * 2 ** 40).toString(36)}`;
  }

  /** Send to one connection, unless the line is half-open, after the scripted latency. */
  deliver(state: PeerState, text: string): void {
    if (this.faults.halfOpen || state.frozen) return;
    const send = () => {
      if (this.peers.has(state) && !state.frozen) state.peer.send(text);
    };
    if (this.faults.latencyMs > 0) this.clock.setTimeout(send, this.faults.latencyMs);
    else send();
  }

  endPeer(state: PeerState, end: () => void): void {
    this.forget(state);
    end();
  }

  forget(state: PeerState): void {
    if (state.pingTimer !== null) this.clock.clearTimeout(state.pingTimer);
    this.peers.delete(state);
  }
}
