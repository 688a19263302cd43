import { describe, expect, it } from 'vitest';
import type { Alert, DataMessage, ServerSnapshot } from '../../src/realtime';
import { Backlog, fold } from '../../src/realtime/shared-backlog';

const alert = (id: string, ts = 1): Alert => ({
  id,
  severity: 'warning',
  title: id,
  message: '',
  ts,
  status: 'open',
});
const SNAPSHOT: ServerSnapshot = { epoch: 'e1', seq: 0, samples: [], alerts: [alert('a')] };
const metrics = (seq: number): DataMessage => ({
  type: 'metrics',
  seq,
  samples: [{ name: 'm', ts: seq, value: seq }],
});

describe('Backlog', () => {
  it('stays bounded by folding its oldest messages into the snapshot', () => {
    const backlog = new Backlog({ maxMessages: 10, maxSamples: 5, maxAlerts: 10 });
    backlog.record({ type: 'reset', snapshot: SNAPSHOT });
    for (let seq = 1; seq <= 25; seq++) backlog.record({ type: 'message', message: metrics(seq) });
    expect(backlog.size).toBeLessThanOrEqual(10);
    const events = backlog.catchUp(null)!;
    const reset = events[0]!;
    if (reset.type !== 'reset') throw new Error('Expected a reset first');
    expect(reset.snapshot.samples.length).toBeLessThanOrEqual(5);
    const seqs = events.slice(1).map((e) => (e.type === 'message' ? e.message.seq : -1));
    // Nothing lost: the snapshot ends where the kept messages begin.
    expect(seqs[0]).toBe(reset.snapshot.seq + 1);
    expect(seqs.at(-1)).toBe(25);
  });

  it('folds alerts and their updates into the snapshot, each id once', () => {
    const folded = fold(
      SNAPSHOT,
      [
        { type: 'alert', seq: 1, alert: alert('b') },
        { type: 'alert_update', seq: 2, id: 'a', status: 'acknowledged' },
        { type: 'alert', seq: 3, alert: alert('b', 2) },
      ],
      { maxMessages: 10, maxSamples: 10, maxAlerts: 10 },
    );
    expect(folded.seq).toBe(3);
    expect(folded.alerts.map((a) => [a.id, a.status, a.ts])).toEqual([
      ['a', 'acknowledged', 1],
      ['b', 'open', 2],
    ]);
  });

  it('has nothing to give before the first snapshot', () => {
    expect(new Backlog().catchUp(null)).toBeNull();
  });
});
