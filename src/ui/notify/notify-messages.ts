import type { Locale } from '../../store';

/** What the operator reads of notifications on the first screen (toolbar, notices), per language. */
export type NotifyMessages = {
  /** The toolbar control that opens the preferences. */
  open: string;
  /** Shown in the toolbar while a quiet period runs. */
  quietUntil: (clock: string) => string;
  endQuiet: string;
  loading: string;
  /** The system notification's title for one alert. */
  noticeTitle: (severity: string, title: string) => string;
  moreNotices: (count: number) => string;
  moreNoticesBody: string;
};

export const NOTIFY_MESSAGES: Record<Locale, NotifyMessages> = {
  en: {
    open: 'Notifications',
    quietUntil: (clock) => `Quiet until ${clock}`,
    endQuiet: 'End quiet period',
    loading: 'Loading…',
    noticeTitle: (severity, title) => `${severity}: ${title}`,
    moreNotices: (count) => `+${count} more alerts`,
    moreNoticesBody: 'Open Pulseboard to see them all.',
  },
  ko: {
    open: '알림',
    quietUntil: (clock) => `${clock}까지 방해 금지`,
    endQuiet: '방해 금지 끝내기',
    loading: '불러오는 중…',
    noticeTitle: (severity, title) => `${severity}: ${title}`,
    moreNotices: (count) => `알림 ${count}건 더`,
    moreNoticesBody: 'Pulseboard를 열어 모두 확인하세요.',
  },
};
