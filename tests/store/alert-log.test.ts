import { describe, expect, it, vi } from 'vitest';
import type { AlertStatus, RealtimeEvent } from '../../src/realtime';
import { applyEvents, createDashboardStore, type AlertEntry } from '../../src/store';
import {
  createAlertLog,
  MAX_ALERT_LOG_ENTRIES,
  type AlertLogEntry,
} from '../../src/store/alert-log';
import { ALL_ALERTS, alertLogSources, filterAlertLog } from '../../src/store/alert-log-filter';
import { alertLogFor, recordAlertChanges } from '../../src/store/alert-log-recorder';
import { alertEvent, alertFixture } from '../support/fixtures';

const entry = (id: string, overrides: Partial<AlertEntry> = {}): AlertEntry => ({
  ...alertFixture({ id, ts: 1_000 }),
  receivedAt: 1_000,
  history: [{ status: 'open', at: 1_000 }],
  ...overrides,
});

const update = (id: string, status: AlertStatus, by?: string): RealtimeEvent => ({
  type: 'message',
  message: { type: 'alert_update', seq: 1, id, status, ...(by ? { by } : {}) },
});

const ids = (entries: readonly AlertLogEntry[]) => entries.map((e) => e.id);
const clock = { now: () => 5_000 };

describe('alert log record', () => {
  it('lists alerts newest first, an update keeping its place', () => {
    const log = createAlertLog();
    log.record(entry('a'));
    log.record(entry('b'));
    log.record(entry('c'));
    log.record(entry('a', { status: 'acknowledged' }));
    expect(ids(log.snapshot().entries)).toEqual(['c', 'b', 'a']);
    expect(log.snapshot().entries[2]!.status).toBe('acknowledged');
  });

  it('drops the oldest entries beyond its capacity and counts them', () => {
    const log = createAlertLog(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) log.record(entry(id));
    expect(ids(log.snapshot().entries)).toEqual(['e', 'd', 'c']);
    expect(log.snapshot().dropped).toBe(2);
  });

  it('keeps 10,000 entries by default', () => {
    expect(createAlertLog().capacity).toBe(MAX_ALERT_LOG_ENTRIES);
    expect(MAX_ALERT_LOG_ENTRIES).toBe(10_000);
  });

  it('keeps the same snapshot until something changes, and notifies once per batch', () => {
    const log = createAlertLog();
    const listener = vi.fn();
    log.subscribe(listener);
    const first = log.snapshot();
    expect(log.snapshot()).toBe(first);
    log.batch(() => {
      log.record(entry('a'));
      log.record(entry('b'));
    });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(log.snapshot()).not.toBe(first);
    // The same alert again (a replay, a resent snapshot) is no change.
    log.record(entry('b'));
    expect(listener).toHaveBeenCalledTimes(1);
    log.record(entry('b', { status: 'resolved' }));
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('joins the history of an alert the store dropped and met again', () => {
    const log = createAlertLog();
    log.record(entry('a'));
    const opened = { status: 'open' as const, at: 1_000 };
    const acked = { status: 'acknowledged' as const, at: 2_000, by: 'ana' };
    log.record(entry('a', { status: 'acknowledged', history: [opened, acked] }));
    // The store forgot it; it came back with a new lineage.
    const reopened = { status: 'open' as const, at: 3_000 };
    log.record(entry('a', { history: [reopened] }));
    const resolved = { status: 'resolved' as const, at: 4_000 };
    log.record(entry('a', { status: 'resolved', history: [reopened, resolved] }));
    expect(log.snapshot().entries[0]!.history).toEqual([opened, acked, reopened, resolved]);
  });
});

describe('alert log recorder', () => {
  it('records what the store holds, then each new alert and status change', () => {
    const store = createDashboardStore();
    applyEvents(store, [alertEvent(alertFixture({ id: 'old', ts: 1_000 }))], null, clock);
    const log = createAlertLog();
    recordAlertChanges(store, log);
    applyEvents(store, [alertEvent(alertFixture({ id: 'new', ts: 2_000 }))], null, clock);
    applyEvents(store, [update('old', 'acknowledged', 'ana')], null, clock);
    const [newest, oldest] = log.snapshot().entries;
    expect(newest!.id).toBe('new');
    expect(oldest!.id).toBe('old');
    expect(oldest!.history.map((h) => [h.status, h.by])).toEqual([
      ['open', undefined],
      ['acknowledged', 'ana'],
    ]);
  });

  it('records the alerts a snapshot restores, with their status', () => {
    const store = createDashboardStore();
    const log = alertLogFor(store);
    const reset: RealtimeEvent = {
      type: 'reset',
      snapshot: {
        epoch: 'e1',
        seq: 7,
        samples: [],
        alerts: [
          alertFixture({ id: 'r1', ts: 1_000 }),
          alertFixture({ id: 'r2', ts: 2_000, status: 'acknowledged' }),
        ],
      },
    };
    applyEvents(store, [reset], null, clock);
    const entries = log.snapshot().entries;
    expect(ids(entries).sort()).toEqual(['r1', 'r2']);
    expect(entries.find((e) => e.id === 'r2')!.status).toBe('acknowledged');
  });

  it('keeps alerts the store evicted beyond its own bound', () => {
    const store = createDashboardStore();
    const log = createAlertLog();
    recordAlertChanges(store, log);
    const options = { ...clock, alertCapacity: 2 };
    for (const id of ['a', 'b', 'c', 'd'])
      applyEvents(store, [alertEvent(alertFixture({ id, ts: 1_000 }))], null, options);
    expect(store.getState().alertIds).toEqual(['d', 'c']);
    expect(ids(log.snapshot().entries)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('orders a batch (a snapshot) as the store does', () => {
    const store = createDashboardStore();
    const log = alertLogFor(store);
    applyEvents(
      store,
      ['x', 'y', 'z'].map((id) => alertEvent(alertFixture({ id, ts: 1_000 }))),
      null,
      clock,
    );
    expect(ids(log.snapshot().entries)).toEqual(store.getState().alertIds);
    expect(alertLogFor(store)).toBe(log);
  });

  it('does not notify for commits that leave the alerts alone', () => {
    const store = createDashboardStore();
    const log = alertLogFor(store);
    applyEvents(store, [alertEvent(alertFixture({ id: 'a', ts: 1_000 }))], null, clock);
    const listener = vi.fn();
    log.subscribe(listener);
    applyEvents(store, [alertEvent(alertFixture({ id: 'a', ts: 1_000 }))], null, clock);
    applyEvents(
      store,
      [{ type: 'message', message: { type: 'metrics', seq: 9, samples: [] } }],
      null,
      clock,
    );
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('alert log filters', () => {
  const entries: AlertLogEntry[] = [
    {
      ...entry('k1', { severity: 'critical', title: 'Reefer 7 warm' }),
      source: 'dock-a',
      order: 3,
    },
    {
      ...entry('k2', { severity: 'warning', message: '냉동 컨테이너 온도 상승' }),
      source: 'dock-b',
      status: 'acknowledged',
      order: 2,
    },
    { ...entry('k3', { severity: 'info', title: 'Gate open' }), source: undefined, order: 1 },
  ];

  it('searches title, message, source and id, ignoring case', () => {
    expect(ids(filterAlertLog(entries, { ...ALL_ALERTS, text: 'REEFER' }))).toEqual(['k1']);
    expect(ids(filterAlertLog(entries, { ...ALL_ALERTS, text: '냉동' }))).toEqual(['k2']);
    expect(ids(filterAlertLog(entries, { ...ALL_ALERTS, text: 'dock' }))).toEqual(['k1', 'k2']);
    expect(ids(filterAlertLog(entries, { ...ALL_ALERTS, text: ' k3 ' }))).toEqual(['k3']);
  });

  it('filters by severity, status and source, keeping the order', () => {
    expect(ids(filterAlertLog(entries, ALL_ALERTS))).toEqual(['k1', 'k2', 'k3']);
    expect(ids(filterAlertLog(entries, { ...ALL_ALERTS, severity: 'critical' }))).toEqual(['k1']);
    expect(ids(filterAlertLog(entries, { ...ALL_ALERTS, status: 'acknowledged' }))).toEqual(['k2']);
    expect(ids(filterAlertLog(entries, { ...ALL_ALERTS, source: 'dock-b' }))).toEqual(['k2']);
    expect(ids(filterAlertLog(entries, { ...ALL_ALERTS, source: '' }))).toEqual(['k3']);
  });

  it('offers each source once, sorted, at most the limit', () => {
    expect(alertLogSources(entries, 10)).toEqual(['dock-a', 'dock-b']);
    expect(alertLogSources(entries, 1)).toEqual(['dock-a']);
  });
});
