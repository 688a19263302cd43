import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { CLIENT_CLOSE, closePolicy, describeCloseCode, type StopReason } from './close-codes';
import {
  ATTEMPT_STATES,
  badgeStatus,
  MOVES,
  type BadgeStatus,
  type ConnectionState,
} from './connection-state';
import {
  defaultEnvironment,
  type Environment,
  type TimerHandle,
  type WebSocketLike,
} from './environment';
import { Heartbeat } from './heartbeat';
import { notifyAll } from './notify';
import { HeldMessages, type Held } from './held-messages';
import { HttpApi, httpErrorKind, type HttpFailure } from './http-api';
import { DEFAULT_HELD_BYTES, DEFAULT_HELD_MESSAGES } from './limits';
import { Outbox } from './outbox';
import {
  isDataMessage,
  websocketUrl,
  type ClientMessage,
  type DataMessage,
  type OutgoingMessage,
  type ServerMessage,
  type ServerSnapshot,
  type WelcomeMessage,
} from './protocol';
import { classifySeq, needsResync } from './sequence';
import { parseServerFrame, type Rejection, type ValidationErrorKind } from './validate';

export type ErrorKind =
  /** A frame or body, or an item inside one, refused or cut (validate.ts, item-tally.ts). */
  | ValidationErrorKind
  /** Data held before a welcome or during a resync went over its bound (messages or size). */
  | 'buffer_overflow'
  /** An HTTP body over its byte cap; reading stopped there and the call failed. */
  | 'http_oversized'
  /** A data message skipped ahead; the client resynced from a snapshot. */
  | 'sequence_gap'
  /** The server sent `{"type":"error"}`. */
  | 'server_error'
  /** An HTTP call failed or answered something unexpected. */
  | 'http_error'
  /** The outgoing queue was full; its oldest message was dropped. */
  | 'outbox_overflow'
  /** The WebSocket constructor threw: this context cannot use WebSocket at all. */
  | 'websocket_unavailable';

export const ERROR_KINDS: readonly ErrorKind[] = [
  'invalid_json',
  'oversized',
  'unknown_type',
  'invalid_shape',
  'binary',
  'sequence_gap',
  'server_error',
  'http_error',
  'outbox_overflow',
  'websocket_unavailable',
  'truncated',
  'id_too_long',
  'too_many_items',
  'heartbeat_clamped',
  'ttl_clamped',
  'buffer_overflow',
  'http_oversized',
];

export type Transport = 'websocket' | 'http';

export type CloseInfo = { code: number; reason: string; description: string; at: number };

/** Everything the UI may show about the connection. Immutable; a new object on every change. */
export type ConnectionSnapshot = Readonly<{
  state: ConnectionState;
  status: BadgeStatus;
  transport: Transport;
  /** Failed attempts since the line last stayed healthy for the backoff reset period. */
  attempt: number;
  /** Epoch ms of the next attempt while in `backoff`. */
  nextRetryAt: number | null;
  lastClose: CloseInfo | null;
  stopReason: StopReason | null;
  /** Round-trip time of the last answered ping. */
  latencyMs: number | null;
  messagesReceived: number;
  duplicatesDropped: number;
  /** Epoch ms of the last frame of any kind from the server. */
  lastMessageAt: number | null;
  errors: Readonly<Record<ErrorKind, number>>;
  errorCount: number;
  sessionId: string | null;
  epoch: string | null;
  lastSeq: number | null;
  heartbeatMs: number;
  queued: number;
  resyncing: boolean;
  topics: readonly string[];
}>;

export type RealtimeEvent =
  /** The connection snapshot changed in a way worth showing (state, attempt, close, ...). */
  | { type: 'connection'; connection: ConnectionSnapshot }
  /** Replace the view with this server state (first connect, gap, new epoch, resumed: false). */
  | { type: 'reset'; snapshot: ServerSnapshot }
  /** The next message of the stream, in order, exactly once. */
  | { type: 'message'; message: DataMessage }
  /** Something was wrong and was counted; the connection carries on unless its state says otherwise. */
  | { type: 'error'; kind: ErrorKind; detail: string };

export type RealtimeOptions = {
  /** `http(s)://host:port[/prefix]`; the WebSocket URL is derived from it. */
  baseUrl: string;
  topics?: readonly string[];
  env?: Partial<Environment>;
  backoff?: Partial<BackoffOptions>;
  /** Messages kept while not connected (default 100). */
  outboxCapacity?: number;
  /** Session renewals allowed without a `welcome` between them (default 3). */
  maxRenewals?: number;
  /** WebSocket attempts failing before `welcome` that switch to HTTP (default 3). */
  fallbackAfterFailures?: number;
  /** An attempt that has not reached `welcome` by then has failed (default 10 s). */
  connectTimeoutMs?: number;
  /** How often to try WebSocket again while on the HTTP fallback (default 60 s, jittered). */
  probeIntervalMs?: number;
  /** `waitMs` of a long poll (default 25 s). */
  longPollMs?: number;
  /**
   * An HTTP call that has not answered by then has failed; a long poll gets this much on top of
   * its `waitMs` (default 10 s).
   */
  requestTimeoutMs?: number;
  /** Least time between two polls that brought nothing (default 1 s). */
  minPollIntervalMs?: number;
  /** How long a line check after the tab becomes visible waits for an answer (default 5 s). */
  lineCheckMs?: number;
  /** Messages held while a snapshot is fetched; beyond it the resync starts over (default 20k). */
  resyncBufferLimit?: number;
  /**
   * The same bound in frame characters (default 16 Mi), and both bound the data a socket sends
   * before its `welcome`: beyond it that data is dropped and a snapshot follows the welcome.
   */
  resyncBufferBytes?: number;
};

