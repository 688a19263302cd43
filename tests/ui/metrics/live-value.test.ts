import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/ui/i18n/messages';
import { chartSummary, shownChange } from '../../../src/ui/metrics/chart-summary';
import { writeNumber, writeTrend } from '../../../src/ui/metrics/live-value';
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

describe('the live text, written at every redraw', () => {
  const context = { t, locale: 'en' as const, windowMs: WINDOW_MS, unit: '°C' };

  it('changes the number in place, keeping its text node', () => {
    const element = document.createElement('span');
    writeNumber(element, frame(1, 2.5, 1), 'en');
    const node = element.firstChild;
    writeNumber(element, frame(1, 3.5, 1), 'en');
    expect(element.textContent).toBe('3.5');
    expect(element.firstChild).toBe(node);
    expect(element.childNodes).toHaveLength(1);
  });

  it('changes the trend in place, keeping its arrow and words, and drops the arrow when steady', () => {
    const element = document.createElement('span');
    writeTrend(element, frame(1, 2, 1), context);
    const [arrow, words] = [...element.childNodes];
    writeTrend(element, frame(3, 2, 1), context);
    expect(element.dataset.trend).toBe('down');
    expect(element.childNodes[0]).toBe(arrow);
    expect(element.childNodes[1]).toBe(words);
    expect(element.textContent).toBe('▼ −1.0 °C vs 15 min ago');
    expect(arrow).toHaveAttribute('aria-hidden', 'true');

    writeTrend(element, frame(2, 2, 1), context);
    expect(element.dataset.trend).toBe('flat');
    writeTrend(
      element,
      { current: null, start: null, decimals: 1 } as unknown as PanelFrame,
      context,
    );
    expect(element.dataset.trend).toBeUndefined();
    expect(element.childNodes).toHaveLength(1);
    expect(element.firstChild).toBe(words);
    expect(element.textContent).toBe(t.noTrend);

    writeTrend(element, frame(1, 2, 1), context);
    expect(element.textContent).toBe('▲ +1.0 °C vs 15 min ago');
    expect(element.lastChild).toBe(words);
  });
});
