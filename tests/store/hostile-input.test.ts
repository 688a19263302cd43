import { describe, expect, it } from 'vitest';
import type { Alert, RealtimeEvent, Sample } from '../../src/realtime';
import {
  applyEvents,
  createDashboardStore,
  LIMITS,
  RingBuffer,
  type DashboardStore,
} from '../../src/store';
import { alertEvent, alertFixture, connectionFixture, metricsEvent } from '../support/fixtures';

const NOW = Date.UTC(2026, 1, 7, 5, 0, 0);
const clock = { now: () => NOW };
const apply = (store: DashboardStore, events: RealtimeEvent[], options = {}) =>
  applyEvents(store, events, null, { ...clock, ...options });
const count = (store: DashboardStore, kind: string) =>
  store.getState().dataProblems.counts.get(kind as never) ?? 0;
const tsOf = (store: DashboardStore, name: string) =>
  store
    .getState()
    .series.get(name)
    ?.buffer.toArray()
    .map((p) => p.ts) ?? [];
const snapshot = (samples: Sample[], alerts: Alert[]): RealtimeEvent => ({
  type: 'reset',
  snapshot: { epoch: 'e2', seq: 10, samples, alerts },
});
/** What a worker boundary or a bug could deliver despite the types. */
const malformed = (value: unknown) => value as never;

describe('dashboard store: one bad item costs only itself', () => {
  it('keeps an alert whose id is __proto__, constructor or toString', () => {
    const store = createDashboardStore();
    const ids = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    apply(store, [
      metricsEvent([{ name: 'constructor', ts: NOW, value: 1 }]),
      ...ids.map((id) => alertEvent(alertFixture({ id, ts: NOW }))),
      {
        type: 'message',
        message: { type: 'alert_update', seq: 9, id: '__proto__', status: 'acknowledged' },
      },
    ]);
    const state = store.getState();
    expect(state.alertIds).toEqual([...ids].reverse());
    for (const id of ids) expect(state.alerts.get(id)?.id).toBe(id);
    expect(state.alerts.get('__proto__')?.status).toBe('acknowledged');
    expect(tsOf(store, 'constructor')).toEqual([NOW]);
    expect(state.dataProblems.total).toBe(0);
  });

  it('a failing event costs only itself: the rest of the batch applies', () => {
    const store = createDashboardStore();
    apply(store, [
      metricsEvent([{ name: 'temp', ts: NOW - 2, value: 1 }]),
      malformed({ type: 'message', message: { type: 'metrics', seq: 2, samples: null } }),
      malformed(null),
      alertEvent(alertFixture({ id: 'after', ts: NOW })),
      metricsEvent([{ name: 'temp', ts: NOW - 1, value: 2 }]),
    ]);
    const state = store.getState();
    expect(state.commits).toBe(1);
    expect(tsOf(store, 'temp')).toEqual([NOW - 2, NOW - 1]);
    expect(state.alertIds).toEqual(['after']);
    expect(count(store, 'event_failed')).toBe(2);
    expect(state.recentErrors[0]).toMatchObject({ kind: 'event_failed', at: NOW });
  });

  it('a bad sample in a metrics message costs only itself', () => {
    const store = createDashboardStore();
    apply(store, [
      metricsEvent([
        { name: 'a', ts: NOW, value: 1 },
        malformed({ name: 'a', ts: 'soon', value: 2 }),
        { name: 'b', ts: NOW, value: 3 },
      ]),
    ]);
    expect(tsOf(store, 'a')).toEqual([NOW]);
    expect(tsOf(store, 'b')).toEqual([NOW]);
    expect(count(store, 'item_failed')).toBe(1);
  });

  it('a snapshot with one bad item keeps the others', () => {
    const store = createDashboardStore();
    apply(store, [
      snapshot(
        [
          { name: 't', ts: NOW - 2_000, value: 1 },
          malformed(null),
          malformed({ name: 't', value: 5 }),
          { name: 't', ts: NOW - 1_000, value: 2 },
        ],
        [alertFixture({ id: 'x1', ts: NOW }), malformed(null), alertFixture({ id: 'x2', ts: NOW })],
      ),
    ]);
    expect(tsOf(store, 't')).toEqual([NOW - 2_000, NOW - 1_000]);
    expect(store.getState().alertIds).toEqual(['x2', 'x1']);
    expect(count(store, 'item_failed')).toBe(3);
  });
});

