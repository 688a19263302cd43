import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type Harness } from './harness';

describe('realtime client: outgoing messages', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('queues acks while disconnected and sends them in order once welcomed', async () => {
    h = connectClient();
    await h.advance(10);
    h.backend.closeAll(1006);
    await h.advance(0);
    h.client.ack('a1');
    h.client.ack('a2');
    expect(h.client.getSnapshot().queued).toBe(2);
    expect(h.sent('ack')).toHaveLength(0);
    await h.advance(1_100);
    expect(h.sent('ack')).toEqual([
      { type: 'ack', alertId: 'a1' },
      { type: 'ack', alertId: 'a2' },
    ]);
    expect(h.client.getSnapshot().queued).toBe(0);
  });

  it('drops the oldest queued message when the queue is full and counts it', async () => {
    h = connectClient({ client: { outboxCapacity: 3 } });
    await h.advance(10);
    h.backend.closeAll(1006);
    await h.advance(0);
    for (const id of ['a1', 'a2', 'a3', 'a4', 'a5']) h.client.ack(id);
    expect(h.client.getSnapshot()).toMatchObject({ queued: 3 });
    expect(h.client.getSnapshot().errors.outbox_overflow).toBe(2);
    await h.advance(1_100);
    expect(h.sent('ack').map((m) => m.alertId)).toEqual(['a3', 'a4', 'a5']);
  });

  it('holds 100 messages by default', async () => {
    h = connectClient({ start: false });
    for (let i = 0; i < 150; i++) h.client.ack(`a${i}`);
    expect(h.client.getSnapshot().queued).toBe(100);
  });

  it('sends at once when live', async () => {
    h = connectClient();
    await h.advance(10);
    h.client.ack('a1');
    await h.advance(1);
    expect(h.sent('ack')).toEqual([{ type: 'ack', alertId: 'a1' }]);
  });

  it('carries the subscription set in every hello instead of queueing topic changes', async () => {
    h = connectClient({ client: { topics: ['metrics'] } });
    await h.advance(10);
    h.client.subscribe(['product:42']);
    await h.advance(1);
    expect(h.sent('subscribe')).toEqual([{ type: 'subscribe', topics: ['product:42'] }]);
    h.backend.closeAll(1006);
    await h.advance(0);
    h.client.unsubscribe(['metrics']);
    h.client.subscribe(['product:7']);
    expect(h.client.getSnapshot().queued).toBe(0);
    await h.advance(1_100);
    expect(h.sent('hello').at(-1)?.topics).toEqual(['product:42', 'product:7']);
    expect(h.sent('unsubscribe')).toHaveLength(0);
  });
});