type Listener = (event: RealtimeEvent) => void;

/**
 * What the app holds: the engine itself (`RealtimeEngine`, on the page's thread) or its proxy
 * in front of a Web Worker (`WorkerRealtimeClient`). Both behave the same.
 */
export interface RealtimeClient {
  /** Subscribe to events; returns the unsubscribe. */
  listen(listener: (event: RealtimeEvent) => void): () => void;
  getSnapshot(): ConnectionSnapshot;
  start(): void;
  stop(): void;
  dispose(): void;
  reconnectNow(): void;
  send(message: OutgoingMessage): void;
  ack(alertId: string): void;
  subscribe(topics: string[]): void;
  unsubscribe(topics: string[]): void;
}

/** The transport attempt in flight: what must be torn down when it ends. */
type Attempt = {
  abort: AbortController;
  socket: WebSocketLike | null;
  /** A background WebSocket try while polling. */
  probe: WebSocketLike | null;
  welcomed: boolean;
  /** Timers that belong to this attempt (snapshot retries) and die with it. */
  timers: Set<TimerHandle>;
  /** Stops the HTTP poll loop alone, when a probe socket takes over. */
  polling: AbortController;
  /** Data that arrived on a socket before its `welcome`, applied right after it. */
  early: HeldMessages;
  /** `early` went over its bound and was dropped: the welcome must be followed by a snapshot. */
  earlyOverflowed: boolean;
};

const NO_ERRORS = Object.fromEntries(ERROR_KINDS.map((kind) => [kind, 0])) as Record<
  ErrorKind,
  number
>;

/**
 * The realtime client: one WebSocket (or its HTTP fallback) to a Pulseboard backend, kept alive
 * for days. No React, no store, no DOM: it emits events and the app decides what to show.
 *
 * @example
 * const client = createRealtimeClient({ baseUrl: 'http://127.0.0.1:8080', topics: ['metrics', 'alerts'] });
 * const off = client.listen((event) => { if (event.type === 'message') console.log(event.message) });
 * client.start();
 * // later
 * off(); client.dispose();
 */
export class RealtimeEngine implements RealtimeClient {
  private readonly env: Environment;
  private readonly api: HttpApi;
  private readonly backoff: BackoffOptions;
  private readonly opts: Required<Omit<RealtimeOptions, 'topics' | 'env' | 'backoff' | 'baseUrl'>>;
  private readonly listeners = new Set<Listener>();
  private readonly outbox: Outbox<OutgoingMessage>;
  private readonly topics: Set<string>;
  private readonly wsUrl: string;

  private state: ConnectionState = 'idle';
  private transport: Transport = 'websocket';
  private attemptCount = 0;
  private wsFailuresBeforeWelcome = 0;
  private httpFailures = 0;
  /**
   * Refused sockets moved us to HTTP, and HTTP has not delivered yet. Until it does, the
   * refusals may as well have been a server that is down (a restart) as a proxy that blocks
   * WebSocket: the first HTTP failure settles it, and the first HTTP success probes WebSocket
   * at once.
   */
  private fallbackUnproven = false;
  /**
   * Topics dropped while no transport could say so. A `hello` replaces the server's whole set, so
   * it settles these; over HTTP there is no `hello`, and they are sent as an `unsubscribe`.
   */
  private readonly unsaidUnsubscribes = new Set<string>();
  private renewalsSinceWelcome = 0;
  private protocolErrorCloses = 0;
  private nextRetryAt: number | null = null;
  private lastClose: CloseInfo | null = null;
  private stopReason: StopReason | null = null;
  private latencyMs: number | null = null;
  private messagesReceived = 0;
  private duplicatesDropped = 0;
  private lastFrameAt: number | null = null;
  private healthySince: number | null = null;
  private errors: Record<ErrorKind, number> = { ...NO_ERRORS };
  private sessionId: string | null = null;
  private epoch: string | null = null;
  private lastSeq: number | null = null;
  private heartbeatMs = 15_000;
  private lastPingTs: number | null = null;
  /** Data held while a snapshot is in flight; null when not resyncing. */
  private resyncBuffer: HeldMessages | null = null;
  private resyncGeneration = 0;
  /** Resyncs since a message last applied cleanly; spaces out snapshots that do not help. */
  private resyncStreak = 0;
  private resyncWaiters: (() => void)[] = [];

  private attempt: Attempt | null = null;
  /** Timers and fetches that belong to the current state and die when it is left. */
  private stateTimers = new Set<TimerHandle>();
  private stateAbort = new AbortController();
  private heartbeat: Heartbeat | null = null;
  private unsubscribeSignals: (() => void)[] = [];
  private disposed = false;

  private snapshot: ConnectionSnapshot | null = null;

