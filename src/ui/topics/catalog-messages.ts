import type { Locale } from '../../store';
import type { Messages } from '../i18n/messages';
import type { Limit } from '../shared/metric-catalog';

/** Strings of the catalogue's features (topics picker, warning lines, groups), en and ko. */
export type CatalogMessages = {
  topics: string;
  /** Screen-reader hint for a topic's toggle. */
  topicHint: string;
  warnMax: (value: string) => string;
  warnMin: (value: string) => string;
  /** Heading of the panels no group claims, shown only when some panels have a group. */
  ungrouped: string;
};

export const CATALOG_MESSAGES: Record<Locale, CatalogMessages> = {
  en: {
    topics: 'Topics',
    topicHint: 'Show or hide the metrics of this topic',
    warnMax: (v) => `warn above ${v}`,
    warnMin: (v) => `warn below ${v}`,
    ungrouped: 'Other metrics',
  },
  ko: {
    topics: '토픽',
    topicHint: '이 토픽의 지표 표시 여부',
    warnMax: (v) => `경고 상한 ${v}`,
    warnMin: (v) => `경고 하한 ${v}`,
    ungrouped: '기타 지표',
  },
};

/** A limit's label ("max 8 °C", "warn above 7 °C") in the operator's language. */
export function limitText(t: Messages, locale: Locale, limit: Limit, value: string): string {
  if (limit.kind === 'warnMax' || limit.kind === 'warnMin')
    return CATALOG_MESSAGES[locale][limit.kind](value);
  return t.limit[limit.kind](value);
}
