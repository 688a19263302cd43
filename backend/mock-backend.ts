import type { Alert, Sample } from '../src/realtime/protocol';
import { BackendState } from './backend-state';
import {
  NO_FAULTS,
  type BackendClock,
  type BackendFaults,
  type BackendMessage,
  type BackendOptions,
  type BackendStats,
  type BackendTuning,
  type HttpReply,
  type Peer,
  type PeerHandle,
  type PublishListener,
} from './backend-types';
import type { WireCatalog } from './catalog';
import { makeAlert } from './feed';
import * as http from './http-api';
import * as stream from './stream';
import * as websocket from './websocket';

export type {
  BackendClock,
  BackendFaults,
  BackendMessage,
  BackendOptions,
  BackendStats,
  BackendTuning,
  HttpReply,
  Peer,
  PeerHandle,
  PublishListener,
} from './backend-types';

/**
 * The whole backend of docs/protocol.md, with no transport: MSW (browser demo, vitest) and the
 * reference server (real sockets) are thin adapters over this one implementation, so every
 * scenario behaves the same in all three places.
 *
 * This class is its face and its lifecycle (the feed's timers, start, stop, restart, tuning);
 * the stream, HTTP and WebSocket sections are `stream.ts`, `http-api.ts` and `websocket.ts`
 * over the shared `BackendState`.
 */
export class MockBackend {
  private readonly state: BackendState;

  constructor(options: BackendOptions = {}) {
    this.state = new BackendState(options, (why, count) =>
      websocket.sessionsEnded(this.state, why, count),
    );
  }

  get clock(): BackendClock {
    return this.state.clock;
  }

  get random(): () => number {
    return this.state.random;
  }

  /** Live: callers switch faults by writing its fields. */
  get faults(): BackendFaults {
    return this.state.faults;
  }

  get stats(): BackendStats {
    return this.state.stats;
  }

  get epoch(): string {
    return this.state.epoch;
  }

  get seq(): number {
    return this.state.seq;
  }

  // ------------------------------------------------------------- lifecycle

  /** Start producing metrics and alerts. */
  start(): this {
    const state = this.state;
    if (state.running) return this;
    state.running = true;
    state.stopped = false;
    state.sessions.resume();
    this.scheduleTick();
    state.later(state.opts.firstAlertMs, () => this.alertTick());
    return this;
  }

  /** Stop every timer and close every connection; nothing runs afterwards. */
  stop(): void {
    const state = this.state;
    state.running = false;
    state.stopped = true;
    for (const handle of state.timers) state.clock.clearTimeout(handle);
    state.timers.clear();
    state.sessions.halt();
    for (const peer of [...state.peers])
      state.endPeer(peer, () => peer.peer.close(1001, 'server stopping'));
    state.wakeAll();
  }

  /** A server restart: a new epoch, an empty replay log, every connection closed with 1012. */
  restart(): void {
    const state = this.state;
    state.epoch = state.newId('e');
    state.seq = 0;
    state.log = [];
    for (const peer of [...state.peers])
      state.endPeer(peer, () => peer.peer.close(1012, 'service restart'));
    state.wakeAll();
  }

  /** The beat announced in every `welcome`. */
  get heartbeatMs(): number {
    return this.state.opts.heartbeatMs;
  }

  /** The timings now in force (see `tune`). */
  get tuning(): Required<BackendTuning> {
    const { heartbeatMs, tickMs, samplesPerTick, alertEveryMs, qualityEveryMs } = this.state.opts;
    return { heartbeatMs, tickMs, samplesPerTick, alertEveryMs, qualityEveryMs };
  }

  /** Every fault off, latency zero; connections and sessions are left as they are. */
  resetFaults(): void {
    Object.assign(this.state.faults, NO_FAULTS);
    this.state.toWithhold = 0;
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
    const opts = this.state.opts;
    const tickChanged = tuning.tickMs !== undefined && tuning.tickMs !== opts.tickMs;
    Object.assign(opts, tuning);
    if (tickChanged && this.state.running) this.scheduleTick();
  }

  /** Hear every data message as it is published (tests, the QA panel's counters). */
  onPublish(listener: PublishListener): () => void {
    this.state.publishListeners.add(listener);
    return () => this.state.publishListeners.delete(listener);
  }

  private scheduleTick(): void {
    const state = this.state;
    if (state.tickTimer !== null) {
      state.clock.clearTimeout(state.tickTimer);
      state.timers.delete(state.tickTimer);
    }
    state.tickTimer = state.later(state.opts.tickMs, () => {
      state.tickTimer = null;
      this.tick();
    });
  }

  private tick(): void {
    const state = this.state;
    if (!state.running) return;
    if (!state.faults.feedPaused) {
      const now = state.clock.now();
      const { tickMs, samplesPerTick } = state.opts;
      const samples: Sample[] = [];
      // Several samples per tick get their own timestamps, evenly spread over the tick.
      for (let i = samplesPerTick - 1; i >= 0; i--)
        samples.push(...state.feed.next(now - (i * tickMs) / samplesPerTick));
      // The quality lines measure on their own clock, whatever pace the feed runs at.
      if (state.qualityOn && now >= state.nextQualityAt) {
        samples.push(...state.quality.next(now));
        state.nextQualityAt = now + state.opts.qualityEveryMs;
      }
      this.publishSamples(samples);
    }
    this.scheduleTick();
  }

