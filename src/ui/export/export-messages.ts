import type { Locale } from '../../store';

export type ExportMessages = {
  /** The chart export button's visible text. */
  chartButton: string;
  /** What the chart export button does (screen readers, tooltip); starts with the visible text. */
  chartLabel: (metric: string) => string;
  failed: string;
};

export const EXPORT_MESSAGES: Record<Locale, ExportMessages> = {
  en: {
    chartButton: 'CSV',
    chartLabel: (metric) => `CSV of ${metric}: export the chart's window`,
    failed: 'Export failed',
  },
  ko: {
    chartButton: 'CSV',
    chartLabel: (metric) => `CSV: ${metric} 차트 구간 내보내기`,
    failed: '내보내기 실패',
  },
};
