import { http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, publishMetrics, type Harness } from './harness';

describe('realtime client: connecting', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('starts a session, says hello with its topics and goes live on welcome', async () => {
    h = connectClient({ client: { topics: ['metrics', 'product:42'] } });
    await h.advance(10);
    expect(h.sessionStarts.count).toBe(1);
    const [hello] = h.sent('hello');
    expect(hello).toMatchObject({ type: 'hello', topics: ['metrics', 'product:42'] });
    expect(hello?.sessionId).toMatch(/^s_/);
    expect(h.states).toEqual(['connecting', 'live']);
    expect(h.client.getSnapshot().status).toBe('live');
  });

  it('loads the snapshot on first connect and then streams in order', async () => {
    h = connectClient();
    publishMetrics(h, 3);
    await h.advance(10);
    expect(h.events.find((e) => e.type === 'reset')).toMatchObject({
      snapshot: { seq: 3, epoch: h.backend.epoch },
    });
    publishMetrics(h, 2);
    await h.advance(10);
    expect(h.seqsSinceReset()).toEqual([4, 5]);
    expect(h.client.getSnapshot()).toMatchObject({ lastSeq: 5, messagesReceived: 2 });
  });

  it('reconnects with backoff when the server goes away and resumes where it was', async () => {
    h = connectClient();
    await h.advance(10);
    publishMetrics(h, 2);
    await h.advance(10);
    h.backend.closeAll(1001, 'deploy');
    await h.advance(0);
    const snap = h.client.getSnapshot();
    expect(snap.state).toBe('backoff');
    expect(snap.attempt).toBe(1);
    expect(snap.lastClose).toMatchObject({ code: 1001, reason: 'deploy' });
    // random() = 0.5 draws the middle of 100..2000 ms.
    expect(snap.nextRetryAt! - Date.now()).toBe(1_050);
    publishMetrics(h, 2); // while the client is away
    await h.advance(1_050);
    expect(h.state()).toBe('live');
    expect(h.sent('hello').at(-1)).toMatchObject({ epoch: h.backend.epoch, lastSeq: 2 });
    expect(h.messages().map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('grows the wait with every failed attempt', async () => {
    // Stay on WebSocket for this test: the fallback has its own tests.
    h = connectClient({ client: { fallbackAfterFailures: 99 } });
    await h.advance(10);
    h.backend.faults.halfOpen = true; // hello goes unanswered: every attempt times out
    h.backend.closeAll(1006);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await h.advance(0);
      const snap = h.client.getSnapshot();
      waits.push(snap.nextRetryAt! - Date.now());
      await h.advance(snap.nextRetryAt! - Date.now() + 10_000); // wait + connect timeout
    }
    // Three tries from the base, then doubling (random is 0.5: the middle of each range).
    expect(waits).toEqual([1_050, 1_050, 1_050, 2_050, 4_050]);
  });

  it('resets the attempt count once a connection stayed healthy', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(1006);
    await h.advance(1_050);
    h.backend.closeAll(1006);
    await h.advance(0);
    expect(h.client.getSnapshot().attempt).toBe(2);
    await h.advance(2_050 + 10_000); // reconnect, then stay healthy for the reset period
    h.backend.closeAll(1006);
    await h.advance(0);
    expect(h.client.getSnapshot().attempt).toBe(1);
  });

  it('reconnects at once on "reconnect now", skipping the wait', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(1011);
    await h.advance(0);
    expect(h.state()).toBe('backoff');
    h.client.reconnectNow();
    await h.advance(5);
    expect(h.state()).toBe('live');
  });

  it('never reconnects by itself after stop()', async () => {
    h = connectClient();
    await h.advance(10);
    h.client.stop();
    await h.advance(600_000);
    expect(h.state()).toBe('closed');
    expect(h.client.getSnapshot().status).toBe('offline');
    expect(h.backend.connectionCount).toBe(0);
    expect(h.sent('hello')).toHaveLength(1);
  });

  it('can be started again after stop()', async () => {
    h = connectClient();
    await h.advance(10);
    h.client.stop();
    h.client.start();
    await h.advance(10);
    expect(h.state()).toBe('live');
  });

  it('fails an attempt that never reaches welcome and tries again', async () => {
    h = connectClient({ client: { connectTimeoutMs: 5_000 } });
    h.backend.faults.halfOpen = true;
    await h.advance(5_000);
    expect(h.state()).toBe('backoff');
    expect(h.client.getSnapshot().lastClose?.code).toBe(4000);
    h.backend.faults.halfOpen = false;
    await h.advance(1_050 + 10);
    expect(h.state()).toBe('live');
  });

  it('backs off when the session cannot be started', async () => {
    h = connectClient({ start: false });
    h.mock.server.use(
      http.post(`${h.mock.baseUrl}/api/session/start`, () =>
        Response.json({ error: 'boom' }, { status: 503 }),
      ),
    );
    h.client.start();
    await h.advance(10);
    expect(h.state()).toBe('backoff');
    expect(h.client.getSnapshot().errors.http_error).toBe(1);
    h.mock.server.resetHandlers();
    await h.advance(1_050 + 10);
    expect(h.state()).toBe('live');
  });
});
