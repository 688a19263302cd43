import type { Locale } from '../../store';

/** Strings of the catalogue's features (topics picker, groups), en and ko. */
export type CatalogMessages = {
  topics: string;
  /** Screen-reader hint for a topic's toggle. */
  topicHint: string;
  /** Heading of the panels no group claims, shown only when some panels have a group. */
  ungrouped: string;
};

export const CATALOG_MESSAGES: Record<Locale, CatalogMessages> = {
  en: {
    topics: 'Topics',
    topicHint: 'Show or hide the metrics of this topic',
    ungrouped: 'Other metrics',
  },
  ko: {
    topics: '토픽',
    topicHint: '이 토픽의 지표 표시 여부',
    ungrouped: '기타 지표',
  },
};
