import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MockBackend, type Peer } from '../../backend/mock-backend';
import { applyFault, isSendableCloseCode, parseFaultCommand } from '../../backend/faults';
import { MALFORMED_KINDS, OVERSIZED_FRAME_BYTES } from '../../backend/malformed';
import { QUALITY_TOPIC_OF } from '../../backend/quality-line';

/** A welcomed connection that records what the backend does to it. */
function connectPeer(backend: MockBackend) {
  const log = {
    sent: [] as string[],
    closed: null as null | { code: number; reason: string },
    dropped: false,
  };
  const peer: Peer = {
    send: (text) => log.sent.push(text),
    close: (code, reason) => (log.closed = { code, reason }),
    drop: () => (log.dropped = true),
  };
  const handle = backend.accept(peer);
  const { body } = backend.startSession() as { body: { sessionId: string } };
  handle?.receive(JSON.stringify({ type: 'hello', sessionId: body.sessionId, topics: [] }));
  return { log, handle };
}

describe('fault commands', () => {
  let backend: MockBackend;
  beforeEach(() => {
    vi.useFakeTimers();
    backend = new MockBackend();
  });
  afterEach(() => {
    backend.stop();
    vi.useRealTimers();
  });

  it('parses every valid command and explains every invalid one', () => {
    expect(parseFaultCommand({ type: 'close', code: 4429, reason: 'slow down' })).toEqual({
      ok: true,
      value: { type: 'close', code: 4429, reason: 'slow down' },
    });
    expect(parseFaultCommand({ type: 'gap' })).toEqual({
      ok: true,
      value: { type: 'gap', count: 1 },
    });
    expect(parseFaultCommand({ type: 'block-websocket', on: 'yes' })).toMatchObject({ ok: false });
    expect(parseFaultCommand({ type: 'flood-alerts', count: 1e9 })).toMatchObject({ ok: false });
    expect(parseFaultCommand({ type: 'close', code: 1005 })).toMatchObject({ ok: false });
    expect(parseFaultCommand({ type: 'close', code: 1000, reason: 'é'.repeat(62) })).toMatchObject({
      ok: false,
    });
    expect(parseFaultCommand({ type: 'malformed', kind: 'weird' })).toMatchObject({ ok: false });
    expect(parseFaultCommand('drop')).toMatchObject({ ok: false });
    expect(parseFaultCommand(null)).toMatchObject({ ok: false });
  });

  it('allows only close codes a server may send', () => {
    expect([1000, 1001, 1008, 1011, 1012, 1013, 3000, 4401, 4999].every(isSendableCloseCode)).toBe(
      true,
    );
    expect([999, 1004, 1005, 1006, 1015, 2000, 5000, 1000.5].some(isSendableCloseCode)).toBe(false);
  });

  it('closes every connection with the code asked for', () => {
    const { log } = connectPeer(backend);
    applyFault(backend, { type: 'close', code: 4429, reason: 'slow down' });
    expect(log.closed).toEqual({ code: 4429, reason: 'slow down' });
  });

  it('blocking WebSocket drops open connections and refuses new ones until unblocked', () => {
    const { log } = connectPeer(backend);
    applyFault(backend, { type: 'block-websocket', on: true });
    expect(log.dropped).toBe(true);
    expect(backend.accept({ send() {}, close() {}, drop() {} })).toBeNull();
    applyFault(backend, { type: 'block-websocket', on: false });
    expect(backend.accept({ send() {}, close() {}, drop() {} })).not.toBeNull();
  });

  it('floods alerts spread over the time asked for', async () => {
    const alerts: string[] = [];
    backend.onPublish((m) => m.type === 'alert' && alerts.push(m.alert.id));
    applyFault(backend, { type: 'flood-alerts', count: 100, overMs: 1_000 });
    await vi.advanceTimersByTimeAsync(500);
    expect(alerts.length).toBeGreaterThan(30);
    expect(alerts.length).toBeLessThan(70);
    await vi.advanceTimersByTimeAsync(600);
    expect(new Set(alerts).size).toBe(100);
  });

  it('floods alerts of one severity when asked, and refuses an unknown severity', () => {
    const severities: string[] = [];
    backend.onPublish((m) => m.type === 'alert' && severities.push(m.alert.severity));
    const parsed = parseFaultCommand({ type: 'flood-alerts', count: 20, severity: 'warning' });
    expect(parsed).toEqual({
      ok: true,
      value: { type: 'flood-alerts', count: 20, overMs: 0, severity: 'warning' },
    });
    if (parsed.ok) applyFault(backend, parsed.value);
    expect(severities).toEqual(Array(20).fill('warning'));
    expect(parseFaultCommand({ type: 'flood-alerts', count: 1, severity: 'fatal' })).toMatchObject({
      ok: false,
    });
  });

  it('rejecting sessions ends open sessions with 1008 and refuses fresh ones', () => {
    const { log } = connectPeer(backend);
    applyFault(backend, { type: 'reject-sessions', on: true });
    expect(log.closed?.code).toBe(1008);
    const again = connectPeer(backend);
    expect(again.log.closed?.code).toBe(1008);
    expect(backend.stats.hellosRejected).toBe(1);
  });

  it('half-open silences open connections without closing them; new ones work', () => {
    const old = connectPeer(backend);
    applyFault(backend, { type: 'half-open' });
    backend.publishSamples([{ name: 'x', ts: 1, value: 1 }]);
    old.handle?.receive(JSON.stringify({ type: 'ping', ts: 1 }));
    const fresh = connectPeer(backend);
    backend.publishSamples([{ name: 'x', ts: 2, value: 2 }]);
    expect(old.log.sent.filter((t) => !t.includes('welcome'))).toEqual([]);
    expect(old.log.closed).toBeNull();
    expect(fresh.log.sent.some((t) => t.includes('"metrics"'))).toBe(true);
  });

  it('a gap withholds the next messages from sockets but keeps them for replay and poll', async () => {
    const { log } = connectPeer(backend);
    applyFault(backend, { type: 'gap', count: 2 });
    for (let ts = 1; ts <= 3; ts++) backend.publishSamples([{ name: 'x', ts, value: ts }]);
    expect(log.sent.filter((t) => t.includes('"metrics"')).map((t) => JSON.parse(t).seq)).toEqual([
      3,
    ]);
    const { body } = backend.startSession() as { body: { sessionId: string } };
    const poll = (await backend.poll(body.sessionId, 0, 0)).body as { messages: unknown[] };
    expect(poll.messages).toHaveLength(3);
  });

  it('duplicate sends the last messages again', () => {
    const { log } = connectPeer(backend);
    backend.publishSamples([{ name: 'x', ts: 1, value: 1 }]);
    applyFault(backend, { type: 'duplicate', count: 1 });
    expect(log.sent.filter((t) => t.includes('"metrics"'))).toHaveLength(2);
  });

  it('sends every malformed kind, the oversized one over 1 MiB, without consuming a seq except html', () => {
    const { log } = connectPeer(backend);
    const before = backend.seq;
    for (const kind of MALFORMED_KINDS) applyFault(backend, { type: 'malformed', kind });
    expect(backend.seq).toBe(before + 1); // only the (valid) html-text alert
    expect(log.sent).toContain('ping');
    expect(log.sent.some((t) => t.length > OVERSIZED_FRAME_BYTES)).toBe(true);
  });

  it('reset turns every fault off', () => {
    backend.faults.wsBlocked = backend.faults.feedPaused = true;
    backend.faults.latencyMs = 300;
    applyFault(backend, { type: 'reset' });
    expect(backend.faults).toMatchObject({ wsBlocked: false, feedPaused: false, latencyMs: 0 });
  });
});

