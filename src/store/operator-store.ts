import { persist, type StateStorage } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AlertStatus, Severity } from '../realtime';
import {
  describeStorageError,
  emptyMarks,
  isRecord,
  LEGACY_OPERATOR_KEY,
  OPERATOR_STORAGE_VERSION,
  PREFS_KEY,
  readMarks,
  splitStorage,
  withMarks,
  type Marks,
  type PersistedOperator,
} from './operator-persistence';
import {
  DEFAULT_NOTIFY,
  QUIET_MINUTES,
  readNotifyPrefs,
  type NotifyPrefs,
  type QuietMinutes,
} from './notify-prefs';

/**
 * What this operator did and chose, kept across page reloads (zustand's persist middleware):
 * which alerts they acknowledged, which toasts they dismissed, and their view preferences.
 * Separate from the dashboard store, which holds only what the server said and is rebuilt from
 * a snapshot on every load. Marks belong to one backend (`key`); the operator's choices to the
 * backend `prefsKey` names (App gives each backend its own; without it, they are shared).
 */
export type WindowMinutes = 1 | 5 | 15;
export const WINDOW_MINUTES: readonly WindowMinutes[] = [1, 5, 15];

export type Locale = 'en' | 'ko';
export const LOCALES: readonly Locale[] = ['en', 'ko'];

export type SeverityFilter = Severity | 'all';
export type StatusFilter = AlertStatus | 'all';

export type OperatorPrefs = {
  windowMinutes: WindowMinutes;
  /** `null`: follow the browser's language. */
  locale: Locale | null;
  severity: SeverityFilter;
  status: StatusFilter;
};

/** Browser storage refused a write (quota, private mode): marks hold in memory, not on disk. */
export type StorageProblem = {
  /** Failed reads and writes since the page loaded. */
  count: number;
  /** When the latest failed (client clock). */
  at: number;
  /** The error's name, plain text (QuotaExceededError, SecurityError). */
  error: string;
};

export type OperatorState = {
  /** Alert id -> when this operator acknowledged it (client clock). No prototype: ids are opaque. */
  acknowledged: Marks;
  /** Alert id -> when its toast was dismissed or left by itself, so a reload does not toast it again. */
  dismissed: Marks;
  /** Alert id -> when a system notification was raised for it: a replay never raises another. */
  notified: Marks;
  prefs: OperatorPrefs;
  /** How this operator wants to be told about alerts (toasts, notifications, sound, quiet). */
  notify: NotifyPrefs;
  storageProblem: StorageProblem | null;
  acknowledge(id: string, at: number): void;
  dismiss(ids: readonly string[], at: number): void;
  markNotified(ids: readonly string[], at: number): void;
  setPrefs(patch: Partial<OperatorPrefs>): void;
  setNotify(patch: Partial<Omit<NotifyPrefs, 'quietUntil'>>): void;
  /** Mute non-critical toasts for `minutes` from now (store clock); other lengths are refused. */
  startQuiet(minutes: QuietMinutes): void;
  endQuiet(): void;
};

export type OperatorStore = StoreApi<OperatorState>;

export type OperatorStoreOptions = {
  /** Where to keep the state; `null` or absent keeps it in memory only (tests, private mode). */
  storage?: StateStorage | null;
  /** Storage key of this backend's marks (default `pulseboard:operator`; see `operatorKey`). */
  key?: string;
  /** Storage key of this operator's choices (default `pulseboard:prefs`, shared; see `prefsKey`). */
  prefsKey?: string;
  /** A version-1 blob to adopt while `key` is empty: give it for the deployment's own backend only. */
  legacyKey?: string;
  /** Marks kept per kind (default 1000); the oldest go first, so storage stays small. */
  capacity?: number;
  /** Client clock for `storageProblem.at` and quiet periods (default `Date.now`). */
  now?: () => number;
};

export const DEFAULT_PREFS: OperatorPrefs = {
  windowMinutes: 5,
  locale: null,
  severity: 'all',
  status: 'all',
};

const SEVERITY_FILTERS: readonly SeverityFilter[] = ['all', 'critical', 'warning', 'info'];
const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'open', 'acknowledged', 'resolved'];

type Persisted = PersistedOperator<OperatorPrefs, NotifyPrefs>;

