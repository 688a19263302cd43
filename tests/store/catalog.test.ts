import { describe, expect, it } from 'vitest';
import type { Catalog, RealtimeEvent } from '../../src/realtime';
import { applyEvents, createDashboardStore } from '../../src/store';

const clock = { now: () => 1_000 };

const catalogEvent = (seq: number, catalog: Catalog): RealtimeEvent => ({
  type: 'message',
  message: { type: 'catalog', seq, ...catalog },
});
const resetEvent = (catalog?: Catalog): RealtimeEvent => ({
  type: 'reset',
  snapshot: { epoch: 'e', seq: 5, samples: [], alerts: [], ...(catalog ? { catalog } : {}) },
});

describe('catalogue in the store', () => {
  it('knows no catalogue until a server sends one (a v1 server never does)', () => {
    const store = createDashboardStore();
    applyEvents(store, [resetEvent()], null, clock);
    expect(store.getState().catalog.known).toBe(false);
    expect(store.getState().catalog.metrics.size).toBe(0);
  });

  it('replaces the catalogue whole with each catalog message', () => {
    const store = createDashboardStore();
    applyEvents(
      store,
      [
        catalogEvent(1, {
          metrics: [{ name: 'a', unit: 'g' }, { name: 'b' }],
          topics: [{ id: 't' }],
        }),
      ],
      null,
      clock,
    );
    expect([...store.getState().catalog.metrics.keys()]).toEqual(['a', 'b']);
    applyEvents(
      store,
      [catalogEvent(2, { metrics: [{ name: 'b', unit: 'kg' }], topics: [] })],
      null,
      clock,
    );
    const { catalog } = store.getState();
    expect(catalog.known).toBe(true);
    expect([...catalog.metrics.keys()]).toEqual(['b']);
    expect(catalog.metrics.get('b')?.unit).toBe('kg');
    expect(catalog.topics).toEqual([]);
  });

  it("restores the catalogue from a resync's snapshot, and keeps it when a snapshot has none", () => {
    const store = createDashboardStore();
    applyEvents(
      store,
      [resetEvent({ metrics: [{ name: 'a' }], topics: [{ id: 'p', default: true }] })],
      null,
      clock,
    );
    expect(store.getState().catalog.topics).toEqual([{ id: 'p', default: true }]);
    applyEvents(store, [resetEvent()], null, clock);
    expect(store.getState().catalog.metrics.has('a')).toBe(true);
  });

  it('keys metric descriptions by opaque name: "__proto__" and "constructor" are names', () => {
    const store = createDashboardStore();
    applyEvents(
      store,
      [
        catalogEvent(1, {
          metrics: [{ name: '__proto__', unit: 'x' }, { name: 'constructor' }],
          topics: [],
        }),
      ],
      null,
      clock,
    );
    expect(store.getState().catalog.metrics.get('__proto__')?.unit).toBe('x');
    expect(store.getState().catalog.metrics.has('toString')).toBe(false);
  });
});