describe('dashboard store: bounds on everything kept', () => {
  it('refuses new metric names beyond the series cap and counts them', () => {
    const store = createDashboardStore();
    const names = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => `m${from + i}`);
    const frame = (list: string[], ts: number) =>
      metricsEvent(list.map((name) => ({ name, ts, value: 1 })));
    apply(store, [frame(names(0, 2_500), NOW - 1_000)]);
    // The same refused names again are not counted again; known names keep flowing.
    apply(store, [frame(names(0, 2_500), NOW)]);
    const state = store.getState();
    expect(state.series.size).toBe(LIMITS.MAX_SERIES);
    expect(state.seriesNames).toHaveLength(LIMITS.MAX_SERIES);
    expect(tsOf(store, 'm0')).toEqual([NOW - 1_000, NOW]);
    expect(state.series.has(`m${LIMITS.MAX_SERIES}`)).toBe(false);
    expect(count(store, 'series_limit')).toBe(2_500 - LIMITS.MAX_SERIES);
    expect(state.dataProblems.since).toBe(NOW);
  });

  it('allocates series memory as it fills', () => {
    const buffer = new RingBuffer(9_000);
    expect(buffer.allocated).toBeLessThanOrEqual(64);
    for (let i = 0; i < 100; i++) buffer.push(i, i * 2);
    expect(buffer.allocated).toBeGreaterThanOrEqual(100);
    expect(buffer.allocated).toBeLessThan(400);
    expect(buffer.toArray().slice(0, 2)).toEqual([
      { ts: 0, value: 0 },
      { ts: 1, value: 2 },
    ]);
    for (let i = 100; i < 20_000; i++) buffer.push(i, i * 2);
    expect(buffer.allocated).toBe(9_000);
    expect(buffer.size).toBe(9_000);
    expect(buffer.toArray()[0]).toEqual({ ts: 11_000, value: 22_000 });
    expect(buffer.last()).toEqual({ ts: 19_999, value: 39_998 });
    expect(buffer.lowerBound(15_000)).toBe(4_000);
  });

  it('keeps the toArray cache across reads and drops it on a push, also while growing', () => {
    const buffer = new RingBuffer(1_000, 4);
    for (let i = 0; i < 4; i++) buffer.push(i, i);
    const first = buffer.toArray();
    expect(buffer.toArray()).toBe(first);
    buffer.push(4, 4);
    expect(buffer.toArray()).not.toBe(first);
    expect(buffer.toArray().map((p) => p.ts)).toEqual([0, 1, 2, 3, 4]);
  });

  it('a series starts small in the store, not with a full window', () => {
    const store = createDashboardStore();
    apply(store, [metricsEvent([{ name: 't', ts: NOW, value: 1 }])]);
    // Eight slots: small enough for V8 to keep them in the array object itself.
    expect(store.getState().series.get('t')?.buffer.allocated).toBe(8);
  });

  it('trims alerts in one pass (10,000 alerts in a batch stay bounded)', () => {
    const store = createDashboardStore();
    apply(store, [
      alertEvent(alertFixture({ id: 'old-open', ts: NOW })),
      alertEvent(alertFixture({ id: 'old-resolved', ts: NOW, status: 'resolved' })),
    ]);
    const storm = Array.from({ length: 10_000 }, (_, i) =>
      alertEvent(alertFixture({ id: `s${i}`, ts: NOW, status: i < 100 ? 'resolved' : 'open' })),
    );
    const started = performance.now();
    apply(store, storm);
    const elapsed = performance.now() - started;
    const state = store.getState();
    expect(state.alertIds).toHaveLength(LIMITS.MAX_ALERTS);
    expect(state.alerts.size).toBe(LIMITS.MAX_ALERTS);
    // Newest first, and the newest are the ones kept.
    expect(state.alertIds[0]).toBe('s9999');
    expect(state.alertIds[LIMITS.MAX_ALERTS - 1]).toBe(`s${10_000 - LIMITS.MAX_ALERTS}`);
    for (const id of state.alertIds) expect(state.alerts.has(id)).toBe(true);
    // Resolved ones went first (101 of them), then the oldest open ones; the latter are counted.
    expect(count(store, 'alert_evicted')).toBe(10_002 - LIMITS.MAX_ALERTS - 101);
    // Quadratic trimming took seconds here; a linear pass takes milliseconds.
    expect(elapsed).toBeLessThan(1_000);
  });

  it('keeps a snapshot within the alert cap', () => {
    const store = createDashboardStore();
    const alerts = Array.from({ length: 800 }, (_, i) => alertFixture({ id: `a${i}`, ts: NOW }));
    apply(store, [snapshot([], alerts)], { alertCapacity: 300 });
    expect(store.getState().alertIds).toHaveLength(300);
    expect(store.getState().alerts.size).toBe(300);
    expect(store.getState().alertIds[0]).toBe('a799');
  });

  it('drops the oldest resolved alert before any open one', () => {
    const store = createDashboardStore();
    apply(
      store,
      [
        alertEvent(alertFixture({ id: 'open-1', ts: NOW })),
        alertEvent(alertFixture({ id: 'resolved-1', ts: NOW, status: 'resolved' })),
        alertEvent(alertFixture({ id: 'open-2', ts: NOW })),
        alertEvent(alertFixture({ id: 'open-3', ts: NOW })),
      ],
      { alertCapacity: 3 },
    );
    expect(store.getState().alertIds).toEqual(['open-3', 'open-2', 'open-1']);
    expect(count(store, 'alert_evicted')).toBe(0);
  });

  it('bounds an alert history', () => {
    const store = createDashboardStore();
    apply(store, [alertEvent(alertFixture({ id: 'flap', ts: NOW - 1 }))]);
    const statuses = ['acknowledged', 'open'] as const;
    for (let i = 0; i < 500; i++) {
      apply(store, [
        {
          type: 'message',
          message: { type: 'alert_update', seq: i, id: 'flap', status: statuses[i % 2]! },
        },
      ]);
      apply(store, [alertEvent(alertFixture({ id: 'flap', ts: NOW - 1, status: 'resolved' }))]);
    }
    const history = store.getState().alerts.get('flap')?.history ?? [];
    expect(history).toHaveLength(LIMITS.MAX_ALERT_HISTORY);
    // The first (when it opened) and the newest stay.
    expect(history[0]).toEqual({ status: 'open', at: NOW - 1 });
    expect(history.at(-1)?.status).toBe('resolved');
    expect(history.at(-2)?.status).toBe('open');
  });
});

