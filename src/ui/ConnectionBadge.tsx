import type { BadgeStatus, ConnectionSnapshot } from '../realtime';
import { useDashboard } from './store-context';

const LABELS: Record<BadgeStatus, string> = {
  live: 'Live',
  connecting: 'Connecting',
  fallback: 'HTTP fallback',
  offline: 'Offline',
};

function detail(connection: ConnectionSnapshot): string {
  if (connection.status === 'connecting' && connection.attempt > 0)
    return `attempt ${connection.attempt + 1}`;
  if (connection.status === 'offline' && connection.stopReason)
    return connection.stopReason.replace(/_/g, ' ');
  return '';
}

/**
 * The connection status: a public contract. `data-testid="connection-badge"` carries
 * `data-status` = live | connecting | fallback | offline.
 */
export function ConnectionBadge() {
  const connection = useDashboard((s) => s.connection);
  const reconnectNow = useDashboard((s) => s.commands.reconnectNow);
  const status: BadgeStatus = connection?.status ?? 'connecting';
  const extra = connection ? detail(connection) : '';
  return (
    <div className="connection">
      <div
        data-testid="connection-badge"
        role="status"
        aria-live="polite"
        data-status={status}
        className={`badge badge--${status}`}
      >
        <span className="badge__dot" aria-hidden="true" />
        <span className="badge__label">{LABELS[status]}</span>
        {extra && <span className="badge__detail">{extra}</span>}
      </div>
      {status !== 'live' && (
        <button type="button" className="button" onClick={() => reconnectNow()}>
          Reconnect now
        </button>
      )}
    </div>
  );
}
