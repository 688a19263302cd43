import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRealtimeClient, quietSignals, type RealtimeEvent } from '../../src/realtime';
import { connectClient, type Harness } from './harness';

/** The engine a new leader tab starts: `resumeFrom` is the position its tab had read. */
describe('an engine resuming from the position another engine reached', () => {
  let h: Harness;
  afterEach(() => {
    h.close();
    vi.useRealTimers();
  });

  it('says hello with that position and continues the stream without a snapshot', async () => {
    h = connectClient({ backend: { tickMs: 100 } });
    await h.advance(1_000);
    const { epoch, lastSeq } = h.client.getSnapshot();
    expect(lastSeq).not.toBeNull();
    h.client.dispose();
    // The stream moves on while no engine is connected (the leader tab has just closed).
    for (let i = 0; i < 3; i++) h.backend.publishSamples(h.backend.nextSamples(Date.now()));
    expect(h.backend.seq).toBeGreaterThan(lastSeq!);
    const snapshotsBefore = h.snapshots.count;

    const next = createRealtimeClient({
      baseUrl: h.mock.baseUrl,
      resumeFrom: { epoch, lastSeq },
      env: { random: () => 0.5, signals: quietSignals },
    });
    const events: RealtimeEvent[] = [];
    next.listen((event) => events.push(event));
    next.start();
    await h.advance(1_000);
    const seqs = events.flatMap((e) => (e.type === 'message' ? [e.message.seq] : []));
    expect(events.some((e) => e.type === 'reset')).toBe(false);
    expect(h.snapshots.count).toBe(snapshotsBefore);
    expect(seqs[0]).toBe(lastSeq! + 1);
    expect(seqs).toEqual(seqs.map((_, i) => lastSeq! + 1 + i));
    expect(h.sent('hello').at(-1)).toMatchObject({ epoch, lastSeq });
    next.dispose();
  });
});