  constructor(options: RealtimeOptions) {
    this.env = defaultEnvironment(options.env);
    this.wsUrl = websocketUrl(options.baseUrl);
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.opts = {
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      outboxCapacity: options.outboxCapacity ?? 100,
      maxRenewals: options.maxRenewals ?? 3,
      fallbackAfterFailures: options.fallbackAfterFailures ?? 3,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      probeIntervalMs: options.probeIntervalMs ?? 60_000,
      longPollMs: options.longPollMs ?? 25_000,
      minPollIntervalMs: options.minPollIntervalMs ?? 1_000,
      lineCheckMs: options.lineCheckMs ?? 5_000,
      resyncBufferLimit: options.resyncBufferLimit ?? DEFAULT_HELD_MESSAGES,
      resyncBufferBytes: options.resyncBufferBytes ?? DEFAULT_HELD_BYTES,
    };
    this.api = new HttpApi(
      this.env.fetch,
      options.baseUrl,
      this.env.clock,
      this.opts.requestTimeoutMs,
    );
    this.outbox = new Outbox(this.opts.outboxCapacity);
    this.topics = new Set(options.topics ?? ['metrics', 'alerts']);
  }

  // ---------------------------------------------------------------- public API

  /** Subscribe to events; returns the unsubscribe. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot(): ConnectionSnapshot {
    this.snapshot ??= {
      state: this.state,
      status: badgeStatus(this.state),
      transport: this.transport,
      attempt: this.attemptCount,
      nextRetryAt: this.state === 'backoff' ? this.nextRetryAt : null,
      lastClose: this.lastClose,
      stopReason: this.stopReason,
      latencyMs: this.latencyMs,
      messagesReceived: this.messagesReceived,
      duplicatesDropped: this.duplicatesDropped,
      lastMessageAt: this.lastFrameAt,
      errors: { ...this.errors },
      errorCount: Object.values(this.errors).reduce((a, b) => a + b, 0),
      sessionId: this.sessionId,
      epoch: this.epoch,
      lastSeq: this.lastSeq,
      heartbeatMs: this.heartbeatMs,
      queued: this.outbox.size,
      resyncing: this.resyncBuffer !== null,
      topics: [...this.topics],
    };
    return this.snapshot;
  }

  /** Begin connecting. Starting again after `stop()` is allowed; after `dispose()` it is not. */
  start(): void {
    if (this.disposed)
      throw new Error('Expected a live client but start() was called after dispose()');
    if (this.state !== 'idle' && this.state !== 'closed') return;
    if (this.unsubscribeSignals.length === 0) this.watchSignals();
    if (!this.env.signals.isOnline()) return this.enter('offline');
    this.connect();
  }

  /** Close on request: the client will not reconnect by itself until `start()` or `reconnectNow()`. */
  stop(): void {
    if (this.state === 'closed' || this.disposed) return;
    this.enter('closed');
  }

  /** Close and release everything: socket, timers, fetches, listeners, browser signals. */
  dispose(): void {
    if (this.disposed) return;
    this.stop();
    this.disposed = true;
    for (const off of this.unsubscribeSignals) off();
    this.unsubscribeSignals = [];
    this.listeners.clear();
  }

  /** Skip the wait: retry now from backoff, or restart after stopped/offline/closed (a person asked). */
  reconnectNow(): void {
    if (this.disposed) return;
    switch (this.state) {
      case 'backoff':
      case 'stopped':
      case 'offline':
      case 'closed':
      case 'idle':
        if (this.state !== 'backoff') this.resetFailureCounts();
        if (this.unsubscribeSignals.length === 0) this.watchSignals();
        return this.connect();
      case 'polling':
        return this.openProbe();
      case 'live':
        return this.heartbeat?.checkNow(this.opts.lineCheckMs);
      case 'connecting':
      case 'renewing':
        return;
    }
  }

