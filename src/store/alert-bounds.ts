import type { AlertStatus } from '../realtime';
import { MAX_ALERT_HISTORY } from './limits';

export type AlertHistoryItem = { status: AlertStatus; at: number; by?: string };

/**
 * The history with `item` added, at most `cap` long: the first entry (when the alert opened) and
 * the newest ones stay; a flapping alert cannot grow it without end.
 */
export function appendHistory(
  history: readonly AlertHistoryItem[],
  item: AlertHistoryItem,
  cap = MAX_ALERT_HISTORY,
): AlertHistoryItem[] {
  if (cap < 2 || history.length < cap) return [...history, item];
  return [history[0]!, ...history.slice(history.length - (cap - 2)), item];
}

/**
 * Which ids to keep so at most `capacity` remain: the oldest resolved alerts go first, and only
 * when none is left the oldest of any status (an open alert is never dropped for a resolved
 * one). `ids` is newest first. One pass to choose, one to filter: O(n) however many must go.
 */
export function trimAlertIds(
  ids: readonly string[],
  capacity: number,
  isResolved: (id: string) => boolean,
): { kept: string[]; dropped: string[] } {
  let excess = ids.length - Math.max(0, capacity);
  if (excess <= 0) return { kept: [...ids], dropped: [] };
  const drop = new Uint8Array(ids.length);
  for (let i = ids.length - 1; i >= 0 && excess > 0; i--) {
    if (isResolved(ids[i]!)) {
      drop[i] = 1;
      excess--;
    }
  }
  for (let i = ids.length - 1; i >= 0 && excess > 0; i--) {
    if (!drop[i]) {
      drop[i] = 1;
      excess--;
    }
  }
  const kept: string[] = [];
  const dropped: string[] = [];
  for (let i = 0; i < ids.length; i++) (drop[i] ? dropped : kept).push(ids[i]!);
  return { kept, dropped };
}
