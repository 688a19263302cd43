import type { ValidationErrorKind } from './validate';

/** Every kind of error the client counts, and shows, by name. */
export type ErrorKind =
  /** A frame or body, or an item inside one, refused or cut (validate.ts, item-tally.ts). */
  | ValidationErrorKind
  /** Data held before a welcome or during a resync went over its bound (messages or size). */
  | 'buffer_overflow'
  /** An HTTP body over its byte cap; reading stopped there and the call failed. */
  | 'http_oversized'
  /** A data message skipped ahead; the client resynced from a snapshot. */
  | 'sequence_gap'
  /** The server sent `{"type":"error"}`. */
  | 'server_error'
  /** An HTTP call failed or answered something unexpected. */
  | 'http_error'
  /** The outgoing queue was full; its oldest message was dropped. */
  | 'outbox_overflow'
  /** The WebSocket constructor threw: this context cannot use WebSocket at all. */
  | 'websocket_unavailable'
  /** Samples of a metric name beyond `MAX_METRIC_NAMES` distinct names (counted once per name). */
  | 'series_limit';

export const ERROR_KINDS: readonly ErrorKind[] = [
  'invalid_json',
  'oversized',
  'unknown_type',
  'invalid_shape',
  'binary',
  'sequence_gap',
  'server_error',
  'http_error',
  'outbox_overflow',
  'websocket_unavailable',
  'truncated',
  'id_too_long',
  'too_many_items',
  'heartbeat_clamped',
  'ttl_clamped',
  'buffer_overflow',
  'http_oversized',
  'series_limit',
];
