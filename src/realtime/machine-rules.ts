import type { ConnectionState } from './connection-state';
import type { MachineConfig, MachineContext } from './machine-types';

/**
 * The connection's small verdicts, each a pure function of numbers it is handed: is the line
 * dead, has it been healthy long enough to forgive past failures, how long until the next probe,
 * where does an outgoing message go. The machine (`machine.ts`) calls them; the tables in
 * `tests/realtime/machine.rules.test.ts` pin them down.
 */

/** Two beats of silence: the line is dead even if the socket still looks open. */
export function lineIsDead(now: number, lastFrameAt: number, beatMs: number): boolean {
  return now - lastFrameAt >= 2 * beatMs;
}

export type DeadlineVerdict = { dead: true } | { dead: false; rearmInMs: number };

/**
 * The line deadline fired. During a line check (`checkAt`), nothing heard since the check began
 * means dead; otherwise two silent beats do. A living line re-arms for two beats after its last
 * frame, measured on the wall clock so a timer that fires late after a sleep sees the real silence.
 */
export function deadlineVerdict(
  now: number,
  lastFrameAt: number,
  beatMs: number,
  checkAt: number | null,
): DeadlineVerdict {
  if (checkAt !== null && lastFrameAt < checkAt) return { dead: true };
  if (lineIsDead(now, lastFrameAt, beatMs)) return { dead: true };
  return { dead: false, rearmInMs: Math.max(0, lastFrameAt + 2 * beatMs - now) };
}

/** A line that stayed up for the backoff reset period has earned a clean slate. */
export function wasHealthy(context: MachineContext, now: number): boolean {
  return (
    context.healthySince !== null &&
    now - context.healthySince >= context.config.backoff.resetAfterMs
  );
}

/** The counters a healthy line (or an operator's "reconnect now") sets back to zero. */
export const FRESH_COUNTS = {
  attempt: 0,
  renewals: 0,
  protocolErrors: 0,
  wsFailures: 0,
  httpFailures: 0,
} as const;

/** Background WebSocket tries while polling: about once a probe interval, ±20 %. */
export function probeDelay(config: MachineConfig, random: number): number {
  return config.probeIntervalMs * (0.8 + 0.4 * random);
}

/** Where a message for the server goes now: the socket, an HTTP post, or nowhere yet. */
export function deliveryRoute(
  context: Pick<MachineContext, 'state' | 'sessionId'>,
): 'socket' | 'http' | null {
  if (context.state === 'live') return 'socket';
  if (context.state === 'polling' && context.sessionId) return 'http';
  return null;
}

/** States that the network going away moves to `offline`; the others already say why they rest. */
export function goesOfflineFrom(state: ConnectionState): boolean {
  return state !== 'closed' && state !== 'offline' && state !== 'stopped';
}
