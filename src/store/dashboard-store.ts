import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  Alert,
  AlertStatus,
  ConnectionSnapshot,
  ErrorKind,
  RealtimeEvent,
  Sample,
  ServerSnapshot,
} from '../realtime';
import { RingBuffer } from './ring-buffer';

/**
 * The dashboard's state: what the realtime client delivered, shaped for the UI. Framework-free
 * (zustand's vanilla store); React reads it through selectors in `src/ui/`.
 */
export type SeriesEntry = {
  name: string;
  unit: string | undefined;
  /** Mutated in place; a new SeriesEntry (new `version`) is made whenever it changes. */
  buffer: RingBuffer;
  version: number;
  /**
   * When this client last received a point of the series (client clock, epoch ms). Staleness is
   * judged on this, not on sample timestamps, so a skewed server clock cannot fake freshness.
   */
  updatedAt: number;
};

export type AlertHistoryItem = { status: AlertStatus; at: number; by?: string };

export type AlertEntry = Alert & { receivedAt: number; history: AlertHistoryItem[] };

export type ErrorEntry = { kind: ErrorKind; detail: string; at: number };

export type Commands = {
  ack(alertId: string): void;
  reconnectNow(): void;
};

export type DashboardState = {
  connection: ConnectionSnapshot | null;
  /** When `connection.status` last changed (client clock), for "offline since 14:02". */
  statusSince: number | null;
  series: Readonly<Record<string, SeriesEntry>>;
  /** Metric names in the order they first appeared. */
  seriesNames: readonly string[];
  alerts: Readonly<Record<string, AlertEntry>>;
  /** Newest first. */
  alertIds: readonly string[];
  banner: { level: 'info' | 'warning'; message: string; at: number } | null;
  /** The last few errors, newest first, for the operator to see what was dropped and why. */
  recentErrors: readonly ErrorEntry[];
  /** How many store commits happened (a diagnostic for the benchmark and tests). */
  commits: number;
  commands: Commands;
};

export type DashboardStore = StoreApi<DashboardState>;

export type DashboardStoreOptions = {
  /** Points kept per series (default 9000: 15 minutes at 10 samples/s). */
  seriesCapacity?: number;
  /** Alerts kept (default 500); the oldest resolved ones go first. */
  alertCapacity?: number;
  now?: () => number;
};

const RECENT_ERRORS = 20;
const noCommands: Commands = { ack: () => {}, reconnectNow: () => {} };

export function createDashboardStore(): DashboardStore {
  return createStore<DashboardState>()(() => ({
    connection: null,
    statusSince: null,
    series: {},
    seriesNames: [],
    alerts: {},
    alertIds: [],
    banner: null,
    recentErrors: [],
    commits: 0,
    commands: noCommands,
  }));
}

/**
 * Applies a batch of client events in one commit. Everything a frame's worth of messages
 * changes is folded into a single `setState`, so React renders once per batch, not per message.
 */
