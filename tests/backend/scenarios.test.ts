import { afterEach, describe, expect, it } from 'vitest';
import type { DataMessage } from '../../src/realtime';
import { FAST_TIMING } from '../../src/app/config';
import { seededRandom } from '../../backend/random';
import { connectMockDashboard, type MockDashboard } from '../support/mock-dashboard';

/**
 * Every scenario of the catalogue, run in vitest against the real realtime client over MSW, on
 * fake timers. Each asserts the scenario's `expect` line from the client's and the store's side.
 */

let live: MockDashboard;
let published: DataMessage[];

function connect(scenario: string, backend: Record<string, number> = {}) {
  live = connectMockDashboard({
    scenario,
    backend: { random: seededRandom(7), alertEveryMs: 1_000, firstAlertMs: 500, ...backend },
    client: { ...FAST_TIMING, env: { random: () => 0.5 } },
  });
  published = [];
  live.backend.onPublish((message) => published.push(message));
  return live;
}

/**
 * Nothing lost, nothing doubled: once the feed is paused and what is in flight has landed, the
 * store is at the server's seq and holds every alert exactly once.
 */
async function expectCaughtUp() {
  live.backend.faults.feedPaused = true;
  await live.advance(live.backend.faults.latencyMs + 100);
  const state = live.store.getState();
  expect(state.connection?.epoch).toBe(live.backend.epoch);
  expect(state.connection?.lastSeq).toBe(live.backend.seq);
  expect(new Set(state.alertIds).size).toBe(state.alertIds.length);
  const raised = published.flatMap((m) => (m.type === 'alert' ? [m.alert.id] : []));
  expect(state.alertIds).toEqual(expect.arrayContaining(raised));
}

const metricCount = () => live.store.getState().series.get('cargo_temperature')?.buffer.size ?? 0;

afterEach(() => live?.close());