  /**
   * Send a message to the server. Not connected: it waits in a bounded queue (oldest dropped,
   * counted) and goes out in order once a connection is welcomed.
   */
  send(message: OutgoingMessage): void {
    if (this.disposed) return;
    if (message.type === 'subscribe')
      message.topics.forEach((t) => {
        this.topics.add(t);
        this.unsaidUnsubscribes.delete(t);
      });
    if (message.type === 'unsubscribe') message.topics.forEach((t) => this.topics.delete(t));
    const delivered = this.deliver([message]);
    if (delivered) return this.changed();
    // Topic changes ride in the next `hello` (or the HTTP fallback's announcement): no queueing.
    if (message.type === 'unsubscribe')
      message.topics.forEach((t) => this.unsaidUnsubscribes.add(t));
    if (message.type !== 'ack') return this.changed();
    const dropped = this.outbox.push(message);
    if (dropped) this.countError('outbox_overflow', `outgoing queue full: dropped ${dropped.type}`);
    this.changed();
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

  // ---------------------------------------------------------------- the one place state changes

  private enter(next: ConnectionState): void {
    if (!MOVES[this.state].includes(next)) {
      throw new Error(`Expected a legal connection move but got ${this.state} -> ${next}`);
    }
    const previous = this.state;
    this.clearStateScope();
    if (next === 'connecting' || !ATTEMPT_STATES.has(next)) this.endAttempt();
    if (previous === 'live' || previous === 'polling') this.healthySince = null;
    this.state = next;

    switch (next) {
      case 'connecting':
        this.nextRetryAt = null;
        this.stateTimer(this.opts.connectTimeoutMs, () =>
          this.attemptFailed(CLIENT_CLOSE.deadLine, 'no welcome before the connect timeout'),
        );
        break;
      case 'live':
        // The attempt count survives until the line has proved healthy (see wasHealthy), so a
        // server that accepts and then drops at once still backs off further each time.
        this.healthySince = this.env.clock.now();
        this.startHeartbeat();
        break;
      case 'polling':
        this.healthySince = this.env.clock.now();
        // A fallback entered during an outage (the refused sockets were a server restarting, not
        // a proxy) should not wait a probe interval to return to WebSocket: look at once.
        if (this.fallbackUnproven) {
          this.fallbackUnproven = false;
          this.stateTimer(0, () => this.openProbe());
        } else this.scheduleProbe();
        break;
      case 'backoff':
        this.stateTimer(Math.max(0, (this.nextRetryAt ?? 0) - this.env.clock.now()), () =>
          this.connect(),
        );
        break;
      case 'stopped':
      case 'offline':
      case 'closed':
      case 'renewing':
      case 'idle':
        break;
    }
    this.changed();
  }

  // ---------------------------------------------------------------- attempts

  private connect(): void {
    this.enter('connecting');
    const attempt: Attempt = {
      abort: new AbortController(),
      socket: null,
      probe: null,
      welcomed: false,
      polling: new AbortController(),
      timers: new Set(),
      early: this.heldMessages(),
      earlyOverflowed: false,
    };
    this.attempt = attempt;
    if (this.transport === 'websocket') void this.openSocket(attempt);
    else void this.runHttp(attempt);
  }

  private endAttempt(): void {
    const attempt = this.attempt;
    if (!attempt) return;
    this.attempt = null;
    attempt.abort.abort();
    attempt.polling.abort();
    for (const socket of [attempt.socket, attempt.probe]) if (socket) this.discardSocket(socket);
    for (const handle of attempt.timers) this.env.clock.clearTimeout(handle);
    attempt.timers.clear();
    this.resyncBuffer = null;
    this.resyncGeneration++;
    this.settleResyncWaiters();
  }

  private live(attempt: Attempt): boolean {
    return this.attempt === attempt && !attempt.abort.signal.aborted;
  }

  /** Make sure there is a session id; false when the attempt has been handled otherwise. */
  private async ensureSession(attempt: Attempt): Promise<boolean> {
    if (this.sessionId) return true;
    const result = await this.api.startSession(attempt.abort.signal);
    if (!this.live(attempt)) return false;
    if (!result.ok) {
      this.httpFailed(result);
      return false;
    }
    result.rejected.forEach((r) => this.reject(r));
    this.sessionId = result.value.sessionId;
    this.changed();
    return true;
  }

  private async openSocket(attempt: Attempt): Promise<void> {
    if (!(await this.ensureSession(attempt))) return;
    const socket = this.createSocket();
    if (!socket) {
      // No WebSocket here at all: go straight to HTTP rather than failing three times.
      this.transport = 'http';
      return this.connect();
    }
    attempt.socket = socket;
    this.wireSocket(socket, attempt);
  }

  private createSocket(): WebSocketLike | null {
    try {
      return this.env.createWebSocket(this.wsUrl);
    } catch (error) {
      this.countError(
        'websocket_unavailable',
        error instanceof Error ? error.message : String(error),
      );
      return null;
    }
  }

  private wireSocket(socket: WebSocketLike, attempt: Attempt): void {
    const current = () =>
      this.live(attempt) && (attempt.socket === socket || attempt.probe === socket);
    socket.onopen = () => {
      if (!current() || !this.sessionId) return;
      this.sendRaw(socket, this.helloMessage());
    };
    socket.onmessage = (event) => {
      if (!current()) return;
      this.onFrame(socket, attempt, event.data);
    };
    socket.onclose = (event) => {
      if (!current()) return;
      this.onSocketClose(socket, attempt, event.code, event.reason ?? '');
    };
    // `error` is always followed by `close`, which carries the code we act on.
    socket.onerror = () => {};
  }

  /** Forget a socket for good: detach first so nothing it does later can reach us, then close. */
  private discardSocket(socket: WebSocketLike, code: number = CLIENT_CLOSE.normal, reason = '') {
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      if (socket.readyState === 0 || socket.readyState === 1) socket.close(code, reason);
    } catch {
      // Closing a socket that is already going away may throw in some implementations.
    }
  }

  private helloMessage(): ClientMessage {
    return {
      type: 'hello',
      sessionId: this.sessionId ?? '',
      ...(this.epoch !== null ? { epoch: this.epoch } : {}),
      ...(this.lastSeq !== null ? { lastSeq: this.lastSeq } : {}),
      topics: [...this.topics],
    };
  }

  private onSocketClose(socket: WebSocketLike, attempt: Attempt, code: number, reason: string) {
    if (attempt.probe === socket) {
      // A failed background try changes nothing: keep polling, try again later.
      attempt.probe = null;
      this.discardSocket(socket);
      return this.scheduleProbe();
    }
    attempt.socket = null;
    this.discardSocket(socket);
    this.closed(code, reason, attempt.welcomed);
  }

