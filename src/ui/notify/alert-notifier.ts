import type { NotifyPorts } from '../../app/notifications';
import {
  alertView,
  atLeast,
  type AlertEntry,
  type DashboardStore,
  type OperatorStore,
} from '../../store';

export type NoticeText = {
  title(alert: AlertEntry): string;
  more(count: number): { title: string; body: string };
};

export type AlertNotifierOptions = {
  store: DashboardStore;
  operator: OperatorStore;
  ports: NotifyPorts;
  now: () => number;
  /** Read when a notice is raised, so it is in the operator's current language. */
  text: () => NoticeText;
  /** The operator clicked a notice: the alert's id, or `null` for the "+N more" one. */
  onOpen: (alertId: string | null) => void;
  /** Notices raised for one burst; the rest are counted in one more (default 3). */
  burstLimit?: number;
};

/** Server text is capped before it reaches the system's notification centre. */
const MAX_TEXT = 200;
const RANK = { critical: 0, warning: 1, info: 2 } as const;

/**
 * Reaches the operator who is not looking. Each alert is looked at once, when it first appears
 * (live, or restored by a snapshot): if it is open, at or above the operator's threshold, system
 * notifications are on and allowed, and the page is hidden or unfocused, it raises ONE system
 * notification, remembered in the operator store (`notified`, per backend, bounded) so a replay
 * after a reconnect or a reload raises none. A burst raises at most `burstLimit` notices plus
 * one "+N more". An alert that arrives while the operator is looking counts as told. A critical
 * alert beeps (once per burst) when the operator turned sound on.
 * Returns the unsubscribe.
 */
export function watchAlertsForNotices(options: AlertNotifierOptions): () => void {
  const { store, operator, ports, now, text, onOpen } = options;
  const burstLimit = options.burstLimit ?? 3;
  const known = new Set<string>();

  const sync = () => {
    const state = store.getState();
    const { acknowledged, dismissed, notified, notify } = operator.getState();
    const fresh: AlertEntry[] = [];
    for (const id of state.alertIds) {
      if (known.has(id)) continue;
      known.add(id);
      const alert = state.alerts.get(id);
      if (!alert || Object.hasOwn(dismissed, id)) continue;
      const acked = Object.hasOwn(acknowledged, id) ? acknowledged[id] : undefined;
      if (alertView(alert, acked).status === 'open') fresh.push(alert);
    }
    // Days of uptime must not grow this set: ids the store dropped may be forgotten here too.
    if (known.size > 2 * state.alertIds.length + 100) {
      const current = new Set(state.alertIds);
      for (const id of known) if (!current.has(id)) known.delete(id);
    }
    if (fresh.length === 0) return;

    if (
      notify.sound &&
      fresh.some((a) => a.severity === 'critical' && !Object.hasOwn(notified, a.id))
    )
      ports.sound.beep();

    if (!notify.system || ports.permission() !== 'granted') return;
    const due = fresh
      .filter((a) => atLeast(a.severity, notify.notifyMin) && !Object.hasOwn(notified, a.id))
      .sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    if (due.length === 0) return;
    // An operator looking at the page saw these arrive: remembered as told, so a reload while
    // they are away does not announce what they already saw.
    if (!ports.isAttended()) raise(due);
    operator.getState().markNotified(
      due.map((a) => a.id),
      now(),
    );
  };

  const raise = (due: readonly AlertEntry[]) => {
    const words = text();
    for (const alert of due.slice(0, burstLimit)) {
      ports.show({
        title: clip(words.title(alert)),
        body: clip(alert.message),
        tag: `pulseboard-alert:${alert.id}`,
        onClick: () => onOpen(alert.id),
      });
    }
    const rest = due.length - burstLimit;
    if (rest > 0)
      ports.show({
        ...words.more(rest),
        tag: 'pulseboard-alerts-more',
        onClick: () => onOpen(null),
      });
  };

  sync();
  return store.subscribe((state, previous) => {
    if (state.alertIds !== previous.alertIds || state.alerts !== previous.alerts) sync();
  });
}

function clip(value: string): string {
  return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
}
