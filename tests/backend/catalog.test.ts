import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHANGED_CARGO_HIGH,
  CHANGED_ON_TIME_LABEL,
  changedCatalog,
  defaultCatalog,
  type WireCatalog,
  type WireMetricInfo,
} from '../../backend/catalog';
import { MockBackend, type BackendMessage, type Peer } from '../../backend/mock-backend';
import { Tally } from '../../src/realtime/item-tally';
import { toCatalog } from '../../src/realtime/validate-catalog';
import { seededRandom } from '../../backend/random';
import { parseScenarios, runScenario } from '../../backend/scenario-runner';

/**
 * Protocol v1.1 on the backend: the catalogue in the snapshot and as a sequenced message, the
 * product topics' samples only for their subscribers, and the catalogue scenarios.
 */

type Frame = { type: string; seq?: number; samples?: { name: string }[] } & Partial<WireCatalog>;

/** A welcomed connection subscribed to `topics`, recording every frame it gets. */
function connect(backend: MockBackend, topics: string[] = []) {
  const frames: Frame[] = [];
  const peer: Peer = {
    send: (text) => frames.push(JSON.parse(text) as Frame),
    close() {},
    drop() {},
  };
  const handle = backend.accept(peer)!;
  const { body } = backend.startSession() as { body: { sessionId: string } };
  handle.receive(JSON.stringify({ type: 'hello', sessionId: body.sessionId, topics }));
  const names = () =>
    new Set(frames.flatMap((f) => (f.type === 'metrics' ? f.samples!.map((s) => s.name) : [])));
  return { frames, handle, sessionId: body.sessionId, names };
}

const snapshotOf = (backend: MockBackend, sessionId: string) =>
  backend.snapshot(sessionId).body as {
    seq: number;
    samples: { name: string }[];
    catalog?: WireCatalog;
  };

const info = (catalog: WireCatalog | undefined | null, name: string): WireMetricInfo | undefined =>
  catalog?.metrics.find((m) => m.name === name);

const dataSeqs = (frames: Frame[]) => frames.filter((f) => f.type !== 'welcome').map((f) => f.seq);

let backend: MockBackend;
beforeEach(() => {
  vi.useFakeTimers();
  backend = new MockBackend({ tickMs: 250, firstAlertMs: 1e9, random: seededRandom(11) });
});
afterEach(() => {
  backend.stop();
  vi.useRealTimers();
});

