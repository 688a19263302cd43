import type { SharingMode } from '../../realtime/shared-protocol';
import type { Locale } from '../../store';

/** What the badge details say about how this tab shares the backend connection. */
export type SharingMessages = {
  mode: Record<SharingMode, (tabs: number) => string>;
  handoff: string;
};

export const SHARING_MESSAGES: Record<Locale, SharingMessages> = {
  en: {
    mode: {
      'shared-worker': (tabs) =>
        tabs === 1 ? 'One connection for this browser' : `One connection shared by ${tabs} tabs`,
      leader: (tabs) =>
        tabs === 1
          ? 'This tab holds the connection'
          : `This tab holds the connection for ${tabs} tabs`,
      follower: (tabs) => `Connection held by another tab (${tabs} tabs)`,
      tab: () => "This tab's own connection",
    },
    handoff: 'Handing over the connection',
  },
  ko: {
    mode: {
      'shared-worker': (tabs) =>
        tabs === 1 ? '이 브라우저의 연결 하나' : `탭 ${tabs}개가 연결 하나를 공유`,
      leader: (tabs) => (tabs === 1 ? '이 탭이 연결을 유지' : `이 탭이 탭 ${tabs}개의 연결을 유지`),
      follower: (tabs) => `다른 탭이 연결을 유지 (탭 ${tabs}개)`,
      tab: () => '이 탭 전용 연결',
    },
    handoff: '연결을 넘겨받는 중',
  },
};
