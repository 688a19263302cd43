import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRealtimeClient, type RealtimeEvent } from '../../src/realtime';
import { startMockServer } from '../../mocks/node';

describe('realtime client against the mock backend', () => {
  let mock: ReturnType<typeof startMockServer>;
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    mock = startMockServer();
  });
  afterEach(() => {
    mock.close();
    vi.useRealTimers();
  });

  it('starts a session, says hello and goes live on welcome', async () => {
    const client = createRealtimeClient({ baseUrl: mock.baseUrl });
    const events: RealtimeEvent[] = [];
    client.listen((e) => events.push(e));
    client.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(client.getSnapshot().state).toBe('live');
    expect(client.getSnapshot().status).toBe('live');
    mock.backend.publishSamples([{ name: 'x', ts: 1, value: 2 }]);
    await vi.advanceTimersByTimeAsync(10);
    const messages = events.filter((e) => e.type === 'message');
    expect(messages).toHaveLength(1);
    client.dispose();
  });
});