  /** The server (or the network) ended the current attempt. */
  private closed(code: number, reason: string, welcomed: boolean): void {
    this.recordClose(code, reason);
    const policy = closePolicy(code);
    switch (policy.action) {
      case 'renew':
        return void this.renew();
      case 'stop':
        return this.stopWith(policy.reason);
      case 'reconnect-once':
        this.protocolErrorCloses++;
        if (this.protocolErrorCloses >= 2) return this.stopWith('protocol_error');
        return this.retryLater(policy.floorMs, !welcomed);
      case 'reconnect':
        return this.retryLater(policy.floorMs, !welcomed);
    }
  }

  /** Close the current attempt from our side (dead line, connect timeout) and retry. */
  private attemptFailed(code: number, reason: string): void {
    const attempt = this.attempt;
    const welcomed = attempt?.welcomed ?? false;
    if (attempt?.socket) {
      this.discardSocket(attempt.socket, code, reason);
      attempt.socket = null;
    }
    this.recordClose(code, reason);
    this.retryLater(0, !welcomed);
  }

  /** Remember why the line ended; a line that had been healthy starts its failure count over. */
  private recordClose(code: number, reason: string): void {
    this.lastClose = {
      code,
      reason,
      description: describeCloseCode(code),
      at: this.env.clock.now(),
    };
    if (this.wasHealthy()) this.resetFailureCounts();
  }

  /** Back off before the next attempt. `failedBeforeWelcome` counts toward the HTTP fallback. */
  private retryLater(floorMs: number, failedBeforeWelcome: boolean): void {
    if (this.transport === 'websocket' && failedBeforeWelcome) {
      this.wsFailuresBeforeWelcome++;
      if (this.wsFailuresBeforeWelcome >= this.opts.fallbackAfterFailures) {
        this.wsFailuresBeforeWelcome = 0;
        this.transport = 'http';
        this.fallbackUnproven = true;
        // Something between us and the server refuses WebSocket; HTTP is a different road,
        // so take it now rather than after another backoff (unless the server asked us to wait).
        if (floorMs === 0) return this.connect();
      }
    }
    this.attemptCount++;
    const delay = backoffDelay(this.attemptCount, this.backoff, this.env.random, floorMs);
    this.nextRetryAt = this.env.clock.now() + delay;
    this.enter('backoff');
  }

  private wasHealthy(): boolean {
    return (
      this.healthySince !== null &&
      this.env.clock.now() - this.healthySince >= this.backoff.resetAfterMs
    );
  }

  private resetFailureCounts(): void {
    this.attemptCount = 0;
    this.renewalsSinceWelcome = 0;
    this.protocolErrorCloses = 0;
    this.wsFailuresBeforeWelcome = 0;
    this.httpFailures = 0;
  }

  private stopWith(reason: StopReason): void {
    this.stopReason = reason;
    this.enter('stopped');
  }

  private async renew(): Promise<void> {
    if (this.renewalsSinceWelcome >= this.opts.maxRenewals)
      return this.stopWith('session_unrenewable');
    this.renewalsSinceWelcome++;
    this.sessionId = null;
    this.enter('renewing');
    const signal = this.stateAbort.signal;
    const result = await this.api.startSession(signal);
    if (signal.aborted) return;
    if (result.ok) {
      result.rejected.forEach((r) => this.reject(r));
      this.sessionId = result.value.sessionId;
      return this.connect();
    }
    if (result.failure === 'unauthorized') return this.stopWith('unauthorized');
    this.countError(httpErrorKind(result), `session renewal failed: ${result.detail}`);
    this.retryLater(0, false);
  }

  /** An HTTP call of the current attempt failed. */
  private httpFailed(failure: HttpFailure): void {
    if (failure.failure === 'aborted') return;
    if (failure.failure === 'session_invalid') return void this.renew();
    if (failure.failure === 'unauthorized') return this.stopWith('unauthorized');
    this.countError(httpErrorKind(failure), failure.detail);
    if (this.transport === 'http') {
      this.httpFailures++;
      // Neither transport works: the server is probably down, not WebSocket blocked. Come back on
      // the better one; a fallback that never delivered needs only this one failure to say so.
      if (this.fallbackUnproven || this.httpFailures >= this.opts.fallbackAfterFailures) {
        this.httpFailures = 0;
        this.fallbackUnproven = false;
        this.transport = 'websocket';
      }
    }
    this.recordClose(1006, failure.detail);
    // The HTTP side failing says nothing about WebSocket: it does not count toward the fallback.
    this.retryLater(0, false);
  }

  // ---------------------------------------------------------------- frames

