import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  Alert,
  AlertStatus,
  ConnectionSnapshot,
  RealtimeEvent,
  Sample,
  ServerSnapshot,
} from '../realtime';
import { appendHistory, trimAlertIds, type AlertHistoryItem } from './alert-bounds';
import {
  NO_DATA_PROBLEMS,
  offsetText,
  ProblemTally,
  type DataProblems,
  type ErrorEntry,
  type StoreProblemKind,
} from './data-problems';
import {
  MAX_ALERTS,
  MAX_IGNORED_NAMES_TRACKED,
  MAX_SAMPLE_AGE_MS,
  MAX_SAMPLE_AHEAD_MS,
  MAX_SERIES,
  SERIES_CAPACITY,
  SERIES_INITIAL_SLOTS,
} from './limits';
import { clip, describeEvent, errorText, requireSample, safely } from './input-guards';
import { RingBuffer } from './ring-buffer';
import { catalogState, NO_CATALOG, type CatalogState } from './catalog';

export type { AlertHistoryItem } from './alert-bounds';
export type { ErrorEntry } from './data-problems';

/**
 * The dashboard's state: what the realtime client delivered, shaped for the UI. Framework-free
 * (zustand's vanilla store); React reads it through selectors in `src/ui/`.
 *
 * Ids and names come from an untrusted backend, so every keyed collection is a Map: an alert
 * called `__proto__` or a metric called `constructor` is just another key.
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

export type AlertEntry = Alert & { receivedAt: number; history: AlertHistoryItem[] };

export type Commands = {
  ack(alertId: string): void;
  reconnectNow(): void;
};

export type DashboardState = {
  connection: ConnectionSnapshot | null;
  /** When `connection.status` last changed (client clock), for "offline since 14:02". */
  statusSince: number | null;
  series: ReadonlyMap<string, SeriesEntry>;
  /** Metric names in the order they first appeared. */
  seriesNames: readonly string[];
  alerts: ReadonlyMap<string, AlertEntry>;
  /** Newest first. */
  alertIds: readonly string[];
  banner: { level: 'info' | 'warning'; message: string; at: number } | null;
  /** The last few errors, newest first, for the operator to see what was dropped and why. */
  recentErrors: readonly ErrorEntry[];
  /** Everything refused or dropped so far, by kind (the client's counts and the store's). */
  dataProblems: DataProblems;
  /** What the backend says its metrics and topics are (v1.1); `known: false` from a v1 one. */
  catalog: CatalogState;
  /** How many store commits happened (a diagnostic for the benchmark and tests). */
  commits: number;
  commands: Commands;
};

export type DashboardStore = StoreApi<DashboardState>;

export type DashboardStoreOptions = {
  /** Points kept per series (default `SERIES_CAPACITY`: 15 minutes at 10 samples/s). */
  seriesCapacity?: number;
  /** Distinct series kept (default `MAX_SERIES`); new names beyond it are refused. */
  maxSeries?: number;
  /** Alerts kept (default `MAX_ALERTS`); the oldest resolved ones go first. */
  alertCapacity?: number;
  now?: () => number;
};

const noCommands: Commands = { ack: () => {}, reconnectNow: () => {} };

/** Names refused by the series cap, per store: so each is counted once. Not state: no one renders it. */
const ignoredNames = new WeakMap<DashboardStore, Set<string>>();

export function createDashboardStore(): DashboardStore {
  const store = createStore<DashboardState>()(() => ({
    connection: null,
    statusSince: null,
    series: new Map(),
    seriesNames: [],
    alerts: new Map(),
    alertIds: [],
    banner: null,
    recentErrors: [],
    dataProblems: NO_DATA_PROBLEMS,
    catalog: NO_CATALOG,
    commits: 0,
    commands: noCommands,
  }));
  ignoredNames.set(store, new Set());
  return store;
}

/**
 * Applies a batch of client events in one commit. Everything a frame's worth of messages
 * changes is folded into a single `setState`, so React renders once per batch, not per message.
 *
 * Each event, and each sample or alert inside one, is applied on its own: one that throws is
 * counted and skipped, and the rest of the batch still commits.
 */
