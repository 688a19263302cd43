import type { StateStorage } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TopicInfo } from '../realtime';
import { describeStorageError, isRecord } from './operator-persistence';

/**
 * Which topics this operator turned on or off, per backend (a topic id means something only to
 * the backend that named it), kept across reloads. Only explicit choices are stored: a topic the
 * operator never touched follows the catalogue's `default`, so a backend that later makes a topic
 * default still reaches operators who never chose.
 *
 * Storage is outside input (another tab, another version, a hand edit): it is read entry by
 * entry, bounded, and a storage that throws is reported, never thrown.
 */
export const TOPIC_CHOICE_VERSION = 1;
/** Choices kept per backend; the oldest go first. A backend lists at most 200 topics. */
export const MAX_TOPIC_CHOICES = 400;
const MAX_TOPIC_CHARS = 200;

export function topicChoiceKey(origin: string): string {
  return `pulseboard:topics:${origin}`;
}

export type TopicChoiceState = {
  /** Topic id -> on (true) or off (false), in the order chosen, latest last. */
  chosen: ReadonlyMap<string, boolean>;
  /** Failed reads and writes of storage since load; the choice holds in memory regardless. */
  storageProblems: number;
  lastStorageError: string | null;
  /** Where the choice is kept (`null`: memory only), so another tab's change can be followed. */
  storageKey: string | null;
  choose(id: string, on: boolean): void;
  /** Reads the stored choice again: another tab of this browser changed it. */
  reload(): void;
};

export type TopicChoiceStore = StoreApi<TopicChoiceState>;

export type TopicChoiceOptions = {
  /** `null` or absent: memory only (tests, private mode). */
  storage?: StateStorage | null;
  /** See `topicChoiceKey`. */
  key?: string;
};

export function createTopicChoiceStore(options: TopicChoiceOptions = {}): TopicChoiceStore {
  const storage = options.storage ?? null;
  const key = options.key ?? topicChoiceKey('');
  let problems = 0;
  let lastError: string | null = null;
  const failed = (error: unknown) => {
    problems++;
    lastError = describeStorageError(error);
  };
  const read = (): Map<string, boolean> => {
    if (!storage) return new Map();
    try {
      const raw = storage.getItem(key);
      return typeof raw === 'string' ? readChoices(raw) : new Map();
    } catch (error) {
      failed(error);
      return new Map();
    }
  };
  const store = createStore<TopicChoiceState>()((set, get) => ({
    chosen: read(),
    storageProblems: problems,
    lastStorageError: lastError,
    storageKey: storage ? key : null,
    reload() {
      const chosen = read();
      const current = get().chosen;
      const same =
        chosen.size === current.size && [...chosen].every(([id, on]) => current.get(id) === on);
      set({ ...(same ? {} : { chosen }), storageProblems: problems, lastStorageError: lastError });
    },
    choose(id, on) {
      if (typeof id !== 'string' || id === '' || id.length > MAX_TOPIC_CHARS) return;
      const chosen = new Map(get().chosen);
      // Re-inserted, so the latest choice is the last one dropped when the bound is reached.
      chosen.delete(id);
      chosen.set(id, on);
      while (chosen.size > MAX_TOPIC_CHOICES) chosen.delete(chosen.keys().next().value as string);
      if (storage) {
        try {
          const entries = [...chosen];
          storage.setItem(key, JSON.stringify({ version: TOPIC_CHOICE_VERSION, chosen: entries }));
        } catch (error) {
          failed(error);
        }
      }
      set({ chosen, storageProblems: problems, lastStorageError: lastError });
    },
  }));
  return store;
}

/** `{ version, chosen: [[id, on], ...] }`, entry by entry; anything else is nothing chosen. */
export function readChoices(raw: string): Map<string, boolean> {
  const chosen = new Map<string, boolean>();
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return chosen;
  }
  if (!isRecord(value) || !Array.isArray(value.chosen)) return chosen;
  for (const entry of value.chosen.slice(-MAX_TOPIC_CHOICES)) {
    if (!Array.isArray(entry) || entry.length !== 2) continue;
    const [id, on] = entry as unknown[];
    if (typeof id !== 'string' || id === '' || id.length > MAX_TOPIC_CHARS) continue;
    if (typeof on !== 'boolean') continue;
    chosen.delete(id);
    chosen.set(id, on);
  }
  return chosen;
}

/**
 * The topics to be subscribed: the operator's choice where they made one; else, for a topic the
 * catalogue lists, its `default`; else whatever the client subscribes by itself (`base`: the
 * `metrics` and `alerts` every dashboard needs).
 */
export function subscribedTopics(
  base: readonly string[],
  catalogTopics: readonly TopicInfo[],
  chosen: ReadonlyMap<string, boolean>,
): Set<string> {
  const topics = new Set(base);
  for (const topic of catalogTopics) {
    if (topic.default === true) topics.add(topic.id);
    else topics.delete(topic.id);
  }
  for (const [id, on] of chosen) {
    if (on) topics.add(id);
    else topics.delete(id);
  }
  return topics;
}
