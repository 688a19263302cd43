import { afterEach, describe, expect, it } from 'vitest';
import { scriptedClient, type Scripted } from './scripted';

describe('realtime client: a socket the server is closing', () => {
  let s: Scripted;
  afterEach(() => s.close());

  it('keeps an ack for the next line instead of sending it into a closing socket', async () => {
    s = scriptedClient();
    const socket = await s.goLive();
    const sentBefore = socket.sent.length;
    // The server's close frame is on its way: the browser would drop the frame and log an error.
    Object.assign(socket, { readyState: 2 });
    s.client.ack('a_1');
    expect(socket.sent.length).toBe(sentBefore);
    expect(s.client.getSnapshot().queued).toBe(1);
  });
});
