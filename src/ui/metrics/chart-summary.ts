import type { Locale, Point } from '../../store';
import { formatClock, formatNumber } from '../i18n/format';
import type { Messages } from '../i18n/messages';

/** The sign of a change as the operator reads it: a real minus sign, a plus for a rise. */
export function signed(value: number, locale: Locale, decimals: number): string {
  const text = formatNumber(Math.abs(value), locale, decimals);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/**
 * A change as shown, at the value's decimals: +0.04 shown with one decimal is 0.0, which is
 * flat, not "▲ +0.0". The direction is read from this, never from the raw difference.
 */
export function shownChange(delta: number, decimals: number): number {
  const factor = 10 ** Math.max(0, Math.min(10, decimals));
  // `|| 0` turns -0 into 0, so a tiny fall is not shown as "−0.0".
  return Math.round(delta * factor) / factor || 0;
}

export const directionOf = (change: number): 'up' | 'down' | 'flat' =>
  change > 0 ? 'up' : change < 0 ? 'down' : 'flat';

/** What a trend is measured against: the window, or the first point when history is shorter. */
export function trendLabel(
  t: Messages,
  partial: boolean,
  startTs: number,
  windowMs: number,
  locale: Locale,
): string {
  return partial
    ? t.trendSince(formatClock(startTs, locale))
    : t.trendVs(t.minutes(Math.round(windowMs / 60_000)));
}

export type ChartSummaryInput = {
  label: string;
  current: Point | null;
  start: Point | null;
  windowMs: number;
  unit: string | undefined;
  decimals: number;
  limitLabels: readonly string[];
  t: Messages;
  locale: Locale;
};

/**
 * A chart's text alternative: its name, latest value, trend over the window and its limits, for
 * a screen reader (the line itself says nothing to one).
 */
export function chartSummary(input: ChartSummaryInput): string {
  const { label, current, start, windowMs, unit, decimals, limitLabels, t, locale } = input;
  if (!current) return t.chartNoData(label);
  const withUnit = (text: string) => (unit ? `${text} ${unit}` : text);
  const latest = withUnit(formatNumber(current.value, locale, decimals));
  let trend = t.noTrend;
  if (start && start.ts !== current.ts) {
    const delta = shownChange(current.value - start.value, decimals);
    const direction = directionOf(delta);
    const partial = current.ts - start.ts < windowMs * 0.95;
    trend = `${t.trendWord[direction]} ${withUnit(signed(delta, locale, decimals))} ${trendLabel(t, partial, start.ts, windowMs, locale)}`;
  }
  const limits = limitLabels.length > 0 ? limitLabels.join(', ') : t.noLimits;
  return t.chartSummary(label, latest, trend, limits);
}
