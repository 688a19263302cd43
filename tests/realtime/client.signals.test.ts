import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectClient, type Harness } from './harness';

describe('realtime client: browser signals', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('goes offline on the offline event and stops trying', async () => {
    h = connectClient();
    await h.advance(10);
    h.signals.goOffline();
    await h.advance(600_000);
    expect(h.client.getSnapshot()).toMatchObject({ state: 'offline', status: 'offline' });
    expect(h.backend.connectionCount).toBe(0);
    expect(h.sent('hello')).toHaveLength(1);
  });

  it('keeps a stopped client stopped when the network goes and comes back', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(4401);
    await h.advance(10);
    h.signals.goOffline();
    h.signals.goOnline();
    await h.advance(60_000);
    expect(h.client.getSnapshot()).toMatchObject({ state: 'stopped', stopReason: 'unauthorized' });
  });

  it('reconnects at once when the network comes back', async () => {
    h = connectClient();
    await h.advance(10);
    h.signals.goOffline();
    await h.advance(60_000);
    h.signals.goOnline();
    await h.advance(10);
    expect(h.state()).toBe('live');
  });

  it('starts offline when the device is offline, and connects when it is back', async () => {
    h = connectClient({ start: false });
    h.signals.goOffline();
    h.client.start();
    await h.advance(10);
    expect(h.state()).toBe('offline');
    h.signals.goOnline();
    await h.advance(10);
    expect(h.state()).toBe('live');
  });

  it('checks the line at once when the tab becomes visible again', async () => {
    h = connectClient({ client: { lineCheckMs: 1_000 } });
    await h.advance(10);
    h.backend.faults.halfOpen = true; // died while the tab was hidden, not yet two beats ago
    await h.advance(5_000);
    expect(h.state()).toBe('live');
    h.signals.becomeVisible();
    await h.advance(1);
    expect(h.sent('ping')).toHaveLength(1);
    await h.advance(999);
    expect(h.state()).toBe('backoff');
  });

  it('keeps a healthy line when the tab becomes visible', async () => {
    h = connectClient({ client: { lineCheckMs: 1_000 } });
    await h.advance(10);
    h.signals.becomeVisible();
    await h.advance(1_000);
    expect(h.state()).toBe('live');
  });

  it('retries at once on return if a throttled backoff timer is overdue', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(1006);
    await h.advance(0);
    // The hidden tab's timers were throttled: the clock moved on, the timer did not fire.
    vi.setSystemTime(Date.now() + 5_000);
    h.signals.becomeVisible();
    await h.advance(5);
    expect(h.state()).toBe('live');
  });

  it('leaves no zombie socket after a laptop sleep', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.faults.halfOpen = true; // the server dropped us while we slept
    vi.setSystemTime(Date.now() + 3_600_000);
    await h.advance(15_000); // the first timer wakes up and sees an hour of silence
    expect(h.state()).not.toBe('live');
    expect(h.client.getSnapshot().lastClose?.code).toBe(4000);
  });
});
