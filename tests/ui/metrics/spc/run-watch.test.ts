import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../../src/store';
import { MAX_NEW_RUNS_PER_LOOK, SpcRunWatch } from '../../../../src/ui/metrics/spc/run-watch';

const SPC = { cl: 10, ucl: 13, lcl: 7 };
const T0 = 1_000_000;

/** A series fed point by point, and a watch looking after every push (as after every commit). */
function feed(initial: number[] = [10]) {
  const buffer = new RingBuffer(10_000, 16);
  const watch = new SpcRunWatch();
  let t = T0;
  const add = (...values: number[]) => {
    for (const value of values) buffer.push((t += 1_000), value);
  };
  add(...initial);
  watch.look('wall', buffer, SPC);
  const step = (...values: number[]) => {
    add(...values);
    return watch.look('wall', buffer, SPC);
  };
  return { buffer, watch, step };
}

describe('the run watch', () => {
  it('reports a run once, however many points extend it and however often it is asked', () => {
    const { buffer, watch, step } = feed();
    const first = step(14);
    expect(first).toEqual([{ name: 'wall', rule: 1, side: 'above', ts: T0 + 2_000, value: 14 }]);
    // Still beyond the limit: the same run (rules 2 and 3 mark it too, each once).
    const seen = [step(14.2), step(13.8), step(14.1)].flat();
    expect(seen.filter((run) => run.rule === 1)).toEqual([]);
    expect(seen.filter((run) => run.rule === 2)).toHaveLength(1);
    expect(watch.look('wall', buffer, SPC)).toEqual([]);
  });

  it('reports a rule 4 run once over 30 points', () => {
    const { step } = feed();
    const runs = Array.from({ length: 30 }, () => step(10.5)).flat();
    expect(runs).toEqual([{ name: 'wall', rule: 4, side: 'above', ts: T0 + 9_000, value: 10.5 }]);
  });

  it('reports a run that arrives in one burst with the points that led to it', () => {
    const { step } = feed();
    expect(step(10, 10, 12.5, 10.2, 12.4).map((run) => run.rule)).toEqual([2]);
  });

  it('reports a new run after the process came back in control', () => {
    const { step } = feed();
    expect(step(14)).toHaveLength(1);
    expect(step(10)).toEqual([]);
    // Rule 1 again, and now 2 of the last 3 beyond 2σ: rule 2's first run.
    expect(step(14).map((run) => [run.rule, run.ts])).toEqual([
      [1, T0 + 4_000],
      [2, T0 + 4_000],
    ]);
  });

  it('keeps a rule 2 excursion with one in-control point inside it as one run', () => {
    const { step } = feed();
    expect([step(12.5), step(12.5)].flat().map((run) => run.rule)).toEqual([2]);
    expect([step(10), step(12.5), step(12.5)].flat().filter((run) => run.rule === 2)).toEqual([]);
  });

  it('does not report what was already there when it first saw the series', () => {
    const { step } = feed([10, 14, 14, ...Array(10).fill(10.5)]);
    // The rule 4 run in progress at first sight continues: not news.
    expect(step(10.5)).toEqual([]);
  });

  it('reports at most a few new runs from one burst', () => {
    const { step } = feed();
    const burst = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 14 : 10));
    expect(step(...burst)).toHaveLength(MAX_NEW_RUNS_PER_LOOK);
  });

  it('forgets series it is told to', () => {
    const { watch } = feed();
    expect(watch.watched).toBe(1);
    watch.keepOnly(() => false);
    expect(watch.watched).toBe(0);
  });
});
