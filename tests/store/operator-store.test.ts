import { describe, expect, it } from 'vitest';
import { browserStorage, createOperatorStore, DEFAULT_PREFS } from '../../src/store';
import { OPERATOR_STORAGE_VERSION, operatorKey } from '../../src/store/operator-persistence';
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

describe('operator store: marks per backend, versions and failing storage', () => {
  const V1 = JSON.stringify({
    state: {
      acknowledged: { a1: 1_000 },
      dismissed: { a2: 2_000 },
      prefs: { windowMinutes: 15, locale: 'ko', severity: 'all', status: 'all' },
    },
    version: 1,
  });

  it('keeps acks per backend origin', () => {
    const storage = memoryStorage();
    const first = createOperatorStore({ storage, key: operatorKey('http://one.example:8080') });
    first.getState().acknowledge('a1', 1_000);
    first.getState().setPrefs({ locale: 'ko' });

    const second = createOperatorStore({ storage, key: operatorKey('https://two.example') });
    expect(second.getState().acknowledged).toEqual({});
    // View choices describe the operator, not a backend: they follow them everywhere.
    expect(second.getState().prefs.locale).toBe('ko');
    second.getState().acknowledge('a9', 9_000);

    const firstAgain = createOperatorStore({
      storage,
      key: operatorKey('http://one.example:8080'),
    });
    expect(firstAgain.getState().acknowledged).toEqual({ a1: 1_000 });
    expect([...storage.data.keys()].sort()).toEqual([
      'pulseboard:operator:http://one.example:8080',
      'pulseboard:operator:https://two.example',
      'pulseboard:prefs',
    ]);
  });

  it('migrates stored acks from version 1', () => {
    const storage = memoryStorage({ 'pulseboard:operator': V1 });
    const key = operatorKey('https://pulse.example.com');
    const store = createOperatorStore({ storage, key, legacyKey: 'pulseboard:operator' });
    expect(store.getState().acknowledged).toEqual({ a1: 1_000 });
    expect(store.getState().dismissed).toEqual({ a2: 2_000 });
    expect(store.getState().prefs).toMatchObject({ windowMinutes: 15, locale: 'ko' });
    // Written back in the new layout at once, so the next load reads version 2.
    expect(JSON.parse(storage.data.get(key) ?? 'null')).toEqual({
      state: { acknowledged: { a1: 1_000 }, dismissed: { a2: 2_000 }, notified: {} },
      version: OPERATOR_STORAGE_VERSION,
    });
    // The old blob stays for a rollback to the version that reads it.
    expect(storage.data.get('pulseboard:operator')).toBe(V1);
  });

  it('adopts a version 1 blob only where told to (the deployment’s own backend)', () => {
    const storage = memoryStorage({ 'pulseboard:operator': V1 });
    const foreign = createOperatorStore({ storage, key: operatorKey('http://other.example') });
    expect(foreign.getState().acknowledged).toEqual({});
  });

  it('keeps the acks it can read from an unknown future version', () => {
    const key = operatorKey('https://pulse.example.com');
    const future = JSON.stringify({
      state: {
        acknowledged: { a1: 1_000, a2: { at: 2_000, by: 'kim' } },
        dismissed: { a3: 3_000 },
        pinned: ['a1'],
      },
      version: 7,
    });
    const store = createOperatorStore({ storage: memoryStorage({ [key]: future }), key });
    expect(store.getState().acknowledged).toEqual({ a1: 1_000 });
    expect(store.getState().dismissed).toEqual({ a3: 3_000 });
  });

  it('a failed storage write is reported, not thrown', () => {
    const storage = memoryStorage();
    let full = false;
    const failing = {
      ...storage,
      setItem: (name: string, value: string) => {
        if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        storage.setItem(name, value);
      },
    };
    const store = createOperatorStore({ storage: failing, key: 'k', now: () => 42 });
    full = true;
    expect(() => store.getState().acknowledge('a1', 1_000)).not.toThrow();
    expect(() => store.getState().dismiss(['a2'], 2_000)).not.toThrow();
    // The marks hold in memory; only their copy on disk is behind.
    expect(store.getState().acknowledged).toEqual({ a1: 1_000 });
    expect(store.getState().storageProblem).toEqual({
      count: 2,
      at: 42,
      error: 'QuotaExceededError',
    });
  });

  it('reports a storage that cannot even be read, and starts empty', () => {
    const throwing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {},
      removeItem: () => {},
    };
    const store = createOperatorStore({ storage: throwing, key: 'k', now: () => 7 });
    expect(store.getState().acknowledged).toEqual({});
    expect(store.getState().storageProblem).toMatchObject({ error: 'SecurityError', at: 7 });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'keeps a mark for an alert whose id is %s, and none for ids never marked',
    (id) => {
      const storage = memoryStorage();
      const store = createOperatorStore({ storage, key: 'k' });
      expect(store.getState().acknowledged[id]).toBeUndefined();
      store.getState().acknowledge(id, 5);
      store.getState().dismiss([id], 6);
      expect(store.getState().acknowledged[id]).toBe(5);
      expect(store.getState().dismissed[id]).toBe(6);
      const reloaded = createOperatorStore({ storage, key: 'k' });
      expect(reloaded.getState().acknowledged[id]).toBe(5);
      expect(Object.keys(reloaded.getState().dismissed)).toEqual([id]);
    },
  );
});

describe('browserStorage', () => {
  it('reports a localStorage the browser will not let the page touch', () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    try {
      const store = createOperatorStore({ storage: browserStorage(), key: 'k' });
      expect(() => store.getState().acknowledge('a1', 1)).not.toThrow();
      expect(store.getState().acknowledged).toEqual({ a1: 1 });
      expect(store.getState().storageProblem).toMatchObject({ count: 2, error: 'SecurityError' });
    } finally {
      if (descriptor) Object.defineProperty(globalThis, 'localStorage', descriptor);
    }
  });

  it('is the page’s localStorage where it may be used', () => {
    expect(browserStorage()).toBe(globalThis.localStorage);
  });
});
