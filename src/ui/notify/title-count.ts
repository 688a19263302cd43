import type { NotifyPorts } from '../../app/notifications';
import {
  alertView,
  type DashboardState,
  type DashboardStore,
  type OperatorState,
  type OperatorStore,
} from '../../store';

/** Open critical alerts this operator has not acknowledged: what the tab title counts. */
export function unacknowledgedCritical(
  state: DashboardState,
  acknowledged: OperatorState['acknowledged'],
): number {
  let count = 0;
  for (const alert of state.alerts.values()) {
    if (alert.severity !== 'critical') continue;
    const acked = Object.hasOwn(acknowledged, alert.id) ? acknowledged[alert.id] : undefined;
    if (alertView(alert, acked).status === 'open') count++;
  }
  return count;
}

const COUNT_PREFIX = /^\(\d+\) /;

/**
 * Keeps the tab title at "(2) Pulseboard" while two critical alerts wait for an ack, so a tab
 * among many still says so; plain "Pulseboard" when none do. Subscribes to the stores directly:
 * no component re-renders for it. Returns the unsubscribe, which restores the plain title.
 */
export function watchTitleCount(
  store: DashboardStore,
  operator: OperatorStore,
  ports: Pick<NotifyPorts, 'title' | 'setTitle'>,
): () => void {
  const base = ports.title().replace(COUNT_PREFIX, '');
  const update = () => {
    const count = unacknowledgedCritical(store.getState(), operator.getState().acknowledged);
    ports.setTitle(count > 0 ? `(${count}) ${base}` : base);
  };
  update();
  const offStore = store.subscribe((state, previous) => {
    if (state.alerts !== previous.alerts) update();
  });
  const offOperator = operator.subscribe((state, previous) => {
    if (state.acknowledged !== previous.acknowledged) update();
  });
  return () => {
    offStore();
    offOperator();
    ports.setTitle(base);
  };
}
