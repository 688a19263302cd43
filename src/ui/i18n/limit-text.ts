import type { Locale } from '../../store';
import type { Limit } from '../shared/metric-catalog';
import type { Messages } from './messages';

/** The catalogue's warning lines (warnHigh/warnLow), named beside the shared limit names. */
const WARN_LIMITS: Record<Locale, Record<'warnMax' | 'warnMin', (value: string) => string>> = {
  en: { warnMax: (v) => `warn above ${v}`, warnMin: (v) => `warn below ${v}` },
  ko: { warnMax: (v) => `경고 상한 ${v}`, warnMin: (v) => `경고 하한 ${v}` },
};

/** A limit's label ("max 8 °C", "warn above 7 °C") in the operator's language. */
export function limitText(t: Messages, locale: Locale, limit: Limit, value: string): string {
  if (limit.kind === 'warnMax' || limit.kind === 'warnMin')
    return WARN_LIMITS[locale][limit.kind](value);
  return t.limit[limit.kind](value);
}
