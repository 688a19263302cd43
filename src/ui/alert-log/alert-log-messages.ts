import type { Locale } from '../../store';

/** The log view's words; the button's are in alert-log-button-messages.ts (first load). */

export type AlertLogMessages = {
  title: string;
  close: string;
  search: string;
  searchPlaceholder: string;
  source: string;
  allSources: string;
  noSource: string;
  showing: (shown: number, total: number) => string;
  dropped: (n: number, kept: number) => string;
  empty: string;
  noMatch: string;
  exportCsv: string;
  exportLabel: (n: number) => string;
  exportFailed: string;
  raised: string;
  historyLabel: string;
};

const count = (n: number) => n.toLocaleString('en-US');

export const ALERT_LOG_MESSAGES: Record<Locale, AlertLogMessages> = {
  en: {
    title: 'Alert log of this session',
    close: 'Close',
    search: 'Search',
    searchPlaceholder: 'Title, message, source or id',
    source: 'Source',
    allSources: 'All',
    noSource: '(none)',
    showing: (shown, total) => `${count(shown)} of ${count(total)} alerts`,
    dropped: (n, kept) =>
      `${count(n)} oldest ${n === 1 ? 'alert' : 'alerts'} dropped: the log keeps the newest ${count(kept)}.`,
    empty: 'No alerts this session yet.',
    noMatch: 'No alerts match the search and filters.',
    exportCsv: 'Export CSV',
    // Starts with the visible text, so speech input ("click Export CSV") finds it.
    exportLabel: (n) => `Export CSV: the ${count(n)} shown ${n === 1 ? 'alert' : 'alerts'}`,
    exportFailed: 'Export failed',
    raised: 'Raised',
    historyLabel: 'Status history',
  },
  ko: {
    title: '이번 세션의 알림 기록',
    close: '닫기',
    search: '검색',
    searchPlaceholder: '제목, 메시지, 출처 또는 ID',
    source: '출처',
    allSources: '전체',
    noSource: '(없음)',
    showing: (shown, total) => `알림 ${count(total)}건 중 ${count(shown)}건`,
    dropped: (n, kept) =>
      `오래된 알림 ${count(n)}건 삭제됨: 기록은 최신 ${count(kept)}건을 보관합니다.`,
    empty: '이번 세션에는 아직 알림이 없습니다.',
    noMatch: '검색어와 필터에 맞는 알림이 없습니다.',
    exportCsv: 'CSV 내보내기',
    exportLabel: (n) => `CSV 내보내기: 표시된 알림 ${count(n)}건`,
    exportFailed: '내보내기 실패',
    raised: '발생',
    historyLabel: '상태 이력',
  },
};
