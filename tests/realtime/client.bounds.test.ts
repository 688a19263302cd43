import { afterEach, describe, expect, it } from 'vitest';
import { EPOCH, json, scriptedClient, type Scripted } from './scripted';

/** A status message of about `size` frame characters. */
const bulky = (seq: number, size = 1_000) => ({
  type: 'status',
  seq,
  level: 'info',
  message: 'x'.repeat(size - 50),
});
const frameSize = (seq: number) => JSON.stringify(bulky(seq)).length;

const alert = (overrides: Record<string, unknown> = {}) => ({
  id: 'a_1',
  severity: 'critical',
  title: 'Line 3 stopped',
  message: 'Conveyor jam',
  ts: 1_700_000_000_000,
  status: 'open',
  ...overrides,
});

/** A snapshot answer the test releases by hand. */
function heldSnapshot() {
  const pending: ((response: Response) => void)[] = [];
  return {
    route: () => new Promise<Response>((resolve) => pending.push(resolve)),
    answer(seq: number) {
      pending.shift()?.(json(200, { epoch: EPOCH, seq, samples: [], alerts: [] }));
    },
    get waiting() {
      return pending.length;
    },
  };
}

describe('realtime client: what it bounds and refuses', () => {
  let s: Scripted;
  afterEach(() => s.close());

  it('truncates an over-long alert title visibly and counts it', async () => {
    s = scriptedClient();
    const socket = await s.goLive();
    socket.receive({ type: 'alert', seq: 1, alert: alert({ title: 'T'.repeat(5_000) }) });
    const [message] = s.messages();
    expect(message?.type === 'alert' && message.alert.title).toBe(`${'T'.repeat(299)}…`);
    expect(s.errors().truncated).toBe(1);
    expect(s.errorEvents('truncated')).toEqual([
      'alert seq 1: text cut to fit (title over 300 characters)',
    ]);
    expect(s.client.getSnapshot().lastSeq).toBe(1);
  });

  it('counts an alert with several over-long fields once', async () => {
    s = scriptedClient();
    const socket = await s.goLive();
    const long = 'y'.repeat(10_000);
    socket.receive({
      type: 'alert',
      seq: 1,
      alert: alert({ title: long, message: long, source: long }),
    });
    expect(s.errors().truncated).toBe(1);
    const [message] = s.messages();
    expect(message?.type === 'alert' && message.alert.message).toHaveLength(2_000);
  });

  it('refuses an alert whose id is too long to keep apart from another, and counts it', async () => {
    s = scriptedClient();
    const socket = await s.goLive();
    const prefix = 'a'.repeat(200);
    socket.receive({ type: 'alert', seq: 1, alert: alert({ id: `${prefix}-pump` }) });
    expect(s.messages()).toEqual([]);
    expect(s.errors().id_too_long).toBe(1);
    expect(s.client.getSnapshot().state).toBe('live');
  });

  it('refuses samples of metric names beyond the distinct-name limit before they reach the page', async () => {
    s = scriptedClient();
    const socket = await s.goLive();
    const flood = Array.from({ length: 1_200 }, (_, i) => ({ name: `m${i}`, ts: 1, value: i }));
    socket.receive({ type: 'metrics', seq: 1, samples: flood });
    socket.receive({ type: 'metrics', seq: 2, samples: [...flood.slice(1_100), flood[0]] });
    const [first, second] = s.messages();
    expect(first?.type === 'metrics' && first.samples).toHaveLength(1_000);
    expect(second?.type === 'metrics' && second.samples.map((x) => x.name)).toEqual(['m0']);
    // 200 new names, each counted once although the second message brought 100 of them back.
    expect(s.errors().series_limit).toBe(200);
    expect(s.errorEvents('series_limit')).toEqual([
      'm1000 and 199 more new names: 200 samples refused, more than 1000 distinct metric names',
    ]);
    expect(s.client.getSnapshot().lastSeq).toBe(2);
  });

  it('keeps the good samples of a metrics message with one bad sample', async () => {
    s = scriptedClient();
    const socket = await s.goLive();
    const good = [
      { name: 'temp', ts: 1, value: 20 },
      { name: 'rpm', ts: 1, value: 900 },
    ];
    socket.receive({
      type: 'metrics',
      seq: 1,
      samples: [good[0], { name: 'pressure', ts: 1, value: 'high' }, good[1]],
    });
    socket.receive({ type: 'metrics', seq: 2, samples: good });
    expect(s.messages()).toEqual([
      { type: 'metrics', seq: 1, samples: good },
      { type: 'metrics', seq: 2, samples: good },
    ]);
    expect(s.errors()).toMatchObject({ invalid_shape: 1, sequence_gap: 0 });
    expect(s.errorEvents('invalid_shape')).toEqual([
      'metrics seq 1: 1 sample refused (a sample needs name, ts and value)',
    ]);
  });

  it('counts every refused item of a batch in one event', async () => {
    s = scriptedClient();
    const socket = await s.goLive();
    const samples = Array.from({ length: 10_250 }, (_, i) =>
      i % 1_000 === 999 ? { name: 'broken' } : { name: 'temp', ts: i, value: i },
    );
    socket.receive({ type: 'metrics', seq: 1, samples });
    await s.advance(0); // a frame this big is parsed in a task of its own
    const [message] = s.messages();
    // The first 10,000 are looked at, 10 of them bad; the 250 over the bound are refused unread.
    expect(message?.type === 'metrics' && message.samples).toHaveLength(9_990);
    expect(s.errors()).toMatchObject({ invalid_shape: 10, too_many_items: 250 });
    expect(s.events.filter((e) => e.type === 'error')).toHaveLength(2);
  });

  it('refuses a snapshot over the cap and counts it', async () => {
    let oversized = true;
    let pulled = 0;
    // 32 MiB made as it is read: huge, not endless, so reading it all fails rather than hangs.
    const huge = () =>
      new Response(
        new ReadableStream<Uint8Array>(
          {
            pull(controller) {
              if (pulled >= 32 * 1024 * 1024) return controller.close();
              pulled += 64 * 1024;
              controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
            },
          },
          { highWaterMark: 0 },
        ),
        { status: 200 },
      );
    s = scriptedClient({
      routes: {
        '/api/snapshot': () =>
          oversized ? huge() : json(200, { epoch: EPOCH, seq: 0, samples: [], alerts: [] }),
      },
    });
    const socket = await s.goLive();
    await s.advance(10);
    expect(s.errors().http_oversized).toBe(1);
    expect(s.errorEvents('http_oversized')[0]).toMatch(
      /^snapshot failed: \/api\/snapshot: body over the 8388608-byte cap/,
    );
    expect(pulled).toBeLessThanOrEqual(8 * 1024 * 1024 + 2 * 64 * 1024);
    // A failed call, not a broken line: still live, the stream held, the snapshot tried again.
    expect(s.client.getSnapshot()).toMatchObject({ state: 'live', resyncing: true });
    socket.receive({ type: 'status', seq: 1, level: 'info', message: 'held meanwhile' });
    oversized = false;
    await s.advance(2_000);
    expect(s.callsTo('/api/snapshot')).toBe(2);
    expect(s.events.filter((e) => e.type === 'reset')).toHaveLength(1);
    expect(s.seqs()).toEqual([1]);
  });

  it('bounds the resync buffer in bytes', async () => {
    const snapshot = heldSnapshot();
    const limit = 10 * frameSize(1) - 1; // nine bulky frames fit, the tenth does not
    s = scriptedClient({
      routes: { '/api/snapshot': snapshot.route },
      client: { resyncBufferBytes: limit },
    });
    const socket = await s.goLive();
    expect(s.client.getSnapshot().resyncing).toBe(true);
    for (let seq = 1; seq <= 9; seq++) socket.receive(bulky(seq));
    expect(s.errors().buffer_overflow).toBe(0);
    socket.receive(bulky(10));
    expect(s.errors().buffer_overflow).toBe(1);
    expect(s.errorEvents('buffer_overflow')[0]).toMatch(
      /^resync buffer over its bound \(9 messages, \d+ characters; bounds 20000 messages, \d+ characters\): starting the resync over$/,
    );
    // Started over: a fresh snapshot after a backoff delay; the first one's answer is not used.
    await s.advance(1_100);
    expect(s.callsTo('/api/snapshot')).toBe(2);
    snapshot.answer(0);
    socket.receive(bulky(11));
    snapshot.answer(11);
    await s.advance(0);
    socket.receive(bulky(12));
    expect(s.seqs()).toEqual([12]);
    expect(s.client.getSnapshot()).toMatchObject({ resyncing: false, lastSeq: 12 });
  });

  it('bounds the pre-welcome buffer in bytes', async () => {
    const limit = 5 * frameSize(1) - 1; // four bulky frames fit, the fifth does not
    s = scriptedClient({ client: { resyncBufferBytes: limit } });
    const first = await s.goLive();
    first.receive(bulky(1));
    expect(s.seqs()).toEqual([1]);
    first.drop();
    await s.advance(1_100);
    expect(s.sockets).toHaveLength(2);
    const second = s.socket();
    second.open();
    // A server that streams before it welcomes: 2..9 arrive first.
    for (let seq = 2; seq <= 9; seq++) second.receive(bulky(seq));
    expect(s.errors().buffer_overflow).toBe(1);
    expect(s.errorEvents('buffer_overflow')[0]).toMatch(/^data before the welcome over its bound/);
    const snapshotsBefore = s.callsTo('/api/snapshot');
    // Resuming would leave the dropped 2..9 missing: the welcome is followed by a snapshot.
    second.receive({ type: 'welcome', sessionId: 's_1', epoch: EPOCH, seq: 9, resumed: true });
    await s.advance(0);
    expect(s.callsTo('/api/snapshot')).toBe(snapshotsBefore + 1);
    expect(s.client.getSnapshot()).toMatchObject({ state: 'live', resyncing: false });
  });

  it('applies data sent before the welcome when it fits', async () => {
    s = scriptedClient();
    const first = await s.goLive();
    first.drop();
    await s.advance(1_100);
    const second = s.socket();
    second.open();
    for (let seq = 1; seq <= 3; seq++) second.receive(bulky(seq));
    const snapshotsBefore = s.callsTo('/api/snapshot');
    second.receive({ type: 'welcome', sessionId: 's_1', epoch: EPOCH, seq: 3, resumed: true });
    await s.advance(0);
    expect(s.seqs()).toEqual([1, 2, 3]);
    expect(s.callsTo('/api/snapshot')).toBe(snapshotsBefore);
    expect(s.errors().buffer_overflow).toBe(0);
  });

  it('reports a session ttl it will not believe', async () => {
    s = scriptedClient({
      routes: { '/api/session/start': () => json(201, { sessionId: 's_1', ttlMs: -5 }) },
    });
    await s.goLive();
    expect(s.errorEvents('ttl_clamped')).toEqual([
      'session ttlMs -5 is outside 1000..604800000 ms: using 1000 ms',
    ]);
    expect(s.client.getSnapshot().state).toBe('live');
  });
});
