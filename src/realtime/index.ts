// The public surface of the realtime core. Nothing here imports React, the store or the DOM.
export { createRealtimeClient, RealtimeEngine, ERROR_KINDS } from './client';
export type {
  RealtimeClient,
  ConnectionSnapshot,
  ErrorKind,
  RealtimeEvent,
  RealtimeOptions,
  Transport,
  CloseInfo,
} from './client';
export { badgeStatus } from './connection-state';
export type { BadgeStatus, ConnectionState } from './connection-state';
export { backoffDelay, backoffCeiling, DEFAULT_BACKOFF } from './backoff';
export type { BackoffOptions } from './backoff';
export { closePolicy, describeCloseCode, CLOSE_CODES } from './close-codes';
export type { ClosePolicy, StopReason } from './close-codes';
export { realtimeEnvironment, systemClock, quietSignals } from './environment';
export type {
  Clock,
  Environment,
  Signals,
  WebSocketFactory,
  WebSocketLike,
  FetchLike,
} from './environment';
export * from './protocol';
export { parseServerFrame, toServerMessage } from './validate';
export type { FrameErrorKind, FrameResult } from './validate';
export { WorkerRealtimeClient } from './worker-client';
export { hostRealtimeEngine } from './worker-host';
export type { MessagePortLike, WorkerEngineOptions } from './worker-protocol';
