import type { ConnectionSnapshot } from './client';
import type { OutgoingMessage } from './protocol';
import type { PackedEvent } from './sample-columns';
import type { StreamPosition } from './sequence';
import type { WorkerEngineOptions } from './worker-protocol';

/**
 * The messages between a tab and the one engine its browser shares (a SharedWorker, or the
 * leader tab's hub over a BroadcastChannel). Unlike a dedicated worker's protocol, a tab joins
 * and leaves a running engine, says how far it has read (`position`), and answers the hub's
 * pings so a tab that vanished without a word is noticed.
 */

/** How this tab reaches its backend: one engine for the browser, or its own. */
export type SharingMode = 'shared-worker' | 'leader' | 'follower' | 'tab';

/** What the badge details show about sharing. */
export type SharingInfo = Readonly<{ mode: SharingMode; tabs: number; handoff?: boolean }>;

export type TabToHub =
  | {
      type: 'join';
      options: WorkerEngineOptions;
      online: boolean;
      /** Where this tab's view is: the hub sends only what comes after it (or a snapshot). */
      position: StreamPosition | null;
    }
  | { type: 'send'; message: OutgoingMessage }
  | { type: 'command'; command: 'stop' | 'reconnectNow' }
  | { type: 'online'; online: boolean }
  | { type: 'visible' }
  | { type: 'pong' }
  | { type: 'leave' };

export type HubToTab =
  /** Samples as columns (sample-columns.ts): the same batch goes to every tab. */
  | { type: 'events'; events: PackedEvent[]; connection: ConnectionSnapshot; tabs: number }
  | { type: 'ping' }
  /** The hub no longer counts this tab (it missed pings, or a new leader took over): join again. */
  | { type: 'dropped' };

/** A MessagePort, a SharedWorker's port, or a tab's address on a BroadcastChannel. */
export interface HubPort {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close?(): void;
}
