import { attemptTimer, endAttempt, newAttempt, type Attempt } from './attempt';
import type { ConnectionSnapshot, RealtimeEvent, RealtimeOptions } from './client';
import { ClientFacade } from './client-facade';
import { connectionSnapshot, noErrors, type ErrorCounts } from './connection-snapshot';
import { realtimeEnvironment, type Environment } from './environment';
import type { ErrorKind } from './error-kinds';
import { HttpApi } from './http-api';
import { initialContext, transition } from './machine';
import { MAX_METRIC_NAMES } from './limits';
import { deliveryRoute } from './machine-rules';
import type { Effect, MachineContext, MachineEvent, SocketRole, TimerName } from './machine-types';
import { NameGate } from './name-gate';
import { NamedTimers } from './named-timers';
import { resolveOptions, type ResolvedOptions } from './options';
import { Outgoing } from './outgoing';
import { PollTransport, type PollHost } from './poll-transport';
import { websocketUrl, type ClientMessage, type OutgoingMessage } from './protocol';
import { isClosing, sendOn, SocketTransport } from './socket-transport';
import { Stream, type StreamHost } from './stream';

/**
 * The realtime client on this thread: the runner of the connection machine (`machine.ts`). It
 * turns what the world does into machine events, and performs the effects the machine answers
 * with the injected environment: sockets (`socket-transport.ts`), the HTTP fallback
 * (`poll-transport.ts`), the ordered stream (`stream.ts`), named timers and the outbox. It makes
 * no decision of its own about the connection. No React, no store, no DOM.
 *
 * @example
 * const client = createRealtimeClient({ baseUrl: 'http://127.0.0.1:8080', topics: ['metrics', 'alerts'] });
 * const off = client.listen((event) => { if (event.type === 'message') console.log(event.message) });
 * client.start();
 * // later
 * off(); client.dispose();
 */
export class RealtimeEngine extends ClientFacade {
  private readonly env: Environment;
  private readonly opts: ResolvedOptions;
  private readonly api: HttpApi;
  private readonly clock: Environment['clock'];
  private readonly stream: Stream;
  private readonly outgoing: Outgoing;
  private readonly sockets: SocketTransport;
  private readonly polls: PollTransport;
  private machine: MachineContext;
  private readonly queue: MachineEvent[] = [];
  private running = false;
  private attempt: Attempt | null = null;
  private readonly timers: NamedTimers<TimerName>;
  private readonly timerFired = (name: TimerName) => this.dispatch({ type: 'timer', name });
  private unwatchSignals: (() => void)[] = [];
  private readonly errors: ErrorCounts = noErrors();
  private readonly names = new NameGate();
  private snapshot: ConnectionSnapshot | null = null;
  private disposed = false;

  constructor(options: RealtimeOptions) {
    super();
    this.env = realtimeEnvironment(options.env);
    this.clock = this.env.clock;
    this.timers = new NamedTimers(this.clock);
    this.opts = resolveOptions(options);
    this.api = new HttpApi(this.env.fetch, options.baseUrl, this.clock, this.opts.requestTimeoutMs);
    this.outgoing = new Outgoing(this.opts.topics, this.opts.outboxCapacity, (kind, detail) =>
      this.countError(kind, detail),
    );
    this.machine = initialContext(this.opts.machine);
    this.stream = new Stream(this.streamHost(), {
      backoff: this.opts.machine.backoff,
      maxMessages: this.opts.resyncBufferLimit,
      maxBytes: this.opts.resyncBufferBytes,
    });
    // A new leader tab continues where its tab had read: the first hello resumes, no snapshot.
    if (options.resumeFrom) {
      this.stream.epoch = options.resumeFrom.epoch;
      this.stream.lastSeq = options.resumeFrom.lastSeq;
    }
    const dispatch = (event: MachineEvent) => this.dispatch(event);
    this.sockets = new SocketTransport(
      this.env.createWebSocket,
      websocketUrl(options.baseUrl),
      dispatch,
      this.env.nextTask,
    );
    this.polls = new PollTransport(this.pollHost(), this.opts);
  }

