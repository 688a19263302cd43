import type { Alert, ConnectionSnapshot, RealtimeEvent, Sample } from '../../src/realtime';
import { ERROR_KINDS } from '../../src/realtime';

export function alertFixture(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    severity: 'warning',
    title: 'Pending orders rising',
    message: 'Pending orders grew 20%',
    ts: 1_700_000_000_000,
    status: 'open',
    ...overrides,
  };
}

export function connectionFixture(overrides: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return {
    state: 'live',
    status: 'live',
    transport: 'websocket',
    attempt: 0,
    nextRetryAt: null,
    lastClose: null,
    stopReason: null,
    latencyMs: null,
    messagesReceived: 0,
    duplicatesDropped: 0,
    lastMessageAt: null,
    errors: Object.fromEntries(ERROR_KINDS.map((k) => [k, 0])) as ConnectionSnapshot['errors'],
    errorCount: 0,
    sessionId: 's_1',
    epoch: 'e_1',
    lastSeq: 0,
    heartbeatMs: 15_000,
    queued: 0,
    resyncing: false,
    topics: ['metrics', 'alerts'],
    ...overrides,
  };
}

let seq = 0;
export const metricsEvent = (samples: Sample[]): RealtimeEvent => ({
  type: 'message',
  message: { type: 'metrics', seq: ++seq, samples },
});
export const alertEvent = (alert: Alert): RealtimeEvent => ({
  type: 'message',
  message: { type: 'alert', seq: ++seq, alert },
});