describe('backend: the catalogue (v1.1)', () => {
  it("carries the catalogue in the snapshot with the dashboard's cold-chain labels and limits", () => {
    const { sessionId } = connect(backend);
    const { catalog } = snapshotOf(backend, sessionId);
    expect(info(catalog, 'cargo_temperature')).toMatchObject({
      labels: { en: 'Cargo temperature', ko: '화물 온도' },
      unit: '°C',
      limits: { low: 2, high: 8 },
    });
    expect(info(catalog, 'on_time_rate')).toMatchObject({
      labels: { en: 'On-time rate', ko: '정시 배송률' },
      limits: { low: 92 },
    });
    expect(info(catalog, 'active_vehicles')?.labels?.ko).toBe('운행 차량');
    expect(info(catalog, 'pending_orders')?.labels?.ko).toBe('대기 주문');
  });

  it("passes the dashboard's own validation whole: nothing refused, nothing cut", () => {
    for (const catalog of [defaultCatalog(), changedCatalog()]) {
      const tally = new Tally();
      const wire = JSON.parse(JSON.stringify(catalog)) as Record<string, unknown>;
      const kept = toCatalog(wire, tally);
      expect(tally.rejections('catalog')).toEqual([]);
      expect(kept?.metrics).toHaveLength(catalog.metrics.length);
      expect(kept?.topics).toHaveLength(catalog.topics.length);
    }
  });

  it('describes wall thickness and fill weight of each product topic as control charts', () => {
    const catalog = backend.catalog!;
    expect(catalog.topics.map((t) => [t.id, t.default === true])).toEqual([
      ['product:42', true],
      ['product:7', false],
    ]);
    expect(catalog.topics.every((t) => t.labels?.en && t.labels.ko)).toBe(true);
    const quality = catalog.metrics.filter((m) => m.spc);
    expect(quality.map((m) => m.name).sort()).toEqual([
      'p42_fill_weight',
      'p42_wall_thickness',
      'p7_fill_weight',
      'p7_wall_thickness',
    ]);
    for (const m of quality) {
      const { cl, ucl, lcl, usl, lsl } = m.spc!;
      expect(lsl! < lcl && lcl < cl && cl < ucl && ucl < usl!, m.name).toBe(true);
      expect(m.group).toBe(m.topic);
      expect(m.labels?.ko, m.name).toMatch(/제품/);
    }
  });

  it('sends a replaced catalogue as the next data message, and later snapshots carry it', () => {
    const a = connect(backend);
    const b = connect(backend);
    const before = backend.seq;
    backend.setCatalog(changedCatalog());
    for (const { frames } of [a, b]) {
      const message = frames.at(-1)!;
      expect(message).toMatchObject({ type: 'catalog', seq: before + 1 });
      expect(info(message as WireCatalog, 'cargo_temperature')?.limits?.high).toBe(
        CHANGED_CARGO_HIGH,
      );
    }
    const snapshot = snapshotOf(backend, a.sessionId);
    expect(snapshot.seq).toBe(before + 1);
    expect(info(snapshot.catalog, 'on_time_rate')?.labels).toEqual(CHANGED_ON_TIME_LABEL);
  });

  it('replays a missed catalog message to a client that resumes', () => {
    const { sessionId } = connect(backend);
    const lastSeq = backend.seq;
    backend.setCatalog(changedCatalog());
    const frames: Frame[] = [];
    const handle = backend.accept({
      send: (t) => frames.push(JSON.parse(t)),
      close() {},
      drop() {},
    })!;
    handle.receive(
      JSON.stringify({ type: 'hello', sessionId, epoch: backend.epoch, lastSeq, topics: [] }),
    );
    expect(frames.map((f) => f.type)).toEqual(['welcome', 'catalog']);
  });
});