  private onFrame(socket: WebSocketLike, attempt: Attempt, data: unknown): void {
    this.lastFrameAt = this.env.clock.now();
    const result = parseServerFrame(data);
    if (!result.ok) return this.reject(result);
    result.rejected.forEach((r) => this.reject(r));
    const { message } = result;
    switch (message.type) {
      case 'welcome':
        return this.onWelcome(socket, attempt, message);
      case 'ping':
        // Answer in the form we were asked in: an older server sending bare "ping" expects "pong".
        if (result.legacy) this.sendText(socket, 'pong');
        else this.sendRaw(socket, { type: 'pong', ts: message.ts });
        // A quiet feed still shows its age honestly: a heartbeat is news for "updated … ago".
        return this.changed();
      case 'pong':
        // Only an echo of our own ping measures the round trip (bare "pong" carries no ts).
        if (message.ts === this.lastPingTs) {
          this.latencyMs = this.lastFrameAt - message.ts;
          this.changed();
        }
        return;
      case 'error':
        return this.countError('server_error', `${message.code}: ${message.message}`);
      default: {
        // Strings only get here (binary frames are refused): the length is the frame's size.
        const held = { message, size: (data as string).length };
        if (!attempt.welcomed || socket === attempt.probe) return this.holdEarly(attempt, held);
        return this.ingest(held);
      }
    }
  }

  private onWelcome(socket: WebSocketLike, attempt: Attempt, welcome: WelcomeMessage): void {
    if (attempt.probe === socket) {
      // The WebSocket is back: leave the fallback without a gap (the poll in flight is aborted,
      // the seq rules drop anything both transports delivered).
      attempt.probe = null;
      attempt.socket = socket;
      this.transport = 'websocket';
      attempt.polling.abort();
    }
    attempt.welcomed = true;
    this.unsaidUnsubscribes.clear();
    this.sessionId = welcome.sessionId || this.sessionId;
    const beatChanged = this.heartbeatMs !== welcome.heartbeatMs;
    this.heartbeatMs = welcome.heartbeatMs;
    this.renewalsSinceWelcome = 0;
    this.wsFailuresBeforeWelcome = 0;
    this.httpFailures = 0;
    this.stopReason = null;
    // A second welcome on a live socket (a confused server) only refreshes what it carries, the
    // beat included: pinging at the old one could call a slower server's line dead.
    if (this.state !== 'live') this.enter('live');
    else {
      if (beatChanged && attempt.socket === socket) {
        this.heartbeat?.stop();
        this.startHeartbeat();
      }
      this.changed();
    }
    const position = { epoch: this.epoch, lastSeq: this.lastSeq };
    if (needsResync(position, welcome) || attempt.earlyOverflowed) this.beginResync(attempt);
    attempt.earlyOverflowed = false;
    for (const held of attempt.early.drain()) this.ingest(held);
    this.flushOutbox();
  }

  private heldMessages(): HeldMessages {
    return new HeldMessages(this.opts.resyncBufferLimit, this.opts.resyncBufferBytes);
  }

  /** Data before the welcome, held within bounds; past them, dropped until a snapshot. */
  private holdEarly(attempt: Attempt, held: Held): void {
    if (attempt.earlyOverflowed || attempt.early.push(held)) return;
    attempt.earlyOverflowed = true;
    const detail = `data before the welcome over its bound (${attempt.early.describe()}): dropped; a snapshot follows the welcome`;
    attempt.early.drain();
    this.countError('buffer_overflow', detail);
  }

  private reject(rejection: Rejection): void {
    this.countError(rejection.kind, rejection.detail, rejection.count);
  }

  /** One data message, through the seq rules. */
  private ingest(held: Held): void {
    const { message } = held;
    if (this.resyncBuffer) {
      if (this.resyncBuffer.push(held) || !this.attempt) return;
      // Starting over drops what was held: the next snapshot covers it.
      const detail = `resync buffer over its bound (${this.resyncBuffer.describe()}): starting the resync over`;
      this.countError('buffer_overflow', detail);
      this.beginResync(this.attempt);
      return;
    }
    switch (classifySeq({ epoch: this.epoch, lastSeq: this.lastSeq }, message.seq)) {
      case 'apply':
        this.lastSeq = message.seq;
        this.messagesReceived++;
        this.resyncStreak = 0;
        this.snapshot = null;
        return this.emit({ type: 'message', message });
      case 'duplicate':
        this.duplicatesDropped++;
        this.snapshot = null;
        return;
      case 'gap':
        if (this.lastSeq !== null) {
          this.countError('sequence_gap', `expected seq ${this.lastSeq + 1}, got ${message.seq}`);
        }
        if (!this.attempt) return;
        this.beginResync(this.attempt, held);
    }
  }

  /** Fetch a snapshot, hold the stream meanwhile, then continue from the snapshot's seq. */
  private beginResync(attempt: Attempt, first?: Held): void {
    const generation = ++this.resyncGeneration;
    this.resyncBuffer = this.heldMessages();
    if (first) this.resyncBuffer.push(first);
    this.resyncStreak++;
    this.changed();
    // A snapshot that still leaves a gap (a lagging replica, a server bug) must not become a
    // fetch loop: from the second resync in a row on, wait a backoff delay first.
    if (this.resyncStreak === 1) return void this.fetchSnapshot(attempt, generation);
    const delay = backoffDelay(this.resyncStreak - 1, this.backoff, this.env.random);
    this.attemptTimer(attempt, delay, () => {
      if (generation === this.resyncGeneration) void this.fetchSnapshot(attempt, generation);
    });
  }