export function createOperatorStore(options: OperatorStoreOptions = {}): OperatorStore {
  const capacity = options.capacity ?? 1_000;
  const now = options.now ?? Date.now;
  const creator = (
    set: (fn: (state: OperatorState) => Partial<OperatorState>) => void,
  ): OperatorState => ({
    acknowledged: emptyMarks(),
    dismissed: emptyMarks(),
    notified: emptyMarks(),
    prefs: DEFAULT_PREFS,
    notify: DEFAULT_NOTIFY,
    storageProblem: null,
    acknowledge: (id, at) =>
      set((state) => ({ acknowledged: withMarks(state.acknowledged, [id], at, capacity) })),
    dismiss: (ids, at) =>
      set((state) => ({ dismissed: withMarks(state.dismissed, ids, at, capacity) })),
    markNotified: (ids, at) =>
      set((state) => ({ notified: withMarks(state.notified, ids, at, capacity) })),
    setPrefs: (patch) => set((state) => ({ prefs: { ...state.prefs, ...patch } })),
    setNotify: (patch) =>
      set((state) => ({
        notify: { ...state.notify, ...patch, quietUntil: state.notify.quietUntil },
      })),
    startQuiet: (minutes) =>
      set((state) =>
        QUIET_MINUTES.includes(minutes)
          ? { notify: { ...state.notify, quietUntil: now() + minutes * 60_000 } }
          : {},
      ),
    endQuiet: () => set((state) => ({ notify: { ...state.notify, quietUntil: null } })),
  });

  if (!options.storage) return createStore<OperatorState>()(creator);

  // Hydration reads storage while the store is being created: a problem found then waits here.
  const created: { store?: OperatorStore } = {};
  let beforeCreated: StorageProblem | null = null;
  let reporting = false;
  const report = (error: unknown) => {
    // Recording the problem is itself a state change, persisted again: fail once, report once.
    if (reporting) return;
    reporting = true;
    try {
      const { store } = created;
      const previous = store ? store.getState().storageProblem : beforeCreated;
      const problem = {
        count: (previous?.count ?? 0) + 1,
        at: now(),
        error: describeStorageError(error),
      };
      if (store) store.setState({ storageProblem: problem });
      else beforeCreated = problem;
    } finally {
      reporting = false;
    }
  };
  const storage = splitStorage<OperatorPrefs, NotifyPrefs>(
    options.storage,
    {
      marks: options.key ?? LEGACY_OPERATOR_KEY,
      prefs: options.prefsKey ?? PREFS_KEY,
      sharedPrefs: PREFS_KEY,
      legacy: options.legacyKey,
    },
    report,
  );
  const store = createStore<OperatorState>()(
    persist(creator, {
      name: options.key ?? LEGACY_OPERATOR_KEY,
      version: OPERATOR_STORAGE_VERSION,
      storage,
      partialize: (state): Partial<Persisted> => ({
        acknowledged: state.acknowledged,
        dismissed: state.dismissed,
        notified: state.notified,
        prefs: state.prefs,
        notify: state.notify,
      }),
      // v1 kept the same fields in one blob (splitStorage reads it); a newer version may have
      // changed or added fields: either way keep every field that still checks out, so an
      // upgrade or a rollback costs no acks.
      migrate: (persisted) => sanitize(persisted, capacity, now()),
      merge: (persisted, current) => ({ ...current, ...sanitize(persisted, capacity, now()) }),
    }),
  );
  created.store = store;
  if (beforeCreated) {
    // Recording it writes again; that write is no new failure of the operator's.
    reporting = true;
    store.setState({ storageProblem: beforeCreated });
    reporting = false;
  }
  return store;
}

/**
 * `localStorage`, or `null` where there is none (tests, workers). Sandboxed frames and some
 * privacy settings throw on access: then every use fails the same way, so the operator store
 * reports it (`storageProblem`) instead of the page quietly forgetting the operator's marks.
 */
export function browserStorage(): StateStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch (error) {
    const refuse = (): never => {
      throw error;
    };
    return { getItem: refuse, setItem: refuse, removeItem: refuse };
  }
}

function sanitize(value: unknown, capacity: number, at: number): Partial<Persisted> {
  if (!isRecord(value)) return {};
  const out: Partial<Persisted> = {};
  const acknowledged = readMarks(value.acknowledged, capacity);
  if (acknowledged) out.acknowledged = acknowledged;
  const dismissed = readMarks(value.dismissed, capacity);
  if (dismissed) out.dismissed = dismissed;
  const notified = readMarks(value.notified, capacity);
  if (notified) out.notified = notified;
  const notify = readNotifyPrefs(value.notify, at);
  if (notify) out.notify = notify;
  if (isRecord(value.prefs)) {
    const p = value.prefs;
    out.prefs = {
      windowMinutes:
        WINDOW_MINUTES.find((m) => m === p.windowMinutes) ?? DEFAULT_PREFS.windowMinutes,
      locale: LOCALES.find((l) => l === p.locale) ?? null,
      severity: SEVERITY_FILTERS.find((s) => s === p.severity) ?? DEFAULT_PREFS.severity,
      status: STATUS_FILTERS.find((s) => s === p.status) ?? DEFAULT_PREFS.status,
    };
  }
  return out;
}
