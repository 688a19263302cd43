import { memo, useMemo } from 'react';
import type { AlertStatus, Severity } from '../../realtime';
import {
  alertView,
  type AlertEntry,
  type AlertView,
  type SeverityFilter,
  type StatusFilter,
} from '../../store';
import { formatClock, isoTime } from '../i18n/format';
import { useOperator } from '../shared/operator-context';
import { useDashboard } from '../shared/store-context';
import { ownValue, useAcknowledge } from './use-alerts';
import { useI18n } from '../i18n/use-i18n';
import '../shared/controls.css';
import './alerts.css';

const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];
const STATUSES: readonly StatusFilter[] = ['all', 'open', 'acknowledged', 'resolved'];

export const ALERTS_PANEL_ID = 'alerts-panel';

/**
 * Every alert, newest first, filterable by severity and status, with counts per severity in the
 * header (for the current status filter). Each row's `data-alert-id` is a public contract.
 * Text from the server is rendered as text, never as HTML.
 */
export function AlertList() {
  const ids = useDashboard((s) => s.alertIds);
  const alerts = useDashboard((s) => s.alerts);
  const acknowledged = useOperator((s) => s.acknowledged);
  const severity = useOperator((s) => s.prefs.severity);
  const status = useOperator((s) => s.prefs.status);
  const setPrefs = useOperator((s) => s.setPrefs);
  const acknowledge = useAcknowledge();
  const { t } = useI18n();

  const { rows, counts, total } = useMemo(() => {
    const counts: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
    const rows: { alert: AlertEntry; view: AlertView }[] = [];
    let total = 0;
    for (const id of ids) {
      const alert = alerts.get(id);
      if (!alert) continue;
      const view = alertView(alert, ownValue(acknowledged, id));
      if (status !== 'all' && view.status !== status) continue;
      counts[alert.severity]++;
      total++;
      if (severity === 'all' || alert.severity === severity) rows.push({ alert, view });
    }
    return { rows, counts, total };
  }, [ids, alerts, acknowledged, severity, status]);

  const chip = (value: SeverityFilter, count: number) => (
    <button
      key={value}
      type="button"
      className={`chip chip--${value}`}
      aria-pressed={severity === value}
      data-severity-filter={value}
      onClick={() => setPrefs({ severity: value })}
    >
      {t.severity[value]} <span className="chip__count">{count}</span>
    </button>
  );

  return (
    <section className="alerts" aria-labelledby="alerts-title" id={ALERTS_PANEL_ID} tabIndex={-1}>
      <header className="alerts__header">
        <h2 className="alerts__title" id="alerts-title">
          {t.alerts}
        </h2>
        <div className="alerts__filters">
          <div className="chips" role="group" aria-label={t.severityFilter}>
            {chip('all', total)}
            {SEVERITIES.map((value) => chip(value, counts[value]))}
          </div>
          <label className="select">
            <span className="select__label">{t.statusFilter}</span>
            <select
              value={status}
              onChange={(event) => setPrefs({ status: event.target.value as StatusFilter })}
            >
              {STATUSES.map((value) => (
                <option key={value} value={value}>
                  {t.alertStatus[value]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      {rows.length === 0 && (
        <p className="alerts__empty">{ids.length === 0 ? t.noAlerts : t.noMatchingAlerts}</p>
      )}
      <ul className="alerts__list">
        {rows.map(({ alert, view }) => (
          <AlertRow
            key={alert.id}
            alert={alert}
            status={view.status}
            pending={view.pending}
            onAcknowledge={acknowledge}
          />
        ))}
      </ul>
    </section>
  );
}

const AlertRow = memo(function AlertRow({
  alert,
  status,
  pending,
  onAcknowledge,
}: {
  alert: AlertEntry;
  status: AlertStatus;
  pending: boolean;
  onAcknowledge: (id: string) => void;
}) {
  const { t, locale } = useI18n();
  const latest = alert.history[alert.history.length - 1];
  return (
    <li
      data-alert-id={alert.id}
      data-status={status}
      className={`alert alert--${alert.severity} alert--${status}`}
    >
      <span className="alert__severity">{t.severity[alert.severity]}</span>
      <time className="alert__time" dateTime={isoTime(alert.ts)}>
        {formatClock(alert.ts, locale)}
      </time>
      <span className="alert__title">{alert.title}</span>
      <span className="alert__message">{alert.message}</span>
      {alert.source && <span className="alert__source">{alert.source}</span>}
      <span className="alert__status">
        {t.alertStatus[status]}
        {pending && ` · ${t.pendingAck}`}
        {!pending && latest?.by && latest.status === status && ` · ${t.by(latest.by)}`}
      </span>
      {status === 'open' && (
        <button
          type="button"
          className="button button--small"
          onClick={() => onAcknowledge(alert.id)}
          data-action="ack"
          aria-label={`${t.acknowledge}: ${alert.title}`}
        >
          {t.acknowledge}
        </button>
      )}
      {alert.history.length > 1 && (
        <details className="alert__history">
          <summary>{t.history}</summary>
          <ol>
            {alert.history.map((item, i) => (
              <li key={i}>
                {formatClock(item.at, locale)} {t.alertStatus[item.status]}
                {item.by ? ` · ${t.by(item.by)}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
});
