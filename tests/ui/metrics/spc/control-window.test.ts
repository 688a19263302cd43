import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../../src/store';
import { controlWindow, violatedRules } from '../../../../src/ui/metrics/spc/control-window';

const SPC = { cl: 10, ucl: 13, lcl: 7, usl: 16, lsl: 4 };
const T0 = 1_000_000;

function series(values: number[]): RingBuffer {
  const buffer = new RingBuffer(1_000, 16);
  values.forEach((value, i) => buffer.push(T0 + i * 1_000, value));
  return buffer;
}

describe('a control window', () => {
  it('counts the runs of the window it is given, not of the points before it', () => {
    // A point beyond the UCL at 1; the window from 2 on is in control.
    const buffer = series([10, 14, 10, 11, 9, 10]);
    expect(controlWindow(buffer, 0, buffer.size, SPC, 100).violations).toBe(1);
    expect(controlWindow(buffer, 2, buffer.size, SPC, 100).violations).toBe(0);
  });

  it('counts each run once and tells which rules were broken', () => {
    const buffer = series([14, 14.5, 13.5, 10, 14]);
    const window = controlWindow(buffer, 0, buffer.size, SPC, 100);
    expect(window.violations).toBe(4);
    expect(window.byRule).toEqual({ 1: 2, 2: 1, 3: 1, 4: 0 });
    expect(violatedRules(window)).toEqual([1, 2, 3]);
  });

  it('gives each marked point with its time, value and rules, and one label per run end', () => {
    const buffer = series([10, 14, 10]);
    const window = controlWindow(buffer, 0, buffer.size, SPC, 100);
    expect(window.marks).toEqual([{ ts: T0 + 1_000, value: 14, rules: 0b0001 }]);
    expect(window.labels).toEqual([{ ts: T0 + 1_000, value: 14, rules: [1] }]);
  });

  it('draws at most the marks asked for, keeping the point beyond a control limit in its slice', () => {
    // 20 points above the centre line: rule 4 marks 7..19, and 14 is beyond the UCL too.
    const values = Array.from({ length: 20 }, (_, i) => (i === 14 ? 14 : 10.5));
    const buffer = series(values);
    const window = controlWindow(buffer, 0, buffer.size, SPC, 4);
    expect(window.marks.length).toBeLessThanOrEqual(4);
    expect(window.marks.some((mark) => mark.value === 14 && (mark.rules & 1) === 1)).toBe(true);
  });

  it('rests Cp and Cpk on the window’s samples and says how many', () => {
    const buffer = series([100, 9, 10, 11]);
    const window = controlWindow(buffer, 1, buffer.size, SPC, 100);
    expect(window.capability).toMatchObject({ n: 3, cp: 2, cpk: 2 }); // (16 - 4) / (6 × 1)
  });

  it('is empty for an empty window', () => {
    const window = controlWindow(series([]), 0, 0, SPC, 100);
    expect(window.violations).toBe(0);
    expect(window.marks).toEqual([]);
    expect(window.capability.n).toBe(0);
  });
});
