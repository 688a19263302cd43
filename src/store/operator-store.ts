import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AlertStatus, Severity } from '../realtime';

/**
 * What this operator did and chose, kept across page reloads (zustand's persist middleware):
 * which alerts they acknowledged, which toasts they dismissed, and their view preferences.
 * Separate from the dashboard store, which holds only what the server said and is rebuilt from
 * a snapshot on every load.
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

export type OperatorState = {
  /** Alert id -> when this operator acknowledged it (client clock). */
  acknowledged: Readonly<Record<string, number>>;
  /** Alert id -> when its toast was dismissed or left by itself, so a reload does not toast it again. */
  dismissed: Readonly<Record<string, number>>;
  prefs: OperatorPrefs;
  acknowledge(id: string, at: number): void;
  dismiss(ids: readonly string[], at: number): void;
  setPrefs(patch: Partial<OperatorPrefs>): void;
};

export type OperatorStore = StoreApi<OperatorState>;

export type OperatorStoreOptions = {
  /** Where to keep the state; `null` or absent keeps it in memory only (tests, private mode). */
  storage?: StateStorage | null;
  /** Storage key (default `pulseboard:operator`). */
  key?: string;
  /** Marks kept per kind (default 1000); the oldest go first, so storage stays small. */
  capacity?: number;
};

export const DEFAULT_PREFS: OperatorPrefs = {
  windowMinutes: 5,
  locale: null,
  severity: 'all',
  status: 'all',
};

const SEVERITY_FILTERS: readonly SeverityFilter[] = ['all', 'critical', 'warning', 'info'];
const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'open', 'acknowledged', 'resolved'];

type Persisted = Pick<OperatorState, 'acknowledged' | 'dismissed' | 'prefs'>;

export function createOperatorStore(options: OperatorStoreOptions = {}): OperatorStore {
  const capacity = options.capacity ?? 1_000;
  const creator = (
    set: (fn: (state: OperatorState) => Partial<OperatorState>) => void,
  ): OperatorState => ({
    acknowledged: {},
    dismissed: {},
    prefs: DEFAULT_PREFS,
    acknowledge: (id, at) =>
      set((state) => ({ acknowledged: bounded({ ...state.acknowledged, [id]: at }, capacity) })),
    dismiss: (ids, at) =>
      set((state) => {
        const dismissed = { ...state.dismissed };
        for (const id of ids) dismissed[id] = at;
        return { dismissed: bounded(dismissed, capacity) };
      }),
    setPrefs: (patch) => set((state) => ({ prefs: { ...state.prefs, ...patch } })),
  });

  if (!options.storage) return createStore<OperatorState>()(creator);
  const storage = options.storage;
  return createStore<OperatorState>()(
    persist(creator, {
      name: options.key ?? 'pulseboard:operator',
      version: 1,
      storage: createJSONStorage<Persisted>(() => storage),
      partialize: (state): Persisted => ({
        acknowledged: state.acknowledged,
        dismissed: state.dismissed,
        prefs: state.prefs,
      }),
      // Storage is outside input (another tab, an old version, a hand edit): take only what
      // checks out, field by field, and never let a bad value crash the dashboard.
      merge: (persisted, current) => ({ ...current, ...sanitize(persisted, capacity) }),
    }),
  );
}

/** `localStorage` when the page may use it; private modes and sandboxed frames throw on access. */
export function browserStorage(): StateStorage | null {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return null;
    const probe = 'pulseboard:probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

function sanitize(value: unknown, capacity: number): Partial<Persisted> {
  if (!isRecord(value)) return {};
  const out: Partial<Persisted> = {};
  if (isRecord(value.acknowledged)) out.acknowledged = bounded(marks(value.acknowledged), capacity);
  if (isRecord(value.dismissed)) out.dismissed = bounded(marks(value.dismissed), capacity);
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

function marks(value: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, at] of Object.entries(value)) {
    if (typeof at === 'number' && Number.isFinite(at)) out[id] = at;
  }
  return out;
}

function bounded(marks: Record<string, number>, capacity: number): Record<string, number> {
  const entries = Object.entries(marks);
  if (entries.length <= capacity) return marks;
  entries.sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(entries.slice(0, capacity));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
