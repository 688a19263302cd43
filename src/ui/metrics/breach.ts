import type { SeriesReader } from './downsample';

/**
 * Whether a metric's latest value is beyond one of its limits, which one, and since when: what
 * an operator across the room must see without reading the chart.
 *
 * Operating limits (max/min, and the catalogue's high/low) are alarms; warn limits
 * (warnHigh/warnLow, kept by the catalogue as warnMax/warnMin) and control limits (ucl/lcl: the process left its usual spread, the
 * product is not yet out of spec) are warnings, as the chart already draws them.
 */
export type BreachLevel = 'high' | 'low' | 'warn-high' | 'warn-low';

/** Any limit the catalogue gives: today's kinds and the v1.1 catalogue's alike. */
export type BreachLimit = { readonly kind: string; readonly value: number };

export type Breach<L extends BreachLimit = BreachLimit> = {
  level: BreachLevel;
  /** The limit the value is beyond. */
  limit: L;
  /** Direction of the breach: above an upper limit, below a lower one. */
  side: 'above' | 'below';
  /**
   * Time of the first sample of the current run beyond `limit`. When the run is older than the
   * samples still kept, it is the oldest one kept: the breach is at least that old.
   */
  since: number;
};

type Rule = { upper: boolean; warn: boolean };

/** A Map: a limit kind is catalogue text, never a key into a plain object. */
const RULES = new Map<string, Rule>([
  ['max', { upper: true, warn: false }],
  ['high', { upper: true, warn: false }],
  ['min', { upper: false, warn: false }],
  ['low', { upper: false, warn: false }],
  ['warnHigh', { upper: true, warn: true }],
  ['warnMax', { upper: true, warn: true }],
  ['ucl', { upper: true, warn: true }],
  ['warnLow', { upper: false, warn: true }],
  ['warnMin', { upper: false, warn: true }],
  ['lcl', { upper: false, warn: true }],
]);

function beyond(rule: Rule, limit: number, value: number): boolean {
  return rule.upper ? value > limit : value < limit;
}

/**
 * The breach the newest sample of `series` is in, or null. An alarm wins over a warning; among
 * limits of one level and side the tightest wins (its run is the longest, and it is the one
 * crossed first). A limit of unknown kind or a non-finite value is ignored, never a breach.
 * Costs the length of the run: the scan back stops at the first sample inside the limit.
 */
export function breachState<L extends BreachLimit>(
  series: SeriesReader,
  limits: readonly L[],
): Breach<L> | null {
  const last = series.size - 1;
  if (last < 0) return null;
  const value = series.valueAt(last);
  let best: { limit: L; rule: Rule } | null = null;
  for (const limit of limits) {
    const rule = RULES.get(limit.kind);
    if (!rule || !Number.isFinite(limit.value) || !beyond(rule, limit.value, value)) continue;
    if (!best || rank(rule, limit, best.rule, best.limit)) best = { limit, rule };
  }
  if (!best) return null;
  const { limit, rule } = best;
  let first = last;
  while (first > 0 && beyond(rule, limit.value, series.valueAt(first - 1))) first--;
  return {
    level: rule.warn ? (rule.upper ? 'warn-high' : 'warn-low') : rule.upper ? 'high' : 'low',
    limit,
    side: rule.upper ? 'above' : 'below',
    since: series.tsAt(first),
  };
}

/** Whether `rule`/`limit` should be named over the current pick. */
function rank(rule: Rule, limit: BreachLimit, bestRule: Rule, bestLimit: BreachLimit): boolean {
  if (rule.warn !== bestRule.warn) return !rule.warn;
  if (rule.upper !== bestRule.upper) return false;
  return rule.upper ? limit.value < bestLimit.value : limit.value > bestLimit.value;
}
