import { describe, expect, it } from 'vitest';
import {
  createOperatorStore,
  DEFAULT_NOTIFY,
  shouldToast,
  type NotifyPrefs,
} from '../../src/store';
import {
  OPERATOR_STORAGE_VERSION,
  operatorKey,
  prefsKey,
} from '../../src/store/operator-persistence';
import { memoryStorage } from '../support/memory-storage';

const ONE = 'http://one.example:8080';
const TWO = 'https://two.example';
const keysOf = (origin: string) => ({ key: operatorKey(origin), prefsKey: prefsKey(origin) });

describe('operator choices per backend (storage v3)', () => {
  it('keeps notification choices and view choices per backend across a reload', () => {
    const storage = memoryStorage();
    const one = createOperatorStore({ storage, ...keysOf(ONE) });
    one.getState().setNotify({ toastMin: 'warning', system: true, sound: true });
    one.getState().setPrefs({ locale: 'ko' });
    const two = createOperatorStore({ storage, ...keysOf(TWO) });
    expect(two.getState().notify).toEqual(DEFAULT_NOTIFY);
    expect(two.getState().prefs.locale).toBeNull();
    two.getState().setNotify({ notifyMin: 'warning' });

    const oneAgain = createOperatorStore({ storage, ...keysOf(ONE) });
    expect(oneAgain.getState().notify).toMatchObject({
      toastMin: 'warning',
      notifyMin: 'critical',
      system: true,
      sound: true,
    });
    expect(oneAgain.getState().prefs.locale).toBe('ko');
    expect(createOperatorStore({ storage, ...keysOf(TWO) }).getState().notify.notifyMin).toBe(
      'warning',
    );
    expect(JSON.parse(storage.data.get(prefsKey(ONE)) ?? 'null')).toMatchObject({
      state: { prefs: { locale: 'ko' }, notify: { toastMin: 'warning' } },
      version: OPERATOR_STORAGE_VERSION,
    });
  });

  it('migrates the shared version 2 view choices into the backend’s own key, leaving them for a rollback', () => {
    const shared = JSON.stringify({
      state: { prefs: { windowMinutes: 15, locale: 'ko', severity: 'critical', status: 'open' } },
      version: 2,
    });
    const marks = JSON.stringify({ state: { acknowledged: { a1: 5 }, dismissed: {} }, version: 2 });
    const storage = memoryStorage({ 'pulseboard:prefs': shared, [operatorKey(ONE)]: marks });
    const store = createOperatorStore({ storage, ...keysOf(ONE) });
    expect(store.getState().prefs).toEqual({
      windowMinutes: 15,
      locale: 'ko',
      severity: 'critical',
      status: 'open',
    });
    expect(store.getState().acknowledged).toEqual({ a1: 5 });
    expect(store.getState().notify).toEqual(DEFAULT_NOTIFY);
    // Written back at once under this backend's own key, in version 3.
    expect(JSON.parse(storage.data.get(prefsKey(ONE)) ?? 'null')).toEqual({
      state: {
        prefs: { windowMinutes: 15, locale: 'ko', severity: 'critical', status: 'open' },
        notify: DEFAULT_NOTIFY,
      },
      version: OPERATOR_STORAGE_VERSION,
    });
    expect(storage.data.get('pulseboard:prefs')).toBe(shared);

    // Once the backend has its own choices, the shared ones no longer reach it.
    store.getState().setPrefs({ locale: 'en' });
    expect(createOperatorStore({ storage, ...keysOf(ONE) }).getState().prefs.locale).toBe('en');
  });

  it('keeps only the notification choices that check out', () => {
    const stored = JSON.stringify({
      state: {
        prefs: { windowMinutes: 1 },
        notify: {
          toastMin: 'loud',
          notifyMin: 'warning',
          system: 'yes',
          sound: true,
          quietUntil: 'soon',
        },
      },
      version: 3,
    });
    const store = createOperatorStore({
      storage: memoryStorage({ [prefsKey(ONE)]: stored }),
      ...keysOf(ONE),
      now: () => 1_000,
    });
    expect(store.getState().notify).toEqual({
      toastMin: 'info',
      notifyMin: 'warning',
      system: false,
      sound: true,
      quietUntil: null,
    });
  });

  it('cuts a stored quiet period that ends beyond the longest one, and drops one that has ended', () => {
    const at = (quietUntil: number) =>
      createOperatorStore({
        storage: memoryStorage({
          [prefsKey(ONE)]: JSON.stringify({ state: { notify: { quietUntil } }, version: 3 }),
        }),
        ...keysOf(ONE),
        now: () => 1_000_000,
      }).getState().notify.quietUntil;
    expect(at(1_000_000 + 10 * 365 * 86_400_000)).toBe(1_000_000 + 60 * 60_000);
    expect(at(1_000_000 + 5 * 60_000)).toBe(1_000_000 + 5 * 60_000);
    expect(at(999_999)).toBeNull();
  });

  it('remembers which alerts raised a notification, per backend and bounded', () => {
    const storage = memoryStorage();
    const store = createOperatorStore({ storage, ...keysOf(ONE), capacity: 2 });
    store.getState().markNotified(['a1'], 1);
    store.getState().markNotified(['a2'], 2);
    store.getState().markNotified(['a3'], 3);
    const reloaded = createOperatorStore({ storage, ...keysOf(ONE), capacity: 2 });
    expect(reloaded.getState().notified).toEqual({ a2: 2, a3: 3 });
    expect(createOperatorStore({ storage, ...keysOf(TWO) }).getState().notified).toEqual({});
  });
});

describe('quiet period', () => {
  it('starts for 15, 30 or 60 minutes on the store clock, and refuses other lengths', () => {
    let now = 10_000;
    const store = createOperatorStore({ now: () => now });
    store.getState().startQuiet(30);
    expect(store.getState().notify.quietUntil).toBe(10_000 + 30 * 60_000);
    store.getState().endQuiet();
    expect(store.getState().notify.quietUntil).toBeNull();
    now = 20_000;
    store.getState().startQuiet(45 as 15);
    expect(store.getState().notify.quietUntil).toBeNull();
  });

  it('is not changed by setNotify', () => {
    const store = createOperatorStore({ now: () => 0 });
    store.getState().startQuiet(15);
    store.getState().setNotify({ sound: true, quietUntil: null } as Partial<NotifyPrefs>);
    expect(store.getState().notify.quietUntil).toBe(15 * 60_000);
  });
});

describe('shouldToast', () => {
  const prefs = (patch: Partial<NotifyPrefs>): NotifyPrefs => ({ ...DEFAULT_NOTIFY, ...patch });

  it('toasts only at or above the minimum severity', () => {
    expect(shouldToast(prefs({ toastMin: 'warning' }), 'info', 0)).toBe(false);
    expect(shouldToast(prefs({ toastMin: 'warning' }), 'warning', 0)).toBe(true);
    expect(shouldToast(prefs({ toastMin: 'critical' }), 'warning', 0)).toBe(false);
    expect(shouldToast(prefs({ toastMin: 'critical' }), 'critical', 0)).toBe(true);
  });

  it('mutes non-critical toasts while quiet, and only until the period ends', () => {
    const quiet = prefs({ quietUntil: 1_000 });
    expect(shouldToast(quiet, 'warning', 999)).toBe(false);
    expect(shouldToast(quiet, 'critical', 999)).toBe(true);
    expect(shouldToast(quiet, 'warning', 1_000)).toBe(true);
  });
});
