import { delay, http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, publishMetrics, type Harness } from './harness';

const metrics = (seq: number) =>
  JSON.stringify({ type: 'metrics', seq, samples: [{ name: 'x', ts: seq, value: seq }] });

describe('realtime client: replay and resync', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('replays what it missed during a drop: nothing lost, nothing doubled', async () => {
    h = connectClient();
    await h.advance(10);
    publishMetrics(h, 5);
    await h.advance(10);
    h.backend.dropAll();
    publishMetrics(h, 5);
    await h.advance(1_100);
    publishMetrics(h, 5);
    await h.advance(10);
    expect(h.state()).toBe('live');
    expect(h.messages().map((m) => m.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(h.events.filter((e) => e.type === 'reset')).toHaveLength(1);
  });

  it('fetches a snapshot after a server restart with a new epoch', async () => {
    h = connectClient();
    await h.advance(10);
    publishMetrics(h, 5);
    await h.advance(10);
    const oldEpoch = h.backend.epoch;
    h.backend.restart();
    publishMetrics(h, 2); // the new epoch's seq 1 and 2
    await h.advance(1_100);
    expect(h.state()).toBe('live');
    const resets = h.events.filter((e) => e.type === 'reset');
    expect(resets).toHaveLength(2);
    expect(h.backend.epoch).not.toBe(oldEpoch);
    expect(resets[1]).toMatchObject({ snapshot: { epoch: h.backend.epoch, seq: 2 } });
    expect(h.client.getSnapshot()).toMatchObject({ epoch: h.backend.epoch, lastSeq: 2 });
    publishMetrics(h, 1);
    await h.advance(10);
    expect(h.seqsSinceReset()).toEqual([3]);
  });

  it('fetches a snapshot when the server can no longer replay (resumed: false)', async () => {
    h = connectClient({ backend: { retain: 3 } });
    await h.advance(10);
    h.backend.dropAll();
    publishMetrics(h, 10); // more than the server keeps
    await h.advance(1_100);
    expect(h.events.filter((e) => e.type === 'reset').at(-1)).toMatchObject({
      snapshot: { seq: 10 },
    });
    expect(h.client.getSnapshot().lastSeq).toBe(10);
  });

  it('renews the session when the snapshot for a resync says session_invalid', async () => {
    h = connectClient();
    await h.advance(10);
    const before = h.client.getSnapshot().sessionId;
    h.mock.server.use(
      http.get(
        `${h.mock.baseUrl}/api/snapshot`,
        () => HttpResponse.json({ error: 'session_invalid' }, { status: 401 }),
        { once: true },
      ),
    );
    h.backend.withhold(1);
    publishMetrics(h, 3); // seq 1 never arrives: a gap, so a snapshot
    await h.advance(1_100);
    expect(h.states).toContain('renewing');
    expect(h.client.getSnapshot()).toMatchObject({ state: 'live', lastSeq: 3 });
    expect(h.client.getSnapshot().sessionId).not.toBe(before);
  });

  it('drops duplicate messages and counts them', async () => {
    h = connectClient();
    await h.advance(10);
    publishMetrics(h, 3);
    await h.advance(10);
    h.backend.sendRaw(metrics(2));
    h.backend.sendRaw(metrics(3));
    await h.advance(10);
    expect(h.messages().map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(h.client.getSnapshot().duplicatesDropped).toBe(2);
  });

  it('resyncs from a snapshot on a gap and continues from its seq', async () => {
    h = connectClient();
    await h.advance(10);
    publishMetrics(h, 2);
    await h.advance(10);
    h.transit.lose = (text) => /"seq":(3|4)[,}]/.test(text);
    publishMetrics(h, 3); // 3 and 4 never arrive; 5 does
    h.transit.lose = () => false;
    await h.advance(10);
    expect(h.client.getSnapshot().errors.sequence_gap).toBe(1);
    expect(h.events.filter((e) => e.type === 'reset').at(-1)).toMatchObject({
      snapshot: { seq: 5 },
    });
    publishMetrics(h, 1);
    await h.advance(10);
    expect(h.seqsSinceReset()).toEqual([6]);
    expect(h.client.getSnapshot().lastSeq).toBe(6);
  });

  it('holds messages that arrive during a resync and applies only those after the snapshot', async () => {
    h = connectClient();
    await h.advance(10);
    h.mock.server.use(
      http.get(`${h.mock.baseUrl}/api/snapshot`, async ({ request }) => {
        // Taken when asked (seq 2), answered late: the stream goes on meanwhile.
        const answer = h.backend.snapshot(new URL(request.url).searchParams.get('sessionId'));
        await delay(500);
        return HttpResponse.json(answer.body as Record<string, unknown>);
      }),
    );
    h.transit.lose = (text) => /"seq":1[,}]/.test(text);
    publishMetrics(h, 2); // 1 lost, 2 arrives: gap
    h.transit.lose = () => false;
    await h.advance(5);
    expect(h.client.getSnapshot().resyncing).toBe(true);
    publishMetrics(h, 3); // 3, 4, 5 arrive while the snapshot (seq 2) is in flight
    await h.advance(600);
    expect(h.client.getSnapshot().resyncing).toBe(false);
    expect(h.seqsSinceReset()).toEqual([3, 4, 5]);
  });

  it('spaces out snapshots that do not close the gap instead of looping', async () => {
    h = connectClient();
    await h.advance(10);
    // A server bug: a message far ahead of anything its snapshot will ever show.
    h.backend.sendRaw(
      JSON.stringify({ type: 'metrics', seq: 99, samples: [{ name: 'x', ts: 1, value: 1 }] }),
    );
    await h.advance(5_000);
    // First resync at once, then 1.05 s, 2.05 s ...: a handful, not thousands.
    expect(h.snapshots.count).toBeGreaterThan(2);
    expect(h.snapshots.count).toBeLessThan(6);
    expect(h.state()).toBe('live');
  });
});
