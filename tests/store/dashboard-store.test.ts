import { describe, expect, it } from 'vitest';
import { applyEvents, createDashboardStore } from '../../src/store';
import { alertEvent, alertFixture, metricsEvent } from '../support/fixtures';

describe('dashboard store', () => {
  it('applies a whole batch of messages in one commit', () => {
    const store = createDashboardStore();
    const events = Array.from({ length: 50 }, (_, i) =>
      metricsEvent([{ name: 'temp', ts: i, value: i }]),
    );
    applyEvents(store, events, null);
    expect(store.getState().commits).toBe(1);
    expect(store.getState().series.temp?.buffer.size).toBe(50);
  });

  it('keeps one alert per id when the server sends it again', () => {
    const store = createDashboardStore();
    applyEvents(
      store,
      [alertEvent(alertFixture()), alertEvent(alertFixture({ status: 'acknowledged' }))],
      null,
    );
    expect(store.getState().alertIds).toEqual(['a1']);
    expect(store.getState().alerts.a1?.status).toBe('acknowledged');
  });

  it('replaces the part of a series a snapshot covers and keeps older history', () => {
    const store = createDashboardStore();
    applyEvents(
      store,
      [1, 2, 3, 4].map((ts) => metricsEvent([{ name: 't', ts, value: ts }])),
      null,
    );
    applyEvents(
      store,
      [
        {
          type: 'reset',
          snapshot: {
            epoch: 'e2',
            seq: 10,
            alerts: [],
            samples: [3, 4, 5].map((ts) => ({ name: 't', ts, value: ts * 10 })),
          },
        },
      ],
      null,
    );
    expect(store.getState().series.t?.buffer.toArray()).toEqual([
      { ts: 1, value: 1 },
      { ts: 2, value: 2 },
      { ts: 3, value: 30 },
      { ts: 4, value: 40 },
      { ts: 5, value: 50 },
    ]);
  });

  it('re-renders a series reader only when that series changed', () => {
    const store = createDashboardStore();
    applyEvents(
      store,
      [
        metricsEvent([
          { name: 'a', ts: 1, value: 1 },
          { name: 'b', ts: 1, value: 1 },
        ]),
      ],
      null,
    );
    const a = store.getState().series.a;
    applyEvents(store, [metricsEvent([{ name: 'b', ts: 2, value: 2 }])], null);
    expect(store.getState().series.a).toBe(a);
    expect(store.getState().series.b?.version).toBe(2);
  });
});
