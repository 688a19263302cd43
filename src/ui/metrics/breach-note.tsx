import type { Locale } from '../../store';
import { formatClock, formatNumber } from '../i18n/format';
import type { Breach } from './breach';
import { BREACH_MESSAGES } from './breach-messages';
import './breach.css';

/** "above max 8 °C since 10:42:10": the limit named in words, never by colour alone. */
export function breachText(breach: Breach, unit: string | undefined, locale: Locale): string {
  const m = BREACH_MESSAGES[locale];
  const kind = m.kind.get(breach.limit.kind) ?? breach.limit.kind;
  const limit = `${kind} ${formatNumber(breach.limit.value, locale)}${unit ? ` ${unit}` : ''}`;
  return m[breach.side](limit, formatClock(breach.since, locale));
}

/**
 * The breach line of a panel: an icon whose shape tells an alarm (octagon) from a warning
 * (triangle) and whose arrow tells above from below, then the words.
 */
export function BreachNote({
  breach,
  unit,
  locale,
}: {
  breach: Breach;
  unit: string | undefined;
  locale: Locale;
}) {
  const warn = breach.level === 'warn-high' || breach.level === 'warn-low';
  return (
    <span className="panel__breach" data-breach-level={breach.level}>
      <svg className="panel__breach-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path
          d={warn ? 'M8 1 L15.5 14.5 H0.5 Z' : 'M5 0.5 H11 L15.5 5 V11 L11 15.5 H5 L0.5 11 V5 Z'}
          fill="currentColor"
        />
        <path
          d={
            breach.side === 'above'
              ? 'M8 5 L11 8.5 H9 V12 H7 V8.5 H5 Z'
              : 'M8 12 L11 8.5 H9 V5 H7 V8.5 H5 Z'
          }
          fill="var(--surface)"
        />
      </svg>
      {breachText(breach, unit, locale)}
    </span>
  );
}
