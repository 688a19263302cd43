import { useEffect, useState } from 'react';
import { createAnnouncementBatch, type Batch } from './announcement-batch';
import { useEnvironment } from '../shared/environment';
import { useOperatorStore } from '../shared/operator-context';
import { useDashboardStore } from '../shared/store-context';
import { ownValue, viewOf } from './use-alerts';
import { useI18n } from '../i18n/use-i18n';

/** A burst is one announcement once it has been quiet this long... */
export const ANNOUNCE_QUIET_MS = 1_000;
/** ...or at the latest this long after its first alert. */
export const ANNOUNCE_MAX_WAIT_MS = 4_000;

type Said = { seq: number; batch: Batch | null };

/**
 * What a screen reader hears about new alerts: critical ones assertively, the rest politely, each
 * burst once as a count ("5 new critical alerts"), a lone alert by its title. The toasts are not
 * live regions themselves, so nothing is said twice. Alerts that were already dismissed or
 * acknowledged here (a reload) are not news. Server text is rendered as text.
 */
export function AlertAnnouncer() {
  const store = useDashboardStore();
  const operator = useOperatorStore();
  const { now } = useEnvironment();
  const { t } = useI18n();
  const [critical, setCritical] = useState<Said>({ seq: 0, batch: null });
  const [other, setOther] = useState<Said>({ seq: 0, batch: null });

  useEffect(() => {
    const timers = {
      setTimeout: (action: () => void, ms: number) => globalThis.setTimeout(action, ms),
      clearTimeout: (handle: unknown) =>
        globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
      now,
      quietMs: ANNOUNCE_QUIET_MS,
      maxWaitMs: ANNOUNCE_MAX_WAIT_MS,
    };
    const criticalBatch = createAnnouncementBatch({
      ...timers,
      flush: (batch) => setCritical((said) => ({ seq: said.seq + 1, batch })),
    });
    const otherBatch = createAnnouncementBatch({
      ...timers,
      flush: (batch) => setOther((said) => ({ seq: said.seq + 1, batch })),
    });
    const known = new Set<string>();
    const sync = () => {
      const state = store.getState();
      const { dismissed } = operator.getState();
      for (const id of state.alertIds) {
        if (known.has(id)) continue;
        known.add(id);
        const alert = state.alerts.get(id);
        const view = viewOf(state, operator.getState(), id);
        if (!alert || view?.status !== 'open' || ownValue(dismissed, id) !== undefined) continue;
        (alert.severity === 'critical' ? criticalBatch : otherBatch).add(alert.title);
      }
      // Bounded like the store's list: ids it dropped long ago may be forgotten here too.
      if (known.size > 2 * state.alertIds.length + 100) {
        const current = new Set(state.alertIds);
        for (const id of known) if (!current.has(id)) known.delete(id);
      }
    };
    sync();
    const off = store.subscribe((state, previous) => {
      if (state.alertIds !== previous.alertIds) sync();
    });
    return () => {
      off();
      criticalBatch.dispose();
      otherBatch.dispose();
    };
  }, [store, operator, now]);

  return (
    <div className="visually-hidden">
      <div aria-live="assertive" data-testid="announce-critical">
        {critical.batch && (
          // A new node per announcement: the same words twice are still said twice.
          <span key={critical.seq}>
            {critical.batch.count === 1
              ? t.newCriticalAlert(critical.batch.first)
              : t.newCriticalAlerts(critical.batch.count)}
          </span>
        )}
      </div>
      <div aria-live="polite" data-testid="announce-alerts">
        {other.batch && (
          <span key={other.seq}>
            {other.batch.count === 1
              ? t.newAlert(other.batch.first)
              : t.newAlerts(other.batch.count)}
          </span>
        )}
      </div>
    </div>
  );
}
