import { describe, expect, it } from 'vitest';
import { createOperatorStore, DEFAULT_PREFS } from '../../src/store';
import { memoryStorage } from '../support/memory-storage';

describe('operator store', () => {
  it('keeps acknowledged and dismissed alerts and preferences across a reload', () => {
    const storage = memoryStorage();
    const before = createOperatorStore({ storage });
    before.getState().acknowledge('a1', 1_000);
    before.getState().dismiss(['a2', 'a3'], 2_000);
    before.getState().setPrefs({ windowMinutes: 15, locale: 'ko', severity: 'critical' });

    // A reload: a fresh store over the same storage.
    const after = createOperatorStore({ storage });
    expect(after.getState().acknowledged).toEqual({ a1: 1_000 });
    expect(after.getState().dismissed).toEqual({ a2: 2_000, a3: 2_000 });
    expect(after.getState().prefs).toEqual({
      windowMinutes: 15,
      locale: 'ko',
      severity: 'critical',
      status: 'all',
    });
  });

  it('forgets everything on reload when it has no storage', () => {
    const before = createOperatorStore();
    before.getState().acknowledge('a1', 1);
    expect(createOperatorStore().getState().acknowledged).toEqual({});
  });

  it.each([
    ['not JSON', '{oops'],
    ['a wrong shape', JSON.stringify({ state: { acknowledged: [1, 2], prefs: 'ko' }, version: 1 })],
    [
      'wrong values',
      JSON.stringify({
        state: {
          acknowledged: { a1: 'yesterday', a2: 5 },
          prefs: { windowMinutes: 7, locale: 'fr', severity: 'bad', status: 'open' },
        },
        version: 1,
      }),
    ],
  ])('starts cleanly from stored data that is %s', (_, stored) => {
    const storage = memoryStorage({ 'pulseboard:operator': stored });
    const store = createOperatorStore({ storage });
    const { acknowledged, prefs } = store.getState();
    expect(acknowledged.a1).toBeUndefined();
    expect(prefs.windowMinutes).toBe(DEFAULT_PREFS.windowMinutes);
    expect(prefs.locale).toBeNull();
  });

  it('keeps only valid fields of a partly damaged record', () => {
    const stored = JSON.stringify({
      state: { acknowledged: { a1: 'x', a2: 5 }, prefs: { windowMinutes: 1, status: 'open' } },
      version: 1,
    });
    const store = createOperatorStore({
      storage: memoryStorage({ 'pulseboard:operator': stored }),
    });
    expect(store.getState().acknowledged).toEqual({ a2: 5 });
    expect(store.getState().prefs).toMatchObject({ windowMinutes: 1, status: 'open' });
  });

  it('keeps its marks bounded, dropping the oldest first', () => {
    const store = createOperatorStore({ capacity: 3 });
    for (let i = 1; i <= 5; i++) store.getState().dismiss([`a${i}`], i);
    expect(Object.keys(store.getState().dismissed).sort()).toEqual(['a3', 'a4', 'a5']);
  });
});
