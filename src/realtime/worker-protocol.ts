import type { ConnectionSnapshot, RealtimeOptions } from './client';
import type { OutgoingMessage } from './protocol';
import type { PackedEvent } from './sample-columns';

/**
 * The messages between the page and a realtime engine running in a Web Worker. The engine's
 * options cross as data, so everything injected (WebSocket, fetch, clock) is the worker's own;
 * only the browser signals, which a worker cannot see, are forwarded from the page.
 */
export type WorkerEngineOptions = Omit<RealtimeOptions, 'env'>;

export type PageToWorker =
  | { type: 'start'; options: WorkerEngineOptions; online: boolean }
  | { type: 'send'; message: OutgoingMessage }
  | { type: 'command'; command: 'stop' | 'reconnectNow' | 'dispose' }
  | { type: 'online'; online: boolean }
  | { type: 'visible' };

/** Events in batches: one message per flush, however fast the socket is; samples as columns. */
export type WorkerToPage = {
  type: 'events';
  events: PackedEvent[];
  connection: ConnectionSnapshot;
};

/** What both a `Worker` and a worker's global scope offer. */
export interface MessagePortLike {
  /** `transfer`: buffers the receiver takes over instead of a copy. */
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  /** A `Worker` reports here when its script cannot load or throws on start. */
  onerror?: ((event: unknown) => void) | null;
}
