import type { Locale } from '../../store';

/** What the operator reads about arranging the panels, in every language the dashboard has. */
export type LayoutMessages = {
  /** The group of layout controls above the panels. */
  layoutControls: string;
  hiddenPanels: (count: number) => string;
  noHiddenPanels: string;
  show: string;
  showPanel: (label: string) => string;
  hide: string;
  hidePanel: (label: string) => string;
  /** The visible part of the arrange menu's button is an icon; this is its name. */
  arrangePanel: (label: string) => string;
  moveFirst: string;
  moveUp: string;
  moveDown: string;
  moveLast: string;
  resetLayout: string;
  moved: (label: string, position: number, total: number) => string;
  alreadyThere: (label: string, position: number, total: number) => string;
  hidden: (label: string) => string;
  shown: (label: string) => string;
  layoutReset: string;
  storageFailed: (count: number) => string;
};

export const LAYOUT_MESSAGES: Record<Locale, LayoutMessages> = {
  en: {
    layoutControls: 'Panel layout',
    hiddenPanels: (n) => `Hidden panels (${n})`,
    noHiddenPanels: 'No panel is hidden.',
    show: 'Show',
    showPanel: (label) => `Show ${label}`,
    hide: 'Hide',
    hidePanel: (label) => `Hide ${label}`,
    arrangePanel: (label) => `Move ${label}`,
    moveFirst: 'Move to first',
    moveUp: 'Move up',
    moveDown: 'Move down',
    moveLast: 'Move to last',
    resetLayout: 'Reset layout',
    moved: (label, position, total) => `${label} moved to position ${position} of ${total}.`,
    alreadyThere: (label, position, total) =>
      `${label} is already at position ${position} of ${total}.`,
    hidden: (label) => `${label} hidden. Hidden panels lists it to show it again.`,
    shown: (label) => `${label} shown.`,
    layoutReset: 'Layout reset: every panel shown, in the server’s order.',
    storageFailed: (n) =>
      `Layout not saved: browser storage refused it (${n} ${n === 1 ? 'time' : 'times'}). It lasts until the page is reloaded.`,
  },
  ko: {
    layoutControls: '패널 배치',
    hiddenPanels: (n) => `숨긴 패널 (${n})`,
    noHiddenPanels: '숨긴 패널이 없습니다.',
    show: '표시',
    showPanel: (label) => `${label} 표시`,
    hide: '숨기기',
    hidePanel: (label) => `${label} 숨기기`,
    arrangePanel: (label) => `${label} 이동`,
    moveFirst: '맨 앞으로',
    moveUp: '앞으로',
    moveDown: '뒤로',
    moveLast: '맨 뒤로',
    resetLayout: '배치 초기화',
    moved: (label, position, total) => `${label}: ${total}개 중 ${position}번째로 이동했습니다.`,
    alreadyThere: (label, position, total) =>
      `${label}은(는) 이미 ${total}개 중 ${position}번째입니다.`,
    hidden: (label) => `${label}을(를) 숨겼습니다. 숨긴 패널 목록에서 다시 표시할 수 있습니다.`,
    shown: (label) => `${label}을(를) 표시했습니다.`,
    layoutReset: '배치를 초기화했습니다: 모든 패널을 서버 순서대로 표시합니다.',
    storageFailed: (n) =>
      `배치를 저장하지 못했습니다: 브라우저 저장소가 거부했습니다 (${n}회). 페이지를 새로 고치기 전까지만 유지됩니다.`,
  },
};
