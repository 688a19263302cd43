import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/ui/i18n/messages';
import { chartSummary, shownChange } from '../../../src/ui/metrics/chart-summary';
import { writeTrend } from '../../../src/ui/metrics/live-value';
import type { PanelFrame } from '../../../src/ui/metrics/panel-frame';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);
const WINDOW_MS = 15 * 60_000;
const t = MESSAGES.en;

/** A frame whose trend runs from `from` to `to` over the whole window, shown with `decimals`. */
const frame = (from: number, to: number, decimals: number) =>
  ({
    current: { ts: T0 + WINDOW_MS, value: to },
    start: { ts: T0, value: from },
    decimals,
  }) as PanelFrame;

const trendOf = (from: number, to: number, decimals: number) => {
  const element = document.createElement('span');
  writeTrend(element, frame(from, to, decimals), {
    t,
    locale: 'en',
    windowMs: WINDOW_MS,
    unit: '°C',
  });
  return { direction: element.dataset.trend, text: element.textContent };
};

describe('the trend as shown', () => {
  it('shows a change that rounds to nothing at the value’s decimals as steady, with no sign', () => {
    expect(trendOf(4.5, 4.54, 1)).toEqual({ direction: 'flat', text: '▬ 0.0 °C vs 15 min ago' });
    expect(trendOf(4.5, 4.46, 1)).toEqual({ direction: 'flat', text: '▬ 0.0 °C vs 15 min ago' });
  });

  it('shows a change that survives rounding with its arrow and sign', () => {
    expect(trendOf(4.5, 4.56, 1)).toEqual({ direction: 'up', text: '▲ +0.1 °C vs 15 min ago' });
    expect(trendOf(4.5, 4.44, 1)).toEqual({ direction: 'down', text: '▼ −0.1 °C vs 15 min ago' });
  });

  it('says the same to a screen reader', () => {
    const summary = (from: number, to: number) =>
      chartSummary({
        label: 'Cargo temperature',
        ...frame(from, to, 1),
        windowMs: WINDOW_MS,
        unit: '°C',
        limitLabels: [],
        t,
        locale: 'en',
      });
    expect(summary(4.5, 4.54)).toContain('Steady 0.0 °C');
    expect(summary(4.5, 4.56)).toContain('Rising +0.1 °C');
  });

  it('rounds a change to the shown decimals, never to a negative zero', () => {
    expect(shownChange(0.04, 1)).toBe(0);
    expect(Object.is(shownChange(-0.04, 1), 0)).toBe(true);
    expect(shownChange(-0.06, 1)).toBe(-0.1);
    expect(shownChange(12.345, 0)).toBe(12);
  });
});
