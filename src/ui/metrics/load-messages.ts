import type { Locale } from '../../store';

/** When a lazily loaded part of a panel cannot load (ChunkBoundary's fallback). */
export const LOAD_MESSAGES: Record<Locale, { chartFailed: string; panelFailed: string }> = {
  en: {
    chartFailed: 'The chart could not load (offline?). Reload the page to try again.',
    panelFailed: 'This panel could not load (offline?). Reload the page to try again.',
  },
  ko: {
    chartFailed: '차트를 불러오지 못했습니다(오프라인?). 페이지를 새로 고쳐 다시 시도하세요.',
    panelFailed: '이 패널을 불러오지 못했습니다(오프라인?). 페이지를 새로 고쳐 다시 시도하세요.',
  },
};