  // ---------------------------------------------------------------- public API

  getSnapshot(): ConnectionSnapshot {
    this.snapshot ??= connectionSnapshot(this.machine, this.stream, this.outgoing, this.errors);
    return this.snapshot;
  }

  /** Begin connecting. Starting again after `stop()` is allowed; after `dispose()` it is not. */
  start(): void {
    if (this.disposed)
      throw new Error('Expected a live client but start() was called after dispose()');
    this.dispatch({ type: 'start', online: this.env.signals.isOnline() });
  }

  /** Close on request: the client will not reconnect by itself until `start()` or `reconnectNow()`. */
  stop(): void {
    if (!this.disposed) this.dispatch({ type: 'stop' });
  }

  /** Close and release everything: socket, timers, fetches, listeners, browser signals. */
  dispose(): void {
    if (this.disposed) return;
    this.dispatch({ type: 'dispose' });
    this.disposed = true;
  }

  /** Skip the wait: retry now from backoff, or restart after stopped/offline/closed (a person asked). */
  reconnectNow(): void {
    if (!this.disposed) this.dispatch({ type: 'reconnect-now' });
  }

  /**
   * Send a message to the server. Not connected: acks wait in a bounded queue (oldest dropped,
   * counted) and go out in order once a connection is welcomed; topic changes ride in the next
   * `hello` (or the HTTP fallback's announcement) and need no queue.
   */
  send(message: OutgoingMessage): void {
    if (this.disposed) return;
    this.outgoing.send(message, this.deliver);
    this.changed();
  }

  // ---------------------------------------------------------------- the machine

