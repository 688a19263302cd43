import { backoffDelay } from './backoff';
import { CLIENT_CLOSE, closePolicy, describeCloseCode, type StopReason } from './close-codes';
import type { WelcomeMessage } from './protocol';
import { ATTEMPT_STATES, MOVES, type ConnectionState } from './connection-state';
import { httpErrorKind, type HttpFailure } from './http-api';
import { FRESH_COUNTS, lineIsDead, probeDelay, wasHealthy } from './machine-rules';
import {
  STATE_TIMERS,
  type Effect,
  type MachineContext,
  type SocketRole,
  type Step,
  type Tick,
  type TimerName,
} from './machine-types';

/**
 * The verbs the machine's table is written in: move, connect, retry later, renew, stop... Each
 * works on a draft (a private copy of the context and the effects so far) that `transition` makes
 * once per event, so a step is still a pure function of (context, event, tick).
 */
export type Draft = {
  c: { -readonly [K in keyof MachineContext]: MachineContext[K] };
  fx: Effect[];
  tick: Tick;
};

export function draft(context: MachineContext, tick: Tick): Draft {
  return { c: { ...context }, fx: [], tick };
}

export function done(d: Draft): Step {
  return { context: d.c, effects: d.fx };
}

export const timer = (d: Draft, name: TimerName, ms: number) =>
  d.fx.push({ type: 'start-timer', name, ms });

/**
 * The one place the state changes. Leaving a state cancels its timers; leaving the attempt's
 * states (or starting a new attempt) tears the attempt down; each state starts its own timers.
 */
export function move(d: Draft, next: ConnectionState): void {
  const previous = d.c.state;
  if (!MOVES[previous].includes(next)) {
    throw new Error(`Expected a legal connection move but got ${previous} -> ${next}`);
  }
  for (const name of STATE_TIMERS[previous]) d.fx.push({ type: 'cancel-timer', name });
  // The attempt id changes whenever an attempt ends, so no late answer can pass for current.
  if (next === 'connecting' || next === 'renewing' || !ATTEMPT_STATES.has(next)) {
    d.fx.push({ type: 'end-attempt' });
    d.c.attemptId++;
    d.c.welcomed = false;
    d.c.probing = false;
  }
  if (next === 'connecting' || next === 'renewing')
    d.fx.push({ type: 'begin-attempt', attemptId: d.c.attemptId });
  if (previous === 'live' || previous === 'polling') d.c.healthySince = null;
  d.c.state = next;
  switch (next) {
    case 'connecting':
      d.c.nextRetryAt = null;
      timer(d, 'connect-timeout', d.c.config.connectTimeoutMs);
      break;
    case 'live':
      // The attempt count survives until the line has proved healthy (see wasHealthy), so a
      // server that accepts and then drops at once still backs off further each time.
      d.c.healthySince = d.tick.now;
      startHeartbeat(d);
      break;
    case 'polling':
      d.c.healthySince = d.tick.now;
      // A fallback entered during an outage (the refused sockets were a server restarting, not a
      // proxy) should not wait a probe interval to return to WebSocket: look at once.
      if (d.c.fallbackUnproven) {
        d.c.fallbackUnproven = false;
        timer(d, 'probe', 0);
      } else scheduleProbe(d);
      break;
    case 'backoff':
      timer(d, 'backoff', Math.max(0, (d.c.nextRetryAt ?? 0) - d.tick.now));
      break;
    default:
      break;
  }
  d.fx.push({ type: 'notify' });
}

/** A new attempt: a session first if there is none, then the socket or the HTTP road. */
export function connect(d: Draft): void {
  move(d, 'connecting');
  if (!d.c.sessionId) d.fx.push({ type: 'start-session' });
  else openTransport(d);
}

export function openTransport(d: Draft): void {
  if (d.c.transport === 'websocket') d.fx.push({ type: 'open-socket', role: 'main' });
  else d.fx.push({ type: 'start-polling' });
}

export function stopWith(d: Draft, reason: StopReason): void {
  d.c.stopReason = reason;
  move(d, 'stopped');
}

