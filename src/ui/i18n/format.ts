import type { Locale } from '../../store';

/**
 * Formatters are built once per locale and options and reused: `toLocaleString` with options
 * builds a new Intl formatter on every call, and axis ticks, values and trends format hundreds
 * of numbers a second.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatClock(ts: number, locale: Locale): string {
  const date = new Date(ts);
  // Intl throws a RangeError for an invalid date, where toLocaleTimeString said "Invalid Date".
  if (Number.isNaN(date.getTime())) return '–';
  return cached(
    `clock:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      }),
  ).format(date);
}

/**
 * A number for display. `decimals` fixes the precision (so a live value does not jump between
 * "6" and "5.98"); without it integers show none and others two, large values none.
 */
export function formatNumber(value: number, locale: Locale, decimals?: number): string {
  const digits = decimals ?? (Math.abs(value) >= 100 ? 0 : Number.isInteger(value) ? 0 : 2);
  return cached(
    `number:${locale}:${digits}`,
    () =>
      new Intl.NumberFormat(locale === 'ko' ? 'ko-KR' : 'en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  ).format(value);
}

export function formatAxisNumber(value: number, locale: Locale): string {
  return cached(
    `axis:${locale}`,
    () => new Intl.NumberFormat(locale === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 2 }),
  ).format(value);
}

/** The precision a series is sent with: the most decimals among its recent values, at most 3. */
export function decimalsOf(values: readonly number[]): number {
  let most = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    for (let d = most; d < 3; d++) {
      if (Math.abs(Math.round(value * 10 ** d) - value * 10 ** d) < 1e-6) break;
      most = d + 1;
    }
  }
  return most;
}

/** For `<time dateTime>`: empty rather than a throw when a timestamp is out of Date's range. */
export function isoTime(ts: number): string {
  const date = new Date(ts);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
