import { backoffDelay } from './backoff';
import { CLIENT_CLOSE } from './close-codes';
import { httpErrorKind } from './http-api';
import { deadlineVerdict, goesOfflineFrom, lineIsDead } from './machine-rules';
import {
  attemptFailed,
  checkLine,
  closedBy,
  connect,
  done,
  draft,
  httpFailed,
  lineDead,
  move,
  openProbe,
  openTransport,
  ping,
  probeFailed,
  renewalFailed,
  resetFailureCounts,
  timer,
  welcomed,
  type Draft,
} from './machine-steps';
import type { Effect, MachineContext, MachineEvent, Step, Tick, TimerName } from './machine-types';
import type { Rejection } from './validate';

export { initialContext } from './machine-types';

/**
 * The connection's whole behaviour, as one pure function: (context, event) -> (context, effects).
 * No I/O, no timers, no classes: the runner (`engine.ts`) feeds it what happened (socket opened,
 * closed with a code, a frame, an HTTP answer, a timer, the network, the tab, the operator) and
 * performs what it answers (open a socket, start a session, poll, send, start or cancel a named
 * timer, emit). Read it as a table: one `case` per event, and inside it what each state does.
 * The verbs (move, connect, retryLater, renew, ...) are in `machine-steps.ts`; the small
 * verdicts (dead line, healthy line, probe delay) in `machine-rules.ts`; the close-code table in
 * `close-codes.ts`; the backoff curve in `backoff.ts`. docs/connection.md draws the states.
 *
 * @example
 * let context = initialContext(config);
 * const step = transition(context, { type: 'start', online: true }, { now: Date.now(), random: Math.random() });
 * context = step.context; // step.effects: begin-attempt, start-timer connect-timeout, start-session, ...
 */