describe('dashboard store: timestamps the client will not obey', () => {
  it('refuses a sample stamped ten years ahead and keeps accepting later samples', () => {
    const store = createDashboardStore();
    const tenYears = 10 * 365 * 24 * 3_600_000;
    apply(store, [metricsEvent([{ name: 't', ts: NOW - 2_000, value: 1 }])]);
    const before = store.getState().series.get('t');
    apply(store, [metricsEvent([{ name: 't', ts: NOW + tenYears, value: 99 }])]);
    // Refused, it does not count as news: the panel can still go stale if nothing else comes.
    expect(store.getState().series.get('t')).toBe(before);
    apply(store, [metricsEvent([{ name: 't', ts: NOW - 1_000, value: 2 }])]);
    apply(store, [metricsEvent([{ name: 't', ts: NOW, value: 3 }])]);
    expect(tsOf(store, 't')).toEqual([NOW - 2_000, NOW - 1_000, NOW]);
    expect(count(store, 'sample_future')).toBe(1);
    expect(count(store, 'sample_out_of_order')).toBe(0);
  });

  it('accepts a sample a little ahead of this clock (skew within five minutes)', () => {
    const store = createDashboardStore();
    apply(store, [metricsEvent([{ name: 't', ts: NOW + LIMITS.MAX_SAMPLE_AHEAD_MS, value: 1 }])]);
    expect(tsOf(store, 't')).toEqual([NOW + LIMITS.MAX_SAMPLE_AHEAD_MS]);
    expect(store.getState().dataProblems.total).toBe(0);
  });

  it('refuses a sample older than the window', () => {
    const store = createDashboardStore();
    apply(store, [
      metricsEvent([
        { name: 't', ts: NOW - LIMITS.MAX_SAMPLE_AGE_MS - 1, value: 1 },
        { name: 't', ts: NOW - LIMITS.MAX_SAMPLE_AGE_MS, value: 2 },
      ]),
    ]);
    expect(LIMITS.MAX_SAMPLE_AGE_MS).toBe(15 * 60_000);
    expect(tsOf(store, 't')).toEqual([NOW - LIMITS.MAX_SAMPLE_AGE_MS]);
    expect(count(store, 'sample_too_old')).toBe(1);
  });

  it('refuses a snapshot sample from the future without wiping the history it does not replace', () => {
    const store = createDashboardStore();
    apply(store, [metricsEvent([{ name: 't', ts: NOW - 5_000, value: 1 }])]);
    apply(store, [
      snapshot(
        [
          { name: 't', ts: NOW + 3_600_000, value: 9 },
          { name: 't', ts: NOW - 1_000, value: 2 },
        ],
        [],
      ),
    ]);
    expect(tsOf(store, 't')).toEqual([NOW - 5_000, NOW - 1_000]);
    expect(count(store, 'sample_future')).toBe(1);
  });

  it('counts an out-of-order sample as refused rather than drawing backwards', () => {
    const store = createDashboardStore();
    apply(store, [metricsEvent([{ name: 't', ts: NOW, value: 1 }])]);
    const before = store.getState().series.get('t');
    apply(store, [metricsEvent([{ name: 't', ts: NOW - 500, value: 2 }])]);
    expect(tsOf(store, 't')).toEqual([NOW]);
    expect(count(store, 'sample_out_of_order')).toBe(1);
    // Nothing was received for the series: it is not made to look fresh.
    expect(store.getState().series.get('t')).toBe(before);
  });
});

