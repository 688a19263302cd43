import type { Clock, TimerHandle, WebSocketLike } from './environment';
import { discardSocket } from './socket-transport';

/** The transport attempt in flight: what must be torn down when it ends. */
export type Attempt = {
  id: number;
  /** Ends every fetch of the attempt. */
  abort: AbortController;
  socket: WebSocketLike | null;
  /** A background WebSocket try while polling. */
  probe: WebSocketLike | null;
  /** Stops the HTTP poll loop alone, when a probe socket takes over. */
  polling: AbortController;
  /** Timers that belong to this attempt (snapshot retries) and die with it. */
  timers: Set<TimerHandle>;
};

export function newAttempt(id: number): Attempt {
  return {
    id,
    abort: new AbortController(),
    socket: null,
    probe: null,
    polling: new AbortController(),
    timers: new Set(),
  };
}

/** Tears the attempt down: fetches aborted, sockets detached and closed, its timers cleared. */
export function endAttempt(attempt: Attempt, clock: Clock): void {
  attempt.abort.abort();
  attempt.polling.abort();
  for (const socket of [attempt.socket, attempt.probe]) if (socket) discardSocket(socket);
  attempt.socket = attempt.probe = null;
  for (const handle of attempt.timers) clock.clearTimeout(handle);
  attempt.timers.clear();
}

/** Runs `callback` after `ms` unless the attempt ends first. */
export function attemptTimer(attempt: Attempt, clock: Clock, ms: number, callback: () => void) {
  const handle = clock.setTimeout(() => {
    attempt.timers.delete(handle);
    if (!attempt.abort.signal.aborted) callback();
  }, ms);
  attempt.timers.add(handle);
}