export function resetFailureCounts(d: Draft): void {
  Object.assign(d.c, FRESH_COUNTS);
}

/** Remember why the line ended; a line that had been healthy starts its failure count over. */
export function recordClose(d: Draft, code: number, reason: string): void {
  d.c.lastClose = { code, reason, description: describeCloseCode(code), at: d.tick.now };
  if (wasHealthy(d.c, d.tick.now)) resetFailureCounts(d);
}

/**
 * Back off before the next attempt. A WebSocket attempt that failed before its `welcome` counts
 * toward the HTTP fallback; at the limit the client takes the other road at once (unless the
 * server asked for a wait), since something between it and the server refuses WebSocket.
 */
export function retryLater(d: Draft, floorMs: number, failedBeforeWelcome: boolean): void {
  if (d.c.transport === 'websocket' && failedBeforeWelcome) {
    d.c.wsFailures++;
    if (d.c.wsFailures >= d.c.config.fallbackAfterFailures) {
      d.c.wsFailures = 0;
      d.c.transport = 'http';
      d.c.fallbackUnproven = true;
      if (floorMs === 0) return connect(d);
    }
  }
  d.c.attempt++;
  const delay = backoffDelay(d.c.attempt, d.c.config.backoff, () => d.tick.random, floorMs);
  d.c.nextRetryAt = d.tick.now + delay;
  move(d, 'backoff');
}

/** The server dropped the session (1008, HTTP 401/410): ask for a new one, within the cap. */
export function renew(d: Draft): void {
  if (d.c.renewals >= d.c.config.maxRenewals) return stopWith(d, 'session_unrenewable');
  d.c.renewals++;
  d.c.sessionId = null;
  move(d, 'renewing');
  d.fx.push({ type: 'start-session' });
}

/** The server (or the network) closed the attempt's socket: the close-code table decides. */
export function closedBy(d: Draft, code: number, reason: string): void {
  const welcomed = d.c.welcomed;
  recordClose(d, code, reason);
  const policy = closePolicy(code);
  switch (policy.action) {
    case 'renew':
      return renew(d);
    case 'stop':
      return stopWith(d, policy.reason);
    case 'reconnect-once':
      d.c.protocolErrors++;
      if (d.c.protocolErrors >= 2) return stopWith(d, 'protocol_error');
      return retryLater(d, policy.floorMs, !welcomed);
    case 'reconnect':
      return retryLater(d, policy.floorMs, !welcomed);
  }
}

/** We end the attempt ourselves (dead line, connect timeout) and try again. */
export function attemptFailed(d: Draft, code: number, reason: string): void {
  const welcomed = d.c.welcomed;
  if (d.c.transport === 'websocket' && (d.c.state === 'connecting' || d.c.state === 'live'))
    d.fx.push({ type: 'close-socket', role: 'main', code, reason });
  recordClose(d, code, reason);
  retryLater(d, 0, !welcomed);
}

/**
 * An HTTP call of the attempt failed. Over HTTP, failures count toward going back to WebSocket:
 * neither road working means the server is down, and WebSocket is the better one to return on.
 */
export function httpFailed(d: Draft, failure: HttpFailure): void {
  if (failure.failure === 'aborted') return;
  if (failure.failure === 'session_invalid') return renew(d);
  if (failure.failure === 'unauthorized') return stopWith(d, 'unauthorized');
  d.fx.push({ type: 'error', kind: httpErrorKind(failure), detail: failure.detail });
  if (d.c.transport === 'http') {
    d.c.httpFailures++;
    // A fallback that never delivered needs only this one failure to say the server is down.
    if (d.c.fallbackUnproven || d.c.httpFailures >= d.c.config.fallbackAfterFailures) {
      d.c.httpFailures = 0;
      d.c.fallbackUnproven = false;
      d.c.transport = 'websocket';
    }
  }
  recordClose(d, 1006, failure.detail);
  // The HTTP side failing says nothing about WebSocket: it does not count toward the fallback.
  retryLater(d, 0, false);
}

