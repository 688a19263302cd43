import type { ClientMessage, ServerMessage } from '../src/realtime/protocol';
import type { BackendState, PeerState } from './backend-state';
import type { Peer, PeerHandle } from './backend-types';
import { toClientMessage } from './client-messages';
import type { SessionEnd } from './session-table';
import { forSession, handleClientMessage } from './stream';

/**
 * The WebSocket section of the backend: upgrades, the hello/welcome handshake with resume, the
 * heartbeat, and the ways a connection ends (scripted closes, drops, sessions that go away).
 */

/**
 * Whether a WebSocket upgrade is allowed now; a refusal is counted. An adapter that can refuse
 * before upgrading (the reference server answers 403) asks this first.
 */
export function admitUpgrade(state: BackendState): boolean {
  if (!state.faults.wsBlocked && !state.faults.unavailable) return true;
  state.stats.upgradesRefused++;
  return false;
}

/** A new connection; `null` means the upgrade is refused and the adapter should fail it. */
export function accept(state: BackendState, peer: Peer): PeerHandle | null {
  if (!admitUpgrade(state)) return null;
  state.stats.connectionsAccepted++;
  const connection: PeerState = {
    peer,
    sessionId: null,
    welcomed: false,
    frozen: false,
    pingTimer: null,
  };
  state.peers.add(connection);
  return {
    receive: (text) => receiveFrame(state, connection, text),
    closed: () => state.forget(connection),
  };
}

/** Close every connection with `code` (a scripted fault). */
export function closeAll(state: BackendState, code: number, reason: string): void {
  for (const peer of [...state.peers]) state.endPeer(peer, () => peer.peer.close(code, reason));
}

/** Drop every connection without a close frame (a network failure). */
export function dropAll(state: BackendState): void {
  for (const peer of [...state.peers]) state.endPeer(peer, () => peer.peer.drop());
}

/** Every current connection goes half-open: nothing more is sent or answered, never closed. */
export function freezeAll(state: BackendState): void {
  for (const peer of state.peers) peer.frozen = true;
}

/** Sessions ended by the table (ttl, eviction): counted, and their connections closed. */
export function sessionsEnded(state: BackendState, why: SessionEnd, count: number): void {
  if (why === 'expired') state.stats.sessionsExpired += count;
  else state.stats.sessionsEvicted += count;
  closeOrphans(state, why === 'expired' ? 'session expired' : 'session evicted');
}

/** Connections whose session is gone close with 1008, so their clients start a new one. */
export function closeOrphans(state: BackendState, reason: string): void {
  for (const peer of [...state.peers]) {
    // A lookup may sweep and close orphans itself: a peer it ended must not be closed twice.
    if (peer.sessionId && !state.sessions.get(peer.sessionId) && state.peers.has(peer)) {
      state.endPeer(peer, () => peer.peer.close(1008, reason));
    }
  }
}

function receiveFrame(state: BackendState, peer: PeerState, text: string): void {
  if (state.faults.halfOpen || peer.frozen) return;
  if (text === 'ping') return state.deliver(peer, 'pong');
  if (text === 'pong') {
    state.stats.barePongs++;
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return state.deliver(peer, errorFrame('invalid_json', 'frame is not JSON'));
  }
  const message = toClientMessage(parsed);
  if (!peer.welcomed) {
    if (message?.type !== 'hello') {
      return state.endPeer(peer, () => peer.peer.close(1002, 'expected a valid hello first'));
    }
    return hello(state, peer, message);
  }
  if (!message) return state.deliver(peer, errorFrame('invalid_message', 'message not understood'));
  handleClientMessage(state, peer.sessionId, message, peer);
}

function hello(
  state: BackendState,
  peer: PeerState,
  hello: Extract<ClientMessage, { type: 'hello' }>,
): void {
  if (state.faults.rejectSessions || !state.validSession(hello.sessionId)) {
    state.stats.hellosRejected++;
    return state.endPeer(peer, () => peer.peer.close(1008, 'session invalid'));
  }
  peer.sessionId = hello.sessionId;
  const session = state.sessions.get(hello.sessionId);
  if (session) session.topics = new Set(hello.topics);
  const oldest = state.log[0]?.seq ?? state.seq + 1;
  const canResume =
    hello.epoch === state.epoch &&
    typeof hello.lastSeq === 'number' &&
    hello.lastSeq <= state.seq &&
    hello.lastSeq >= oldest - 1;
  state.deliver(
    peer,
    JSON.stringify({
      type: 'welcome',
      sessionId: hello.sessionId,
      epoch: state.epoch,
      seq: state.seq,
      heartbeatMs: state.opts.heartbeatMs,
      resumed: canResume,
    } satisfies ServerMessage),
  );
  if (canResume) {
    for (const message of state.messagesAfter(hello.lastSeq ?? 0))
      state.deliver(peer, JSON.stringify(forSession(state, peer.sessionId, message)));
  }
  peer.welcomed = true;
  schedulePing(state, peer);
}

function schedulePing(state: BackendState, peer: PeerState): void {
  peer.pingTimer = state.clock.setTimeout(() => {
    if (!state.peers.has(peer)) return;
    state.deliver(peer, JSON.stringify({ type: 'ping', ts: state.clock.now() }));
    schedulePing(state, peer);
  }, state.opts.heartbeatMs);
}

function errorFrame(code: string, message: string): string {
  return JSON.stringify({ type: 'error', code, message } satisfies ServerMessage);
}
