// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { WireCatalog } from '../../backend/catalog';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';

/**
 * Protocol v1.1 over real sockets: the catalogue in the snapshot and as a sequenced message,
 * product topics only for their subscribers, and a v1 server with no catalogue at all. Real
 * timers and a fast feed; every wait is on an event, never a sleep.
 */

let server: ReferenceServer;
const open: WebSocket[] = [];
afterEach(async () => {
  for (const ws of open.splice(0)) ws.terminate();
  await server.close();
});

const FAST = { tickMs: 20, qualityEveryMs: 20, firstAlertMs: 60_000 };

type Frame = { type: string; seq?: number; samples?: { name: string }[] } & Partial<WireCatalog>;

async function session(): Promise<string> {
  const response = await fetch(`${server.url}/api/session/start`, { method: 'POST' });
  return ((await response.json()) as { sessionId: string }).sessionId;
}

async function snapshot(sessionId: string) {
  const response = await fetch(`${server.url}/api/snapshot?sessionId=${sessionId}`);
  return (await response.json()) as {
    seq: number;
    samples: { name: string }[];
    catalog?: WireCatalog;
  };
}

/** A welcomed socket with `topics`; `until` resolves with every frame once `done` holds. */
async function client(topics: string[]) {
  const sessionId = await session();
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws`);
  open.push(ws);
  const frames: Frame[] = [];
  const checks = new Set<() => void>();
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as Frame);
    for (const check of [...checks]) check();
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ type: 'hello', sessionId, topics }));
  const until = (done: (frames: Frame[]) => boolean) =>
    new Promise<Frame[]>((resolve) => {
      const check = () => {
        if (!done(frames)) return;
        checks.delete(check);
        resolve(frames);
      };
      checks.add(check);
      check();
    });
  return { ws, frames, sessionId, until };
}

const names = (frames: Frame[]) =>
  new Set(frames.flatMap((f) => (f.type === 'metrics' ? f.samples!.map((s) => s.name) : [])));

describe('reference server: protocol v1.1', () => {
  it('serves the catalogue in the snapshot, with the product topics and one default', async () => {
    server = await startReferenceServer({ backend: FAST });
    const { catalog } = await snapshot(await session());
    expect(catalog?.topics.map((t) => [t.id, t.default ?? false])).toEqual([
      ['product:42', true],
      ['product:7', false],
    ]);
    expect(catalog?.metrics.find((m) => m.name === 'cargo_temperature')?.limits).toEqual({
      low: 2,
      high: 8,
    });
    expect(catalog?.metrics.find((m) => m.name === 'p42_wall_thickness')?.spc).toMatchObject({
      cl: 2.5,
    });
  });

  it('sends product samples over WebSocket only to the sessions subscribed to them', async () => {
    server = await startReferenceServer({ backend: FAST });
    const subscribed = await client(['metrics', 'product:42']);
    const plain = await client(['metrics']);
    await subscribed.until((frames) => names(frames).has('p42_fill_weight'));
    const seq = server.backend.seq;
    // Welcomed maybe later than the other: any later tick proves it heard the same stretch.
    await plain.until((frames) => frames.some((f) => f.type === 'metrics' && f.seq! >= seq));
    expect([...names(plain.frames)].some((n) => /^p\d/.test(n))).toBe(false);
    expect(names(subscribed.frames).has('p7_fill_weight')).toBe(false);
    subscribed.ws.send(JSON.stringify({ type: 'subscribe', topics: ['product:7'] }));
    await subscribed.until((frames) => names(frames).has('p7_fill_weight'));
  });

  it('sends a live catalogue change as the next data message of the stream', async () => {
    server = await startReferenceServer({ backend: FAST });
    const peer = await client([]);
    await peer.until((frames) => frames.some((f) => f.type === 'metrics'));
    const response = await fetch(`${server.url}/control/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'catalog-change;firstMs=0' }),
    });
    expect(response.status).toBe(200);
    const frames = await peer.until((all) => all.some((f) => f.type === 'catalog'));
    const index = frames.findIndex((f) => f.type === 'catalog');
    const catalog = frames[index]!;
    expect(catalog.seq).toBe(frames[index - 1]!.seq! + 1);
    expect(catalog.metrics?.find((m) => m.name === 'cargo_temperature')?.limits?.high).toBe(7);
    expect((await snapshot(peer.sessionId)).catalog?.metrics).toEqual(catalog.metrics);
  });

  it('as a v1 server (scenario v1) sends no catalogue and no product samples', async () => {
    server = await startReferenceServer({ backend: FAST, scenario: 'v1' });
    const peer = await client(['metrics', 'alerts', 'product:42', 'product:7']);
    await peer.until((frames) => frames.filter((f) => f.type === 'metrics').length >= 10);
    expect(peer.frames.some((f) => f.type === 'catalog')).toBe(false);
    expect([...names(peer.frames)].sort()).toEqual([
      'active_vehicles',
      'cargo_temperature',
      'on_time_rate',
      'pending_orders',
    ]);
    const body = await snapshot(peer.sessionId);
    expect('catalog' in body).toBe(false);
    const state = (await (await fetch(`${server.url}/control/state`)).json()) as {
      protocol: string;
    };
    expect(state.protocol).toBe('1');
  });
});
