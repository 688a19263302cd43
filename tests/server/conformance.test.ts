// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startReferenceServer, type ReferenceServer } from '../../server/reference-server';
import { Tally } from '../../src/realtime/item-tally';
import { toCatalog } from '../../src/realtime/validate-catalog';

/**
 * What the dashboard expects of any backend, using nothing but the public protocol
 * (docs/protocol.md). By default it checks the reference server; a backend team points it at
 * theirs: PULSEBOARD_CONFORMANCE_URL=http://host:port npx vitest run tests/server/conformance.test.ts
 * The server must be producing data (metrics or alerts) for the streaming checks.
 */
const EXTERNAL = process.env.PULSEBOARD_CONFORMANCE_URL?.replace(/\/+$/, '');
const DATA_WAIT_MS = EXTERNAL ? 30_000 : 5_000;

let reference: ReferenceServer | undefined;
let base = EXTERNAL ?? '';
const sockets: WebSocket[] = [];

beforeAll(async () => {
  if (EXTERNAL) return;
  reference = await startReferenceServer({ backend: { tickMs: 50, heartbeatMs: 1_000 } });
  base = reference.url;
});
afterAll(async () => {
  await reference?.close();
});
afterEach(() => {
  for (const ws of sockets.splice(0)) ws.terminate();
});

type Json = Record<string, unknown>;
const wsUrl = () => `${base.replace(/^http/, 'ws')}/ws`;
const api = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);

async function newSession(): Promise<string> {
  const response = await api('/api/session/start', { method: 'POST' });
  expect(response.status).toBe(201);
  const body = (await response.json()) as Json;
  expect(body.sessionId).toEqual(expect.any(String));
  expect(body.ttlMs).toEqual(expect.any(Number));
  return body.sessionId as string;
}