describe('dashboard store: data problems', () => {
  it('adds the client counts to its own, read generically from the connection snapshot', () => {
    const store = createDashboardStore();
    const errors = (invalid: number, gap: number) =>
      connectionFixture({
        errors: { ...connectionFixture().errors, invalid_json: invalid, sequence_gap: gap },
      });
    applyEvents(store, [], errors(0, 0), clock);
    expect(store.getState().dataProblems.total).toBe(0);
    expect(store.getState().dataProblems.since).toBeNull();

    applyEvents(
      store,
      [
        { type: 'error', kind: 'invalid_json', detail: 'Unexpected token <' },
        metricsEvent([{ name: 't', ts: NOW + 3_600_000, value: 1 }]),
      ],
      errors(3, 1),
      clock,
    );
    const problems = store.getState().dataProblems;
    expect(problems.counts.get('invalid_json')).toBe(3);
    expect(problems.counts.get('sequence_gap')).toBe(1);
    expect(problems.counts.get('sample_future')).toBe(1);
    expect(problems.total).toBe(5);
    expect(problems.since).toBe(NOW);
    expect(problems.last.get('invalid_json')?.detail).toBe('Unexpected token <');

    // A new client starts again from zero: its counts add to the ones already shown.
    applyEvents(store, [], errors(0, 0), clock);
    applyEvents(store, [], errors(2, 0), clock);
    expect(store.getState().dataProblems.counts.get('invalid_json')).toBe(5);
  });

  it('leaves the data-problems object alone when nothing new went wrong', () => {
    const store = createDashboardStore();
    apply(store, [metricsEvent([{ name: 't', ts: NOW + 3_600_000, value: 1 }])]);
    const problems = store.getState().dataProblems;
    apply(store, [metricsEvent([{ name: 't', ts: NOW, value: 1 }])]);
    expect(store.getState().dataProblems).toBe(problems);
  });

  it('reports a flood of refusals as one error entry per kind per batch', () => {
    const store = createDashboardStore();
    const flood = Array.from({ length: 5_000 }, (_, i) => ({
      name: 't',
      ts: NOW + 3_600_000 + i,
      value: i,
    }));
    apply(store, [metricsEvent(flood)]);
    const { recentErrors } = store.getState();
    expect(recentErrors).toHaveLength(1);
    expect(recentErrors[0]?.kind).toBe('sample_future');
    expect(recentErrors[0]?.detail).toMatch(/\(\+4999 more\)$/);
    expect(count(store, 'sample_future')).toBe(5_000);
  });
});
