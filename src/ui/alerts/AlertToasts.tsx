import { useEffect } from 'react';
import toast, { type Toast } from 'react-hot-toast';
import type { Severity } from '../../realtime';
import { shouldToast } from '../../store';
import { ALERTS_PANEL_ID } from './AlertList';
import { useEnvironment } from '../shared/environment';
import { useOperator, useOperatorStore } from '../shared/operator-context';
import { useDashboard, useDashboardStore } from '../shared/store-context';
import { ownValue, useAcknowledge, viewOf } from './use-alerts';
import { useI18n } from '../i18n/use-i18n';
import { TOAST_SHORTCUT_LABEL } from './use-toast-shortcut';
import '../shared/controls.css';
import './toasts.css';

export const SUMMARY_TOAST_ID = 'alert-summary';
const RANK: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };
export const alertToastId = (alertId: string) => `alert:${alertId}`;

/**
 * Pops a toast for every new open alert, paced so a storm cannot bury the screen: at most
 * `toastLimit` alert toasts at once; the rest are counted in one summary toast ("+37 more
 * alerts") and are all in the alerts panel. Critical toasts stay until acknowledged; a critical
 * alert held back by a storm gets its own toast as soon as a place frees up. Info and warning
 * toasts leave by themselves, timed by react-hot-toast (`duration`; the `<Toaster/>` runs the
 * clock and holds it while the pointer rests on a toast). A toast that left is remembered
 * (operator store), so a reload does not pop it again. Text only: never HTML.
 */
export function AlertToasts() {
  const store = useDashboardStore();
  const operator = useOperatorStore();
  const { toastLimit, toastDurations, now } = useEnvironment();

  useEffect(() => {
    const known = new Set<string>();
    const visible = new Set<string>();
    let overflow: string[] = [];

    const isOpen = (id: string) => {
      const view = viewOf(store.getState(), operator.getState(), id);
      return view !== null && view.status === 'open';
    };
    const severityOf = (id: string): Severity =>
      store.getState().alerts.get(id)?.severity ?? 'info';

    const show = (id: string) => {
      visible.add(id);
      // react-hot-toast reads a duration of 0 as "use my default": the shortest it can time is 1 ms.
      const duration = toastDurations[severityOf(id)];
      toast.custom(
        (t: Toast) => (
          <AlertToast
            alertId={id}
            toast={t}
            onDismiss={() => leave(id, true)}
            onLeft={() => leave(id, true)}
          />
        ),
        {
          id: alertToastId(id),
          duration: Number.isFinite(duration) ? Math.max(1, duration) : Number.POSITIVE_INFINITY,
        },
      );
    };

    /**
     * The one way a toast goes, however it went (timed out, dismissed, acknowledged, resolved);
     * a second call for the same toast does nothing. `remember` when the operator saw it go
     * (timeout, dismiss), not when it was acknowledged.
     */
    const leave = (id: string, remember: boolean) => {
      if (!visible.has(id)) return;
      visible.delete(id);
      toast.dismiss(alertToastId(id));
      if (remember) operator.getState().dismiss([id], now());
      promote();
      updateSummary();
    };

    /** A freed place goes to the newest critical alert the storm held back. */
    const promote = () => {
      while (visible.size < toastLimit) {
        const index = overflow.findIndex((id) => severityOf(id) === 'critical' && isOpen(id));
        if (index === -1) return;
        const [id] = overflow.splice(index, 1);
        if (id) show(id);
      }
    };

    const dismissSummary = () => {
      operator.getState().dismiss(overflow, now());
      overflow = [];
      updateSummary();
    };

    let summaryShown = false;
    const updateSummary = () => {
      overflow = overflow.filter(isOpen);
      if (overflow.length === 0) {
        if (summaryShown) toast.dismiss(SUMMARY_TOAST_ID);
        summaryShown = false;
        return;
      }
      const count = overflow.length;
      const critical = overflow.filter((id) => severityOf(id) === 'critical').length;
      summaryShown = true;
      toast.custom(
        (t: Toast) => (
          <SummaryToast toast={t} count={count} critical={critical} onDismiss={dismissSummary} />
        ),
        { id: SUMMARY_TOAST_ID, duration: Number.POSITIVE_INFINITY },
      );
    };

    const sync = () => {
      const state = store.getState();
      const { dismissed, notify } = operator.getState();
      // alertIds is newest first. In a burst the places go to critical alerts first, then to
      // the newest: the operator sees what matters and what is current; the rest are counted.
      const arrived: string[] = [];
      for (const id of state.alertIds) {
        if (known.has(id)) continue;
        known.add(id);
        // Below the operator's threshold, or muted by a quiet period: listed, never toasted.
        if (!shouldToast(notify, severityOf(id), now())) continue;
        if (isOpen(id) && ownValue(dismissed, id) === undefined) arrived.push(id);
      }
      // Days of uptime must not grow this set: the store keeps a bounded list of alerts, and an
      // id it dropped long ago may be forgotten here too.
      if (known.size > 2 * state.alertIds.length + 100) {
        const current = new Set(state.alertIds);
        for (const id of known) if (!current.has(id)) known.delete(id);
      }
      arrived.sort((a, b) => RANK[severityOf(a)] - RANK[severityOf(b)]);
      const held: string[] = [];
      for (const id of arrived) {
        if (visible.size < toastLimit) show(id);
        else held.push(id);
      }
      const overflowChanged = held.length > 0;
      overflow = [...held, ...overflow];
      // Acknowledged or resolved anywhere (here, another operator): its toast goes.
      for (const id of [...visible]) if (!isOpen(id)) leave(id, false);
      // Dismissed in another tab: it leaves this one too.
      for (const id of [...visible]) if (ownValue(dismissed, id) !== undefined) leave(id, false);
      if (overflowChanged || overflow.some((id) => !isOpen(id))) updateSummary();
    };

    sync();
    const offStore = store.subscribe((state, previous) => {
      if (state.alertIds !== previous.alertIds || state.alerts !== previous.alerts) sync();
    });
    const offOperator = operator.subscribe((state, previous) => {
      // Another tab's ack or dismissal arrives here too (app/sharing/operator-sync.ts).
      if (state.acknowledged !== previous.acknowledged || state.dismissed !== previous.dismissed)
        sync();
    });
    return () => {
      offStore();
      offOperator();
      for (const id of visible) toast.remove(alertToastId(id));
      toast.remove(SUMMARY_TOAST_ID);
    };
  }, [store, operator, toastLimit, toastDurations, now]);
  return null;
}

