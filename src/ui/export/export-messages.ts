import type { Locale } from '../../store';

export type ExportMessages = {
  /** The chart export button's visible text. */
  chartButton: string;
  /** What the chart export button does, for screen readers and the tooltip. */
  chartLabel: (metric: string) => string;
  failed: string;
};

export const EXPORT_MESSAGES: Record<Locale, ExportMessages> = {
  en: {
    chartButton: 'CSV',
    chartLabel: (metric) => `Export ${metric}: the chart's window as CSV`,
    failed: 'Export failed',
  },
  ko: {
    chartButton: 'CSV',
    chartLabel: (metric) => `${metric} 내보내기: 차트 구간을 CSV로`,
    failed: '내보내기 실패',
  },
};