// ---------------------------------------------------------------- heartbeat

export function startHeartbeat(d: Draft): void {
  d.c.lastFrameAt = d.tick.now;
  d.c.lineCheckAt = null;
  timer(d, 'ping', d.c.heartbeatMs);
  timer(d, 'line-deadline', 2 * d.c.heartbeatMs);
}

export function ping(d: Draft): void {
  d.c.lastPingTs = d.tick.now;
  d.fx.push({ type: 'send', role: 'main', message: { type: 'ping', ts: d.tick.now } });
}

export const lineDead = (d: Draft) =>
  attemptFailed(d, CLIENT_CLOSE.deadLine, 'no heartbeat from the server');

/** Verify the line now (the tab is visible again): ping, and expect an answer within the check. */
export function checkLine(d: Draft): void {
  if (lineIsDead(d.tick.now, d.c.lastFrameAt ?? 0, d.c.heartbeatMs)) return lineDead(d);
  d.c.lineCheckAt = d.tick.now;
  ping(d);
  timer(d, 'line-deadline', d.c.config.lineCheckMs);
}

// ---------------------------------------------------------------- probing while polling

export function scheduleProbe(d: Draft): void {
  if (d.c.state !== 'polling') return;
  timer(d, 'probe', probeDelay(d.c.config, d.tick.random));
}

export function openProbe(d: Draft): void {
  if (d.c.state !== 'polling' || d.c.probing) return;
  d.c.probing = true;
  d.fx.push({ type: 'cancel-timer', name: 'probe' }, { type: 'open-socket', role: 'probe' });
  timer(d, 'probe-timeout', d.c.config.connectTimeoutMs);
}

/** The probe failed (closed, timed out, or could not be made): keep polling, try again later. */
export function probeFailed(d: Draft, close: boolean): void {
  d.c.probing = false;
  if (close)
    d.fx.push({ type: 'close-socket', role: 'probe', code: CLIENT_CLOSE.normal, reason: '' });
  d.fx.push({ type: 'cancel-timer', name: 'probe-timeout' });
  scheduleProbe(d);
}

// ---------------------------------------------------------------- answers

/** A `welcome` on the attempt's socket, or on the probe (then WebSocket takes over from HTTP). */
export function welcomed(d: Draft, role: SocketRole, welcome: WelcomeMessage): void {
  if (role === 'probe') {
    // Leave the fallback without a gap: the poll in flight is stopped, and the seq rules drop
    // anything both transports delivered.
    d.c.transport = 'websocket';
    d.c.probing = false;
    d.fx.push({ type: 'promote-probe' }, { type: 'stop-polling' });
  }
  d.c.welcomed = true;
  d.fx.push({ type: 'forget-unsaid' });
  d.c.sessionId = welcome.sessionId || d.c.sessionId;
  const beatChanged = d.c.heartbeatMs !== welcome.heartbeatMs;
  d.c.heartbeatMs = welcome.heartbeatMs;
  d.c.renewals = 0;
  d.c.wsFailures = 0;
  d.c.httpFailures = 0;
  d.c.stopReason = null;
  if (d.c.state !== 'live') move(d, 'live');
  else {
    // A second welcome on a live line (a confused server) refreshes what it carries, the beat
    // included: pinging at the old one could call a slower server's line dead.
    if (beatChanged) startHeartbeat(d);
    d.fx.push({ type: 'notify' });
  }
  d.fx.push(
    { type: 'resume-or-resync', welcome },
    { type: 'release-held' },
    { type: 'flush-outbox' },
  );
}

/** Renewing: the new session was refused, or the call failed. */
export function renewalFailed(d: Draft, failure: HttpFailure): void {
  if (failure.failure === 'aborted') return;
  if (failure.failure === 'unauthorized') return stopWith(d, 'unauthorized');
  d.fx.push({
    type: 'error',
    kind: httpErrorKind(failure),
    detail: `session renewal failed: ${failure.detail}`,
  });
  retryLater(d, 0, false);
}
