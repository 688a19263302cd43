// @vitest-environment node
import { connect as tcpConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { BackendClock, BackendOptions } from '../../backend/mock-backend';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';

/**
 * Trying to crash the reference server, over raw loopback sockets: every request here once
 * crashed it, hung it or was answered as if nothing were wrong. Each must get a 4xx and a log
 * line, and the server must keep serving. Backend time runs on a hand-driven clock, so ttls
 * pass without sleeping; the sockets are real, so waits on them have deadlines.
 */

let server: ReferenceServer | undefined;
let lines: string[] = [];
const open: WebSocket[] = [];

afterEach(async () => {
  for (const ws of open.splice(0)) ws.terminate();
  await server?.close();
  server = undefined;
  lines = [];
});

/** Backend time that moves only when the test says so. */
function manualClock() {
  let now = 1_000_000;
  let ids = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: BackendClock = {
    now: () => now,
    setTimeout(callback, ms) {
      timers.set(++ids, { at: now + ms, callback });
      return ids;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at);
      const first = due[0];
      if (!first) break;
      timers.delete(first[0]);
      now = Math.max(now, first[1].at);
      first[1].callback();
    }
    now = until;
  };
  return { clock, advance };
}

async function start(backend: BackendOptions = {}): Promise<ReferenceServer> {
  server = await startReferenceServer({
    port: 0,
    backend: { firstAlertMs: 3_600_000, ...backend },
    log: (line) => lines.push(line),
  });
  return server;
}

/** Rejects when `promise` has not settled within `ms` of real time: a deadline, not a sleep. */
function within<T>(promise: Promise<T>, ms = 3_000, what = 'the event'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** Sends raw bytes and resolves with the status line the server answered (or '' if none). */
function raw(text: string): Promise<string> {
  const port = server!.port;
  return within(
    new Promise<string>((resolve) => {
      let answer = '';
      const tcp = tcpConnect(port, '127.0.0.1', () => tcp.write(text));
      tcp.on('data', (chunk) => {
        answer += chunk.toString();
        // An answer with a body or a refused upgrade ends the exchange; stop at the status line.
        if (answer.includes('\r\n')) tcp.destroy();
      });
      tcp.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
      tcp.on('error', () => resolve(answer.split('\r\n')[0] ?? ''));
    }),
    3_000,
    'an answer',
  );
}

const UPGRADE =
  'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

const control = (path: string, init?: RequestInit) =>
  fetch(`http://127.0.0.1:${server!.port}/control${path}`, init);
const postScenario = (scenario: unknown) =>
  control('/scenario', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario }),
  });

/** Still serving: the root and a fresh session answer normally. */
async function expectServing(): Promise<void> {
  expect((await fetch(`${server!.url}/`)).status).toBe(200);
  const started = await fetch(`${server!.url}/api/session/start`, { method: 'POST' });
  expect(started.status).toBe(201);
}

async function newSession(): Promise<string> {
  const response = await fetch(`${server!.url}/api/session/start`, { method: 'POST' });
  return ((await response.json()) as { sessionId: string }).sessionId;
}

