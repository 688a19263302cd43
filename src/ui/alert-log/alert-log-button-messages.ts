import type { Locale } from '../../store';

/** The words of the control that opens the log: all of the log that the first load carries. */
export const ALERT_LOG_BUTTON_MESSAGES: Record<Locale, { open: string; loading: string }> = {
  en: { open: 'Alert log', loading: 'Loading the alert log…' },
  ko: { open: '알림 기록', loading: '알림 기록을 불러오는 중…' },
};
