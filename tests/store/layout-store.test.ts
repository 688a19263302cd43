import { describe, expect, it } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import { arrange } from '../../src/store/layout';
import { createLayoutStore, LAYOUT_STORAGE_VERSION, layoutKey } from '../../src/store/layout-store';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  const storage: StateStorage & { data: Map<string, string> } = {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
  return storage;
}

const NAMES = ['a', 'b', 'c'];
const KEY = layoutKey('https://plant-a.example');

describe('the layout store', () => {
  it('keeps the layout across a reload, under the backend’s own key', () => {
    const storage = memoryStorage();
    const first = createLayoutStore({ storage, key: KEY });
    first.getState().hide('b', NAMES);
    first.getState().move('c', NAMES, 'first');
    expect(JSON.parse(storage.data.get(KEY) ?? 'null')).toEqual({
      // The hidden panel keeps its slot among the others, to come back where it was.
      state: { order: ['c', 'b', 'a'], hidden: ['b'] },
      version: LAYOUT_STORAGE_VERSION,
    });
    const reloaded = createLayoutStore({ storage, key: KEY });
    expect(arrange(NAMES, reloaded.getState().layout)).toEqual({
      visible: ['c', 'a'],
      hidden: ['b'],
    });
  });

  it('keeps each backend’s layout apart', () => {
    const storage = memoryStorage();
    createLayoutStore({ storage, key: KEY }).getState().hide('a', NAMES);
    const other = createLayoutStore({ storage, key: layoutKey('https://plant-b.example') });
    expect(other.getState().layout.hidden).toEqual([]);
  });

  it('resets to the server order with nothing hidden, and saves that', () => {
    const storage = memoryStorage();
    const store = createLayoutStore({ storage, key: KEY });
    store.getState().hide('a', NAMES);
    store.getState().reset();
    expect(arrange(NAMES, createLayoutStore({ storage, key: KEY }).getState().layout)).toEqual({
      visible: NAMES,
      hidden: [],
    });
  });

  it('ignores a damaged or hostile stored layout and starts from the default', () => {
    for (const raw of ['{not json', 'null', '"x"', '{"state":{"order":"a","hidden":[1,{}]}}']) {
      const store = createLayoutStore({ storage: memoryStorage({ [KEY]: raw }), key: KEY });
      expect(store.getState().layout, raw).toEqual({ order: [], hidden: [] });
      expect(store.getState().storageFailures).toBe(0);
    }
  });

  it('reads what still checks out of another version’s layout', () => {
    const raw = JSON.stringify({ state: { order: ['b', 'a'], hidden: ['c', 5] }, version: 99 });
    const store = createLayoutStore({ storage: memoryStorage({ [KEY]: raw }), key: KEY });
    expect(arrange(NAMES, store.getState().layout)).toEqual({ visible: ['b', 'a'], hidden: ['c'] });
  });

  it('counts a storage that refuses, keeping the layout in memory, and does not loop on it', () => {
    let writes = 0;
    const refusing: StateStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        writes++;
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const store = createLayoutStore({ storage: refusing, key: KEY });
    // The read, and the write of the default layout that hydration makes.
    expect(store.getState().storageFailures).toBe(2);
    expect(writes).toBe(1);
    store.getState().hide('a', NAMES);
    expect(store.getState().layout.hidden).toEqual(['a']);
    // One write tried, one failure counted: counting it wrote nothing more.
    expect(writes).toBe(2);
    expect(store.getState().storageFailures).toBe(3);
  });

  it('keeps the layout in memory only without a storage', () => {
    const store = createLayoutStore();
    store.getState().hide('a', NAMES);
    expect(store.getState().layout.hidden).toEqual(['a']);
  });
});
