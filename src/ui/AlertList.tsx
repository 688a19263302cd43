import { useDashboard } from './store-context';

/** Alerts, newest first. Each row's `data-alert-id` is a public contract. */
export function AlertList() {
  const ids = useDashboard((s) => s.alertIds);
  const alerts = useDashboard((s) => s.alerts);
  const ack = useDashboard((s) => s.commands.ack);
  return (
    <section className="alerts" aria-label="Alerts">
      <h2 className="alerts__title">Alerts</h2>
      {ids.length === 0 && <p className="alerts__empty">No alerts.</p>}
      <ul className="alerts__list">
        {ids.map((id) => {
          const alert = alerts[id];
          if (!alert) return null;
          return (
            <li
              key={id}
              data-alert-id={id}
              className={`alert alert--${alert.severity} alert--${alert.status}`}
            >
              <span className="alert__severity">{alert.severity}</span>
              <span className="alert__title">{alert.title}</span>
              <span className="alert__message">{alert.message}</span>
              <span className="alert__status">{alert.status}</span>
              {alert.status === 'open' && (
                <button type="button" className="button" onClick={() => ack(id)}>
                  Acknowledge
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
