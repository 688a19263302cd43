import type { BackoffOptions } from './backoff';
import type { StopReason } from './close-codes';
import type { ConnectionState } from './connection-state';
import type { ErrorKind } from './error-kinds';
import type { Held } from './held-messages';
import type { HttpFailure } from './http-api';
import type { ClientMessage, WelcomeMessage } from './protocol';
import type { FrameResult } from './validate';

/**
 * The vocabulary of the connection machine (`machine.ts`): what it remembers (`MachineContext`),
 * what can happen to it (`MachineEvent`) and what it asks the runner to do (`Effect`). Plain data
 * only, so a step can be written down as a table row and compared with `toEqual`.
 */

export type Transport = 'websocket' | 'http';

/** The attempt's main socket, or the background WebSocket try made while polling over HTTP. */
export type SocketRole = 'main' | 'probe';

/**
 * Timers the machine owns, by name. Each belongs to one state and is cancelled when the state is
 * left; starting a name that is already running replaces it.
 */
export type TimerName =
  /** connecting: no `welcome` (or first poll) by now means the attempt failed. */
  | 'connect-timeout'
  /** backoff: time for the next attempt. */
  | 'backoff'
  /** live: send the next ping. */
  | 'ping'
  /** live: two beats of silence (or an unanswered line check) by now means a dead line. */
  | 'line-deadline'
  /** polling: try WebSocket again in the background. */
  | 'probe'
  /** polling: the background try has had long enough to be welcomed. */
  | 'probe-timeout';

export const STATE_TIMERS: Readonly<Record<ConnectionState, readonly TimerName[]>> = {
  idle: [],
  connecting: ['connect-timeout'],
  renewing: [],
  live: ['ping', 'line-deadline'],
  polling: ['probe', 'probe-timeout'],
  backoff: ['backoff'],
  offline: [],
  stopped: [],
  closed: [],
};

export type CloseInfo = { code: number; reason: string; description: string; at: number };

/** The tunables the machine reads; defaults live in `options.ts`. */
export type MachineConfig = Readonly<{
  backoff: BackoffOptions;
  maxRenewals: number;
  fallbackAfterFailures: number;
  connectTimeoutMs: number;
  probeIntervalMs: number;
  lineCheckMs: number;
  /** The beat until a `welcome` says otherwise. */
  heartbeatMs: number;
}>;

export type MachineContext = Readonly<{
  config: MachineConfig;
  state: ConnectionState;
  transport: Transport;
  /**
   * Which attempt is current. Every answer from the outside world carries the id of the attempt
   * that asked, so the late answer of an attempt that has ended changes nothing.
   */
  attemptId: number;
  /** The current attempt has been welcomed (WebSocket) or has had its first poll (HTTP). */
  welcomed: boolean;
  /** A background WebSocket try is open while polling. */
  probing: boolean;
  /** Failed attempts since the line last stayed healthy for `backoff.resetAfterMs`. */
  attempt: number;
  /** WebSocket attempts in a row that failed before `welcome`; at the limit, HTTP. */
  wsFailures: number;
  /** HTTP failures in a row while on the fallback; at the limit, back to WebSocket. */
  httpFailures: number;
  /**
   * Refused sockets moved us to HTTP and HTTP has not delivered yet: a server that is down looks
   * the same as a proxy that blocks WebSocket until HTTP answers (or fails) once.
   */
  fallbackUnproven: boolean;
  /** Session renewals since the last `welcome`. */
  renewals: number;
  /** Closes for a protocol, data or size error since the line last stayed healthy. */
  protocolErrors: number;
  nextRetryAt: number | null;
  lastClose: CloseInfo | null;
  stopReason: StopReason | null;
  /** When the line became live (or polling); null while it is not. */
  healthySince: number | null;
  sessionId: string | null;
  heartbeatMs: number;
  /** Last frame of any kind from the server (or poll answer). */
  lastFrameAt: number | null;
  /** `ts` of our last ping: only its echo measures the round trip. */
  lastPingTs: number | null;
  latencyMs: number | null;
  /** Start of a line check (tab visible again); the line is dead if nothing arrives after it. */
  lineCheckAt: number | null;
  /** `dispose()` was called: nothing happens any more. */
  disposed: boolean;
}>;

