import { createAlertLog, type AlertLog } from './alert-log';
import type { DashboardState, DashboardStore } from './dashboard-store';

/**
 * Feeds `log` from the store: what the store holds now, then every alert the store adds or
 * changes. Returns the unsubscribe.
 *
 * Each commit that touches alerts costs one pass over the store's alerts (at most `MAX_ALERTS`),
 * comparing entries by identity; commits that do not touch them cost nothing.
 */
export function recordAlertChanges(store: DashboardStore, log: AlertLog): () => void {
  const ingest = (state: DashboardState, previous: DashboardState | null) => {
    if (previous && state.alerts === previous.alerts && state.alertIds === previous.alertIds)
      return;
    log.batch(() => {
      // alertIds is newest first: record oldest first, so the log's arrival order is the store's.
      const ids = state.alertIds;
      for (let i = ids.length - 1; i >= 0; i--) {
        const id = ids[i]!;
        const alert = state.alerts.get(id);
        if (alert && alert !== previous?.alerts.get(id)) log.record(alert);
      }
    });
  };
  ingest(store.getState(), null);
  return store.subscribe((state, previous) => ingest(state, previous));
}

const logs = new WeakMap<DashboardStore, AlertLog>();

/**
 * The one alert log of a store, recording from the first call on (call it when the dashboard
 * mounts, so the log sees alerts the store later drops). It lives as long as the store.
 */
export function alertLogFor(store: DashboardStore): AlertLog {
  let log = logs.get(store);
  if (!log) {
    log = createAlertLog();
    recordAlertChanges(store, log);
    logs.set(store, log);
  }
  return log;
}
