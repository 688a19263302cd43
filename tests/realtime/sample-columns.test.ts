import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../src/realtime';
import { packEvents, unpackEvents, type PackedEvent } from '../../src/realtime/sample-columns';

const metrics = (seq: number, samples: object[]) =>
  ({ type: 'message', message: { type: 'metrics', seq, samples } }) as RealtimeEvent;
const unpack = (events: readonly PackedEvent[]) => {
  const out: RealtimeEvent[] = [];
  unpackEvents(events, (event) => out.push(event));
  return out;
};

describe('sample columns', () => {
  it('gives back exactly the events packed, message by message, in order', () => {
    const events: RealtimeEvent[] = [
      metrics(1, [{ name: 'a', ts: 1_000, value: 1.5, unit: '°C' }]),
      metrics(2, [
        { name: 'b', ts: 1_001, value: -0 },
        { name: 'a', ts: 1_002, value: 2.25, unit: '°C' },
      ]),
      { type: 'message', message: { type: 'alert', seq: 3, alert: alertOf('x') } },
      metrics(4, []),
      metrics(5, [{ name: '__proto__', ts: 1_003, value: Number.MAX_VALUE }]),
      { type: 'error', kind: 'invalid_json', detail: 'bad' },
    ];
    const { events: packed } = packEvents(events);
    expect(unpack(packed)).toEqual(events);
    expect(
      Object.is(
        (unpack(packed)[1] as { message: { samples: { value: number }[] } }).message.samples[0]!
          .value,
        -0,
      ),
    ).toBe(true);
  });

  it('folds a frame of single-sample messages into a few typed arrays, transferable', () => {
    const events = Array.from({ length: 80 }, (_, i) =>
      metrics(i + 1, [{ name: `m${i % 6}`, ts: 1_000 + i, value: i }]),
    );
    const { events: packed, transfer } = packEvents(events);
    expect(packed).toHaveLength(1);
    const [columns] = packed;
    expect(columns?.type).toBe('metrics-columns');
    if (columns?.type !== 'metrics-columns') return;
    expect(columns.names).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(columns.ts).toBeInstanceOf(Float64Array);
    expect(transfer.length).toBeGreaterThanOrEqual(6);
    expect(transfer.every((buffer) => buffer instanceof ArrayBuffer)).toBe(true);
    expect(unpack(packed)).toEqual(events);
  });

  it('leaves a metrics message with fields it does not know as it is', () => {
    const odd = {
      type: 'message',
      message: { type: 'metrics', seq: 7, samples: [{ name: 'a', ts: 1, value: 2, extra: true }] },
    } as unknown as RealtimeEvent;
    const plain = metrics(8, [{ name: 'a', ts: 2, value: 3 }]);
    const { events: packed } = packEvents([odd, plain]);
    expect(packed[0]).toBe(odd);
    expect(packed[1]?.type).toBe('metrics-columns');
    expect(unpack(packed)).toEqual([odd, plain]);
  });
});

function alertOf(id: string) {
  return {
    id,
    severity: 'critical' as const,
    title: 't',
    message: 'm',
    source: 's',
    ts: 1,
    status: 'open' as const,
  };
}
