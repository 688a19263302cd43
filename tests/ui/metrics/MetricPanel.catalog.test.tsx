import { act } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Catalog } from '../../../src/realtime';
import { applyEvents, createOperatorStore, type DashboardStore } from '../../../src/store';
import { MetricPanel } from '../../../src/ui/metrics/MetricPanel';
import { advance, pushHistory } from '../../support/dashboard';
import { renderDashboard } from '../../support/render';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);
const metric = (name: string) => document.querySelector(`[data-metric="${name}"]`)!;

function describeMetrics(store: DashboardStore, catalog: Catalog, seq = 1) {
  act(() =>
    applyEvents(store, [{ type: 'message', message: { type: 'catalog', seq, ...catalog } }], null),
  );
}

function renderPanel(name: string, locale: 'en' | 'ko' = 'en') {
  const operator = createOperatorStore();
  operator.getState().setPrefs({ locale });
  return renderDashboard(<MetricPanel name={name} />, { operator });
}

beforeAll(async () => {
  await import('../../../src/ui/metrics/MetricChart');
});
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('a metric panel described by the backend (v1.1)', () => {
  it("shows the server's Korean label, unit and decimals for a metric the dashboard never knew", async () => {
    const { store } = renderPanel('cargo_temp_c', 'ko');
    describeMetrics(store, {
      metrics: [
        {
          name: 'cargo_temp_c',
          label: 'Reefer temperature',
          labels: { ko: '냉장 온도' },
          unit: '°C',
          decimals: 1,
        },
      ],
      topics: [],
    });
    pushHistory(store, 'cargo_temp_c', T0, 10, 1_000, (i) => 4 + i * 0.0123, 'K');
    await advance(300);
    expect(metric('cargo_temp_c').querySelector('.panel__title')).toHaveTextContent('냉장 온도');
    expect(metric('cargo_temp_c').querySelector('.panel__unit')).toHaveTextContent('°C');
    // 4.1107 with the server's one decimal, not the four the values carry.
    expect(metric('cargo_temp_c').querySelector('.panel__number')).toHaveTextContent(/^4\.1$/);
  });

  it("draws the server's operating and warning limits, and moves them when the catalogue changes", async () => {
    const { store } = renderPanel('cargo_temperature');
    describeMetrics(store, {
      metrics: [{ name: 'cargo_temperature', unit: '°C', limits: { high: 8, warnHigh: 7 } }],
      topics: [],
    });
    pushHistory(store, 'cargo_temperature', T0, 10, 1_000, () => 4);
    await advance(300);
    const panel = metric('cargo_temperature');
    expect(panel.querySelector('.limit--max')).not.toBeNull();
    expect(panel.querySelector('.limit--warnMax')).not.toBeNull();
    // The built-in low limit is kept: the server did not say otherwise.
    expect(panel.querySelector('.limit--min')).not.toBeNull();
    const labels = () =>
      [...panel.querySelectorAll('.recharts-label')].map((label) => label.textContent).sort();
    expect(labels()).toEqual(['max 8 °C', 'min 2 °C', 'warn above 7 °C']);

    describeMetrics(
      store,
      { metrics: [{ name: 'cargo_temperature', unit: '°C', limits: { high: 6 } }], topics: [] },
      2,
    );
    pushHistory(store, 'cargo_temperature', T0 + 1_000, 1, 1_000, () => 4);
    await advance(300);
    expect(labels()).toEqual(['max 6 °C', 'min 2 °C']);
  });
});
