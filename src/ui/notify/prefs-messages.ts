import type { Locale } from '../../store';

/** The preferences panel's words, per language: loaded with the panel, not on the first screen. */
export type PrefsMessages = {
  heading: string;
  toastMin: string;
  notifyMin: string;
  /** Option labels of the two thresholds: "Critical and above" and so on. */
  atLeast: (severity: string) => string;
  systemHeading: string;
  system: string;
  systemHint: string;
  askPermission: string;
  permission: Record<'default' | 'granted' | 'denied' | 'unsupported', string>;
  soundHeading: string;
  sound: string;
  soundHint: string;
  testSound: string;
  quiet: string;
  quietHint: string;
  quietFor: (minutes: number) => string;
};

export const PREFS_MESSAGES: Record<Locale, PrefsMessages> = {
  en: {
    heading: 'Alert notifications',
    toastMin: 'Show toasts for',
    notifyMin: 'Notify for',
    atLeast: (severity) => `${severity} and above`,
    systemHeading: 'System notifications',
    system: 'Notify me while this tab is in the background',
    systemHint: 'One notification per alert; clicking it brings you to the alert.',
    askPermission: 'Allow notifications',
    permission: {
      default: 'The browser has not been asked yet.',
      granted: 'The browser allows notifications.',
      denied: 'The browser blocks notifications; allow them in its site settings.',
      unsupported: 'This browser cannot show notifications.',
    },
    soundHeading: 'Sound',
    sound: 'Beep for critical alerts',
    soundHint: 'A short beep, made by the browser.',
    testSound: 'Play a test beep',
    quiet: 'Quiet period',
    quietHint: 'Mutes warning and info toasts; critical alerts still show.',
    quietFor: (minutes) => `${minutes} min`,
  },
  ko: {
    heading: '알림 설정',
    toastMin: '토스트 표시',
    notifyMin: '알림 대상',
    atLeast: (severity) => `${severity} 이상`,
    systemHeading: '시스템 알림',
    system: '이 탭이 백그라운드일 때 알리기',
    systemHint: '알림마다 한 번만 표시하며, 누르면 해당 알림으로 이동합니다.',
    askPermission: '알림 허용',
    permission: {
      default: '아직 브라우저에 권한을 요청하지 않았습니다.',
      granted: '브라우저가 알림을 허용했습니다.',
      denied: '브라우저가 알림을 차단했습니다. 사이트 설정에서 허용하세요.',
      unsupported: '이 브라우저는 알림을 표시할 수 없습니다.',
    },
    soundHeading: '소리',
    sound: '심각 알림에 신호음',
    soundHint: '브라우저가 만드는 짧은 신호음입니다.',
    testSound: '신호음 테스트',
    quiet: '방해 금지',
    quietHint: '경고와 정보 토스트를 숨깁니다. 심각 알림은 계속 표시됩니다.',
    quietFor: (minutes) => `${minutes}분`,
  },
};
