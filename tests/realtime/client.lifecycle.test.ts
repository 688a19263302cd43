import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectClient, publishMetrics, type Harness } from './harness';

describe('realtime client: lifecycle', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('dispose closes the socket and leaves no timers or listeners behind', async () => {
    h = connectClient();
    await h.advance(10);
    expect(h.backend.connectionCount).toBe(1);
    expect(h.signals.listenerCount).toBe(2);
    h.client.dispose();
    await h.advance(10);
    expect(h.backend.connectionCount).toBe(0);
    expect(h.signals.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('dispose during backoff cancels the pending retry', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(1006);
    await h.advance(0);
    h.client.dispose();
    await h.advance(60_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(h.sent('hello')).toHaveLength(1);
  });

  it('dispose while polling stops the poll loop', async () => {
    h = connectClient({ start: false });
    h.backend.faults.wsBlocked = true;
    h.client.start();
    await h.advance(5_000);
    expect(h.state()).toBe('polling');
    h.client.dispose();
    await h.advance(120_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('emits nothing after dispose, even when the old socket still talks', async () => {
    h = connectClient();
    await h.advance(10);
    const count = h.events.length;
    h.client.dispose();
    publishMetrics(h, 3);
    h.backend.sendRaw('garbage');
    await h.advance(100);
    expect(h.events).toHaveLength(count + 1); // the final 'closed' state only
    expect(h.events.at(-1)).toMatchObject({ type: 'connection', connection: { state: 'closed' } });
  });

  it('refuses to start again after dispose', async () => {
    h = connectClient();
    h.client.dispose();
    expect(() => h.client.start()).toThrow(/after dispose/);
  });

  it('never runs a receive loop after a disconnect', async () => {
    // Seed 004: a receive loop that kept spinning on a closed socket wrote 16 million lines.
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(1006);
    const before = h.events.length;
    await h.advance(1_000); // inside the backoff window: nothing may happen at all
    expect(h.events.length - before).toBeLessThanOrEqual(2);
    expect(h.state()).toBe('backoff');
  });
});
