import { useCallback, useEffect } from 'react';
import { alertView, type AlertView, type DashboardState, type OperatorState } from '../../store';
import { useEnvironment } from '../shared/environment';
import { useOperator, useOperatorStore } from '../shared/operator-context';
import { useDashboard, useDashboardStore } from '../shared/store-context';

/**
 * Acknowledge an alert: sent to the server via the store's commands, then remembered here (so a
 * reload neither forgets nor re-toasts it). Sent first: whatever browser storage does, it cannot
 * cost the ack itself.
 */
export function useAcknowledge(): (alertId: string) => void {
  const ack = useDashboard((s) => s.commands.ack);
  const remember = useOperator((s) => s.acknowledge);
  const { now } = useEnvironment();
  return useCallback(
    (alertId: string) => {
      ack(alertId);
      remember(alertId, now());
    },
    [ack, remember, now],
  );
}

/**
 * A value of one of the operator store's records keyed by alert id, own keys only: an alert
 * called `__proto__` or `toString` must read as "not acknowledged", not as Object.prototype.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** The status an alert shows here, combining the server's word with this operator's acks. */
export function viewOf(
  dashboard: DashboardState,
  operator: Pick<OperatorState, 'acknowledged'>,
  id: string,
): AlertView | null {
  const alert = dashboard.alerts.get(id);
  return alert ? alertView(alert, ownValue(operator.acknowledged, id)) : null;
}

/**
 * Acks made before this page loaded that the server has not confirmed (sent just before a
 * reload, or still queued when the tab closed) are sent again, once per alert, when data flows.
 * Acks made since load need no help: the client queues them while disconnected.
 */
export function useResendPendingAcks(): void {
  const store = useDashboardStore();
  const operator = useOperatorStore();
  const { now } = useEnvironment();
  useEffect(() => {
    const loadedAt = now();
    const sent = new Set<string>();
    const check = () => {
      const state = store.getState();
      const status = state.connection?.status;
      if (status !== 'live' && status !== 'fallback') return;
      const { acknowledged } = operator.getState();
      for (const id of state.alertIds) {
        if (sent.has(id) || !((ownValue(acknowledged, id) ?? loadedAt) < loadedAt)) continue;
        const view = viewOf(state, { acknowledged }, id);
        if (view?.pending) {
          sent.add(id);
          state.commands.ack(id);
        }
      }
    };
    check();
    const offStore = store.subscribe((state, previous) => {
      if (
        state.alerts !== previous.alerts ||
        state.connection?.status !== previous.connection?.status
      )
        check();
    });
    return offStore;
  }, [store, operator, now]);
}
