/**
 * What a close code means for the client: the protocol's close-code table as one function.
 * A close the client asked for never reaches here: the connection state already says so.
 */
export type StopReason =
  'unauthorized' | 'session_unrenewable' | 'protocol_error' | 'application_error';

export type ClosePolicy =
  /** Reconnect after a backoff delay no shorter than `floorMs`. */
  | { action: 'reconnect'; floorMs: number }
  /** The session is gone: renew it over HTTP and reconnect at once. */
  | { action: 'renew' }
  /** Protocol, data or size error: reconnect once; the same again means stop. */
  | { action: 'reconnect-once'; floorMs: number }
  | { action: 'stop'; reason: StopReason };

export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  noStatus: 1005,
  abnormal: 1006,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  mandatoryExtension: 1010,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
  unauthorized: 4401,
  rateLimited: 4429,
} as const;

/** Codes a browser's `close()` accepts; the client uses 4000 for its own heartbeat timeout. */
export const CLIENT_CLOSE = { normal: 1000, deadLine: 4000 } as const;

const PROTOCOL_ERRORS: ReadonlySet<number> = new Set([1002, 1003, 1007, 1009, 1010]);

export function closePolicy(code: number): ClosePolicy {
  if (code === CLOSE_CODES.policyViolation) return { action: 'renew' };
  if (code === CLOSE_CODES.unauthorized) return { action: 'stop', reason: 'unauthorized' };
  if (code === CLOSE_CODES.tryAgainLater) return { action: 'reconnect', floorMs: 5_000 };
  if (code === CLOSE_CODES.rateLimited) return { action: 'reconnect', floorMs: 10_000 };
  if (PROTOCOL_ERRORS.has(code)) return { action: 'reconnect-once', floorMs: 0 };
  if (code >= 4500 && code <= 4999) return { action: 'stop', reason: 'application_error' };
  // 1000, 1001, 1005, 1006, 1011, 1012, other 4000-4499 and anything unexpected: the line
  // broke for a reason that may pass, so try again politely.
  return { action: 'reconnect', floorMs: 0 };
}

/** A short human description, for the badge and the docs. */
export function describeCloseCode(code: number): string {
  switch (code) {
    case 1000:
      return 'closed normally';
    case 1001:
      return 'server going away';
    case 1005:
      return 'closed without a status';
    case 1006:
      return 'connection lost';
    case 1008:
      return 'session invalid or expired';
    case 1011:
      return 'server error';
    case 1012:
      return 'service restarting';
    case 1013:
      return 'server busy, try again later';
    case 4000:
      return 'no heartbeat from the server';
    case 4401:
      return 'not authorised';
    case 4429:
      return 'rate limited';
    default:
      if (PROTOCOL_ERRORS.has(code)) return 'protocol or data error';
      if (code >= 4500 && code <= 4999) return 'application error';
      if (code >= 4000 && code <= 4499) return 'application close';
      return `closed (${code})`;
  }
}
