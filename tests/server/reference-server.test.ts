// @vitest-environment node
import { connect as tcpConnect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { isLoopback } from '../../server/http-io';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';
import { spawnReferenceServer } from './spawn-server';

/**
 * The reference server over real loopback sockets: what a backend team's server must also do
 * for the dashboard. Real timers, a fast feed, waits on events, never on sleeps.
 */

let server: ReferenceServer;
const open: WebSocket[] = [];

beforeEach(async () => {
  server = await startReferenceServer({ backend: { tickMs: 20, firstAlertMs: 60_000 } });
});
afterEach(async () => {
  for (const ws of open.splice(0)) ws.terminate();
  await server.close();
});

const api = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
const wsUrl = () => `${server.url.replace('http', 'ws')}/ws`;

async function newSession(): Promise<string> {
  const response = await api('/api/session/start', { method: 'POST' });
  return ((await response.json()) as { sessionId: string }).sessionId;
}

/** A socket that records every text frame; resolves once open. */
function socket(): Promise<{
  ws: WebSocket;
  frames: string[];
  next: (match: RegExp) => Promise<string>;
}> {
  const ws = new WebSocket(wsUrl());
  open.push(ws);
  const frames: string[] = [];
  const waiting: { match: RegExp; resolve: (text: string) => void }[] = [];
  ws.on('message', (data) => {
    const text = data.toString();
    frames.push(text);
    for (const waiter of [...waiting]) {
      if (waiter.match.test(text)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(text);
      }
    }
  });
  const next = (match: RegExp) =>
    new Promise<string>((resolve) => {
      const seen = frames.find((text) => match.test(text));
      if (seen) resolve(seen);
      else waiting.push({ match, resolve });
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, next }));
    ws.once('error', reject);
  });
}

/** A data frame of `type` with exactly this seq (a welcome also carries "seq"). */
const dataFrame = (type: string, seq: number) =>
  new RegExp(`^(?=.*"type":"${type}")(?=.*"seq":${seq}[,}])`);

const closed = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );

/** The status line of a raw upgrade request: what a browser's handshake gets back. */
function upgradeStatus(): Promise<string> {
  return new Promise((resolve, reject) => {
    const tcp = tcpConnect(server.port, '127.0.0.1', () =>
      tcp.write(
        'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      ),
    );
    tcp.once('data', (data) => {
      resolve(data.toString().split('\r\n')[0] ?? '');
      tcp.destroy();
    });
    tcp.once('error', reject);
  });
}

describe('the reference server speaks the protocol over real sockets', () => {
  it('welcomes a hello with the session, epoch and seq, then streams data in seq order', async () => {
    const sessionId = await newSession();
    const { ws, next } = await socket();
    ws.send(JSON.stringify({ type: 'hello', sessionId, topics: ['metrics'] }));
    const welcome = JSON.parse(await next(/"welcome"/));
    expect(welcome).toMatchObject({ sessionId, epoch: server.backend.epoch, resumed: false });
    const first = JSON.parse(await next(dataFrame('metrics', welcome.seq + 1)));
    const second = JSON.parse(await next(dataFrame('metrics', welcome.seq + 2)));
    expect(first.type).toBe('metrics');
    expect(second.seq).toBe(first.seq + 1);
  });

  it('replays after lastSeq and says resumed when the client returns in the same epoch', async () => {
    const sessionId = await newSession();
    const lastSeq = server.backend.seq;
    server.backend.publishSamples([{ name: 'x', ts: 1, value: 1 }]);
    const { ws, next } = await socket();
    ws.send(
      JSON.stringify({
        type: 'hello',
        sessionId,
        epoch: server.backend.epoch,
        lastSeq,
        topics: [],
      }),
    );
    expect(JSON.parse(await next(/"welcome"/))).toMatchObject({ resumed: true });
    expect(JSON.parse(await next(dataFrame('metrics', lastSeq + 1))).samples).toEqual([
      { name: 'x', ts: 1, value: 1 },
    ]);
  });

  it('serves snapshot, long poll and send, with 401 for an unknown session', async () => {
    const sessionId = await newSession();
    server.backend.publishSamples([{ name: 'x', ts: 1, value: 1 }]);
    const snapshot = await (await api(`/api/snapshot?sessionId=${sessionId}`)).json();
    expect(snapshot).toMatchObject({ epoch: server.backend.epoch });
    const poll = await (await api(`/api/poll?sessionId=${sessionId}&after=0&waitMs=0`)).json();
    expect(poll.messages.length).toBeGreaterThan(0);
    const alert = server.backend.raiseAlert({
      id: 'a1',
      severity: 'info',
      title: 't',
      message: 'm',
      ts: 1,
      status: 'open',
    });
    const send = await api(`/api/send?sessionId=${sessionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ type: 'ack', alertId: 'a1' }]),
    });
    expect(send.status).toBe(202);
    const after = await (
      await api(`/api/poll?sessionId=${sessionId}&after=${alert.seq}&waitMs=0`)
    ).json();
    expect(after.messages).toContainEqual(
      expect.objectContaining({ type: 'alert_update', id: 'a1' }),
    );
    const gone = await api('/api/snapshot?sessionId=s_nope');
    expect(gone.status).toBe(401);
    expect(await gone.json()).toEqual({ error: 'session_invalid' });
  });

  it('sends CORS headers on API answers and preflights, since the app has another origin', async () => {
    const preflight = await api('/api/send', {
      method: 'OPTIONS',
      headers: { origin: 'http://app.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const start = await api('/api/session/start', { method: 'POST' });
    expect(start.headers.get('access-control-allow-origin')).toBe('*');
    const control = await api('/control/state');
    expect(control.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('faults at the socket level', () => {
  it('refuses the upgrade with 403 while WebSocket is blocked, as a proxy would', async () => {
    expect(await upgradeStatus()).toBe('HTTP/1.1 101 Switching Protocols');
    server.backend.faults.wsBlocked = true;
    expect(await upgradeStatus()).toBe('HTTP/1.1 403 Forbidden');
    expect(server.backend.stats.upgradesRefused).toBe(1);
    expect((await api('/api/session/start', { method: 'POST' })).status).toBe(201);
  });

  it('answers 503 to HTTP and to upgrades while unavailable (a restart in progress)', async () => {
    server.backend.faults.unavailable = true;
    expect(await upgradeStatus()).toBe('HTTP/1.1 503 Service Unavailable');
    expect((await api('/api/session/start', { method: 'POST' })).status).toBe(503);
  });

  it('drops a connection without a close frame, so the client sees 1006', async () => {
    const { ws } = await socket();
    const close = closed(ws);
    server.backend.dropAll();
    expect((await close).code).toBe(1006);
  });

  it('closes with 1008 when sessions expire', async () => {
    const sessionId = await newSession();
    const { ws, next } = await socket();
    ws.send(JSON.stringify({ type: 'hello', sessionId, topics: [] }));
    await next(/"welcome"/);
    const close = closed(ws);
    server.backend.expireSessions();
    expect(await close).toEqual({ code: 1008, reason: 'session expired' });
  });
});

describe('bad input never crashes the server', () => {
  it('answers invalid JSON and wrong shapes with an error frame and keeps the connection', async () => {
    const sessionId = await newSession();
    const { ws, next } = await socket();
    ws.send(JSON.stringify({ type: 'hello', sessionId, topics: [] }));
    await next(/"welcome"/);
    ws.send('{nope');
    expect(JSON.parse(await next(/invalid_json/))).toMatchObject({ type: 'error' });
    ws.send(JSON.stringify({ type: 'subscribe', topics: 5 }));
    expect(JSON.parse(await next(/invalid_message/))).toMatchObject({ type: 'error' });
    ws.send(JSON.stringify({ type: 'ping', ts: 7 }));
    expect(JSON.parse(await next(/"pong"/))).toEqual({ type: 'pong', ts: 7 });
  });

  it('closes with 1002 when the first frame is not a valid hello', async () => {
    const { ws } = await socket();
    const close = closed(ws);
    ws.send(JSON.stringify({ type: 'hello', sessionId: 's', topics: 42 }));
    expect((await close).code).toBe(1002);
  });

  it('closes with 1009 when a client frame is over 1 MiB', async () => {
    const { ws } = await socket();
    const close = closed(ws);
    ws.send('x'.repeat(1024 * 1024 + 1));
    expect((await close).code).toBe(1009);
  });

  it('answers 400, 413, 404 and 405 to bad HTTP and keeps serving', async () => {
    const sessionId = await newSession();
    const post = (body: string) =>
      api(`/api/send?sessionId=${sessionId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    expect((await post('{nope')).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'ack' }))).status).toBe(400);
    expect((await post('"' + 'x'.repeat(1024 * 1024 + 10) + '"')).status).toBe(413);
    expect((await api('/api/nothing')).status).toBe(404);
    expect((await api('/api/session/start')).status).toBe(405);
    expect((await api(`/api/poll?sessionId=${sessionId}&after=abc&waitMs=-5`)).status).toBe(200);
    const garbage = await new Promise<string>((resolve) => {
      let answer = '';
      const tcp = tcpConnect(server.port, '127.0.0.1', () => tcp.end('NOT HTTP AT ALL\r\n\r\n'));
      tcp.on('data', (chunk) => (answer += chunk.toString()));
      tcp.on('close', () => resolve(answer));
      tcp.on('error', () => resolve(answer));
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect((await api('/api/session/start', { method: 'POST' })).status).toBe(201);
  });
});

describe('the control endpoint', () => {
  it('refuses a path prefix under /control, where the control routes would swallow the API', async () => {
    for (const prefix of ['/control', '/control/pulse'])
      await expect(startReferenceServer({ prefix })).rejects.toThrow(/outside \/control/);
  });

  const control = (path: string, body: unknown, type = 'application/json') =>
    api(path, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });

  it('fires a fault and reports the new state', async () => {
    const response = await control('/control/fault', { type: 'latency', ms: 250 });
    expect(response.status).toBe(200);
    expect((await response.json()).faults.latencyMs).toBe(250);
    expect(server.backend.faults.latencyMs).toBe(250);
  });

  it('switches the scenario, resetting the faults of the last one', async () => {
    await control('/control/scenario', { scenario: 'slow-network;latencyMs=300' });
    expect(server.backend.faults.latencyMs).toBe(300);
    const response = await control('/control/scenario', { scenario: 'steady' });
    const state = await response.json();
    expect(state.scenario).toBe('steady');
    expect(state.faults.latencyMs).toBe(0);
  });

  it('rejects unknown faults and scenarios with a message saying what is wrong', async () => {
    const fault = await control('/control/fault', { type: 'explode' });
    expect(fault.status).toBe(400);
    expect((await fault.json()).error).toMatch(/Unknown fault/);
    const close = await control('/control/fault', { type: 'close', code: 1006 });
    expect((await close.json()).error).toMatch(/use "drop" for 1006/);
    const scenario = await control('/control/scenario', { scenario: 'nope' });
    expect((await scenario.json()).error).toMatch(/Unknown scenario "nope"; known: steady/);
  });

  it('refuses a non-JSON body, so a web page cannot post to it without a preflight', async () => {
    const response = await control('/control/fault', { type: 'drop' }, 'text/plain');
    expect(response.status).toBe(415);
  });

  it('treats only loopback addresses as loopback', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.5', '::ffff:192.168.1.2', undefined].some(isLoopback)).toBe(false);
  });
});

describe('npm run server', () => {
  // Starting node with tsx takes seconds on a busy machine: the spawn helper's own 20 s
  // deadline is the one that should decide, not vitest's 5 s default.
  it('prints its URL, serves, and exits cleanly on SIGTERM', { timeout: 30_000 }, async () => {
    const child = await spawnReferenceServer(['--port', '0', '--scenario', 'steady']);
    try {
      const info = await (await fetch(`${child.url}/`)).json();
      expect(info).toMatchObject({ protocol: 'pulseboard/1' });
      const exit = new Promise<number | null>((resolve) => child.child.once('exit', resolve));
      child.child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      await child.kill();
    }
  });
});