/** A socket past its welcome that records every frame it receives. */
async function welcomed(sessionId: string) {
  const ws = new WebSocket(`${server!.url.replace('http', 'ws')}/ws`);
  open.push(ws);
  const frames: string[] = [];
  const waiters: { match: RegExp; resolve: () => void }[] = [];
  ws.on('message', (data) => {
    const text = data.toString();
    frames.push(text);
    for (const waiter of [...waiters]) {
      if (!waiter.match.test(text)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const next = (match: RegExp) =>
    within(
      new Promise<void>((resolve) => {
        if (frames.some((text) => match.test(text))) resolve();
        else waiters.push({ match, resolve });
      }),
      3_000,
      `a frame matching ${match}`,
    );
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await within(new Promise((resolve) => ws.once('open', resolve)), 3_000, 'open');
  ws.send(JSON.stringify({ type: 'hello', sessionId, topics: ['metrics', 'alerts'] }));
  await next(/"type":"welcome"/);
  return { ws, frames, next, closed };
}

describe('the control endpoint', () => {
  it('refuses control requests whose Host is not loopback (DNS rebinding)', async () => {
    await start();
    for (const host of ['evil.example', 'evil.example:80', '127.0.0.1.evil.example', '10.0.0.1']) {
      expect(await raw(`GET /control/state HTTP/1.1\r\nHost: ${host}\r\n\r\n`)).toBe(
        'HTTP/1.1 403 Forbidden',
      );
    }
    // Absolute form names the host in the target, and that is the one that counts.
    expect(
      await raw(`GET http://evil.example/control/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`),
    ).toBe('HTTP/1.1 403 Forbidden');
    const post =
      'POST /control/fault HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\n' +
      'Content-Length: 17\r\n\r\n{"type":"drop"}  ';
    expect(await raw(post)).toBe('HTTP/1.1 403 Forbidden');
    expect(lines.filter((line) => line.includes('403'))).toHaveLength(6);
    for (const host of ['127.0.0.1', 'localhost:8787', 'LOCALHOST', '[::1]:1234']) {
      expect(await raw(`GET /control/state HTTP/1.1\r\nHost: ${host}\r\n\r\n`)).toBe(
        'HTTP/1.1 200 OK',
      );
    }
  });

  it('a bad scenario spec gets 400 and a log line', async () => {
    await start();
    const bad = [
      'no-such-scenario',
      ';;,=;garbage=',
      'alert-storm;count=1e9',
      'flaky-network;meanGapMs=1e308',
      'half-open;heartbeatMs=0',
      'burst;bogus=1',
    ];
    for (const spec of bad) {
      const response = await postScenario(spec);
      expect(response.status, spec).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(
        /Expected|Unknown|no param/,
      );
    }
    expect((await postScenario(42)).status).toBe(400);
    expect(
      lines.filter((line) => line.includes('/control/scenario') && line.includes(' 400 ')),
    ).toHaveLength(bad.length + 1);
    // Nothing half-applied: the running scenario and its timings are as before.
    const state = (await (await control('/state')).json()) as {
      scenario: string;
      tuning: { heartbeatMs: number };
    };
    expect(state.scenario).toBe('');
    expect(state.tuning.heartbeatMs).toBe(15_000);
    await expectServing();
  });
});

describe('requests that once crashed or fooled the server', () => {
  it('answers an upgrade to // with 4xx and keeps serving', async () => {
    await start();
    for (const target of ['//', '//ws', '//evil.example/ws', 'http://evil/', '*']) {
      const status = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${UPGRADE}\r\n`);
      expect(status, target).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
    expect(lines.filter((line) => line.startsWith('refused upgrade'))).toHaveLength(5);
    // A handshake ws cannot complete is refused too.
    const noKey = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n';
    expect(await raw(`GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n${noKey}\r\n`)).toMatch(
      /^HTTP\/1\.1 400/,
    );
    await expectServing();
    const session = await newSession();
    await welcomed(session);
  });

  it('answers a malformed URL with 400', async () => {
    await start();
    const session = await newSession();
    const targets = [
      `/api/snapshot?sessionId=${session}%E0%A4%A`,
      `/api/snapshot?sessionId=%E0%A4%41${session}`,
      '/api/%zz/snapshot',
      'snapshot',
    ];
    for (const target of targets) {
      expect(await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`), target).toBe(
        'HTTP/1.1 400 Bad Request',
      );
    }
    expect(await raw(`GET /ws?x=%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\n${UPGRADE}\r\n`)).toBe(
      'HTTP/1.1 400 Bad Request',
    );
    // Bytes node:http cannot parse at all get a 400 too, not a silent reset.
    expect(await raw('GET /\x01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toBe(
      'HTTP/1.1 400 Bad Request',
    );
    expect(lines.filter((line) => line.startsWith('refused'))).toHaveLength(targets.length + 2);
    // The well-formed request with the same id still works.
    const ok = await fetch(`${server!.url}/api/snapshot?sessionId=${encodeURIComponent(session)}`);
    expect(ok.status).toBe(200);
    await expectServing();
  });
});

describe('sessions', () => {
  it('expires sessions after their ttl', async () => {
    const { clock, advance } = manualClock();
    await start({ clock, sessionTtlMs: 60_000 });
    const session = await newSession();
    const line = await welcomed(session);
    advance(59_000);
    const snapshot = () => fetch(`${server!.url}/api/snapshot?sessionId=${session}`);
    expect((await snapshot()).status).toBe(200);
    expect(server!.backend.sessionCount).toBe(1);

    advance(1_000);
    // The connection on the expired session is closed by the server, not left to linger.
    expect(await within(line.closed, 3_000, 'close')).toEqual({
      code: 1008,
      reason: 'session expired',
    });
    expect(server!.backend.sessionCount).toBe(0);
    expect(server!.backend.stats.sessionsExpired).toBe(1);
    expect((await snapshot()).status).toBe(401);
  });

  it('bounds live sessions', async () => {
    const { clock, advance } = manualClock();
    await start({ clock, maxSessions: 3, sessionTtlMs: 60_000 });
    const expired = await newSession();
    advance(30_000);
    const oldest = await newSession();
    const line = await welcomed(oldest);
    advance(31_000);
    // `expired` has outlived its ttl: it goes first, making room without evicting a live one.
    const kept = [await newSession(), await newSession()];
    expect(server!.backend.sessionCount).toBe(3);
    expect(server!.backend.stats.sessionsEvicted).toBe(0);

    kept.push(await newSession());
    expect(server!.backend.sessionCount).toBe(3);
    expect(server!.backend.stats.sessionsEvicted).toBe(1);
    expect(await within(line.closed)).toEqual({ code: 1008, reason: 'session evicted' });
    const status = async (id: string) =>
      (await fetch(`${server!.url}/api/snapshot?sessionId=${id}`)).status;
    expect(await status(expired)).toBe(401);
    expect(await status(oldest)).toBe(401);
    for (const id of kept) expect(await status(id)).toBe(200);

    for (let i = 0; i < 50; i++) await newSession();
    expect(server!.backend.sessionCount).toBe(3);
    const state = (await (await control('/state')).json()) as { sessions: number };
    expect(state.sessions).toBe(3);
  });

  it("never broadcasts another client's session id", async () => {
    await start();
    const [idA, idB] = [await newSession(), await newSession()];
    const a = await welcomed(idA);
    const b = await welcomed(idB);
    const { backend } = server!;
    for (const id of ['al_1', 'al_2']) {
      backend.raiseAlert({
        id,
        severity: 'critical',
        title: 'Freezer 3 warm',
        message: 'Above -15 C',
        ts: Date.now(),
        status: 'open',
      });
    }
    await b.next(/"id":"al_2"/);
    // A acknowledges over WebSocket, B over HTTP: each update reaches everyone.
    a.ws.send(JSON.stringify({ type: 'ack', alertId: 'al_1' }));
    await b.next(/"type":"alert_update".*"id":"al_1"/);
    const sent = await fetch(`${server!.url}/api/send?sessionId=${idB}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'ack', alertId: 'al_2' }),
    });
    expect(sent.status).toBe(202);
    await a.next(/"type":"alert_update".*"id":"al_2"/);
    backend.publish({ type: 'status', level: 'info', message: 'maintenance at noon' });
    await a.next(/"type":"status"/);
    await b.next(/"type":"status"/);

    // Who acted is still said, by an alias that is not the credential.
    const update = JSON.parse(
      b.frames.find((f) => f.includes('"al_1"') && f.includes('alert_update'))!,
    ) as {
      by?: string;
    };
    expect(update.by).toMatch(/^operator-\d+$/);
    expect(a.frames.filter((frame) => frame.includes(idB))).toEqual([]);
    expect(b.frames.filter((frame) => frame.includes(idA))).toEqual([]);
    // Long poll and snapshot are shared views too.
    const poll = await fetch(`${server!.url}/api/poll?sessionId=${idB}&after=0`);
    expect(await poll.text()).not.toContain(idA);
    const snap = await fetch(`${server!.url}/api/snapshot?sessionId=${idB}`);
    expect(await snap.text()).not.toContain(idA);
  });
});
