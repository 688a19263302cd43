import type { PersistStorage, StateStorage, StorageValue } from 'zustand/middleware';

/**
 * How the operator's marks and choices are laid out in browser storage, and how a blob
 * written by another version of the dashboard is read (docs/security.md, "Browser storage").
 *
 * - v1: one blob per browser, `pulseboard:operator` = { acknowledged, dismissed, prefs }.
 * - v2: marks per backend origin, `pulseboard:operator:<origin>` = { acknowledged, dismissed },
 *   so an ack made against one backend is never applied to another; view choices shared by
 *   every backend, `pulseboard:prefs` = { prefs }.
 * - v3: marks per backend gain `notified` (alerts a system notification was raised for, so a
 *   replayed alert is not announced twice); the operator's choices move per backend too,
 *   `pulseboard:prefs:<origin>` = { prefs, notify }, because what deserves a toast or a
 *   notification depends on the backend. A backend without its own choices yet starts from the
 *   v2 shared ones, which stay untouched for a rollback.
 *
 * Storage is outside input (another tab, an older or newer version, a hand edit): it is read
 * field by field, and a storage that throws (quota, private mode) is reported, never thrown.
 */
export const OPERATOR_STORAGE_VERSION = 3;
export const LEGACY_OPERATOR_KEY = 'pulseboard:operator';
export const PREFS_KEY = 'pulseboard:prefs';

/** Where one backend's marks live. */
export function operatorKey(origin: string): string {
  return `${LEGACY_OPERATOR_KEY}:${origin}`;
}

/** Where the operator's choices for one backend live. */
export function prefsKey(origin: string): string {
  return `${PREFS_KEY}:${origin}`;
}

export type Marks = Readonly<Record<string, number>>;

export type PersistedOperator<Prefs, Notify> = {
  acknowledged: Marks;
  dismissed: Marks;
  notified: Marks;
  prefs: Prefs;
  notify: Notify;
};

export type StorageKeys = {
  /** This backend's marks. */
  marks: string;
  /** The operator's choices (view and notification) for this backend. */
  prefs: string;
  /** Choices read while `prefs` holds nothing yet (v2's shared view choices); never written. */
  sharedPrefs?: string | undefined;
  /** A v1 blob adopted while `marks` holds nothing yet (the deployment's own backend only). */
  legacy?: string | undefined;
};

/**
 * A zustand `PersistStorage` over two keys. Writes that fail are passed to `onError` and
 * otherwise ignored: the state in memory stays right, only its copy on disk is behind.
 */
export function splitStorage<Prefs, Notify>(
  storage: StateStorage,
  keys: StorageKeys,
  onError: (error: unknown) => void,
): PersistStorage<Partial<PersistedOperator<Prefs, Notify>>> {
  const written = new Map<string, string>();
  let readFailure: unknown = null;
  const read = (key: string): { state?: unknown; version?: unknown } | null => {
    try {
      const raw = storage.getItem(key);
      if (typeof raw !== 'string') return null;
      const value: unknown = JSON.parse(raw);
      return isRecord(value) ? value : null;
    } catch (error) {
      // A damaged blob is not a broken storage: only a failing read is worth reporting.
      if (!(error instanceof SyntaxError)) readFailure ??= error;
      return null;
    }
  };
  /** Writes every key it can; the first failure is returned, so one save reports once. */
  const write = (entries: readonly (readonly [string, string])[]): unknown => {
    let failure: unknown = null;
    for (const [key, value] of entries) {
      if (written.get(key) === value) continue;
      try {
        storage.setItem(key, value);
        written.set(key, value);
      } catch (error) {
        failure ??= error;
      }
    }
    return failure;
  };
  return {
    getItem(): StorageValue<Partial<PersistedOperator<Prefs, Notify>>> | null {
      readFailure = null;
      const marks = read(keys.marks) ?? (keys.legacy ? read(keys.legacy) : null);
      const ownPrefs = read(keys.prefs);
      const prefs =
        ownPrefs ??
        (keys.sharedPrefs && keys.sharedPrefs !== keys.prefs ? read(keys.sharedPrefs) : null);
      if (readFailure !== null) onError(readFailure);
      if (!marks && !prefs) return null;
      const marksState = isRecord(marks?.state) ? marks.state : {};
      const prefsState = isRecord(prefs?.state) ? prefs.state : {};
      const state = {
        ...marksState,
        ...('prefs' in prefsState ? { prefs: prefsState.prefs } : {}),
        ...('notify' in prefsState ? { notify: prefsState.notify } : {}),
      };
      // The oldest version read decides: anything older is migrated and written back at once,
      // so choices found under the shared key get a key of this backend's own.
      const versions = [marks?.version, ownPrefs ? ownPrefs.version : prefs ? 0 : undefined]
        .filter((v): v is number => typeof v === 'number')
        .sort((a, b) => a - b);
      const version = versions[0];
      // Unchecked on purpose: `migrate` and `merge` read every field before it is used.
      return {
        state: state as Partial<PersistedOperator<Prefs, Notify>>,
        ...(version !== undefined ? { version } : {}),
      };
    },
    setItem(_name, { state, version }) {
      const entries: [string, string][] = [];
      if (state.acknowledged && state.dismissed) {
        const marks = {
          acknowledged: state.acknowledged,
          dismissed: state.dismissed,
          notified: state.notified ?? emptyMarks(),
        };
        entries.push([keys.marks, JSON.stringify({ state: marks, version })]);
      }
      if (state.prefs) {
        const choices = { prefs: state.prefs, ...(state.notify ? { notify: state.notify } : {}) };
        entries.push([keys.prefs, JSON.stringify({ state: choices, version })]);
      }
      const failure = write(entries);
      if (failure !== null) onError(failure);
    },
    removeItem() {
      for (const key of [keys.marks, keys.prefs]) {
        written.delete(key);
        try {
          storage.removeItem(key);
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}

/** Alert id -> time, from whatever was stored: finite numbers only, ids kept as opaque strings. */
export function readMarks(value: unknown, capacity: number): Marks | undefined {
  if (!isRecord(value)) return undefined;
  const out = emptyMarks();
  for (const [id, at] of Object.entries(value)) {
    if (typeof at === 'number' && Number.isFinite(at)) out[id] = at;
  }
  return bounded(out, capacity);
}

/**
 * Marks are keyed by ids the backend chose: a record without a prototype, so `__proto__`,
 * `constructor` or `toString` are ids like any other, never Object.prototype's members.
 */
export function emptyMarks(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}

export function withMarks(
  marks: Marks,
  ids: readonly string[],
  at: number,
  capacity: number,
): Marks {
  const out = emptyMarks();
  for (const [id, time] of Object.entries(marks)) out[id] = time;
  for (const id of ids) out[id] = at;
  return bounded(out, capacity);
}

/** At most `capacity` marks: the oldest go first, so storage stays small. */
function bounded(marks: Record<string, number>, capacity: number): Marks {
  const entries = Object.entries(marks);
  if (entries.length <= capacity) return marks;
  entries.sort((a, b) => b[1] - a[1]);
  const out = emptyMarks();
  for (const [id, at] of entries.slice(0, capacity)) out[id] = at;
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Plain text for the operator and the log: the error's name (QuotaExceededError, SecurityError). */
export function describeStorageError(error: unknown): string {
  const name =
    isRecord(error) || error instanceof Error ? (error as { name?: unknown }).name : null;
  return typeof name === 'string' && name !== '' ? name : 'Error';
}