describe('scenarios against the realtime client in vitest', () => {
  it('steady: goes live, charts fill and alerts arrive', async () => {
    connect('steady');
    await live.advance(3_000);
    expect(live.statuses).toEqual(['connecting', 'live']);
    expect(metricCount()).toBeGreaterThan(5);
    expect(live.store.getState().alertIds.length).toBeGreaterThan(0);
    await expectCaughtUp();
  });

  it('flaky-network: reconnects after every drop and loses nothing', async () => {
    connect('flaky-network;firstMs=1000;meanGapMs=2000;count=3');
    await live.advance(15_000);
    expect(live.backend.stats.connectionsAccepted).toBe(4);
    expect(live.statuses).toEqual([
      'connecting',
      'live',
      'connecting',
      'live',
      'connecting',
      'live',
      'connecting',
      'live',
    ]);
    expect(live.client.getSnapshot().lastClose?.code).toBe(1006);
    await expectCaughtUp();
  });

  it('server-restart: rides out the downtime and adopts the new epoch', async () => {
    connect('server-restart;firstMs=1000;everyMs=0;downMs=1500');
    await live.advance(900);
    const firstEpoch = live.client.getSnapshot().epoch;
    await live.advance(8_000);
    expect(live.client.getSnapshot().epoch).not.toBe(firstEpoch);
    // Down long enough for three failed tries, the client may poll before WebSocket returns.
    expect(live.statuses.slice(0, 3)).toEqual(['connecting', 'live', 'connecting']);
    expect(live.statuses.at(-1)).toBe('live');
    expect(live.statuses).not.toContain('offline');
    const before = metricCount();
    await live.advance(1_000);
    expect(metricCount()).toBeGreaterThan(before);
    await expectCaughtUp();
  });

  it('session-expiry: renews the session after 1008 and resumes in the same epoch', async () => {
    connect('session-expiry;firstMs=1000;everyMs=0');
    await live.advance(900);
    const first = live.client.getSnapshot();
    await live.advance(2_000);
    const after = live.client.getSnapshot();
    expect(after.sessionId).not.toBe(first.sessionId);
    expect(after.epoch).toBe(first.epoch);
    expect(after.lastClose?.code).toBe(1008);
    expect(live.backend.stats.sessionsStarted).toBe(2);
    expect(live.statuses).toEqual(['connecting', 'live', 'connecting', 'live']);
    await expectCaughtUp();
  });

  it('session-unrenewable: stops after three renewals and does not loop', async () => {
    connect('session-unrenewable;firstMs=1000');
    await live.advance(10_000);
    const snapshot = live.client.getSnapshot();
    expect(snapshot.state).toBe('stopped');
    expect(snapshot.status).toBe('offline');
    expect(snapshot.stopReason).toBe('session_unrenewable');
    const tries = live.backend.stats.sessionsStarted;
    expect(tries).toBeLessThanOrEqual(4);
    await live.advance(60_000);
    expect(live.backend.stats.sessionsStarted).toBe(tries);
  });

  it('websocket-blocked: falls back to HTTP with data flowing, then returns to WebSocket', async () => {
    connect('websocket-blocked;firstMs=0;forMs=6000');
    await live.advance(5_000);
    expect(live.client.getSnapshot().status).toBe('fallback');
    expect(live.client.getSnapshot().transport).toBe('http');
    expect(live.backend.stats.upgradesRefused).toBeGreaterThanOrEqual(3);
    const seqWhilePolling = live.client.getSnapshot().lastSeq ?? 0;
    expect(seqWhilePolling).toBeGreaterThan(5);
    await live.advance(6_000);
    expect(live.client.getSnapshot().status).toBe('live');
    expect(live.statuses).toEqual(['connecting', 'fallback', 'live']);
    await expectCaughtUp();
  });

  it('alert-storm: every alert of the storm is listed exactly once', async () => {
    connect('alert-storm;firstMs=500;count=200;overMs=1000', { alertEveryMs: 60_000 });
    await live.advance(2_000);
    const storm = live.store.getState().alertIds.filter((id) => id.startsWith('storm_'));
    expect(storm).toHaveLength(200);
    expect(new Set(storm).size).toBe(200);
    expect(live.statuses).toEqual(['connecting', 'live']);
    await expectCaughtUp();
  });

  it('malformed-frames: counts and drops each bad frame and stays live', async () => {
    connect('malformed-frames;firstMs=500;everyMs=0');
    await live.advance(1_000);
    const { errors } = live.client.getSnapshot();
    expect(errors.invalid_json).toBe(1);
    expect(errors.unknown_type).toBe(1);
    expect(errors.oversized).toBe(1);
    expect(errors.invalid_shape).toBeGreaterThanOrEqual(3);
    // The store holds the same counts, and shows them as data problems.
    const state = live.store.getState();
    expect(state.connection?.errors).toEqual(errors);
    expect(state.dataProblems.counts.get('invalid_json')).toBe(1);
    expect(state.dataProblems.total).toBeGreaterThanOrEqual(6);
    expect(live.backend.stats.barePongs).toBe(1);
    expect(live.statuses).toEqual(['connecting', 'live']);
    const html = [...live.store.getState().alerts.values()].find((a) => a.id.startsWith('html_'));
    expect(html?.title).toContain('<img');
    await expectCaughtUp();
  });

  it('sequence-gap: fills the gap from a snapshot and drops the duplicates', async () => {
    connect('sequence-gap;firstMs=1000;everyMs=0;lost=3;duplicates=2');
    await live.advance(2_000);
    const snapshot = live.client.getSnapshot();
    expect(live.backend.stats.withheld).toBe(3);
    // The two resent, plus whatever arrived while the snapshot was in flight.
    expect(snapshot.duplicatesDropped).toBeGreaterThanOrEqual(2);
    expect(snapshot.errors.sequence_gap).toBe(1);
    expect(live.store.getState().alertIds.filter((id) => id.startsWith('gap_'))).toHaveLength(1);
    expect(live.statuses).toEqual(['connecting', 'live']);
    await expectCaughtUp();
  });

  it('slow-network: stays live and shows the latency', async () => {
    connect('slow-network;latencyMs=400', { heartbeatMs: 1_000 });
    await live.advance(5_000);
    expect(live.client.getSnapshot().latencyMs).toBe(400);
    expect(live.statuses).toEqual(['connecting', 'live']);
    await expectCaughtUp();
  });

  it('burst: takes thousands of samples a second without losing any', async () => {
    connect('burst;firstMs=500;forMs=1000;everyMs=0;samplesPerSecond=4000;messagesPerSecond=50');
    await live.advance(300);
    const before = metricCount();
    await live.advance(1_500);
    // 4000 samples/s over 4 metrics for one second: about 1000 more points per series.
    expect(metricCount() - before).toBeGreaterThanOrEqual(950);
    expect(live.client.getSnapshot().errorCount).toBe(0);
    expect(live.statuses).toEqual(['connecting', 'live']);
    await expectCaughtUp();
  });

  it('half-open: declares the silent line dead within two beats and loses nothing', async () => {
    connect('half-open;firstMs=1000;heartbeatMs=1000');
    await live.advance(900);
    expect(live.client.getSnapshot().heartbeatMs).toBe(1_000);
    await live.advance(2_300);
    expect(live.client.getSnapshot().lastClose?.code).toBe(4000);
    await live.advance(2_000);
    expect(live.statuses).toEqual(['connecting', 'live', 'connecting', 'live']);
    await expectCaughtUp();
  });

  it('composes: a slow network while sessions expire', async () => {
    connect('slow-network;latencyMs=200,session-expiry;firstMs=1000;everyMs=0');
    await live.advance(4_000);
    expect(live.backend.faults.latencyMs).toBe(200);
    expect(live.client.getSnapshot().lastClose?.code).toBe(1008);
    expect(live.statuses).toEqual(['connecting', 'live', 'connecting', 'live']);
    await expectCaughtUp();
  });

  it('catalog-change: the store takes the new catalogue from a catalog message, in sequence', async () => {
    connect('catalog-change;firstMs=1000');
    await live.advance(900);
    const catalog = () => live.store.getState().catalog;
    expect(catalog().known).toBe(true);
    expect(catalog().metrics.get('cargo_temperature')?.limits?.high).toBe(8);
    await live.advance(600);
    expect(catalog().metrics.get('cargo_temperature')?.limits?.high).toBe(7);
    expect(catalog().metrics.get('on_time_rate')?.labels?.en).toBe('Delivered on time');
    expect(live.client.getSnapshot().errorCount).toBe(0);
    expect(live.statuses).toEqual(['connecting', 'live']);
    await expectCaughtUp();
  });

  it('v1: the store never learns a catalogue and nothing is counted as a problem', async () => {
    connect('v1');
    await live.advance(3_000);
    expect(live.store.getState().catalog.known).toBe(false);
    expect(metricCount()).toBeGreaterThan(5);
    expect([...live.store.getState().series.keys()].sort()).toEqual([
      'active_vehicles',
      'cargo_temperature',
      'on_time_rate',
      'pending_orders',
    ]);
    expect(live.client.getSnapshot().errorCount).toBe(0);
    await expectCaughtUp();
  });
});
