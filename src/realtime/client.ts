import type { BackoffOptions } from './backoff';
import type { StopReason } from './close-codes';
import type { BadgeStatus, ConnectionState } from './connection-state';
import { RealtimeEngine } from './engine';
import type { Environment } from './environment';
import type { ErrorKind } from './error-kinds';
import type { CloseInfo, Transport } from './machine-types';
import type { DataMessage, OutgoingMessage, ServerSnapshot } from './protocol';
import type { SharingInfo } from './shared-protocol';

/**
 * The realtime client's public contract: what the app holds (`RealtimeClient`), what it hears
 * (`RealtimeEvent`), what it may show (`ConnectionSnapshot`) and how it is configured
 * (`RealtimeOptions`). The behaviour is the connection machine's (`machine.ts`), run on this
 * thread by `RealtimeEngine` (`engine.ts`) or in a Web Worker (`worker-client.ts`).
 */

export { RealtimeEngine };
export { ERROR_KINDS, type ErrorKind } from './error-kinds';
export type { CloseInfo, Transport };

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
  /** How this tab shares the connection with the browser's other tabs (set by shared clients). */
  sharing?: SharingInfo;
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
  /** Where to resume the stream from (a shared engine taking over from another tab's). */
  resumeFrom?: Readonly<{ epoch: string | null; lastSeq: number | null }>;
};

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

export function createRealtimeClient(options: RealtimeOptions): RealtimeClient {
  return new RealtimeEngine(options);
}
