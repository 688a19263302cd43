import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, publishMetrics, type Harness } from './harness';

describe('realtime client: HTTP fallback', () => {
  let h: Harness;
  afterEach(() => h.close());

  /** WebSocket refused from the start: three failed tries (1.05 s + 1.05 s of backoff). */
  async function blockedFromTheStart() {
    h = connectClient({ start: false });
    h.backend.faults.wsBlocked = true;
    h.client.start();
    await h.advance(1_050 + 1_050 + 50);
  }

  it('falls back to long polling after three WebSocket tries fail before a welcome', async () => {
    await blockedFromTheStart();
    expect(h.client.getSnapshot()).toMatchObject({
      state: 'polling',
      status: 'fallback',
      transport: 'http',
    });
    expect(h.sent('hello')).toHaveLength(0);
    publishMetrics(h, 3);
    await h.advance(1_100);
    expect(h.messages().map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('falls back at once when the WebSocket constructor throws', async () => {
    h = connectClient({
      client: {
        env: {
          createWebSocket: () => {
            throw new Error('blocked by policy');
          },
        },
      },
    });
    await h.advance(10);
    expect(h.state()).toBe('polling');
    expect(h.client.getSnapshot().errors.websocket_unavailable).toBe(1);
  });

  it('moves back to WebSocket once a background probe is welcomed, with no gap and no duplicate', async () => {
    await blockedFromTheStart();
    publishMetrics(h, 3);
    await h.advance(1_100);
    h.backend.faults.wsBlocked = false;
    // Messages keep coming on both sides of the move.
    for (let i = 0; i < 62; i++) {
      publishMetrics(h, 1);
      await h.advance(1_000);
    }
    expect(h.client.getSnapshot()).toMatchObject({ state: 'live', transport: 'websocket' });
    publishMetrics(h, 2);
    await h.advance(10);
    const seqs = h.messages().map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 3 + 62 + 2 }, (_, i) => i + 1));
    expect(h.events.filter((e) => e.type === 'reset')).toHaveLength(1);
  });

  it('keeps polling when a probe fails and tries again later', async () => {
    await blockedFromTheStart();
    await h.advance(61_000);
    expect(h.state()).toBe('polling');
    h.backend.faults.wsBlocked = false;
    await h.advance(60_000);
    expect(h.state()).toBe('live');
  });

  it('renews the session on HTTP 401 session_invalid while polling', async () => {
    await blockedFromTheStart();
    const before = h.client.getSnapshot().sessionId;
    h.backend.expireSessions();
    await h.advance(1_100);
    expect(h.state()).toBe('polling');
    expect(h.client.getSnapshot().sessionId).not.toBe(before);
    expect(h.states).toContain('renewing');
  });

  it('sends acks and subscriptions over HTTP while polling', async () => {
    await blockedFromTheStart();
    h.backend.raiseAlert({
      id: 'a1',
      severity: 'critical',
      title: 'Door open',
      message: '',
      ts: 1,
      status: 'open',
    });
    await h.advance(1_100);
    h.client.ack('a1');
    await h.advance(1_100);
    const update = h.messages().find((m) => m.type === 'alert_update');
    expect(update).toMatchObject({ id: 'a1', status: 'acknowledged' });
  });

  it('treats refused sockets as an outage, not a blocked WebSocket, when HTTP fails too', async () => {
    h = connectClient({ start: false });
    h.backend.faults.wsBlocked = true;
    let httpCalls = 0;
    h.mock.server.use(
      http.all(`${h.mock.baseUrl}/api/*`, ({ request }) => {
        // The session starts (the server was up a moment ago); what comes after it fails.
        if (new URL(request.url).pathname.endsWith('/session/start')) return;
        httpCalls++;
        return HttpResponse.error();
      }),
    );
    h.client.start();
    await h.advance(1_050 + 1_050 + 50);
    // Three refused sockets, one HTTP try that failed as well: the server is down. Back to
    // WebSocket (the better road once it returns), not two more HTTP failures first.
    expect(httpCalls).toBe(1);
    expect(h.client.getSnapshot()).toMatchObject({ transport: 'websocket', state: 'backoff' });
    expect(h.client.getSnapshot().errors.http_error).toBe(1);
  });

  it('tries WebSocket again at once when a fallback entered during a restart starts delivering', async () => {
    h = connectClient({ start: false });
    h.backend.faults.wsBlocked = true;
    // The server "returns" just as the third refused socket sends the client to HTTP.
    h.client.listen((event) => {
      if (event.type === 'connection' && event.connection.transport === 'http')
        h.backend.faults.wsBlocked = false;
    });
    h.client.start();
    await h.advance(1_050 + 1_050 + 200);
    expect(h.states).toContain('polling');
    // Live over WebSocket well before the first periodic probe (60 s).
    expect(h.client.getSnapshot()).toMatchObject({ state: 'live', transport: 'websocket' });
  });

  it('tells the server its subscriptions over HTTP, where no hello goes', async () => {
    h = connectClient({ start: false });
    const received: unknown[] = [];
    const receiveHttp = h.backend.receiveHttp.bind(h.backend);
    h.backend.receiveHttp = (sessionId, body) => {
      received.push(body);
      return receiveHttp(sessionId, body);
    };
    h.backend.faults.wsBlocked = true;
    // Changed before any transport was up: nothing could say so yet.
    h.client.subscribe(['product:42']);
    h.client.unsubscribe(['alerts']);
    h.client.start();
    await h.advance(1_050 + 1_050 + 50);
    expect(h.state()).toBe('polling');
    expect(received[0]).toEqual([
      { type: 'unsubscribe', topics: ['alerts'] },
      { type: 'subscribe', topics: ['metrics', 'product:42'] },
    ]);
  });

  it('gives up on a long poll that never answers and polls again', async () => {
    await blockedFromTheStart();
    // A proxy (or a line that died in a laptop's sleep) holds the next poll forever.
    h.mock.server.use(
      http.get(`${h.mock.baseUrl}/api/poll`, () => new Promise<never>(() => {}), { once: true }),
    );
    publishMetrics(h, 1); // ends the poll in flight; the next one hangs
    await h.advance(10);
    await h.advance(25_000 + 10_000 + 2_100); // the poll's wait, its grace, a backoff
    expect(h.client.getSnapshot().errors.http_error).toBe(1);
    expect(h.events).toContainEqual({
      type: 'error',
      kind: 'http_error',
      detail: 'no answer from /api/poll in time',
    });
    publishMetrics(h, 2);
    await h.advance(1_100);
    expect(h.state()).toBe('polling');
    expect(h.messages().map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('renews the session on HTTP 410 session_invalid while polling', async () => {
    await blockedFromTheStart();
    const before = h.client.getSnapshot().sessionId;
    h.mock.server.use(
      http.get(
        `${h.mock.baseUrl}/api/poll`,
        () => HttpResponse.json({ error: 'session_invalid' }, { status: 410 }),
        { once: true },
      ),
    );
    publishMetrics(h, 1);
    await h.advance(1_100);
    expect(h.states).toContain('renewing');
    expect(h.client.getSnapshot().sessionId).not.toBe(before);
    expect(h.state()).toBe('polling');
  });

  it('shows connecting, not fallback, while the HTTP side fails too', async () => {
    await blockedFromTheStart();
    // The server is down: every HTTP call fails at the network level.
    h.mock.server.use(http.all(`${h.mock.baseUrl}/*`, () => HttpResponse.error()));
    await h.advance(30_000);
    expect(h.client.getSnapshot().status).toBe('connecting');
  });
});
