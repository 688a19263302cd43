import { persist, type PersistStorage, type StateStorage } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  DEFAULT_LAYOUT,
  hidePanel,
  movePanel,
  readLayout,
  showPanel,
  type MoveTo,
  type PanelLayout,
} from './layout';

/**
 * The operator's panel layout, kept per backend (`layoutKey`) across reloads: a different
 * backend has different metrics, so each keeps its own arrangement. Its own small store, apart
 * from the operator store, so the two never race over one blob.
 */
export const LAYOUT_STORAGE_VERSION = 1;
const LAYOUT_KEY_PREFIX = 'pulseboard:layout';

/** Where one backend's layout lives (the backend's origin, as `operatorKey` keys the marks). */
export function layoutKey(origin: string): string {
  return `${LAYOUT_KEY_PREFIX}:${origin}`;
}

export type LayoutState = {
  layout: PanelLayout;
  /** Reads and writes browser storage refused since the page loaded: the layout holds in memory only. */
  storageFailures: number;
  /** `names`: the metrics the dashboard has now, in the server's order. */
  hide(name: string, names: readonly string[]): void;
  show(name: string): void;
  /** `scope`: the names the panel moves among (its group on screen); all shown ones by default. */
  move(name: string, names: readonly string[], to: MoveTo, scope?: readonly string[]): void;
  reset(): void;
};

export type LayoutStore = StoreApi<LayoutState>;

export type LayoutStoreOptions = {
  /** Where to keep the layout; `null` or absent keeps it in memory only (tests, private mode). */
  storage?: StateStorage | null;
  /** Storage key (see `layoutKey`); default `pulseboard:layout`. */
  key?: string;
};

export function createLayoutStore(options: LayoutStoreOptions = {}): LayoutStore {
  const created: { store?: LayoutStore } = {};
  let failuresBeforeCreated = 0;
  const failed = () => {
    if (created.store) created.store.setState((s) => ({ storageFailures: s.storageFailures + 1 }));
    else failuresBeforeCreated++;
  };
  const creator = (
    set: (fn: (state: LayoutState) => Partial<LayoutState>) => void,
  ): LayoutState => ({
    layout: DEFAULT_LAYOUT,
    storageFailures: 0,
    hide: (name, names) => set((s) => ({ layout: hidePanel(s.layout, names, name) })),
    show: (name) => set((s) => ({ layout: showPanel(s.layout, name) })),
    move: (name, names, to, scope) =>
      set((s) => ({ layout: movePanel(s.layout, names, name, to, scope) })),
    reset: () => set(() => ({ layout: DEFAULT_LAYOUT })),
  });
  if (!options.storage) return createStore<LayoutState>()(creator);
  const store = createStore<LayoutState>()(
    persist(creator, {
      name: options.key ?? LAYOUT_KEY_PREFIX,
      version: LAYOUT_STORAGE_VERSION,
      storage: guardedStorage(options.storage, failed),
      partialize: (state) => state.layout,
      // Another version's layout (older or newer): whatever still checks out is kept.
      migrate: (persisted) => readLayout(persisted),
      merge: (persisted, current) => ({ ...current, layout: readLayout(persisted) }),
    }),
  );
  created.store = store;
  if (failuresBeforeCreated > 0) store.setState({ storageFailures: failuresBeforeCreated });
  return store;
}

/**
 * JSON over a storage that may throw (quota, private mode, sandboxed frames) or hold anything:
 * a failure is counted, never thrown. A write equal to the last one attempted is skipped, so
 * counting a failure (itself a state change) does not write, fail and count again.
 */
function guardedStorage(storage: StateStorage, failed: () => void): PersistStorage<PanelLayout> {
  let lastWritten: string | null = null;
  return {
    getItem(name) {
      try {
        const raw = storage.getItem(name);
        if (typeof raw !== 'string') return null;
        const value: unknown = JSON.parse(raw);
        if (typeof value !== 'object' || value === null) return null;
        const { state, version } = value as { state?: unknown; version?: unknown };
        lastWritten = raw;
        // Unchecked here on purpose: `merge` and `migrate` read every field through readLayout.
        return {
          state: state as PanelLayout,
          ...(typeof version === 'number' ? { version } : {}),
        };
      } catch (error) {
        // A damaged blob is not a broken storage: only a failing read is counted.
        if (!(error instanceof SyntaxError)) failed();
        return null;
      }
    },
    setItem(name, value) {
      const raw = JSON.stringify(value);
      if (raw === lastWritten) return;
      lastWritten = raw;
      try {
        storage.setItem(name, raw);
      } catch {
        failed();
      }
    },
    removeItem(name) {
      lastWritten = null;
      try {
        storage.removeItem(name);
      } catch {
        failed();
      }
    },
  };
}
