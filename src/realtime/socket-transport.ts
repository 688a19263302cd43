import { CLIENT_CLOSE } from './close-codes';
import type { Attempt } from './attempt';
import type { NextTask, WebSocketFactory, WebSocketLike } from './environment';
import type { MachineEvent, SocketRole } from './machine-types';
import type { ClientMessage } from './protocol';
import { parseServerFrame } from './validate';

/** Forget a socket for good: detach first so nothing it does later can reach us, then close. */
export function discardSocket(
  socket: WebSocketLike,
  code: number = CLIENT_CLOSE.normal,
  reason = '',
) {
  socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
  try {
    if (socket.readyState === 0 || socket.readyState === 1) socket.close(code, reason);
  } catch {
    // Closing a socket that is already going away may throw in some implementations.
  }
}

/** Sends on a socket; a bare string goes as is (the `"pong"` older servers expect). */
/** CLOSING or CLOSED: a browser drops what is sent then, and logs an error for each frame. */
export const isClosing = (socket: WebSocketLike): boolean =>
  socket.readyState === 2 || socket.readyState === 3;

export function sendOn(socket: WebSocketLike | null, message: ClientMessage | string): void {
  if (!socket || isClosing(socket)) return;
  try {
    socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  } catch {
    // A socket that is closing throws on send; its close event drives what happens next.
  }
}

/**
 * Frames at least this long (in characters) are parsed in a task of their own. The browser spends
 * tens of milliseconds receiving a frame near the 1 MiB cap before `onmessage` runs; parsing it
 * in that same task would make a click wait for both.
 */
export const OWN_TASK_FRAME_CHARS = 64 * 1024;

/**
 * The WebSocket side of an attempt: opens the attempt's socket (or the probe), and turns what the
 * socket does into machine events stamped with the attempt and the socket's role. A socket's role
 * is read when it speaks, so a probe promoted to main socket speaks as `main` from then on.
 */
export class SocketTransport {
  constructor(
    private readonly create: WebSocketFactory,
    private readonly url: string,
    private readonly dispatch: (event: MachineEvent) => void,
    private readonly nextTask: NextTask,
  ) {}

  open(attempt: Attempt, role: SocketRole): void {
    let socket: WebSocketLike;
    try {
      socket = this.create(this.url);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return this.dispatch({ type: 'socket-unavailable', attemptId: attempt.id, role, detail });
    }
    if (role === 'main') attempt.socket = socket;
    else attempt.probe = socket;
    this.wire(socket, attempt);
  }

  /** Closes the socket in `role` from our side with `code`, and forgets it. */
  close(attempt: Attempt, role: SocketRole, code: number, reason: string): void {
    const socket = role === 'main' ? attempt.socket : attempt.probe;
    if (role === 'main') attempt.socket = null;
    else attempt.probe = null;
    if (socket) discardSocket(socket, code, reason);
  }

  private wire(socket: WebSocketLike, attempt: Attempt): void {
    const attemptId = attempt.id;
    const roleOf = (): SocketRole | null =>
      attempt.socket === socket ? 'main' : attempt.probe === socket ? 'probe' : null;
    const inTurn = this.inTurn();
    socket.onopen = () =>
      inTurn(false, () => {
        const role = roleOf();
        if (role) this.dispatch({ type: 'socket-opened', attemptId, role });
      });
    socket.onmessage = (event) => {
      const { data } = event;
      // Binary frames are refused by validation; for text the length is the frame's size.
      const size = typeof data === 'string' ? data.length : 0;
      inTurn(size >= OWN_TASK_FRAME_CHARS, () => {
        // Read when it runs: a socket discarded meanwhile says nothing more.
        const role = roleOf();
        if (!role) return;
        this.dispatch({ type: 'frame', attemptId, role, frame: parseServerFrame(data), size });
      });
    };
    socket.onclose = (event) => {
      const { code, reason } = event;
      inTurn(false, () => {
        const role = roleOf();
        if (!role) return;
        this.close(attempt, role, CLIENT_CLOSE.normal, '');
        this.dispatch({ type: 'socket-closed', attemptId, role, code, reason: reason ?? '' });
      });
    };
    // `error` is always followed by `close`, which carries the code we act on.
    socket.onerror = () => {};
  }

  /**
   * One socket's events in the order it spoke them. A light one runs at once unless others wait;
   * a heavy one (a big frame) starts a task of its own, and what the socket says after it waits
   * its turn behind it (light ones in the same task), so a close never overtakes a frame.
   */
  private inTurn(): (heavy: boolean, job: () => void) => void {
    const waiting: { heavy: boolean; job: () => void }[] = [];
    const drain = (): void => {
      try {
        do waiting.shift()!.job();
        while (waiting.length > 0 && !waiting[0]!.heavy);
      } finally {
        if (waiting.length > 0) this.nextTask(drain);
      }
    };
    return (heavy, job) => {
      if (waiting.length === 0 && !heavy) return job();
      waiting.push({ heavy, job });
      if (waiting.length === 1) this.nextTask(drain);
    };
  }
}