export function applyEvents(
  store: DashboardStore,
  events: readonly RealtimeEvent[],
  connection: ConnectionSnapshot | null,
  options: DashboardStoreOptions = {},
): void {
  const now = options.now ?? Date.now;
  const capacity = options.seriesCapacity ?? 9_000;
  const state = store.getState();
  let series: Record<string, SeriesEntry> | null = null;
  let seriesNames: string[] | null = null;
  let alerts: Record<string, AlertEntry> | null = null;
  let alertIds: string[] | null = null;
  let banner = state.banner;
  let recentErrors: ErrorEntry[] | null = null;
  const touched = new Set<string>();

  const seriesFor = (name: string, unit: string | undefined): SeriesEntry => {
    series ??= { ...state.series };
    let entry = series[name];
    if (!entry) {
      entry = { name, unit, buffer: new RingBuffer(capacity), version: 0, updatedAt: now() };
      series[name] = entry;
      seriesNames ??= [...state.seriesNames];
      seriesNames.push(name);
    }
    touched.add(name);
    return entry;
  };
  const addSample = (sample: Sample) => {
    const entry = seriesFor(sample.name, sample.unit);
    const last = entry.buffer.last();
    // Out-of-order samples within a series would draw a line backwards: keep time monotonic.
    if (last && sample.ts < last.ts) return;
    entry.buffer.push(sample.ts, sample.value);
    if (sample.unit !== undefined && entry.unit !== sample.unit) {
      series![sample.name] = { ...entry, unit: sample.unit };
    }
  };
  const upsertAlert = (alert: Alert, at: number) => {
    alerts ??= { ...state.alerts };
    const previous = alerts[alert.id];
    if (previous) {
      const history =
        previous.status === alert.status
          ? previous.history
          : [...previous.history, { status: alert.status, at }];
      alerts[alert.id] = { ...previous, ...alert, history };
      return;
    }
    alerts[alert.id] = {
      ...alert,
      receivedAt: at,
      history: [{ status: alert.status, at: alert.ts }],
    };
    alertIds ??= [...state.alertIds];
    alertIds.unshift(alert.id);
  };

  for (const event of events) {
    switch (event.type) {
      case 'reset':
        resetFromSnapshot(event.snapshot);
        break;
      case 'message': {
        const message = event.message;
        if (message.type === 'metrics') message.samples.forEach(addSample);
        else if (message.type === 'alert') upsertAlert(message.alert, now());
        else if (message.type === 'alert_update') {
          const current = (alerts ?? state.alerts)[message.id];
          // A repeated update (a replay, two servers saying the same) is not a new step in history.
          if (current && current.status !== message.status) {
            alerts ??= { ...state.alerts };
            alerts[message.id] = {
              ...current,
              status: message.status,
              history: [
                ...current.history,
                { status: message.status, at: now(), ...(message.by ? { by: message.by } : {}) },
              ],
            };
          }
        } else if (message.type === 'status') {
          banner = { level: message.level, message: message.message, at: now() };
        }
        break;
      }
      case 'error':
        recentErrors ??= [...state.recentErrors];
        recentErrors.unshift({ kind: event.kind, detail: event.detail, at: now() });
        recentErrors.length = Math.min(recentErrors.length, RECENT_ERRORS);
        break;
      case 'connection':
        break;
    }
  }

  function resetFromSnapshot(snapshot: ServerSnapshot) {
    // The snapshot is the truth from its first sample on; older local history is kept.
    const firstTs = new Map<string, number>();
    for (const sample of snapshot.samples) {
      if (!firstTs.has(sample.name)) firstTs.set(sample.name, sample.ts);
    }
    for (const [name, ts] of firstTs) {
      if ((series ?? state.series)[name]) seriesFor(name, undefined).buffer.truncateFrom(ts);
    }
    [...snapshot.samples].sort((a, b) => a.ts - b.ts).forEach(addSample);
    for (const alert of snapshot.alerts) upsertAlert(alert, now());
  }

  if (series) {
    const at = now();
    for (const name of touched) {
      const entry = (series as Record<string, SeriesEntry>)[name];
      if (entry)
        (series as Record<string, SeriesEntry>)[name] = {
          ...entry,
          version: entry.buffer.version,
          updatedAt: at,
        };
    }
  }
  const statusChanged = connection !== null && connection.status !== state.connection?.status;
  if (alertIds) trimAlerts(alerts!, alertIds, options.alertCapacity ?? 500);

  store.setState({
    ...(connection ? { connection } : {}),
    ...(statusChanged ? { statusSince: now() } : {}),
    ...(series ? { series } : {}),
    ...(seriesNames ? { seriesNames } : {}),
    ...(alerts ? { alerts } : {}),
    ...(alertIds ? { alertIds } : {}),
    ...(recentErrors ? { recentErrors } : {}),
    banner,
    commits: state.commits + 1,
  });
}

function trimAlerts(alerts: Record<string, AlertEntry>, ids: string[], capacity: number) {
  while (ids.length > capacity) {
    // Drop the oldest resolved alert first; an open alert is never dropped for a resolved one.
    let victim = -1;
    for (let i = ids.length - 1; i >= 0; i--) {
      if (alerts[ids[i]!]?.status === 'resolved') {
        victim = i;
        break;
      }
    }
    if (victim === -1) victim = ids.length - 1;
    const [id] = ids.splice(victim, 1);
    if (id) delete alerts[id];
  }
}
