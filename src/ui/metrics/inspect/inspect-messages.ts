import type { Locale } from '../../../store';

/** What chart inspection says, in the operator's language. */
export type InspectMessages = {
  /** How to inspect a focused chart, read after its summary. */
  hint: string;
  /** One inspected point for a screen reader: "10:42:10, 8.31 °C". */
  point: (time: string, value: string) => string;
};

export const INSPECT_MESSAGES: Record<Locale, InspectMessages> = {
  en: {
    hint: 'Left and right arrow keys inspect points; Home and End go to the oldest and newest; Escape stops.',
    point: (time, value) => `${time}, ${value}`,
  },
  ko: {
    hint: '왼쪽·오른쪽 화살표 키로 값을 살펴봅니다. Home과 End는 가장 오래된 값과 최신 값, Esc는 종료입니다.',
    point: (time, value) => `${time}, ${value}`,
  },
};
