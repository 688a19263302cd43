import type { SeriesReader } from '../downsample';
import type { SpcInfo } from './control-window';
import { evaluateRules, RULE_SPAN, type Rule, type Side } from './western-electric';

/** A violation run that began since the series was last looked at. */
export type NewRun = { name: string; rule: Rule; side: Side; ts: number; value: number };

/** Points before the first new one that the rules need to judge it: the longest pattern. */
const CONTEXT = Math.max(...Object.values(RULE_SPAN));
/** On first sight, how far back to look for a run already in progress (it is not news). */
const BASELINE_POINTS = 64;
/** At most this many new runs per series per look: a flapping feed is counted on the panel. */
export const MAX_NEW_RUNS_PER_LOOK = 3;

type SeriesState = { lastTs: number; lastMark: Map<string, number> };

/**
 * Tells which violation runs are new, once each, however often it is asked. Each look evaluates
 * only the points that arrived since the last one (plus the `CONTEXT` points before them); a
 * run is new unless a mark of its rule and side seen earlier lies within its first pattern's
 * reach, the rule `evaluateRules` uses to join marks into one run. History present at first
 * sight is not news: the panel counts it, it does not pop up.
 *
 * Memory: one small entry per watched series; `keepOnly` drops the rest.
 */
export class SpcRunWatch {
  private readonly series = new Map<string, SeriesState>();

  look(name: string, points: SeriesReader, spc: SpcInfo): NewRun[] {
    const size = points.size;
    if (size === 0) return [];
    const newest = points.tsAt(size - 1);
    let state = this.series.get(name);
    let firstNew: number;
    if (!state) {
      state = { lastTs: newest, lastMark: new Map() };
      this.series.set(name, state);
      this.remember(state, points, Math.max(0, size - BASELINE_POINTS), size, spc);
      return [];
    }
    firstNew = size;
    while (firstNew > 0 && points.tsAt(firstNew - 1) > state.lastTs) firstNew--;
    if (firstNew >= size) return [];
    state.lastTs = newest;
    return this.remember(state, points, firstNew, size, spc, name);
  }

  /** Forgets every series `keep` says no to (gone from the catalogue or the feed). */
  keepOnly(keep: (name: string) => boolean): void {
    for (const name of this.series.keys()) if (!keep(name)) this.series.delete(name);
  }

  get watched(): number {
    return this.series.size;
  }

  /** Records the marks of `[firstNew, end)`; with a `name`, returns the runs that are new. */
  private remember(
    state: SeriesState,
    points: SeriesReader,
    firstNew: number,
    end: number,
    spc: SpcInfo,
    name?: string,
  ): NewRun[] {
    const from = Math.max(0, firstNew - CONTEXT);
    const values = new Float64Array(end - from);
    for (let i = from; i < end; i++) values[i - from] = points.valueAt(i);
    const found: NewRun[] = [];
    for (const run of evaluateRules(values, spc).runs) {
      const key = `${run.rule}:${run.side}`;
      const first = from + run.first;
      const last = from + run.last;
      if (last < firstNew) continue;
      const previous = state.lastMark.get(key);
      // The point just before the reach of the run's first pattern: an earlier mark at or
      // after it joins this run (see evaluateRules).
      const reach = first - RULE_SPAN[run.rule];
      const continues = previous !== undefined && reach >= 0 && previous >= points.tsAt(reach);
      if (name !== undefined && !continues && first >= firstNew) {
        found.push({
          name,
          rule: run.rule,
          side: run.side,
          ts: points.tsAt(first),
          value: points.valueAt(first),
        });
      }
      state.lastMark.set(key, Math.max(previous ?? -Infinity, points.tsAt(last)));
    }
    return found.slice(-MAX_NEW_RUNS_PER_LOOK);
  }
}