/** One alert's toast; reads the alert live, so an update from the server shows here too. */
function AlertToast({
  alertId,
  toast: t,
  onDismiss,
  onLeft,
}: {
  alertId: string;
  toast: Toast;
  onDismiss: () => void;
  /** The toast stopped being visible: its time ran out (or it was dismissed some other way). */
  onLeft: () => void;
}) {
  const leaving = !t.visible;
  useEffect(() => {
    if (leaving) onLeft();
  }, [leaving, onLeft]);
  const alert = useDashboard((s) => s.alerts.get(alertId));
  const acknowledgedAt = useOperator((s) => ownValue(s.acknowledged, alertId));
  const acknowledge = useAcknowledge();
  const { t: text } = useI18n();
  if (!alert) return null;
  const critical = alert.severity === 'critical';
  return (
    <div
      className={`toast toast--${alert.severity}${t.visible ? '' : ' toast--leaving'}`}
      data-toast-alert={alertId}
      data-visible={t.visible}
      // Not a live region: AlertAnnouncer says each burst once, so a storm is not a flood.
      role="group"
      aria-label={`${text.severity[alert.severity]}: ${alert.title}`}
    >
      <div className="toast__body">
        <span className="toast__severity">{text.severity[alert.severity]}</span>
        <strong className="toast__title">{alert.title}</strong>
        <span className="toast__message">{alert.message}</span>
        {critical && (
          <span className="toast__hint">{text.toastShortcutHint(TOAST_SHORTCUT_LABEL)}</span>
        )}
      </div>
      <div className="toast__actions">
        {alert.status === 'open' && acknowledgedAt === undefined && (
          <button
            type="button"
            className="button button--small"
            onClick={() => acknowledge(alertId)}
            data-action="ack"
          >
            {text.acknowledge}
          </button>
        )}
        {!critical && (
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={onDismiss}
            data-action="dismiss"
            aria-label={`${text.dismiss}: ${alert.title}`}
          >
            {text.dismiss}
          </button>
        )}
      </div>
    </div>
  );
}

function SummaryToast({
  toast: t,
  count,
  critical,
  onDismiss,
}: {
  toast: Toast;
  count: number;
  critical: number;
  onDismiss: () => void;
}) {
  const { t: text } = useI18n();
  const showPanel = () => {
    const panel = document.getElementById(ALERTS_PANEL_ID);
    panel?.scrollIntoView({ block: 'start' });
    panel?.focus();
  };
  return (
    <div
      className={`toast toast--summary${critical > 0 ? ' toast--critical' : ''}${t.visible ? '' : ' toast--leaving'}`}
      data-toast-summary={count}
      data-visible={t.visible}
      role="group"
      aria-label={text.moreAlerts(count)}
    >
      <div className="toast__body">
        <strong className="toast__title">{text.moreAlerts(count)}</strong>
        {critical > 0 && <span className="toast__message">{text.moreCritical(critical)}</span>}
      </div>
      <div className="toast__actions">
        <button type="button" className="button button--small" onClick={showPanel}>
          {text.showAlerts}
        </button>
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={onDismiss}
          data-action="dismiss"
        >
          {text.dismiss}
        </button>
      </div>
    </div>
  );
}
