/**
 * The Western Electric run rules over a window of individual values: pure, no chart code.
 *
 * The limits come from the catalogue (`spc`). σ is `(ucl - cl) / 3`; a catalogue whose limits
 * are not symmetric about the centre line gets each side's zones from that side's own limit
 * (σ below = `(cl - lcl) / 3`), so rule 1 always agrees with the control lines drawn.
 *
 * A rule is marked on the point that completes its pattern (and, for rules 2 and 3, is itself
 * one of the points beyond the zone). Marks of one rule on one side whose patterns overlap or
 * touch are one violation run, so a process that sits out of control for twenty points counts once.
 */
import { validControlLimits, type ControlLimits } from './spc-info';

export { validControlLimits, type ControlLimits };
export type Rule = 1 | 2 | 3 | 4;
export type Side = 'above' | 'below';
export const RULES: readonly Rule[] = [1, 2, 3, 4];

/** How many consecutive points one pattern of each rule spans. */
export const RULE_SPAN: Readonly<Record<Rule, number>> = { 1: 1, 2: 3, 3: 5, 4: 8 };
/** How many of the span must be beyond the rule's zone, on one side. */
const RULE_NEEDS: Readonly<Record<Rule, number>> = { 1: 1, 2: 2, 3: 4, 4: 8 };
/** The zone (in σ from the centre line) a point must be beyond; 0: any point off the centre line. */
const RULE_ZONE: Readonly<Record<Rule, number>> = { 1: 3, 2: 2, 3: 1, 4: 0 };

export type ViolationRun = {
  rule: Rule;
  side: Side;
  /** Index of the first point of the first pattern: marks from here on belong to this run. */
  start: number;
  /** Index of the first and last marked point. */
  first: number;
  last: number;
  /** Points marked in the run. */
  marks: number;
};

export type RuleEvaluation = {
  /** Per point: bit `1 << (rule - 1)` set for every rule marked on it. */
  marks: Uint8Array;
  /** In order of their first mark. */
  runs: ViolationRun[];
};

export const ruleBit = (rule: Rule) => 1 << (rule - 1);

/**
 * Marks and runs of rules 1-4 over `values` (oldest first). Points before the window are not
 * known, so a pattern that would need them is not marked: the window never invents a violation.
 * Limits that cannot carry zones (see `validControlLimits`) mark nothing; so does a non-finite
 * value, which also breaks every pattern through it.
 *
 * @example
 * evaluateRules([10, 10, 14], { cl: 10, ucl: 13, lcl: 7 }).runs
 * // [{ rule: 1, side: 'above', start: 2, first: 2, last: 2, marks: 1 }]
 */
export function evaluateRules(values: ArrayLike<number>, limits: ControlLimits): RuleEvaluation {
  const n = values.length;
  const marks = new Uint8Array(n);
  const runs: ViolationRun[] = [];
  if (n === 0 || !validControlLimits(limits)) return { marks, runs };
  const { cl, ucl, lcl } = limits;
  const up = (ucl - cl) / 3;
  const down = (cl - lcl) / 3;
  /** Signed distance from the centre line in σ; NaN for a value that is not a number. */
  const zOf = (v: number) =>
    !Number.isFinite(v) ? NaN : v >= cl ? (v - cl) / up : (v - cl) / down;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = zOf(values[i]!);
  // Rule 1 against the limits themselves: no rounding in `(v - cl) / σ` may disagree with the line.
  const beyond = (i: number, rule: Rule, side: Side): boolean => {
    const zi = z[i]!;
    if (Number.isNaN(zi)) return false;
    const v = values[i]!;
    if (rule === 1) return side === 'above' ? v > ucl : v < lcl;
    const zone = RULE_ZONE[rule];
    return side === 'above' ? zi > zone : zi < -zone;
  };

  const open = new Map<string, ViolationRun>();
  for (let i = 0; i < n; i++) {
    for (const rule of RULES) {
      const span = RULE_SPAN[rule];
      for (const side of ['above', 'below'] as const) {
        if (!beyond(i, rule, side)) continue;
        const from = i - span + 1;
        if (rule === 4 && from < 0) continue;
        let count = 0;
        let broken = false;
        for (let j = Math.max(0, from); j <= i; j++) {
          if (beyond(j, rule, side)) count++;
          else if (Number.isNaN(z[j]!) || rule === 4) broken = true;
        }
        if (broken || count < RULE_NEEDS[rule]) continue;
        marks[i]! |= ruleBit(rule);
        const key = `${rule}${side}`;
        const run = open.get(key);
        // Patterns that overlap or touch are one excursion: 20 points beyond the limit are one
        // rule 1 run, and a mark `span` points after the last still continues it.
        if (run && i - run.last <= span) {
          run.last = i;
          run.marks++;
        } else {
          const next = { rule, side, start: Math.max(0, from), first: i, last: i, marks: 1 };
          runs.push(next);
          open.set(key, next);
        }
      }
    }
  }
  return { marks, runs };
}