  private alertTick(): void {
    const state = this.state;
    if (!state.running) return;
    if (!state.faults.feedPaused) this.raiseAlert(makeAlert(state.random, state.clock.now()));
    const next = state.opts.alertEveryMs * (0.5 + state.random());
    state.later(next, () => this.alertTick());
  }

  // ------------------------------------------------------------- the stream (stream.ts)

  /** Give a message the next seq, keep it for replay, and deliver it to every live client. */
  publish(message: stream.DistributiveOmit<BackendMessage, 'seq'>): BackendMessage {
    return stream.publish(this.state, message);
  }

  /** What the backend says its metrics are (v1.1); `null` when it speaks v1. */
  get catalog(): WireCatalog | null {
    return this.state.catalog;
  }

  /**
   * Describe the metrics anew: a `catalog` message goes out and later snapshots carry it.
   * `null` makes this a v1 server: snapshots carry none, and nothing is sent (v1 has no way to
   * take a description back).
   */
  setCatalog(catalog: WireCatalog | null): BackendMessage | null {
    if (catalog === null) {
      this.state.catalog = null;
      return null;
    }
    return stream.publishCatalog(this.state, catalog);
  }

  /** Whether the product topics' quality lines measure (a v1 server has none). */
  get qualityLines(): boolean {
    return this.state.qualityOn;
  }

  set qualityLines(on: boolean) {
    this.state.qualityOn = on;
  }

  /** Every product process drifts off centre from its next measurement (a quality problem). */
  driftQuality(): void {
    this.state.quality.driftNow();
  }

  /** The next samples of the built-in feed at `ts`, continuing its random walk (not published). */
  nextSamples(ts: number): Sample[] {
    return this.state.feed.next(ts);
  }

  publishSamples(samples: Sample[]): BackendMessage {
    return stream.publishSamples(this.state, samples);
  }

  raiseAlert(alert: Alert): BackendMessage {
    return stream.raiseAlert(this.state, alert);
  }

  updateAlert(id: string, status: Alert['status'], by?: string): BackendMessage | null {
    return stream.updateAlert(this.state, id, status, by);
  }

  /** Send raw text to every connection, bypassing the protocol (malformed-frame scenarios). */
  sendRaw(text: string): void {
    stream.sendRaw(this.state, text);
  }

  /**
   * The next `count` data messages are lost on the way to WebSocket clients: the client sees a
   * sequence gap. They stay in the log, so replay, snapshot and long poll still have them.
   */
  withhold(count = 1): void {
    this.state.toWithhold += Math.max(0, Math.floor(count));
  }

  /** Deliver the last `count` data messages again: the client sees duplicates. */
  resend(count = 1): void {
    stream.resend(this.state, count);
  }

  /**
   * Every current connection goes half-open: nothing more is sent or answered on it, and it is
   * never closed. New connections work normally, as after a NAT or load balancer forgets a flow.
   */
  freezeAll(): void {
    websocket.freezeAll(this.state);
  }

  // ------------------------------------------------------------- HTTP (http-api.ts)

  startSession(): HttpReply {
    return http.startSession(this.state);
  }

  snapshot(sessionId: string | null): HttpReply {
    return http.snapshot(this.state, sessionId);
  }

  /** Long poll: answers at once when there is news after `after`, else when news comes or `waitMs` passes. */
  poll(sessionId: string | null, after: number, waitMs: number): Promise<HttpReply> {
    return http.poll(this.state, sessionId, after, waitMs);
  }

  /** Client messages over HTTP: one ClientMessage or an array of them. */
  receiveHttp(sessionId: string | null, body: unknown): HttpReply {
    return http.receiveHttp(this.state, sessionId, body);
  }

  // ------------------------------------------------------------- WebSocket (websocket.ts)

  /**
   * Whether a WebSocket upgrade is allowed now; a refusal is counted. An adapter that can refuse
   * before upgrading (the reference server answers 403) asks this first.
   */
  admitUpgrade(): boolean {
    return websocket.admitUpgrade(this.state);
  }

  /** A new connection; `null` means the upgrade is refused and the adapter should fail it. */
  accept(peer: Peer): PeerHandle | null {
    return websocket.accept(this.state, peer);
  }

  get connectionCount(): number {
    return this.state.peers.size;
  }

  get sessionCount(): number {
    return this.state.sessions.size;
  }

  /** Close every connection with `code` (a scripted fault). */
  closeAll(code: number, reason = ''): void {
    websocket.closeAll(this.state, code, reason);
  }

  /** Drop every connection without a close frame (a network failure). */
  dropAll(): void {
    websocket.dropAll(this.state);
  }

  /** Invalidate sessions (all, or one): their connections close with 1008. */
  expireSessions(sessionId?: string): void {
    this.state.sessions.expire(sessionId);
    websocket.closeOrphans(this.state, 'session expired');
  }
}
