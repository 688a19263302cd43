import type { OperatorStore } from '../../store';
import { isRecord, readMarks } from '../../store/operator-persistence';

/** Marks read from one storage event at most: another tab's blob is outside input too. */
const MAX_MARKS_PER_EVENT = 1_000;

/**
 * Another tab of this browser acknowledged an alert or dismissed a toast: the browser tells the
 * others with a `storage` event on the operator store's key. Each new mark is applied here with
 * the store's own actions, so the acknowledged row and the leaving toast show in every tab, and
 * what this tab writes back is the union: a mark made in two tabs at once is never lost.
 * Returns the unsubscribe.
 */
export function syncOperatorAcrossTabs(
  store: OperatorStore,
  key: string,
  win: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== key || typeof event.newValue !== 'string') return;
    let blob: unknown;
    try {
      blob = JSON.parse(event.newValue);
    } catch {
      return; // A damaged blob is the writer's problem; this tab's marks stay as they are.
    }
    const state = isRecord(blob) && isRecord(blob.state) ? blob.state : {};
    const current = store.getState();
    const acknowledged = readMarks(state.acknowledged, MAX_MARKS_PER_EVENT) ?? {};
    for (const [id, at] of Object.entries(acknowledged))
      if (!Object.hasOwn(current.acknowledged, id)) current.acknowledge(id, at);
    const dismissed = readMarks(state.dismissed, MAX_MARKS_PER_EVENT) ?? {};
    for (const [id, at] of Object.entries(dismissed))
      if (!Object.hasOwn(current.dismissed, id)) current.dismiss([id], at);
  };
  win.addEventListener('storage', onStorage as EventListener);
  return () => win.removeEventListener('storage', onStorage as EventListener);
}
