import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type Harness } from './harness';
import { scriptedClient, type Scripted } from './scripted';

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

describe('realtime client: a heartbeat the server dictates', () => {
  let s: Scripted;
  afterEach(() => s.close());

  it('clamps a heartbeat of 3e9 ms to the 5 minute ceiling and reports it', async () => {
    s = scriptedClient();
    // 3e9 ms is over setTimeout's 2^31 ms: taken as is, every timer would fire at once.
    const socket = await s.goLive({ heartbeatMs: 3e9 });
    expect(s.client.getSnapshot()).toMatchObject({ state: 'live', heartbeatMs: 300_000 });
    expect(s.errors().heartbeat_clamped).toBe(1);
    expect(s.errorEvents('heartbeat_clamped')).toEqual([
      'welcome.heartbeatMs 3000000000 ms is outside 1000..300000 ms: using 300000 ms',
    ]);
    // A sane ping rate: none in the first minute, one per five minutes after.
    await s.advance(60_000);
    expect(socket.sentOfType('ping')).toHaveLength(0);
    await s.advance(240_000 + 10);
    expect(socket.sentOfType('ping')).toHaveLength(1);
    // The server stays silent: two beats after its welcome the line is called dead.
    expect(s.client.getSnapshot().state).toBe('live');
    await s.advance(300_000);
    expect(s.client.getSnapshot().state).toBe('backoff');
    expect(socket.closedWith).toEqual({ code: 4000, reason: 'no heartbeat from the server' });
    expect(socket.sentOfType('ping').length).toBeLessThanOrEqual(2);
  });

  it('clamps a heartbeat of 10 ms up to 1 s', async () => {
    s = scriptedClient();
    const socket = await s.goLive({ heartbeatMs: 10 });
    expect(s.client.getSnapshot().heartbeatMs).toBe(1_000);
    expect(s.errorEvents('heartbeat_clamped')).toEqual([
      'welcome.heartbeatMs 10 ms is outside 1000..300000 ms: using 1000 ms',
    ]);
    await s.advance(990);
    expect(socket.sentOfType('ping')).toHaveLength(0);
    expect(s.client.getSnapshot().state).toBe('live');
    await s.advance(20);
    expect(socket.sentOfType('ping')).toHaveLength(1);
  });

  it('takes a heartbeat too large for JSON numbers as the ceiling, not as no heartbeat at all', async () => {
    s = scriptedClient();
    await s.advance(0);
    s.socket().open();
    // 1e999 parses to Infinity: still a beat the server asked for, just an absurd one.
    s.socket().receive(
      '{"type":"welcome","sessionId":"s_1","epoch":"e_1","seq":0,"resumed":false,"heartbeatMs":1e999}',
    );
    await s.advance(0);
    expect(s.client.getSnapshot()).toMatchObject({ state: 'live', heartbeatMs: 300_000 });
    expect(s.errors().heartbeat_clamped).toBe(1);
  });

  it('obeys a heartbeat inside the range without a word', async () => {
    s = scriptedClient();
    await s.goLive({ heartbeatMs: 2_500 });
    expect(s.client.getSnapshot().heartbeatMs).toBe(2_500);
    expect(s.errors().heartbeat_clamped).toBe(0);
  });
});
