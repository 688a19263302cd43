import { describe, expect, it } from 'vitest';
import type { RealtimeEvent, Sample } from '../../src/realtime';
import { NameGate } from '../../src/realtime/name-gate';

const sample = (name: string, ts = 1): Sample => ({ name, ts, value: 1 });
const metrics = (samples: Sample[]): RealtimeEvent => ({
  type: 'message',
  message: { type: 'metrics', seq: 1, samples },
});
const samplesOf = (event: RealtimeEvent) =>
  event.type === 'message' && event.message.type === 'metrics'
    ? event.message.samples.map((s) => s.name)
    : event.type === 'reset'
      ? event.snapshot.samples.map((s) => s.name)
      : [];

describe('NameGate', () => {
  it('passes the same event object through while every name fits', () => {
    const gate = new NameGate(3);
    const event = metrics([sample('a'), sample('b'), sample('a', 2)]);
    const { event: out, refusal } = gate.admit(event);
    expect(out).toBe(event);
    expect(refusal).toBeNull();
  });

  it('refuses samples of names beyond the cap and keeps the others in order', () => {
    const gate = new NameGate(2);
    const { event, refusal } = gate.admit(
      metrics([sample('a'), sample('b'), sample('c'), sample('a', 2), sample('d'), sample('c', 2)]),
    );
    expect(samplesOf(event)).toEqual(['a', 'b', 'a']);
    expect(refusal).toEqual({ names: 2, samples: 3, first: 'c' });
  });

  it('counts a refused name once however often it comes back', () => {
    const gate = new NameGate(1);
    gate.admit(metrics([sample('a'), sample('b')]));
    const { event, refusal } = gate.admit(metrics([sample('b'), sample('a', 2)]));
    expect(samplesOf(event)).toEqual(['a']);
    expect(refusal).toEqual({ names: 0, samples: 1, first: '' });
  });

  it('keeps admitting names it admitted before the cap was reached', () => {
    const gate = new NameGate(2);
    gate.admit(metrics([sample('a'), sample('b'), sample('c')]));
    const { refusal } = gate.admit(metrics([sample('b', 5), sample('a', 5)]));
    expect(refusal).toBeNull();
  });

  it('gates a snapshot the same way', () => {
    const gate = new NameGate(1);
    const { event, refusal } = gate.admit({
      type: 'reset',
      snapshot: { epoch: 'e', seq: 0, samples: [sample('x'), sample('y')], alerts: [] },
    });
    expect(samplesOf(event)).toEqual(['x']);
    expect(refusal?.names).toBe(1);
  });

  it('treats prototype member names as plain names', () => {
    const gate = new NameGate(2);
    const { event } = gate.admit(
      metrics([sample('__proto__'), sample('constructor'), sample('toString')]),
    );
    expect(samplesOf(event)).toEqual(['__proto__', 'constructor']);
  });

  it('remembers refused names only up to its bound', () => {
    const gate = new NameGate(0, 2);
    gate.admit(metrics([sample('a'), sample('b'), sample('c')]));
    // 'c' was not remembered: it counts again; 'a' was: it does not.
    const { refusal } = gate.admit(metrics([sample('a'), sample('c')]));
    expect(refusal).toEqual({ names: 1, samples: 2, first: 'c' });
  });
});
