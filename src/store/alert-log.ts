import type { AlertStatus, Severity } from '../realtime';
import { appendHistory, type AlertHistoryItem } from './alert-bounds';
import type { AlertEntry } from './dashboard-store';

/**
 * The shift's record: every alert this session has seen, with its status history, kept after the
 * dashboard store lets it go (the store keeps 500 alerts; the log keeps far more). Bounded too:
 * past its capacity the oldest entry goes, and the number gone is counted for the operator.
 *
 * Framework-free and fed by `recordAlertChanges` (alert-log-recorder.ts). Entries are immutable:
 * a change makes a new entry object, so a view can memoise rows by identity.
 */
/**
 * Entries the log keeps: a long shift's worth (the store keeps `MAX_ALERTS`, 500). At most a few
 * kilobytes each (the client clips alert text), so tens of megabytes at worst.
 */
export const MAX_ALERT_LOG_ENTRIES = 10_000;

export type AlertLogEntry = {
  id: string;
  severity: Severity;
  title: string;
  message: string;
  source: string | undefined;
  /** When the server says the alert was raised. */
  ts: number;
  /** When this client first saw it (client clock). */
  receivedAt: number;
  status: AlertStatus;
  history: readonly AlertHistoryItem[];
  /** Arrival order in this log: higher is newer. */
  order: number;
};

export type AlertLogSnapshot = {
  /** Newest first. */
  entries: readonly AlertLogEntry[];
  /** Entries dropped because the log was full, oldest first. */
  dropped: number;
};

export type AlertLog = {
  /** Adds or updates the log's entry for one alert of the store. */
  record(alert: AlertEntry): void;
  /** Newest first; the same object until the log changes. */
  snapshot(): AlertLogSnapshot;
  /** Called after each change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Groups many `record` calls into one notification. */
  batch(apply: () => void): void;
  readonly capacity: number;
};

export function createAlertLog(capacity = MAX_ALERT_LOG_ENTRIES): AlertLog {
  const cap = Math.max(1, Math.floor(capacity));
  // Insertion order is arrival order: the first key is the oldest entry.
  const entries = new Map<string, AlertLogEntry>();
  /** The store's history array each entry last copied, to tell an append from a restart. */
  const lineage = new Map<string, readonly AlertHistoryItem[]>();
  const listeners = new Set<() => void>();
  let nextOrder = 0;
  let dropped = 0;
  let cached: AlertLogSnapshot | null = null;
  let depth = 0;
  let pending = false;

  const changed = () => {
    cached = null;
    if (depth > 0) {
      pending = true;
      return;
    }
    for (const listener of [...listeners]) listener();
  };

  const historyFor = (previous: AlertLogEntry | undefined, alert: AlertEntry) => {
    const before = previous ? lineage.get(alert.id) : undefined;
    if (!previous || !before || before === alert.history) return previous?.history ?? alert.history;
    // The store grows an alert's history by copying its array and keeping its first item. The
    // same first item: the same lineage, and the new steps are the items not seen before. A
    // different one: the store dropped the alert and met it again; all its steps are new.
    const sameLineage = before[0] === alert.history[0];
    if (sameLineage && previous.history === before) return alert.history;
    const seen = sameLineage ? new Set(before) : new Set<AlertHistoryItem>();
    let history = previous.history;
    for (const item of alert.history) {
      if (seen.has(item)) continue;
      const last = history[history.length - 1];
      if (last && last.status === item.status && last.at === item.at) continue;
      history = appendHistory(history, item);
    }
    return history;
  };

  const record = (alert: AlertEntry) => {
    const previous = entries.get(alert.id);
    const history = historyFor(previous, alert);
    if (
      previous &&
      previous.status === alert.status &&
      previous.history === history &&
      previous.title === alert.title &&
      previous.message === alert.message &&
      previous.source === alert.source &&
      previous.severity === alert.severity
    ) {
      lineage.set(alert.id, alert.history);
      return;
    }
    const entry: AlertLogEntry = {
      id: alert.id,
      severity: alert.severity,
      title: alert.title,
      message: alert.message,
      source: alert.source,
      ts: alert.ts,
      receivedAt: previous?.receivedAt ?? alert.receivedAt,
      status: alert.status,
      history,
      order: previous?.order ?? nextOrder++,
    };
    entries.set(alert.id, entry);
    lineage.set(alert.id, alert.history);
    while (entries.size > cap) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
      lineage.delete(oldest);
      dropped++;
    }
    changed();
  };

  return {
    capacity: cap,
    record,
    snapshot() {
      if (!cached) cached = { entries: [...entries.values()].reverse(), dropped };
      return cached;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    batch(apply) {
      depth++;
      try {
        apply();
      } finally {
        depth--;
        if (depth === 0 && pending) {
          pending = false;
          changed();
        }
      }
    },
  };
}