describe('backend: product topics', () => {
  it('sends samples of a product topic only to sessions subscribed to it, with no seq holes', async () => {
    backend.start();
    const line42 = connect(backend, ['metrics', 'product:42']);
    const none = connect(backend, ['metrics']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect([...line42.names()].filter((n) => /^p\d/.test(n))).toEqual([
      'p42_wall_thickness',
      'p42_fill_weight',
    ]);
    expect([...none.names()].some((n) => /^p\d/.test(n))).toBe(false);
    expect(none.names().has('cargo_temperature')).toBe(true);
    // Both saw every seq: leaving samples out never leaves a gap.
    expect(dataSeqs(none.frames)).toEqual(dataSeqs(line42.frames));
    expect(dataSeqs(none.frames)).toEqual(Array.from({ length: backend.seq }, (_, i) => i + 1));
  });

  it('starts sending a topic once the session subscribes, and stops after it unsubscribes', async () => {
    backend.start();
    const peer = connect(backend, []);
    peer.handle.receive(JSON.stringify({ type: 'subscribe', topics: ['product:7'] }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(peer.names().has('p7_fill_weight')).toBe(true);
    expect(peer.names().has('p42_fill_weight')).toBe(false);
    peer.handle.receive(JSON.stringify({ type: 'unsubscribe', topics: ['product:7'] }));
    peer.frames.length = 0;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(peer.names().has('p7_fill_weight')).toBe(false);
  });

  it("keeps other topics' samples out of the snapshot and the long poll", async () => {
    backend.start();
    const { sessionId } = backend.startSession().body as { sessionId: string };
    backend.receiveHttp(sessionId, { type: 'subscribe', topics: ['product:42'] });
    await vi.advanceTimersByTimeAsync(2_000);
    const snapshotNames = new Set(snapshotOf(backend, sessionId).samples.map((s) => s.name));
    expect(snapshotNames.has('p42_wall_thickness')).toBe(true);
    expect(snapshotNames.has('p7_wall_thickness')).toBe(false);
    const poll = (await backend.poll(sessionId, 0, 0)).body as { messages: Frame[] };
    const polled = new Set(poll.messages.flatMap((m) => m.samples?.map((s) => s.name) ?? []));
    expect(polled.has('p42_fill_weight')).toBe(true);
    expect(polled.has('p7_fill_weight')).toBe(false);
  });

  it('leaves other topics out of a message sent again (a scripted duplicate) too', async () => {
    backend.start();
    const peer = connect(backend, []);
    await vi.advanceTimersByTimeAsync(250);
    peer.frames.length = 0;
    backend.resend(1);
    expect(peer.frames).toHaveLength(1);
    expect(peer.names().has('cargo_temperature')).toBe(true);
    expect([...peer.names()].some((n) => /^p\d/.test(n))).toBe(false);
  });

  it('measures the quality lines once a second whatever the feed pace', async () => {
    backend.start();
    const published: BackendMessage[] = [];
    backend.onPublish((m) => published.push(m));
    await vi.advanceTimersByTimeAsync(3_000);
    const measured = published.filter(
      (m) => m.type === 'metrics' && m.samples.some((s) => s.name === 'p42_fill_weight'),
    );
    expect(published.length).toBe(12);
    expect(measured.length).toBe(3);
  });
});

describe('backend: catalogue scenarios', () => {
  it('catalog-change moves the cargo limit and renames on-time rate live, and puts them back on stop', async () => {
    backend.start();
    const peer = connect(backend, []);
    const runner = runScenario(backend, 'catalog-change;firstMs=1000');
    await vi.advanceTimersByTimeAsync(999);
    expect(peer.frames.some((f) => f.type === 'catalog')).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const change = peer.frames.filter((f) => f.type === 'catalog');
    expect(change).toHaveLength(1);
    expect(info(change[0] as WireCatalog, 'cargo_temperature')?.limits).toEqual({
      low: 2,
      high: CHANGED_CARGO_HIGH,
    });
    expect(info(change[0] as WireCatalog, 'on_time_rate')?.label).toBe(CHANGED_ON_TIME_LABEL.en);
    runner.stop();
    const back = peer.frames.filter((f) => f.type === 'catalog').at(-1) as WireCatalog;
    expect(info(back, 'cargo_temperature')?.limits?.high).toBe(8);
  });

  it('v1 sends no catalogue anywhere and no product samples, even to a subscriber', async () => {
    runScenario(backend, 'v1');
    backend.start();
    const peer = connect(backend, ['metrics', 'alerts', 'product:42', 'product:7']);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(peer.frames.some((f) => f.type === 'catalog')).toBe(false);
    expect([...peer.names()].sort()).toEqual([
      'active_vehicles',
      'cargo_temperature',
      'on_time_rate',
      'pending_orders',
    ]);
    const snapshot = snapshotOf(backend, peer.sessionId);
    expect('catalog' in snapshot).toBe(false);
    expect(snapshot.samples.some((s) => /^p\d/.test(s.name))).toBe(false);
  });

  it('refuses a quality-drift that would measure every 0 ms', () => {
    expect(parseScenarios('quality-drift;sampleEveryMs=0')).toMatchObject({ ok: false });
  });

  it('quality-drift measures faster and pushes every product process off centre', async () => {
    backend.start();
    const peer = connect(backend, ['product:42']);
    runScenario(backend, 'quality-drift;firstMs=500;everyMs=0;sampleEveryMs=250');
    await vi.advanceTimersByTimeAsync(500);
    peer.frames.length = 0;
    await vi.advanceTimersByTimeAsync(2_500);
    const wall = peer.frames.flatMap(
      (f) =>
        (f.samples as { name: string; value: number }[] | undefined)?.filter(
          (s) => s.name === 'p42_wall_thickness',
        ) ?? [],
    );
    expect(wall.length).toBe(10);
    const mean = wall.reduce((sum, s) => sum + s.value, 0) / wall.length;
    // cl 2.5, sigma 0.02: a drift of at least 1.8 sigma moves ten samples' mean over 1 sigma.
    expect(Math.abs(mean - 2.5)).toBeGreaterThan(0.02);
  });
});
