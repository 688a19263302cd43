import { useEffect } from 'react';
import toast from 'react-hot-toast';
import { useDashboardStore } from './store-context';

/** Pops a toast for every alert the store has not seen before. Text only: never HTML. */
export function AlertToasts() {
  const store = useDashboardStore();
  useEffect(() => {
    let known = new Set(store.getState().alertIds);
    return store.subscribe((state, previous) => {
      if (state.alertIds === previous.alertIds) return;
      for (const id of state.alertIds) {
        if (known.has(id)) continue;
        const alert = state.alerts[id];
        if (alert && alert.status === 'open') {
          toast(`${alert.title}`, { id, className: `toast toast--${alert.severity}` });
        }
      }
      known = new Set(state.alertIds);
    });
  }, [store]);
  return null;
}
