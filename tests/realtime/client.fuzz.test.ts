import { afterEach, describe, expect, it } from 'vitest';
import { applyEvents, createDashboardStore } from '../../src/store';
import type { RealtimeEvent } from '../../src/realtime';
import { connectClient, type Harness } from './harness';

/** Deterministic PRNG (mulberry32), so a failure replays exactly. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GARBAGE = [
  '',
  '{',
  'null',
  '[]',
  '"ping"',
  'ping',
  'pong',
  '{"type":42}',
  '{"type":"metrics"}',
  '{"type":"metrics","seq":"7","samples":[]}',
  '{"type":"alert","seq":1,"alert":null}',
  '{"type":"alert_update","seq":1,"id":"x","status":"exploded"}',
  '{"type":"welcome"}',
  '{"type":"status","seq":1,"level":"panic","message":"x"}',
  '{"type":"__proto__","seq":1}',
  '<script>alert(1)</script>',
  '\u0000\u0001binary-ish',
];

describe('realtime client: fuzz', () => {
  let h: Harness;
  afterEach(() => h.close());

  it.each([1, 2, 3])(
    'survives thousands of random frames with a store equal to the server stream (seed %i)',
    async (seed) => {
      const random = prng(seed);
      h = connectClient({ backend: { snapshotSamples: 100_000, retain: 100_000 } });
      const store = createDashboardStore();
      // Samples are stamped 1, 2, 3... ms: the store judges them by a clock of that era.
      const clock = { now: () => 0 };
      const batch: RealtimeEvent[] = [];
      h.client.listen((event) => batch.push(event));
      await h.advance(10);

      let samples = 0;
      const alertIds: string[] = [];
      for (let i = 0; i < 3_000; i++) {
        const roll = random();
        // 3 % of real messages are lost in transit: the client must notice and resync.
        h.transit.lose = () => random() < 0.03;
        if (roll < 0.5) {
          samples++;
          h.backend.publishSamples([{ name: 'x', ts: samples, value: random() }]);
        } else if (roll < 0.55) {
          const id = `a${alertIds.length}`;
          alertIds.push(id);
          h.backend.raiseAlert({
            id,
            severity: 'info',
            title: `alert ${id}`,
            message: '',
            ts: i,
            status: 'open',
          });
        } else if (roll < 0.6 && alertIds.length > 0) {
          h.backend.updateAlert(alertIds[Math.floor(random() * alertIds.length)]!, 'resolved');
        } else if (roll < 0.75) {
          // A duplicate or stale message: an exact copy of something already sent.
          const seq = 1 + Math.floor(random() * h.backend.seq);
          h.backend.sendRaw(JSON.stringify({ type: 'status', seq, level: 'info', message: 'dup' }));
        } else {
          h.backend.sendRaw(GARBAGE[Math.floor(random() * GARBAGE.length)]!);
        }
        h.transit.lose = () => false;
        if (i % 50 === 0) {
          await h.advance(20);
          applyEvents(store, batch.splice(0), h.client.getSnapshot(), clock);
        }
      }
      await h.advance(30_000);
      applyEvents(store, batch.splice(0), h.client.getSnapshot(), clock);

      const connection = h.client.getSnapshot();
      expect(connection.state).toBe('live');
      expect(connection.lastSeq).toBe(h.backend.seq);
      expect(connection.epoch).toBe(h.backend.epoch);
      // The run really exercised the hard paths.
      expect(connection.errors.sequence_gap).toBeGreaterThan(0);
      expect(connection.duplicatesDropped).toBeGreaterThan(100);
      expect(connection.errors.invalid_json + connection.errors.invalid_shape).toBeGreaterThan(100);
      const state = store.getState();
      const ts =
        state.series
          .get('x')
          ?.buffer.toArray()
          .map((p) => p.ts) ?? [];
      expect(ts).toEqual(Array.from({ length: samples }, (_, i) => i + 1));
      expect([...state.alertIds].sort()).toEqual([...alertIds].sort());
    },
  );
});
