import type { ConnectionSnapshot, RealtimeOptions } from './client';
import { badgeStatus } from './connection-state';
import { ERROR_KINDS, type ErrorKind } from './error-kinds';
import { initialContext, type MachineContext } from './machine-types';
import { resolveOptions } from './options';
import type { Outgoing } from './outgoing';
import type { Stream } from './stream';

export type ErrorCounts = Record<ErrorKind, number>;

export function noErrors(): ErrorCounts {
  return Object.fromEntries(ERROR_KINDS.map((kind) => [kind, 0])) as ErrorCounts;
}

/**
 * The one way a `ConnectionSnapshot` is made: from the machine's context, the stream's position
 * and counters, the outgoing side and the error counts. The worker sends the result to the page
 * as is, so the page shows exactly what the engine built.
 */
export function connectionSnapshot(
  machine: MachineContext,
  stream: Stream,
  outgoing: Outgoing,
  errors: ErrorCounts,
): ConnectionSnapshot {
  return {
    state: machine.state,
    status: badgeStatus(machine.state),
    transport: machine.transport,
    attempt: machine.attempt,
    nextRetryAt: machine.state === 'backoff' ? machine.nextRetryAt : null,
    lastClose: machine.lastClose,
    stopReason: machine.stopReason,
    latencyMs: machine.latencyMs,
    messagesReceived: stream.messagesReceived,
    duplicatesDropped: stream.duplicatesDropped,
    lastMessageAt: machine.lastFrameAt,
    errors: { ...errors },
    errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
    sessionId: machine.sessionId,
    epoch: stream.epoch,
    lastSeq: stream.lastSeq,
    heartbeatMs: machine.heartbeatMs,
    queued: outgoing.queued,
    resyncing: stream.resyncing,
    topics: [...outgoing.topics],
  };
}

/**
 * The snapshot of an engine that has not started, made without one: the page's proxy in front
 * of a Web Worker shows it until the worker answers, and must not carry the engine in its bundle.
 */
export function idleSnapshot(options: RealtimeOptions): ConnectionSnapshot {
  const resolved = resolveOptions(options);
  const machine = initialContext(resolved.machine);
  const errors = noErrors();
  return {
    state: machine.state,
    status: badgeStatus(machine.state),
    transport: machine.transport,
    attempt: machine.attempt,
    nextRetryAt: null,
    lastClose: machine.lastClose,
    stopReason: machine.stopReason,
    latencyMs: machine.latencyMs,
    messagesReceived: 0,
    duplicatesDropped: 0,
    lastMessageAt: machine.lastFrameAt,
    errors,
    errorCount: 0,
    sessionId: machine.sessionId,
    epoch: null,
    lastSeq: null,
    heartbeatMs: machine.heartbeatMs,
    queued: 0,
    resyncing: false,
    topics: [...new Set(resolved.topics)],
  };
}