/** What the runner reads off the world with every event: the wall clock and one random draw. */
export type Tick = Readonly<{ now: number; random: number }>;

/** An answer that belongs to an attempt. */
type Of = { attemptId: number };

export type MachineEvent =
  // the application and the operator
  | { type: 'start'; online: boolean }
  | { type: 'stop' }
  | { type: 'dispose' }
  | { type: 'reconnect-now' }
  // the browser
  | { type: 'network'; online: boolean }
  | { type: 'visible' }
  // HTTP answers
  | ({ type: 'session-started'; sessionId: string } & Of)
  | ({ type: 'session-failed'; failure: HttpFailure } & Of)
  /** Topic announcement or a poll failed (the HTTP fallback's road is broken). */
  | ({ type: 'http-failed'; failure: HttpFailure } & Of)
  | ({ type: 'poll-answered' } & Of)
  | ({ type: 'snapshot-failed'; failure: HttpFailure; generation: number } & Of)
  // sockets
  | ({ type: 'socket-unavailable'; role: SocketRole; detail: string } & Of)
  | ({ type: 'socket-opened'; role: SocketRole } & Of)
  | ({ type: 'socket-closed'; role: SocketRole; code: number; reason: string } & Of)
  /** `size`: the frame's length, what holding its message costs. */
  | ({ type: 'frame'; role: SocketRole; frame: FrameResult; size: number } & Of)
  // time
  | { type: 'timer'; name: TimerName };

export type Effect =
  /** Tear down the attempt in flight: sockets, fetches, poll loop, held data, resync. */
  | { type: 'end-attempt' }
  | { type: 'begin-attempt'; attemptId: number }
  | { type: 'start-session' }
  | { type: 'open-socket'; role: SocketRole }
  | { type: 'close-socket'; role: SocketRole; code: number; reason: string }
  /** The probe was welcomed: it becomes the attempt's main socket. */
  | { type: 'promote-probe' }
  /** Announce the topics over HTTP, then long-poll. */
  | { type: 'start-polling' }
  | { type: 'stop-polling' }
  /** `hello` with the session, the stream position and the topics. */
  | { type: 'send-hello'; role: SocketRole }
  /** A heartbeat frame; `'pong'` is the bare string older servers expect. */
  | { type: 'send'; role: SocketRole; message: ClientMessage | 'pong' }
  | { type: 'start-timer'; name: TimerName; ms: number }
  | { type: 'cancel-timer'; name: TimerName }
  /** Keep data that came before its socket's `welcome`; `release-held` applies it in order. */
  | { type: 'hold'; held: Held }
  | { type: 'release-held' }
  /** One data message, through the seq rules. */
  | { type: 'ingest'; held: Held }
  /** A welcome says where the server is: resume from there, or fetch the snapshot. */
  | { type: 'resume-or-resync'; welcome: WelcomeMessage }
  | { type: 'retry-snapshot'; generation: number; delayMs: number }
  | { type: 'flush-outbox' }
  /** A `hello` replaced the server's whole topic set: no unsubscribe is owed any more. */
  | { type: 'forget-unsaid' }
  | { type: 'watch-signals' }
  /** Dispose: stop watching the browser, forget every listener. */
  | { type: 'release' }
  /** Count an error of this kind (`count` times: a batch reports once) and tell listeners. */
  | { type: 'error'; kind: ErrorKind; detail: string; count?: number }
  /** The connection snapshot changed in a way worth showing. */
  | { type: 'notify' };

export type Step = Readonly<{ context: MachineContext; effects: readonly Effect[] }>;

/** A client that has done nothing yet. */
export function initialContext(config: MachineConfig): MachineContext {
  return {
    config,
    state: 'idle',
    transport: 'websocket',
    attemptId: 0,
    welcomed: false,
    probing: false,
    attempt: 0,
    wsFailures: 0,
    httpFailures: 0,
    fallbackUnproven: false,
    renewals: 0,
    protocolErrors: 0,
    nextRetryAt: null,
    lastClose: null,
    stopReason: null,
    healthySince: null,
    sessionId: null,
    heartbeatMs: config.heartbeatMs,
    lastFrameAt: null,
    lastPingTs: null,
    latencyMs: null,
    lineCheckAt: null,
    disposed: false,
  };
}