export function transition(context: MachineContext, event: MachineEvent, tick: Tick): Step {
  if (context.disposed) return { context, effects: [] };
  // An answer for an attempt that has ended (a late fetch, a discarded socket) changes nothing.
  if ('attemptId' in event && event.attemptId !== context.attemptId) {
    return { context, effects: [] };
  }
  const d = draft(context, tick);
  const { state } = context;
  switch (event.type) {
    // ------------------------------------------------------------ the application, the operator
    case 'start':
      if (state !== 'idle' && state !== 'closed') break;
      d.fx.push({ type: 'watch-signals' });
      if (event.online) connect(d);
      else move(d, 'offline');
      break;
    case 'stop':
      if (state !== 'closed') move(d, 'closed');
      break;
    case 'dispose':
      if (state !== 'closed') move(d, 'closed');
      d.c.disposed = true;
      d.fx.push({ type: 'release' });
      break;
    case 'reconnect-now':
      switch (state) {
        case 'backoff':
          connect(d);
          break;
        case 'stopped':
        case 'offline':
        case 'closed':
        case 'idle':
          // A person asked: whatever the counters say, they get a fresh start.
          resetFailureCounts(d);
          d.fx.push({ type: 'watch-signals' });
          connect(d);
          break;
        case 'polling':
          openProbe(d);
          break;
        case 'live':
          checkLine(d);
          break;
        case 'connecting':
        case 'renewing':
          break;
      }
      break;

    // ------------------------------------------------------------ the browser
    case 'network':
      // A stopped client stays stopped: the network coming and going does not fix its reason.
      if (!event.online && goesOfflineFrom(state)) move(d, 'offline');
      if (event.online && state === 'offline') {
        resetFailureCounts(d);
        connect(d);
      }
      break;
    case 'visible':
      // Timers of a hidden tab are throttled: do not trust them, look at the line now.
      if (state === 'live') checkLine(d);
      if (state === 'backoff' && (context.nextRetryAt ?? 0) <= tick.now) connect(d);
      break;

    // ------------------------------------------------------------ HTTP answers
    case 'session-started':
      d.c.sessionId = event.sessionId;
      if (state === 'connecting') {
        d.fx.push({ type: 'notify' });
        openTransport(d);
      }
      if (state === 'renewing') connect(d);
      break;
    case 'session-failed':
      if (state === 'connecting') httpFailed(d, event.failure);
      if (state === 'renewing') renewalFailed(d, event.failure);
      break;
    case 'http-failed':
      httpFailed(d, event.failure);
      break;
    case 'poll-answered':
      d.c.lastFrameAt = tick.now;
      if (state !== 'connecting') break;
      d.c.welcomed = true;
      d.c.renewals = 0;
      d.c.httpFailures = 0;
      d.c.stopReason = null;
      move(d, 'polling');
      d.fx.push({ type: 'flush-outbox' });
      break;
    case 'snapshot-failed':
      // The socket is fine, only the snapshot failed: fetch it again, keep holding the stream.
      // Over HTTP the snapshot is the road itself, so its failure is the road's.
      if (event.failure.failure === 'session_invalid' || context.transport === 'http')
        httpFailed(d, event.failure);
      else if (event.failure.failure !== 'aborted') {
        d.fx.push(
          {
            type: 'error',
            kind: httpErrorKind(event.failure),
            detail: `snapshot failed: ${event.failure.detail}`,
          },
          {
            type: 'retry-snapshot',
            generation: event.generation,
            delayMs: backoffDelay(1, context.config.backoff, () => tick.random),
          },
        );
      }
      break;

    // ------------------------------------------------------------ sockets
    case 'socket-unavailable':
      d.fx.push({ type: 'error', kind: 'websocket_unavailable', detail: event.detail });
      if (event.role === 'probe') probeFailed(d, false);
      else {
        // No WebSocket here at all: straight to HTTP rather than failing three times.
        d.c.transport = 'http';
        connect(d);
      }
      break;
    case 'socket-opened':
      if (context.sessionId) d.fx.push({ type: 'send-hello', role: event.role });
      break;
    case 'socket-closed':
      if (event.role === 'probe') probeFailed(d, false);
      else closedBy(d, event.code, event.reason);
      break;
    case 'frame': {
      d.c.lastFrameAt = tick.now;
      const { frame, role } = event;
      if (!frame.ok) {
        d.fx.push(rejected(frame));
        break;
      }
      for (const r of frame.rejected) d.fx.push(rejected(r));
      const message = frame.message;
      switch (message.type) {
        case 'welcome':
          welcomed(d, role, message);
          break;
        case 'ping':
          // Answer in the form we were asked in: an older server sending bare "ping" expects "pong".
          d.fx.push({
            type: 'send',
            role,
            message: frame.legacy ? 'pong' : { type: 'pong', ts: message.ts },
          });
          // A quiet feed still shows its age honestly: a heartbeat is news for "updated … ago".
          d.fx.push({ type: 'notify' });
          break;
        case 'pong':
          // Only the echo of our own ping measures the round trip (a bare "pong" carries no ts).
          if (message.ts === context.lastPingTs) {
            d.c.latencyMs = tick.now - message.ts;
            d.fx.push({ type: 'notify' });
          }
          break;
        case 'error':
          d.fx.push({
            type: 'error',
            kind: 'server_error',
            detail: `${message.code}: ${message.message}`,
          });
          break;
        default: {
          const held = { message, size: event.size };
          // Data before its socket's welcome (or on a probe) waits for that welcome.
          if (!context.welcomed || role === 'probe') d.fx.push({ type: 'hold', held });
          else d.fx.push({ type: 'ingest', held });
        }
      }
      break;
    }

    // ------------------------------------------------------------ time
    case 'timer':
      onTimer(d, event.name);
      break;
  }
  return done(d);
}

function onTimer(d: Draft, name: TimerName): void {
  const { state, heartbeatMs } = d.c;
  const now = d.tick.now;
  switch (name) {
    case 'connect-timeout':
      if (state === 'connecting')
        attemptFailed(d, CLIENT_CLOSE.deadLine, 'no welcome before the connect timeout');
      return;
    case 'backoff':
      if (state === 'backoff') connect(d);
      return;
    case 'probe':
      return openProbe(d);
    case 'probe-timeout':
      if (state === 'polling' && d.c.probing) probeFailed(d, true);
      return;
    case 'ping':
      if (state !== 'live') return;
      // Whichever timer wakes first after a sleep sees the silence; do not ping a dead line.
      if (lineIsDead(now, d.c.lastFrameAt ?? 0, heartbeatMs)) return lineDead(d);
      ping(d);
      return void timer(d, 'ping', heartbeatMs);
    case 'line-deadline': {
      if (state !== 'live') return;
      const verdict = deadlineVerdict(now, d.c.lastFrameAt ?? 0, heartbeatMs, d.c.lineCheckAt);
      if (verdict.dead) return lineDead(d);
      d.c.lineCheckAt = null;
      return void timer(d, 'line-deadline', verdict.rearmInMs);
    }
  }
}

/** A frame, or an item inside one, that validation refused or cut. */
function rejected(r: Rejection): Effect {
  return { type: 'error', kind: r.kind, detail: r.detail, ...(r.count ? { count: r.count } : {}) };
}
