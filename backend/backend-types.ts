import type { DataMessage } from '../src/realtime/protocol';
import type { CatalogMessage } from './catalog';

/**
 * What the backend promises its adapters and callers: the clock it runs on, the peer interface a
 * transport implements, its faults, options, stats and replies. No behaviour lives here.
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
  /** Interval of the product quality lines' measurements (default 1000). */
  qualityEveryMs?: number;
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
  Pick<
    Required<BackendOptions>,
    'heartbeatMs' | 'tickMs' | 'samplesPerTick' | 'alertEveryMs' | 'qualityEveryMs'
  >
>;

/** Every sequenced message the backend sends: the v1 data messages and v1.1's `catalog`. */
export type BackendMessage = DataMessage | CatalogMessage;

export type PublishListener = (message: BackendMessage) => void;

export const systemClock: BackendClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const NO_FAULTS: Readonly<BackendFaults> = {
  wsBlocked: false,
  halfOpen: false,
  feedPaused: false,
  latencyMs: 0,
  rejectSessions: false,
  unavailable: false,
};
