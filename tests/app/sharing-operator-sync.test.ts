import { describe, expect, it } from 'vitest';
import { syncOperatorAcrossTabs } from '../../src/app/sharing/operator-sync';
import { createOperatorStore } from '../../src/store';

const KEY = 'pulseboard:operator:http://b.test';

/** A window that only dispatches what the test hands it, as another tab's write would. */
function fakeWindow() {
  const target = new EventTarget();
  return {
    win: target as unknown as Window,
    storage(key: string | null, newValue: string | null) {
      target.dispatchEvent(Object.assign(new Event('storage'), { key, newValue }));
    },
  };
}

const blob = (acknowledged: object, dismissed: object = {}) =>
  JSON.stringify({ state: { acknowledged, dismissed }, version: 2 });

describe('syncOperatorAcrossTabs', () => {
  it("shows another tab's ack and dismissal in this tab", () => {
    const store = createOperatorStore();
    const { win, storage } = fakeWindow();
    syncOperatorAcrossTabs(store, KEY, win);
    storage(KEY, blob({ 'al-1': 100 }, { 'al-2': 200 }));
    expect(store.getState().acknowledged['al-1']).toBe(100);
    expect(store.getState().dismissed['al-2']).toBe(200);
  });

  it("keeps this tab's own marks when another tab writes without them", () => {
    const store = createOperatorStore();
    store.getState().acknowledge('mine', 50);
    const { win, storage } = fakeWindow();
    syncOperatorAcrossTabs(store, KEY, win);
    storage(KEY, blob({ theirs: 60 }));
    expect(Object.keys(store.getState().acknowledged).sort()).toEqual(['mine', 'theirs']);
  });

  it('ignores other keys, damaged blobs and marks that are not times', () => {
    const store = createOperatorStore();
    const { win, storage } = fakeWindow();
    syncOperatorAcrossTabs(store, KEY, win);
    storage('pulseboard:operator:http://other.test', blob({ elsewhere: 1 }));
    storage(KEY, '{not json');
    storage(KEY, blob({ bad: 'yesterday', __proto__: 3 }));
    storage(null, null);
    expect(Object.keys(store.getState().acknowledged)).toEqual([]);
  });

  it('stops listening when unsubscribed', () => {
    const store = createOperatorStore();
    const { win, storage } = fakeWindow();
    syncOperatorAcrossTabs(store, KEY, win)();
    storage(KEY, blob({ late: 1 }));
    expect(Object.keys(store.getState().acknowledged)).toEqual([]);
  });
});
