import type { AlertStatus } from '../realtime';
import type { AlertEntry } from './dashboard-store';

/** An alert's status as this operator should see it. */
export type AlertView = {
  status: AlertStatus;
  /** Acknowledged here but not yet confirmed by the server (offline, or sent before a reload). */
  pending: boolean;
};

/**
 * The server's status, unless this operator acknowledged the alert after it was last opened and
 * the server has not caught up: then it shows as acknowledged, pending. A server that reopens the
 * alert later wins again, because the reopening is newer than the acknowledgement.
 */
export function alertView(alert: AlertEntry, acknowledgedAt: number | undefined): AlertView {
  if (alert.status !== 'open' || acknowledgedAt === undefined)
    return { status: alert.status, pending: false };
  let openedAt = alert.ts;
  for (const item of alert.history)
    if (item.status === 'open') openedAt = Math.max(openedAt, item.at);
  return acknowledgedAt >= openedAt
    ? { status: 'acknowledged', pending: true }
    : { status: 'open', pending: false };
}