  private async fetchSnapshot(attempt: Attempt, generation: number): Promise<void> {
    if (!this.sessionId) return;
    const result = await this.api.snapshot(this.sessionId, attempt.abort.signal);
    if (!this.live(attempt) || generation !== this.resyncGeneration) return;
    if (!result.ok) {
      if (result.failure === 'session_invalid' || attempt.socket === null)
        return this.httpFailed(result);
      // The socket is fine, only the snapshot failed: try the snapshot again, keep buffering.
      this.countError(httpErrorKind(result), `snapshot failed: ${result.detail}`);
      const delay = backoffDelay(1, this.backoff, this.env.random);
      this.attemptTimer(attempt, delay, () => {
        if (generation === this.resyncGeneration) void this.fetchSnapshot(attempt, generation);
      });
      return;
    }
    result.rejected.forEach((r) => this.reject(r));
    this.applySnapshot(result.value);
  }

  private applySnapshot(snapshot: ServerSnapshot): void {
    const held = this.resyncBuffer?.drain() ?? [];
    this.resyncBuffer = null;
    this.epoch = snapshot.epoch;
    this.lastSeq = snapshot.seq;
    this.emit({ type: 'reset', snapshot });
    this.changed();
    for (const message of held) this.ingest(message);
    if (this.resyncBuffer !== null) return; // the snapshot did not close the gap: resyncing again
    this.resyncStreak = 0;
    this.settleResyncWaiters();
  }

  /** Resolves once no resync is in flight (or the attempt ended). */
  private resyncSettled(): Promise<void> {
    return new Promise((resolve) => this.resyncWaiters.push(resolve));
  }

