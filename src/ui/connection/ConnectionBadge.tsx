import { useShallow } from 'zustand/react/shallow';
import type { BadgeStatus, ConnectionSnapshot } from '../../realtime';
import type { Messages } from '../i18n/messages';
import { useDashboard, useDashboardStore } from '../shared/store-context';
import { useI18n } from '../i18n/use-i18n';
import { useNow } from '../shared/use-now';
import { SharingDetail } from './SharingDetail';
import '../shared/controls.css';
import './connection.css';

/** Why the badge is not simply "Live": the part worth announcing when it changes. */
function reasonOf(
  connection: Pick<ConnectionSnapshot, 'state' | 'stopReason' | 'attempt'>,
  t: Messages,
): string {
  switch (connection.state) {
    case 'offline':
      return t.noNetwork;
    case 'stopped':
      return connection.stopReason ? t.stopReason[connection.stopReason] : t.closedByApp;
    case 'closed':
      return t.closedByApp;
    case 'renewing':
      return t.renewing;
    case 'connecting':
    case 'backoff':
      return connection.attempt > 0 ? t.attempt(connection.attempt + 1) : '';
    default:
      return '';
  }
}

/**
 * The connection status. `data-testid="connection-badge"` with `role="status"` and `data-status`
 * = live | connecting | fallback | offline is a public contract. The badge itself is the polite
 * live region and holds only what is worth announcing (state and reason); the ticking parts
 * (countdown, message age) sit beside it so a screen reader is not told every second.
 */
export function ConnectionBadge() {
  // Narrow: the snapshot is a new object on every commit, these fields change rarely.
  const connection = useDashboard(
    useShallow((s) =>
      s.connection
        ? {
            state: s.connection.state,
            status: s.connection.status,
            attempt: s.connection.attempt,
            stopReason: s.connection.stopReason,
            closeReason: s.connection.lastClose?.reason ?? '',
          }
        : null,
    ),
  );
  const reconnectNow = useDashboard((s) => s.commands.reconnectNow);
  const { t } = useI18n();
  const status: BadgeStatus = connection?.status ?? 'connecting';
  const reason = connection ? reasonOf(connection, t) : '';
  // A server's close reason is its own text: shown as text, and only when it stopped for good.
  const serverReason = connection?.state === 'stopped' ? connection.closeReason : '';
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
        <span className="badge__label">{t.status[status]}</span>
        {/* Spaces between the parts, so the announcement reads "Offline not authorised". */}
        {reason && <span className="badge__detail"> {reason}</span>}
        {serverReason && <span className="badge__detail"> ({serverReason})</span>}
      </div>
      {connection && <ConnectionMeta />}
      {connection && <SharingDetail />}
      {status !== 'live' && (
        <button
          type="button"
          className="button"
          data-testid="reconnect-now"
          onClick={() => reconnectNow()}
        >
          {t.reconnectNow}
        </button>
      )}
    </div>
  );
}

function ConnectionMeta() {
  const store = useDashboardStore();
  const connection = useDashboard(
    useShallow((s) => ({
      state: s.connection?.state,
      status: s.connection?.status,
      nextRetryAt: s.connection?.nextRetryAt ?? null,
    })),
  );
  const { t } = useI18n();
  const countingDown = connection.state === 'backoff' && connection.nextRetryAt !== null;
  // Half a second keeps a whole-second countdown from skipping a number.
  const now = useNow(countingDown ? 500 : 1_000, true, connection.nextRetryAt);
  // Keyed by what each part says, not its words: a new second changes the text of the age
  // label in place rather than replacing its element (once a second, all day).
  const parts: [key: string, text: string][] = [];
  if (countingDown) {
    const seconds = Math.ceil(((connection.nextRetryAt ?? now) - now) / 1000);
    parts.push(['countdown', seconds > 0 ? t.nextTry(seconds) : t.retryingNow]);
  }
  // Read, not subscribed: they change with every message and every ping, the label needs them
  // once a tick, and a hidden tab (no ticks) then does not render for them.
  const { latencyMs = null, lastMessageAt = null } = store.getState().connection ?? {};
  if (connection.status === 'live' && latencyMs !== null)
    parts.push(['latency', t.latency(Math.round(latencyMs))]);
  parts.push([
    'age',
    lastMessageAt === null
      ? t.noDataYet
      : t.updatedAgo(t.duration(Math.max(0, now - lastMessageAt))),
  ]);
  return (
    <span className="connection__meta" data-testid="connection-meta">
      {parts.map(([key, text], i) => (
        <span key={key} className="connection__part">
          {i > 0 ? ' ' : ''}
          {text}
        </span>
      ))}
    </span>
  );
}
