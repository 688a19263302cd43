import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type Harness } from './harness';

describe('realtime client: close codes', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('renews the session on 1008 and reconnects at once with the new id', async () => {
    h = connectClient();
    await h.advance(10);
    const first = h.client.getSnapshot().sessionId;
    h.backend.expireSessions();
    await h.advance(10);
    expect(h.states).toEqual(['connecting', 'live', 'renewing', 'connecting', 'live']);
    expect(h.sessionStarts.count).toBe(2);
    const hellos = h.sent('hello');
    expect(hellos[1]?.sessionId).not.toBe(first);
    expect(h.client.getSnapshot().sessionId).toBe(hellos[1]?.sessionId);
  });

  it('stops after three renewals that never reach a welcome', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.faults.rejectSessions = true;
    h.backend.expireSessions();
    await h.advance(100);
    const snap = h.client.getSnapshot();
    expect(snap.state).toBe('stopped');
    expect(snap.stopReason).toBe('session_unrenewable');
    expect(snap.status).toBe('offline');
    expect(h.sessionStarts.count).toBe(1 + 3);
    // Seed 002's endless renew loop: nothing more happens however long we wait.
    await h.advance(3_600_000);
    expect(h.sessionStarts.count).toBe(4);
    expect(h.sent('hello')).toHaveLength(4);
  });

  it('gives an operator who presses "reconnect now" a fresh renewal budget', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.faults.rejectSessions = true;
    h.backend.expireSessions();
    await h.advance(100);
    expect(h.state()).toBe('stopped');
    h.backend.faults.rejectSessions = false;
    h.backend.expireSessions(); // the id it holds is dead: it must renew again
    h.client.reconnectNow();
    await h.advance(100);
    expect(h.state()).toBe('live');
  });

  it('counts renewals afresh after a welcome', async () => {
    h = connectClient();
    await h.advance(10);
    for (let i = 0; i < 5; i++) {
      h.backend.expireSessions();
      await h.advance(10);
      expect(h.state()).toBe('live');
    }
    expect(h.sessionStarts.count).toBe(6);
  });

  it('stops on 4401 and shows why, with no automatic retry', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(4401, 'token revoked');
    await h.advance(600_000);
    expect(h.client.getSnapshot()).toMatchObject({
      state: 'stopped',
      stopReason: 'unauthorized',
      lastClose: { code: 4401, reason: 'token revoked', description: 'not authorised' },
    });
    expect(h.sent('hello')).toHaveLength(1);
  });

  it('waits at least 5 s after 1013', async () => {
    h = connectClient({ client: { env: { random: () => 0 } } });
    await h.advance(10);
    h.backend.closeAll(1013);
    await h.advance(4_999);
    expect(h.state()).toBe('backoff');
    await h.advance(20);
    expect(h.state()).toBe('live');
  });

  it('waits at least 10 s after 4429', async () => {
    h = connectClient({ client: { env: { random: () => 0 } } });
    await h.advance(10);
    h.backend.closeAll(4429, 'slow down');
    await h.advance(9_999);
    expect(h.state()).toBe('backoff');
    await h.advance(20);
    expect(h.state()).toBe('live');
  });

  it('reconnects once after a protocol error and stops when it repeats', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(1007, 'bad payload');
    await h.advance(1_050 + 10);
    expect(h.state()).toBe('live');
    h.backend.closeAll(1009, 'too big');
    await h.advance(600_000);
    expect(h.client.getSnapshot()).toMatchObject({
      state: 'stopped',
      stopReason: 'protocol_error',
    });
  });

  it('forgives a protocol error once the line has stayed healthy', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(1002);
    await h.advance(1_050 + 15_000);
    h.backend.closeAll(1002);
    await h.advance(0);
    expect(h.state()).toBe('backoff');
  });

  it('reconnects on retryable application codes 4000-4499', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(4100, 'rebalancing');
    await h.advance(1_050 + 10);
    expect(h.state()).toBe('live');
  });

  it('stops on fatal application codes 4500-4999 and keeps the reason', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(4503, 'tenant suspended');
    await h.advance(600_000);
    expect(h.client.getSnapshot()).toMatchObject({
      state: 'stopped',
      stopReason: 'application_error',
      lastClose: { code: 4503, reason: 'tenant suspended' },
    });
  });

  it('lets an operator restart a stopped client by hand', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(4401);
    await h.advance(10);
    h.client.reconnectNow();
    await h.advance(10);
    expect(h.state()).toBe('live');
    expect(h.client.getSnapshot().stopReason).toBeNull();
  });
});