  private settleResyncWaiters(): void {
    const waiters = this.resyncWaiters;
    this.resyncWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  // ---------------------------------------------------------------- HTTP fallback

  private async runHttp(attempt: Attempt): Promise<void> {
    if (!(await this.ensureSession(attempt))) return;
    if (!(await this.announceTopics(attempt))) return;
    const polling = () => this.live(attempt) && !attempt.polling.signal.aborted;
    while (polling()) {
      if (this.epoch === null && this.resyncBuffer === null) this.beginResync(attempt);
      if (this.resyncBuffer !== null) {
        // Polling from a position that is about to change would fetch the same range again.
        await this.resyncSettled();
        continue;
      }
      const waitMs = this.state === 'polling' ? this.opts.longPollMs : 0;
      const after = this.lastSeq ?? 0;
      const startedAt = this.env.clock.now();
      const result = await this.api.poll(
        this.sessionId ?? '',
        after,
        waitMs,
        attempt.polling.signal,
      );
      if (!polling()) return;
      if (!result.ok) return this.httpFailed(result);
      result.rejected.forEach((r) => this.reject(r));
      this.lastFrameAt = this.env.clock.now();
      if (this.state === 'connecting') {
        attempt.welcomed = true;
        this.renewalsSinceWelcome = 0;
        this.httpFailures = 0;
        this.stopReason = null;
        this.enter('polling');
        this.flushOutbox();
      }
      if (result.value.epoch !== this.epoch) {
        // The server restarted under us: nothing from the old epoch's numbering applies.
        this.beginResync(attempt);
        continue;
      }
      // A poll answer has no frames: each message is charged its share of the body.
      const size = Math.ceil((result.bytes ?? 0) / Math.max(1, result.value.messages.length));
      for (const message of result.value.messages) this.onPolledMessage(message, size);
      this.changed();
      // A server or proxy that answers a long poll at once with nothing would otherwise make
      // this loop spin: never poll more than once a second unless there is news.
      const early = this.opts.minPollIntervalMs - (this.env.clock.now() - startedAt);
      if (result.value.messages.length === 0 && early > 0) {
        await this.sleep(early, attempt.polling.signal);
      }
    }
  }

  /**
   * There is no `hello` over HTTP, yet the server must know what this client wants (a session that
   * started on the fallback has never said): send the subscription set as messages instead.
   */
  private async announceTopics(attempt: Attempt): Promise<boolean> {
    const messages: ClientMessage[] = [];
    if (this.unsaidUnsubscribes.size > 0)
      messages.push({ type: 'unsubscribe', topics: [...this.unsaidUnsubscribes] });
    if (this.topics.size > 0) messages.push({ type: 'subscribe', topics: [...this.topics] });
    if (messages.length === 0) return true;
    const result = await this.api.send(this.sessionId ?? '', messages, attempt.abort.signal);
    if (!this.live(attempt)) return false;
    if (!result.ok) {
      this.httpFailed(result);
      return false;
    }
    this.unsaidUnsubscribes.clear();
    return true;
  }

  /** A pause the attempt can cut short: resolves early (and harmlessly) when `signal` aborts. */
  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.env.clock.clearTimeout(handle);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const handle = this.env.clock.setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private onPolledMessage(message: ServerMessage, size: number): void {
    if (isDataMessage(message)) return this.ingest({ message, size });
    if (message.type === 'error')
      this.countError('server_error', `${message.code}: ${message.message}`);
  }

  private scheduleProbe(): void {
    if (this.state !== 'polling') return;
    const jitter = 0.8 + 0.4 * this.env.random();
    this.stateTimer(this.opts.probeIntervalMs * jitter, () => this.openProbe());
  }

  private openProbe(): void {
    const attempt = this.attempt;
    if (this.state !== 'polling' || !attempt || attempt.probe) return;
    const socket = this.createSocket();
    if (!socket) return this.scheduleProbe();
    attempt.probe = socket;
    this.wireSocket(socket, attempt);
    this.stateTimer(this.opts.connectTimeoutMs, () => {
      if (attempt.probe !== socket) return;
      attempt.probe = null;
      this.discardSocket(socket);
      this.scheduleProbe();
    });
  }

  // ---------------------------------------------------------------- sending

  /** Sends now if a transport is up; false when the caller should queue. */
  private deliver(messages: ClientMessage[]): boolean {
    const attempt = this.attempt;
    if (this.state === 'live' && attempt?.socket) {
      for (const message of messages) this.sendRaw(attempt.socket, message);
      return true;
    }
    if (this.state === 'polling' && attempt && this.sessionId) {
      void this.postMessages(attempt, messages);
      return true;
    }
    return false;
  }

  private async postMessages(attempt: Attempt, messages: ClientMessage[]): Promise<void> {
    const result = await this.api.send(this.sessionId ?? '', messages, attempt.abort.signal);
    if (result.ok || result.failure === 'aborted') return;
    // Keep what we could not send; it goes out with the next connection.
    const acks = messages.filter((m): m is OutgoingMessage => m.type === 'ack');
    const dropped = this.outbox.restore(acks);
    if (dropped > 0) this.countError('outbox_overflow', `outgoing queue full: dropped ${dropped}`);
    this.countError(httpErrorKind(result), `send failed: ${result.detail}`);
  }

  private flushOutbox(): void {
    if (this.outbox.size === 0) return;
    const queued = this.outbox.drain();
    if (!this.deliver(queued)) this.outbox.restore(queued);
    this.changed();
  }

  private sendRaw(socket: WebSocketLike, message: ClientMessage): void {
    this.sendText(socket, JSON.stringify(message));
  }

  private sendText(socket: WebSocketLike, text: string): void {
    try {
      socket.send(text);
    } catch {
      // A socket that is closing throws on send; its close event drives what happens next.
    }
  }

  // ---------------------------------------------------------------- heartbeat and signals

  private startHeartbeat(): void {
    const attempt = this.attempt;
    const socket = attempt?.socket;
    if (!socket) return;
    this.lastFrameAt = this.env.clock.now();
    this.heartbeat = new Heartbeat(
      this.env.clock,
      this.heartbeatMs,
      () => this.lastFrameAt ?? 0,
      (ts) => {
        this.lastPingTs = ts;
        this.sendRaw(socket, { type: 'ping', ts });
      },
      () => this.attemptFailed(CLIENT_CLOSE.deadLine, 'no heartbeat from the server'),
    );
    this.heartbeat.start();
  }

  private watchSignals(): void {
    const { signals } = this.env;
    this.unsubscribeSignals = [
      signals.onOnlineChange((online) => {
        if (this.disposed) return;
        // A stopped client stays stopped: the network coming and going does not fix its reason.
        const settled =
          this.state === 'closed' || this.state === 'offline' || this.state === 'stopped';
        if (!online && !settled) this.enter('offline');
        if (online && this.state === 'offline') {
          this.resetFailureCounts();
          this.connect();
        }
      }),
      signals.onVisible(() => {
        // Timers of a hidden tab are throttled: do not trust them, look at the line now.
        if (this.state === 'live') this.heartbeat?.checkNow(this.opts.lineCheckMs);
        if (this.state === 'backoff' && (this.nextRetryAt ?? 0) <= this.env.clock.now())
          this.connect();
      }),
    ];
  }

  // ---------------------------------------------------------------- plumbing

  private attemptTimer(attempt: Attempt, ms: number, callback: () => void): void {
    const handle = this.env.clock.setTimeout(() => {
      attempt.timers.delete(handle);
      if (this.live(attempt)) callback();
    }, ms);
    attempt.timers.add(handle);
  }

  private stateTimer(ms: number, callback: () => void): void {
    const handle = this.env.clock.setTimeout(() => {
      this.stateTimers.delete(handle);
      callback();
    }, ms);
    this.stateTimers.add(handle);
  }

  private clearStateScope(): void {
    for (const handle of this.stateTimers) this.env.clock.clearTimeout(handle);
    this.stateTimers.clear();
    this.heartbeat?.stop();
    this.heartbeat = null;
    this.stateAbort.abort();
    this.stateAbort = new AbortController();
  }

  /** `count`: how many items the one event stands for (a batch reports once per kind). */
  private countError(kind: ErrorKind, detail: string, count = 1): void {
    this.errors[kind] += count;
    this.snapshot = null;
    this.emit({ type: 'error', kind, detail });
  }

  /**
   * Tell listeners the connection snapshot changed. Per-message counters do not come through
   * here (that would be an event per message); they are read with the next snapshot.
   */
  private changed(): void {
    this.snapshot = null;
    this.emit({ type: 'connection', connection: this.getSnapshot() });
  }

  private emit(event: RealtimeEvent): void {
    notifyAll(this.listeners, event);
  }
}

export function createRealtimeClient(options: RealtimeOptions): RealtimeClient {
  return new RealtimeEngine(options);
}