/** An open socket whose parsed frames can be awaited by predicate. */
async function openSocket() {
  const ws = new WebSocket(wsUrl());
  sockets.push(ws);
  const frames: Json[] = [];
  const waiters: { test: (frame: Json) => boolean; resolve: (frame: Json) => void }[] = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let frame: Json;
    try {
      frame = JSON.parse(data.toString()) as Json;
    } catch {
      return;
    }
    frames.push(frame);
    for (const waiter of [...waiters])
      if (waiter.test(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (test: (frame: Json) => boolean, what: string, ms = DATA_WAIT_MS) =>
    new Promise<Json>((resolve, reject) => {
      const seen = frames.find(test);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
      waiters.push({
        test,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return { ws, frames, next, closed };
}

const isData = (frame: Json) =>
  ['metrics', 'alert', 'alert_update', 'status'].includes(frame.type as string);

async function welcomed(sessionId: string, hello: Json = {}) {
  const socket = await openSocket();
  socket.ws.send(
    JSON.stringify({ type: 'hello', sessionId, topics: ['metrics', 'alerts'], ...hello }),
  );
  const welcome = await socket.next((f) => f.type === 'welcome', 'welcome', 5_000);
  return { ...socket, welcome };
}

describe(`protocol conformance of ${EXTERNAL ?? 'the reference server'}`, () => {
  it('starts sessions and answers CORS preflights, since the dashboard has another origin', async () => {
    const start = await api('/api/session/start', {
      method: 'POST',
      headers: { origin: 'http://dashboard.example' },
    });
    expect(start.status).toBe(201);
    expect(start.headers.get('access-control-allow-origin')).toMatch(/^\*$|dashboard\.example/);
    const preflight = await api('/api/send', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://dashboard.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'content-type',
    );
  });

  it('answers hello with a complete welcome, then data whose seq rises by exactly 1', async () => {
    const { welcome, next } = await welcomed(await newSession());
    expect(welcome).toMatchObject({
      sessionId: expect.any(String),
      epoch: expect.any(String),
      seq: expect.any(Number),
      heartbeatMs: expect.any(Number),
      resumed: false,
    });
    const first = await next(isData, 'data message');
    const second = await next((f) => isData(f) && f.seq === (first.seq as number) + 1, 'seq + 1');
    expect(second.seq).toBe((first.seq as number) + 1);
  });

  it('answers a ping with a pong carrying the same ts', async () => {
    const { ws, next } = await welcomed(await newSession());
    ws.send(JSON.stringify({ type: 'ping', ts: 424242 }));
    expect(await next((f) => f.type === 'pong', 'pong', 5_000)).toEqual({
      type: 'pong',
      ts: 424242,
    });
  });

  it('resumes: a hello with epoch and lastSeq gets resumed: true and the missed messages in order', async () => {
    const sessionId = await newSession();
    const first = await welcomed(sessionId);
    const seen = await first.next(isData, 'data message');
    first.ws.close(1000);
    await first.closed;
    const lastSeq = (seen.seq as number) - 1;
    const again = await welcomed(sessionId, { epoch: first.welcome.epoch, lastSeq });
    expect(again.welcome).toMatchObject({ resumed: true, epoch: first.welcome.epoch });
    const replayed = await again.next((f) => isData(f) && f.seq === lastSeq + 1, 'replay');
    expect(replayed.seq).toBe(lastSeq + 1);
  });

  it('serves the snapshot, the long poll and send for a session', async () => {
    const sessionId = await newSession();
    const snapshot = (await (await api(`/api/snapshot?sessionId=${sessionId}`)).json()) as Json;
    expect(snapshot).toMatchObject({
      epoch: expect.any(String),
      seq: expect.any(Number),
      samples: expect.any(Array),
      alerts: expect.any(Array),
    });
    const after = Math.max(0, (snapshot.seq as number) - 1);
    const poll = (await (
      await api(`/api/poll?sessionId=${sessionId}&after=${after}&waitMs=${DATA_WAIT_MS}`)
    ).json()) as Json;
    expect(poll.epoch).toEqual(expect.any(String));
    const seqs = (poll.messages as Json[]).map((m) => m.seq as number);
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs[0]).toBe(after + 1);
    seqs.forEach((seq, i) => expect(seq).toBe(after + 1 + i));
    const send = await api(`/api/send?sessionId=${sessionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ type: 'subscribe', topics: ['metrics'] }]),
    });
    expect(send.status).toBe(202);
  });

  it('describes its metrics (v1.1) in a catalogue the dashboard keeps whole, or not at all (v1)', async () => {
    const sessionId = await newSession();
    const snapshot = (await (await api(`/api/snapshot?sessionId=${sessionId}`)).json()) as Json;
    // A v1 server has no catalogue, and that is conformant: the dashboard uses its defaults.
    if (snapshot.catalog === undefined) return;
    expect(snapshot.catalog).toMatchObject({ metrics: expect.any(Array) });
    const tally = new Tally();
    const kept = toCatalog(snapshot.catalog as Json, tally);
    expect(tally.rejections('catalogue'), 'descriptions the dashboard refuses or cuts').toEqual([]);
    expect(kept?.metrics.length).toBe((snapshot.catalog as { metrics: unknown[] }).metrics.length);
  });

  it('says session_invalid (401 or 410) over HTTP and closes with 1008 over WebSocket', async () => {
    for (const path of ['/api/snapshot', '/api/poll']) {
      const response = await api(`${path}?sessionId=s_not_a_session&after=0&waitMs=0`);
      expect([401, 410]).toContain(response.status);
      expect(await response.json()).toEqual({ error: 'session_invalid' });
    }
    const socket = await openSocket();
    socket.ws.send(JSON.stringify({ type: 'hello', sessionId: 's_not_a_session', topics: [] }));
    expect(await socket.closed).toBe(1008);
  });

  it('survives garbage from a client and keeps the connection', async () => {
    const { ws, next } = await welcomed(await newSession());
    ws.send('{this is not json');
    ws.send(JSON.stringify({ type: 'subscribe', topics: 12 }));
    ws.send(JSON.stringify({ type: 'no-such-type' }));
    ws.send(JSON.stringify({ type: 'ping', ts: 7 }));
    expect(
      await next((f) => f.type === 'pong' && f.ts === 7, 'pong after garbage', 5_000),
    ).toBeTruthy();
  });
});