describe('the backend under scripted faults', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('does not answer a bare "pong" with an error: it is the legacy heartbeat reply', () => {
    const backend = new MockBackend();
    const { log, handle } = connectPeer(backend);
    handle?.receive('pong');
    expect(log.sent.some((t) => t.includes('"error"'))).toBe(false);
    expect(backend.stats.barePongs).toBe(1);
  });

  it('a new tickMs takes effect at once, and samplesPerTick spreads samples over the tick', async () => {
    const backend = new MockBackend({ tickMs: 1_000, firstAlertMs: 1e9 }).start();
    const sizes: number[] = [];
    // The product quality lines measure on their own clock: only the feed's samples count here.
    const feed = (m: { samples: { name: string }[] }) =>
      m.samples.filter((s) => !QUALITY_TOPIC_OF.has(s.name)).length;
    backend.onPublish((m) => m.type === 'metrics' && sizes.push(feed(m)));
    backend.tune({ tickMs: 10, samplesPerTick: 5 });
    await vi.advanceTimersByTimeAsync(30);
    expect(sizes).toEqual([20, 20, 20]);
    expect(() => backend.tune({ tickMs: 0 })).toThrow(/positive number/);
    backend.stop();
  });

  it('validates client messages: a subscribe with bad topics gets an error frame, not a crash', () => {
    const backend = new MockBackend();
    const { log, handle } = connectPeer(backend);
    expect(() => handle?.receive(JSON.stringify({ type: 'subscribe', topics: 7 }))).not.toThrow();
    expect(log.sent.at(-1)).toContain('invalid_message');
  });
});
