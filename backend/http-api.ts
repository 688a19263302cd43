import type { Sample } from '../src/realtime/protocol';
import type { BackendState, Waiter } from './backend-state';
import type { HttpReply } from './backend-types';
import { toClientMessage } from './client-messages';
import { forSession, handleClientMessage, sampleTopic } from './stream';

/**
 * The HTTP section of the backend: session start, snapshot, long poll and send, as replies an
 * adapter turns into responses.
 */

const MAX_POLL_BATCH = 500;
/**
 * Characters of messages in one poll answer. The client reads an HTTP body no further than 1 MiB
 * (docs/protocol.md); even at 3 UTF-8 bytes a character this stays under it, and what does not
 * fit comes with the next poll.
 */
export const MAX_POLL_CHARS = 340_000;
/** Longest a long poll is held, whatever the client asks. */
const MAX_POLL_WAIT_MS = 30_000;
/** Most client messages one send may carry. */
const MAX_SEND_BATCH = 1_000;
/** Alerts a snapshot carries at most. */
const SNAPSHOT_ALERTS = 200;
const SESSION_INVALID = { error: 'session_invalid' };
const UNAVAILABLE: HttpReply = { status: 503, body: { error: 'unavailable' } };

export function startSession(state: BackendState): HttpReply {
  if (state.faults.unavailable) return UNAVAILABLE;
  state.stats.sessionsStarted++;
  const session = state.sessions.start(state.newId('s'));
  return { status: 201, body: { sessionId: session.id, ttlMs: state.opts.sessionTtlMs } };
}

export function snapshot(state: BackendState, sessionId: string | null): HttpReply {
  if (state.faults.unavailable) return UNAVAILABLE;
  if (!state.validSession(sessionId)) return { status: 401, body: SESSION_INVALID };
  const topics = state.sessions.get(sessionId)?.topics;
  const samples: Sample[] = [];
  for (const [name, list] of state.series) {
    const topic = sampleTopic(name);
    if (topic !== undefined && !topics?.has(topic)) continue;
    samples.push(...list.slice(-state.opts.snapshotSamples));
  }
  samples.sort((a, b) => a.ts - b.ts);
  return {
    status: 200,
    body: {
      epoch: state.epoch,
      seq: state.seq,
      samples,
      alerts: [...state.alerts.values()].slice(-SNAPSHOT_ALERTS),
      // v1.1: the description of the metrics, so a resync brings it back; a v1 server has none.
      ...(state.catalog ? { catalog: state.catalog } : {}),
    },
  };
}

/** Long poll: answers at once when there is news after `after`, else when news comes or `waitMs` passes. */
export async function poll(
  state: BackendState,
  sessionId: string | null,
  after: number,
  waitMs: number,
): Promise<HttpReply> {
  if (state.faults.unavailable) return UNAVAILABLE;
  if (!state.validSession(sessionId)) return { status: 401, body: SESSION_INVALID };
  const epoch = state.epoch;
  // A long poll waits whether or not the built-in feed runs (tests publish by hand).
  if (after >= state.seq && waitMs > 0 && !state.stopped) {
    await new Promise<void>((resolve) => {
      const waiter: Waiter = { after, resolve: () => finish() };
      const handle = state.clock.setTimeout(() => finish(), Math.min(waitMs, MAX_POLL_WAIT_MS));
      const finish = () => {
        state.clock.clearTimeout(handle);
        state.waiters.delete(waiter);
        resolve();
      };
      state.waiters.add(waiter);
    });
  }
  if (state.epoch !== epoch) after = 0;
  const messages = state.faults.halfOpen
    ? []
    : withinPollBudget(
        state
          .messagesAfter(after)
          .slice(0, MAX_POLL_BATCH)
          .map((message) => forSession(state, sessionId, message)),
      );
  return { status: 200, body: { epoch: state.epoch, messages } };
}

/** The first messages that fit one answer; always at least one, so a poll never stalls. */
function withinPollBudget<T>(messages: readonly T[]): T[] {
  const out: T[] = [];
  let used = 0;
  for (const message of messages) {
    if (out.length === MAX_POLL_BATCH) break;
    const size = JSON.stringify(message).length;
    if (out.length > 0 && used + size > MAX_POLL_CHARS) break;
    used += size;
    out.push(message);
  }
  return out;
}

/** Client messages over HTTP: one ClientMessage or an array of them. */
export function receiveHttp(
  state: BackendState,
  sessionId: string | null,
  body: unknown,
): HttpReply {
  if (state.faults.unavailable) return UNAVAILABLE;
  if (!state.validSession(sessionId)) return { status: 401, body: SESSION_INVALID };
  const messages = (Array.isArray(body) ? body : [body]).map(toClientMessage);
  if (messages.length > MAX_SEND_BATCH || messages.some((message) => message === null))
    return { status: 400, body: { error: 'invalid_message' } };
  for (const message of messages) handleClientMessage(state, sessionId, message!);
  return { status: 202, body: null };
}
