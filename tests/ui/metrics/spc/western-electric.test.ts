import { describe, expect, it } from 'vitest';
import {
  evaluateRules,
  ruleBit,
  type ControlLimits,
} from '../../../../src/ui/metrics/spc/western-electric';

// σ = 1: zones at 11/9 (1σ), 12/8 (2σ), 13/7 (3σ, the control limits).
const LIMITS: ControlLimits = { cl: 10, ucl: 13, lcl: 7 };
const runsOf = (values: number[], limits = LIMITS) =>
  evaluateRules(values, limits).runs.map(({ rule, side, start, first, last, marks }) => ({
    rule,
    side,
    start,
    first,
    last,
    marks,
  }));
const marked = (values: number[], rule: 1 | 2 | 3 | 4, limits = LIMITS) => {
  const { marks } = evaluateRules(values, limits);
  return [...marks.keys()].filter((i) => (marks[i]! & ruleBit(rule)) !== 0);
};

describe('the Western Electric rules', () => {
  it('finds nothing in an empty window', () => {
    const result = evaluateRules([], LIMITS);
    expect(result.marks).toHaveLength(0);
    expect(result.runs).toEqual([]);
  });

  it('marks a single point beyond the upper control limit by rule 1, and nothing else', () => {
    expect(runsOf([14])).toEqual([
      { rule: 1, side: 'above', start: 0, first: 0, last: 0, marks: 1 },
    ]);
    expect(runsOf([10])).toEqual([]);
  });

  it('marks a point below the lower control limit by rule 1, but not one exactly on it', () => {
    expect(marked([10, 6.5, 10], 1)).toEqual([1]);
    expect(marked([10, 7, 13], 1)).toEqual([]);
  });

  it('marks the point completing 2 of 3 beyond 2σ on one side (rule 2)', () => {
    // 12.5 and 12.2 are beyond 2σ with 10.5 between them.
    expect(runsOf([10, 12.5, 10.5, 12.2, 10])).toEqual([
      { rule: 2, side: 'above', start: 1, first: 3, last: 3, marks: 1 },
    ]);
  });

  it('does not count points beyond 2σ on opposite sides together', () => {
    expect(marked([12.5, 7.5, 10], 2)).toEqual([]);
  });

  it('marks the point completing 4 of 5 beyond 1σ on one side (rule 3)', () => {
    expect(runsOf([11.5, 11.2, 10.5, 11.1, 11.8])).toEqual([
      { rule: 3, side: 'above', start: 0, first: 4, last: 4, marks: 1 },
    ]);
  });

  it('marks the eighth point in a row on one side of the centre line and every one after (rule 4)', () => {
    expect(marked(Array(8).fill(10.5), 4)).toEqual([7]);
    expect(runsOf([9.5, ...Array(10).fill(10.5)])).toEqual([
      { rule: 4, side: 'above', start: 1, first: 8, last: 10, marks: 3 },
    ]);
    expect(runsOf(Array(9).fill(9.5))).toEqual([
      { rule: 4, side: 'below', start: 0, first: 7, last: 8, marks: 2 },
    ]);
  });

  it('keeps one rule 2 run across one in-control point and starts another after two', () => {
    const rule2 = (values: number[]) =>
      runsOf(values)
        .filter((r) => r.rule === 2)
        .map((r) => [r.first, r.last]);
    // Marks at 1 and 5: two in-control points between, so the excursions are separate.
    expect(rule2([12.5, 12.5, 10, 10, 12.5, 12.5])).toEqual([
      [1, 1],
      [5, 5],
    ]);
    // Marks at 1, 3 and 4: one in-control point inside a 3-point span is still one excursion.
    expect(rule2([12.5, 12.5, 10, 12.5, 12.5])).toEqual([[1, 4]]);
  });

  it('lets a point on the centre line break a rule 4 run', () => {
    expect(marked([...Array(4).fill(10.5), 10, ...Array(4).fill(10.5)], 4)).toEqual([]);
  });

  it('counts a run once: marks whose patterns overlap or touch are one run, a gap starts another', () => {
    // Rule 1 at 0, 1, 2 (one run) and 4 (a second: the point between is in control); rule 2's
    // marks at 1, 2 and 4 lie within its 3-point span (one run); rule 3 completes 4 of 5 at 4.
    expect(runsOf([14, 14.5, 13.5, 10, 14])).toEqual([
      { rule: 1, side: 'above', start: 0, first: 0, last: 2, marks: 3 },
      { rule: 2, side: 'above', start: 0, first: 1, last: 4, marks: 3 },
      { rule: 1, side: 'above', start: 4, first: 4, last: 4, marks: 1 },
      { rule: 3, side: 'above', start: 0, first: 4, last: 4, marks: 1 },
    ]);
  });

  it('finds nothing in a window with no variation on the centre line', () => {
    expect(runsOf(Array(20).fill(10))).toEqual([]);
  });

  it('sees a shifted process with no variation as one long rule 4 run', () => {
    expect(runsOf(Array(20).fill(10.5))).toEqual([
      { rule: 4, side: 'above', start: 0, first: 7, last: 19, marks: 13 },
    ]);
  });

  it('takes each side’s zones from its own limit when the limits are not symmetric', () => {
    const skewed = { cl: 10, ucl: 13, lcl: 4 }; // σ below the line is 2
    expect(marked([6.5], 1, skewed)).toEqual([]);
    expect(marked([3.9], 1, skewed)).toEqual([0]);
    expect(marked([5.5, 5.8], 2, skewed)).toEqual([1]);
  });

  it('marks nothing against limits that cannot carry zones', () => {
    expect(runsOf([100, -100], { cl: 10, ucl: 10, lcl: 7 })).toEqual([]);
    expect(runsOf([100, -100], { cl: 10, ucl: 13, lcl: 11 })).toEqual([]);
    expect(runsOf([100], { cl: 10, ucl: Number.NaN, lcl: 7 })).toEqual([]);
  });

  it('lets a value that is not a number break every pattern through it', () => {
    const values = [...Array(4).fill(10.5), Number.NaN, ...Array(4).fill(10.5)];
    expect(runsOf(values)).toEqual([]);
  });
});