  /**
   * Feeds one event to the machine and performs its effects in order. An event raised while
   * effects are being performed (a socket constructor that throws, a listener that calls back)
   * waits its turn, so every step sees the context the previous one left.
   */
  private dispatch(event: MachineEvent): void {
    this.queue.push(event);
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const tick = { now: this.clock.now(), random: this.env.random() };
        const step = transition(this.machine, next, tick);
        if (step.context === this.machine) continue;
        this.machine = step.context;
        this.snapshot = null;
        for (const effect of step.effects) this.perform(effect);
      }
    } finally {
      this.running = false;
      this.queue.length = 0;
    }
  }

  private perform(effect: Effect): void {
    const attempt = this.attempt;
    switch (effect.type) {
      case 'end-attempt':
        this.attempt = null;
        if (attempt) endAttempt(attempt, this.clock);
        return this.stream.reset();
      case 'begin-attempt':
        this.attempt = newAttempt(effect.attemptId);
        return;
      case 'start-session':
        return void (attempt && this.startSession(attempt));
      case 'open-socket':
        return attempt ? this.sockets.open(attempt, effect.role) : undefined;
      case 'close-socket':
        return attempt
          ? this.sockets.close(attempt, effect.role, effect.code, effect.reason)
          : undefined;
      case 'promote-probe':
        if (attempt) [attempt.socket, attempt.probe] = [attempt.probe, null];
        return;
      case 'start-polling':
        return void (attempt && this.polls.run(attempt));
      case 'stop-polling':
        return attempt?.polling.abort();
      case 'send-hello': {
        const hello = this.outgoing.hello(this.machine.sessionId, this.stream.position);
        return sendOn(this.socketOf(effect.role), hello);
      }
      case 'send':
        return sendOn(this.socketOf(effect.role), effect.message);
      case 'start-timer':
        return this.timers.start(effect.name, effect.ms, this.timerFired);
      case 'cancel-timer':
        return this.timers.cancel(effect.name);
      case 'hold':
        return this.stream.hold(effect.held);
      case 'release-held':
        return this.stream.releaseHeld();
      case 'ingest':
        return this.stream.ingest(effect.held);
      case 'resume-or-resync':
        return this.stream.resumeOrResync(effect.welcome);
      case 'retry-snapshot':
        return this.stream.retrySnapshot(effect.generation, effect.delayMs);
      case 'flush-outbox':
        return void (this.outgoing.flush(this.deliver) && this.changed());
      case 'forget-unsaid':
        return this.outgoing.unsaid.clear();
      case 'watch-signals':
        return this.watchSignals();
      case 'release':
        this.unwatchSignals.forEach((off) => off());
        this.unwatchSignals = [];
        return this.listeners.clear();
      case 'error':
        return this.countError(effect.kind, effect.detail, effect.count);
      case 'notify':
        return this.changed();
    }
  }

  private async startSession(attempt: Attempt): Promise<void> {
    const result = await this.api.startSession(attempt.abort.signal);
    if (attempt.abort.signal.aborted) return;
    const attemptId = attempt.id;
    if (!result.ok) return this.dispatch({ type: 'session-failed', attemptId, failure: result });
    result.rejected.forEach((r) => this.countError(r.kind, r.detail, r.count));
    this.dispatch({ type: 'session-started', attemptId, sessionId: result.value.sessionId });
  }

  // ---------------------------------------------------------------- what the parts may use

  private streamHost(): StreamHost {
    return {
      emit: (event) => this.emitData(event),
      countError: (kind, detail, count) => this.countError(kind, detail, count),
      changed: () => this.changed(),
      touched: () => void (this.snapshot = null),
      fetchSnapshot: () => {
        const { attempt } = this;
        const sessionId = this.machine.sessionId;
        return attempt && sessionId ? this.api.snapshot(sessionId, attempt.abort.signal) : null;
      },
      later: (ms, callback) => {
        if (this.attempt) attemptTimer(this.attempt, this.clock, ms, callback);
      },
      random: () => this.env.random(),
      snapshotFailed: (failure, generation) => {
        const attemptId = this.attempt?.id ?? -1;
        this.dispatch({ type: 'snapshot-failed', attemptId, failure, generation });
      },
    };
  }

  private pollHost(): PollHost {
    return {
      api: this.api,
      clock: this.clock,
      stream: this.stream,
      outgoing: this.outgoing,
      context: () => this.machine,
      dispatch: (event) => this.dispatch(event),
      countError: (kind, detail, count) => this.countError(kind, detail, count),
      changed: () => this.changed(),
    };
  }

  // ---------------------------------------------------------------- effects' helpers

  private socketOf(role: SocketRole) {
    return (role === 'main' ? this.attempt?.socket : this.attempt?.probe) ?? null;
  }

  /** Sends now if a transport is up; false when the caller should queue. */
  private readonly deliver = (messages: ClientMessage[]): boolean => {
    const attempt = this.attempt;
    const route = deliveryRoute(this.machine);
    if (route === 'socket' && attempt?.socket) {
      // A socket the server is closing would take nothing: the messages wait for the next line.
      if (isClosing(attempt.socket)) return false;
      for (const message of messages) sendOn(attempt.socket, message);
      return true;
    }
    if (route === 'http' && attempt) {
      void this.polls.post(attempt, messages);
      return true;
    }
    return false;
  };

  private watchSignals(): void {
    if (this.unwatchSignals.length > 0) return;
    const { signals } = this.env;
    this.unwatchSignals = [
      signals.onOnlineChange((online) => this.dispatch({ type: 'network', online })),
      signals.onVisible(() => this.dispatch({ type: 'visible' })),
    ];
  }

  /** Data from the stream, past the gate on distinct metric names. */
  private emitData(event: RealtimeEvent): void {
    const { event: admitted, refusal } = this.names.admit(event);
    if (refusal && refusal.names > 0) {
      const { names, samples, first } = refusal;
      const more = names > 1 ? ` and ${names - 1} more new names` : '';
      const detail = `${first.slice(0, 80)}${more}: ${samples} samples refused, more than ${MAX_METRIC_NAMES} distinct metric names`;
      this.countError('series_limit', detail, names);
    }
    this.emit(admitted);
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
}
