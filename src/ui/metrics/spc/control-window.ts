import type { SeriesReader } from '../downsample';
import { capability, type Capability } from './capability';
import { evaluateRules, ruleBit, RULES, type Rule, type ViolationRun } from './western-electric';

/** A metric's `spc` description (PROTOCOL.md, MetricInfo.spc). */
export type SpcInfo = {
  cl: number;
  ucl: number;
  lcl: number;
  usl?: number | undefined;
  lsl?: number | undefined;
};

/** A marked point to draw: `rules` is the bit set of `evaluateRules`' marks. */
export type ControlMark = { ts: number; value: number; rules: number };
/** Where a run's rule number is written: on its newest mark. */
export type RunLabel = { ts: number; value: number; rules: readonly Rule[] };

export type ControlWindow = {
  /** Violation runs in the window, each counted once. */
  violations: number;
  byRule: Readonly<Record<Rule, number>>;
  marks: readonly ControlMark[];
  labels: readonly RunLabel[];
  capability: Capability;
};

export const NO_CONTROL_WINDOW: ControlWindow = {
  violations: 0,
  byRule: { 1: 0, 2: 0, 3: 0, 4: 0 },
  marks: [],
  labels: [],
  capability: { n: 0, mean: null, sigma: null, cp: null, cpk: null, missing: 'too-few' },
};

/**
 * The rules and capability over points `[from, to)` of a series: the window the panel shows,
 * read from the buffer itself (not the chart's downsampled points, whose min/max per pixel would
 * make patterns of their own). Marks to draw are at most `maxMarks`, one per equal slice of the
 * window (a beyond-the-limits mark wins its slice): one per pixel is all a chart can show.
 */
export function controlWindow(
  series: SeriesReader,
  from: number,
  to: number,
  spc: SpcInfo,
  maxMarks: number,
): ControlWindow {
  const start = Math.max(0, from);
  const end = Math.min(series.size, to);
  if (end <= start) return NO_CONTROL_WINDOW;
  const values = new Float64Array(end - start);
  for (let i = start; i < end; i++) values[i - start] = series.valueAt(i);
  const { marks, runs } = evaluateRules(values, spc);
  const byRule: Record<Rule, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const run of runs) byRule[run.rule]++;
  const point = (i: number) => ({ ts: series.tsAt(start + i), value: values[i]! });
  return {
    violations: runs.length,
    byRule,
    marks: thinMarks(marks, Math.max(1, Math.floor(maxMarks)), point),
    labels: runLabels(runs, Math.max(1, Math.floor(maxMarks / 4)), point),
    capability: capability(values, spc),
  };
}

function thinMarks(
  marks: Uint8Array,
  maxMarks: number,
  point: (i: number) => { ts: number; value: number },
): ControlMark[] {
  const slice = Math.max(1, Math.ceil(marks.length / maxMarks));
  const out: ControlMark[] = [];
  for (let from = 0; from < marks.length; from += slice) {
    let chosen = -1;
    for (let i = from; i < Math.min(marks.length, from + slice); i++) {
      if (marks[i] === 0) continue;
      if (chosen === -1) chosen = i;
      if ((marks[i]! & ruleBit(1)) !== 0) {
        chosen = i;
        break;
      }
    }
    if (chosen !== -1) out.push({ ...point(chosen), rules: marks[chosen]! });
  }
  return out;
}

/** The newest runs' labels; the rules of runs ending on one point share one label. */
function runLabels(
  runs: readonly ViolationRun[],
  max: number,
  point: (i: number) => { ts: number; value: number },
): RunLabel[] {
  const byPoint = new Map<number, Rule[]>();
  for (const run of runs) {
    const rules = byPoint.get(run.last);
    if (rules) rules.push(run.rule);
    else byPoint.set(run.last, [run.rule]);
  }
  return [...byPoint]
    .sort(([a], [b]) => b - a)
    .slice(0, max)
    .map(([index, rules]) => ({ ...point(index), rules: rules.sort((a, b) => a - b) }));
}

/** The rules with at least one run, lowest first. */
export function violatedRules(window: ControlWindow): Rule[] {
  return RULES.filter((rule) => window.byRule[rule] > 0);
}
