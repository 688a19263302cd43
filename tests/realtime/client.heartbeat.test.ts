import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type Harness } from './harness';

describe('realtime client: heartbeat', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('pings at the beat the welcome set and measures the round trip', async () => {
    h = connectClient({ backend: { heartbeatMs: 2_000 } });
    await h.advance(10);
    expect(h.client.getSnapshot().heartbeatMs).toBe(2_000);
    h.backend.faults.latencyMs = 40; // the mock delays its answers only
    await h.advance(2_000 + 100);
    expect(h.sent('ping')).toHaveLength(1);
    expect(h.client.getSnapshot().latencyMs).toBe(40);
  });

  it('beats at the new heartbeatMs when a live server welcomes again with another', async () => {
    h = connectClient({ backend: { heartbeatMs: 2_000 } });
    await h.advance(10);
    const welcome = {
      type: 'welcome',
      sessionId: h.client.getSnapshot().sessionId,
      epoch: h.backend.epoch,
      seq: 0,
      resumed: true,
    };
    h.backend.sendRaw(JSON.stringify({ ...welcome, heartbeatMs: 20_000 }));
    await h.advance(1);
    expect(h.client.getSnapshot().heartbeatMs).toBe(20_000);
    // Silence past two old beats (and the server's own pings stopped): the line is still alive.
    h.backend.faults.halfOpen = true;
    await h.advance(2 * 2_000 + 500);
    expect(h.state()).toBe('live');
    await h.advance(2 * 20_000);
    expect(h.state()).not.toBe('live');
  });

  it('answers a server ping with a pong carrying the same ts', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.sendRaw(JSON.stringify({ type: 'ping', ts: 12345 }));
    await h.advance(1);
    expect(h.sent('pong')).toEqual([{ type: 'pong', ts: 12345 }]);
  });

  it('answers the bare "ping" of an older server with a bare "pong"', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.sendRaw('ping');
    await h.advance(1);
    expect(h.frames).toContain('pong');
    expect(h.client.getSnapshot().errorCount).toBe(0);
  });

  it('accepts a bare "pong" as a sign of life, not an error', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.sendRaw('pong');
    await h.advance(1);
    expect(h.client.getSnapshot().errorCount).toBe(0);
    expect(h.state()).toBe('live');
  });

  it('detects a half-open line after two silent beats and reconnects', async () => {
    h = connectClient({ backend: { heartbeatMs: 1_000 } });
    await h.advance(10);
    h.backend.faults.halfOpen = true; // the socket stays "open" but nothing comes back
    await h.advance(1_980); // the welcome, the last sign of life, came at t≈0
    expect(h.state()).toBe('live');
    await h.advance(30);
    expect(h.state()).toBe('backoff');
    expect(h.client.getSnapshot().lastClose).toMatchObject({
      code: 4000,
      description: 'no heartbeat from the server',
    });
    h.backend.faults.halfOpen = false;
    await h.advance(1_100);
    expect(h.state()).toBe('live');
  });

  it('keeps a quiet but answering line alive', async () => {
    h = connectClient({ backend: { heartbeatMs: 1_000 } });
    await h.advance(10);
    await h.advance(60_000);
    expect(h.state()).toBe('live');
    expect(h.sent('hello')).toHaveLength(1);
  });
});
