import { describe, expect, it } from 'vitest';
import type { AlertStatus, RealtimeEvent } from '../../src/realtime';
import { applyEvents, createDashboardStore, RingBuffer } from '../../src/store';
import { alertEvent, alertFixture, connectionFixture, metricsEvent } from '../support/fixtures';

describe('dashboard store', () => {
  // These samples are stamped a few ms after the epoch: judge them by a clock of that era.
  const clock = { now: () => 1_000 };

  it('applies a whole batch of messages in one commit', () => {
    const store = createDashboardStore();
    const events = Array.from({ length: 50 }, (_, i) =>
      metricsEvent([{ name: 'temp', ts: i, value: i }]),
    );
    applyEvents(store, events, null, clock);
    expect(store.getState().commits).toBe(1);
    expect(store.getState().series.get('temp')?.buffer.size).toBe(50);
  });

  it('keeps one alert per id when the server sends it again', () => {
    const store = createDashboardStore();
    applyEvents(
      store,
      [alertEvent(alertFixture()), alertEvent(alertFixture({ status: 'acknowledged' }))],
      null,
      clock,
    );
    expect(store.getState().alertIds).toEqual(['a1']);
    expect(store.getState().alerts.get('a1')?.status).toBe('acknowledged');
  });

  it('replaces the part of a series a snapshot covers and keeps older history', () => {
    const store = createDashboardStore();
    applyEvents(
      store,
      [1, 2, 3, 4].map((ts) => metricsEvent([{ name: 't', ts, value: ts }])),
      null,
      clock,
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
      clock,
    );
    expect(store.getState().series.get('t')?.buffer.toArray()).toEqual([
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
      clock,
    );
    const a = store.getState().series.get('a');
    applyEvents(store, [metricsEvent([{ name: 'b', ts: 2, value: 2 }])], null, clock);
    expect(store.getState().series.get('a')).toBe(a);
    expect(store.getState().series.get('b')?.version).toBe(2);
  });
});

describe('dashboard store alert history', () => {
  const alertUpdate = (id: string, status: AlertStatus, by?: string): RealtimeEvent => ({
    type: 'message',
    message: { type: 'alert_update', seq: 1, id, status, ...(by ? { by } : {}) },
  });

  it('records a history entry when a re-sent alert changes status, and none when the status is the same', () => {
    const store = createDashboardStore();
    let now = 1_000;
    const options = { now: () => now };
    applyEvents(store, [alertEvent(alertFixture({ ts: 500 }))], null, options);
    expect(store.getState().alerts.get('a1')?.history).toEqual([{ status: 'open', at: 500 }]);

    now = 2_000;
    applyEvents(store, [alertEvent(alertFixture({ ts: 500, title: 'Sent again' }))], null, options);
    expect(store.getState().alerts.get('a1')?.title).toBe('Sent again');
    expect(store.getState().alerts.get('a1')?.history).toEqual([{ status: 'open', at: 500 }]);

    now = 3_000;
    applyEvents(
      store,
      [alertEvent(alertFixture({ ts: 500, status: 'acknowledged' }))],
      null,
      options,
    );
    now = 4_000;
    applyEvents(
      store,
      [alertEvent(alertFixture({ ts: 500, status: 'acknowledged' }))],
      null,
      options,
    );
    expect(store.getState().alerts.get('a1')?.history).toEqual([
      { status: 'open', at: 500 },
      { status: 'acknowledged', at: 3_000 },
    ]);
  });

  it('records who changed an alert when the server sends an alert update', () => {
    const store = createDashboardStore();
    let now = 1_000;
    const options = { now: () => now };
    applyEvents(store, [alertEvent(alertFixture({ ts: 500 }))], null, options);
    now = 2_000;
    applyEvents(store, [alertUpdate('a1', 'acknowledged', 'ops-2')], null, options);
    now = 3_000;
    applyEvents(store, [alertUpdate('a1', 'resolved')], null, options);
    const alert = store.getState().alerts.get('a1');
    expect(alert?.status).toBe('resolved');
    expect(alert?.history).toEqual([
      { status: 'open', at: 500 },
      { status: 'acknowledged', at: 2_000, by: 'ops-2' },
      { status: 'resolved', at: 3_000 },
    ]);
  });

  it('adds no history entry for an alert update that repeats the current status', () => {
    const store = createDashboardStore();
    let now = 1_000;
    const options = { now: () => now };
    applyEvents(store, [alertEvent(alertFixture({ ts: 500 }))], null, options);
    now = 2_000;
    applyEvents(store, [alertUpdate('a1', 'acknowledged', 'ops-2')], null, options);
    now = 3_000;
    applyEvents(store, [alertUpdate('a1', 'acknowledged', 'ops-2')], null, options);
    expect(store.getState().alerts.get('a1')?.history).toEqual([
      { status: 'open', at: 500 },
      { status: 'acknowledged', at: 2_000, by: 'ops-2' },
    ]);
  });

  it('ignores an alert update for an alert it does not know', () => {
    const store = createDashboardStore();
    applyEvents(store, [alertUpdate('ghost', 'acknowledged', 'ops-2')], null);
    expect(store.getState().alerts.size).toBe(0);
    expect(store.getState().alertIds).toEqual([]);
  });
});

describe('dashboard store timing', () => {
  it('stamps each series with when this client last received a point of it', () => {
    const store = createDashboardStore();
    let now = 1_000;
    const options = { now: () => now };
    applyEvents(store, [metricsEvent([{ name: 'a', ts: 1, value: 1 }])], null, options);
    now = 5_000;
    applyEvents(store, [metricsEvent([{ name: 'b', ts: 1, value: 1 }])], null, options);
    expect(store.getState().series.get('a')?.updatedAt).toBe(1_000);
    expect(store.getState().series.get('b')?.updatedAt).toBe(5_000);
  });

  it('records when the connection status last changed', () => {
    const store = createDashboardStore();
    let now = 1_000;
    const options = { now: () => now };
    applyEvents(store, [], connectionFixture({ state: 'live', status: 'live' }), options);
    now = 2_000;
    applyEvents(
      store,
      [],
      connectionFixture({ state: 'live', status: 'live', latencyMs: 3 }),
      options,
    );
    expect(store.getState().statusSince).toBe(1_000);
    now = 3_000;
    applyEvents(store, [], connectionFixture({ state: 'backoff', status: 'connecting' }), options);
    expect(store.getState().statusSince).toBe(3_000);
  });
});

describe('RingBuffer', () => {
  it('finds the first point at or after a time, across the wrap-around', () => {
    const buffer = new RingBuffer(4);
    for (const ts of [1, 2, 3, 4, 5, 6]) buffer.push(ts, ts);
    expect(buffer.lowerBound(0)).toBe(0);
    expect(buffer.lowerBound(4)).toBe(1);
    expect(buffer.lowerBound(4.5)).toBe(2);
    expect(buffer.lowerBound(7)).toBe(4);
  });

  it('keeps memory flat: never more points than its capacity', () => {
    const buffer = new RingBuffer(100);
    for (let i = 0; i < 10_000; i++) buffer.push(i, i);
    expect(buffer.size).toBe(100);
    expect(buffer.toArray()[0]).toEqual({ ts: 9_900, value: 9_900 });
  });
});
