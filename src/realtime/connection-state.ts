/**
 * The connection's states and the moves between them. What causes each move is the connection
 * machine's business (`machine.ts`, the table of (state, event) -> (state, effects)); this file
 * only lists which moves are legal, and the machine's one `move` throws on any other: a
 * programming error the tests would catch. docs/connection.md draws the states.
 */
export type ConnectionState =
  /** Created, not started. */
  | 'idle'
  /** Getting a session and opening a transport, until a `welcome` (WebSocket) or a first poll (HTTP). */
  | 'connecting'
  /** The server said the session is gone (1008, HTTP 401/410): asking for a new one. */
  | 'renewing'
  /** WebSocket open and welcomed. */
  | 'live'
  /** WebSocket unusable; the HTTP long-poll fallback is delivering. */
  | 'polling'
  /** Waiting out a backoff delay before the next attempt. */
  | 'backoff'
  /** The device reports no network; waiting for it to return. */
  | 'offline'
  /** Gave up for a reason retrying will not fix; only a person can restart it. */
  | 'stopped'
  /** Closed because the application asked; never reconnects by itself. */
  | 'closed';

export const MOVES: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  idle: ['connecting', 'offline', 'closed'],
  connecting: [
    'connecting',
    'live',
    'polling',
    'backoff',
    'renewing',
    'offline',
    'stopped',
    'closed',
  ],
  renewing: ['connecting', 'backoff', 'offline', 'stopped', 'closed'],
  live: ['connecting', 'backoff', 'renewing', 'offline', 'stopped', 'closed'],
  polling: ['connecting', 'live', 'backoff', 'renewing', 'offline', 'stopped', 'closed'],
  backoff: ['connecting', 'offline', 'closed'],
  offline: ['connecting', 'closed'],
  stopped: ['connecting', 'offline', 'closed'],
  closed: ['connecting', 'offline'],
};

/** States in which a transport attempt (socket, poll loop) is alive. */
export const ATTEMPT_STATES: ReadonlySet<ConnectionState> = new Set([
  'connecting',
  'live',
  'polling',
]);

/** The four colours of the status badge: a public contract (`data-status`). */
export type BadgeStatus = 'live' | 'connecting' | 'fallback' | 'offline';

export function badgeStatus(state: ConnectionState): BadgeStatus {
  switch (state) {
    case 'live':
      return 'live';
    case 'polling':
      return 'fallback';
    case 'offline':
    case 'stopped':
    case 'closed':
      return 'offline';
    case 'idle':
    case 'connecting':
    case 'renewing':
    case 'backoff':
      return 'connecting';
  }
}