export function applyEvents(
  store: DashboardStore,
  events: readonly RealtimeEvent[],
  connection: ConnectionSnapshot | null,
  options: DashboardStoreOptions = {},
): void {
  const now = options.now ?? Date.now;
  const capacity = options.seriesCapacity ?? SERIES_CAPACITY;
  const maxSeries = options.maxSeries ?? MAX_SERIES;
  const state = store.getState();
  const clock = now();
  const tally = new ProblemTally(clock);
  const ignored = ignoredNames.get(store) ?? new Set<string>();
  ignoredNames.set(store, ignored);
  let series: Map<string, SeriesEntry> | null = null;
  let seriesNames: string[] | null = null;
  let alerts: Map<string, AlertEntry> | null = null;
  /** Alerts new in this batch, oldest first. */
  const arrived: string[] = [];
  let banner = state.banner;
  let catalog: CatalogState | null = null;
  const touched = new Set<string>();

  const attempt = (kind: StoreProblemKind, what: () => string, apply: () => void) => {
    try {
      apply();
    } catch (error) {
      tally.count(kind, `${safely(what)}: ${errorText(error)}`);
    }
  };

  /** Why a sample's timestamp is refused by this client's clock, if it is. */
  const timeRefusal = (ts: number): StoreProblemKind | null => {
    if (ts > clock + MAX_SAMPLE_AHEAD_MS) return 'sample_future';
    if (ts < clock - MAX_SAMPLE_AGE_MS) return 'sample_too_old';
    return null;
  };

  const entryFor = (name: string): SeriesEntry | null => {
    const existing = (series ?? state.series).get(name);
    if (existing) return existing;
    if ((series ?? state.series).size >= maxSeries) {
      if (!ignored.has(name)) {
        if (ignored.size < MAX_IGNORED_NAMES_TRACKED) ignored.add(name);
        tally.count('series_limit', `${clip(name)}: more than ${maxSeries} distinct metric names`);
      }
      return null;
    }
    series ??= new Map(state.series);
    const entry: SeriesEntry = {
      name,
      unit: undefined,
      buffer: new RingBuffer(capacity, SERIES_INITIAL_SLOTS),
      version: 0,
      updatedAt: clock,
    };
    series.set(name, entry);
    (seriesNames ??= [...state.seriesNames]).push(name);
    return entry;
  };

  const addSample = (sample: Sample) => {
    requireSample(sample);
    const refusal = timeRefusal(sample.ts);
    if (refusal) {
      tally.count(refusal, `${clip(sample.name)}: stamped ${offsetText(sample.ts - clock)}`);
      return;
    }
    const entry = entryFor(sample.name);
    if (!entry) return;
    const last = entry.buffer.last();
    // Out-of-order samples within a series would draw a line backwards: keep time monotonic.
    if (last && sample.ts < last.ts) {
      tally.count(
        'sample_out_of_order',
        `${clip(sample.name)}: ${last.ts - sample.ts} ms before the newest point`,
      );
      return;
    }
    series ??= new Map(state.series);
    entry.buffer.push(sample.ts, sample.value);
    touched.add(sample.name);
    if (sample.unit !== undefined && entry.unit !== sample.unit) {
      series.set(sample.name, { ...entry, unit: sample.unit });
    }
  };

  const upsertAlert = (alert: Alert, at: number) => {
    if (typeof alert?.id !== 'string') throw new Error('an alert without a string id');
    alerts ??= new Map(state.alerts);
    const previous = alerts.get(alert.id);
    if (previous) {
      const history =
        previous.status === alert.status
          ? previous.history
          : appendHistory(previous.history, { status: alert.status, at });
      alerts.set(alert.id, { ...previous, ...alert, history });
      return;
    }
    alerts.set(alert.id, {
      ...alert,
      receivedAt: at,
      history: [{ status: alert.status, at: alert.ts }],
    });
    arrived.push(alert.id);
  };

  const updateAlert = (id: string, status: AlertStatus, by: string | undefined) => {
    const current = (alerts ?? state.alerts).get(id);
    // A repeated update (a replay, two servers saying the same) is not a new step in history.
    if (!current || current.status === status) return;
    alerts ??= new Map(state.alerts);
    alerts.set(id, {
      ...current,
      status,
      history: appendHistory(current.history, { status, at: now(), ...(by ? { by } : {}) }),
    });
  };

  const resetFromSnapshot = (snapshot: ServerSnapshot) => {
    // The snapshot is the truth from its first usable sample on; older local history is kept.
    const usable: Sample[] = [];
    for (const sample of snapshot.samples) {
      attempt(
        'item_failed',
        () => `snapshot sample ${clip(sample?.name)}`,
        () => {
          requireSample(sample);
          usable.push(sample);
        },
      );
    }
    const firstTs = new Map<string, number>();
    for (const sample of usable) {
      if (timeRefusal(sample.ts) === null && !firstTs.has(sample.name))
        firstTs.set(sample.name, sample.ts);
    }
    for (const [name, ts] of firstTs) {
      const entry = (series ?? state.series).get(name);
      if (entry) {
        series ??= new Map(state.series);
        entry.buffer.truncateFrom(ts);
        touched.add(name);
      }
    }
    usable.sort((a, b) => a.ts - b.ts);
    for (const sample of usable) {
      attempt(
        'item_failed',
        () => `snapshot sample ${clip(sample.name)}`,
        () => addSample(sample),
      );
    }
    for (const alert of snapshot.alerts) {
      attempt(
        'item_failed',
        () => `snapshot alert ${clip(alert?.id)}`,
        () => upsertAlert(alert, now()),
      );
    }
  };

  const applyEvent = (event: RealtimeEvent) => {
    switch (event.type) {
      case 'reset':
        // A snapshot without a catalogue (v1) keeps the one already received.
        if (event.snapshot.catalog) catalog = catalogState(event.snapshot.catalog);
        resetFromSnapshot(event.snapshot);
        break;
      case 'message': {
        const message = event.message;
        if (message.type === 'metrics') {
          for (const sample of message.samples) {
            attempt(
              'item_failed',
              () => `sample ${clip(sample?.name)}`,
              () => addSample(sample),
            );
          }
        } else if (message.type === 'alert') upsertAlert(message.alert, now());
        else if (message.type === 'alert_update')
          updateAlert(message.id, message.status, message.by);
        else if (message.type === 'status') {
          banner = { level: message.level, message: message.message, at: now() };
        } else if (message.type === 'catalog') catalog = catalogState(message);
        break;
      }
      case 'error':
        tally.detail(event.kind, event.detail);
        break;
      case 'connection':
        break;
    }
  };

  for (const event of events) {
    attempt(
      'event_failed',
      () => describeEvent(event),
      () => applyEvent(event),
    );
  }

  if (series) {
    const at = now();
    for (const name of touched) {
      const entry = (series as Map<string, SeriesEntry>).get(name);
      if (entry)
        (series as Map<string, SeriesEntry>).set(name, {
          ...entry,
          version: entry.buffer.version,
          updatedAt: at,
        });
    }
  }

  let alertIds: string[] | null = null;
  if (arrived.length > 0 && alerts) {
    const kept = alerts as Map<string, AlertEntry>;
    const { kept: ids, dropped } = trimAlertIds(
      [...arrived.reverse(), ...state.alertIds],
      options.alertCapacity ?? MAX_ALERTS,
      (id) => kept.get(id)?.status === 'resolved',
    );
    let evicted = 0;
    for (const id of dropped) {
      if (kept.get(id)?.status !== 'resolved') evicted++;
      kept.delete(id);
    }
    if (evicted > 0)
      tally.count('alert_evicted', `more than ${ids.length} alerts at once`, evicted);
    alertIds = ids;
  }

  const statusChanged = connection !== null && connection.status !== state.connection?.status;
  const dataProblems = tally.fold(state.dataProblems, state.connection, connection);

  store.setState({
    ...(connection ? { connection } : {}),
    ...(statusChanged ? { statusSince: now() } : {}),
    ...(series ? { series } : {}),
    ...(seriesNames ? { seriesNames } : {}),
    ...(alerts ? { alerts } : {}),
    ...(alertIds ? { alertIds } : {}),
    ...(catalog ? { catalog } : {}),
    ...(tally.empty ? {} : { recentErrors: tally.recentErrors(state.recentErrors) }),
    dataProblems,
    banner,
    commits: state.commits + 1,
  });
}
