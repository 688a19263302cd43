import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHART_SUMMARY_MS, MetricPanel } from '../../../src/ui/metrics/MetricPanel';
import { advance, push, pushHistory } from '../../support/dashboard';
import { renderDashboard } from '../../support/render';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);

beforeAll(async () => {
  // Load the lazily imported chart once, so React.lazy resolves in a microtask under fake timers.
  await import('../../../src/ui/metrics/MetricChart');
});
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

const chart = (name: string) =>
  document.querySelector(`[data-metric="${name}"] .panel__chart`) as HTMLElement;

describe("a chart's text alternative", () => {
  it('names the chart, its latest value, its trend and its limits', async () => {
    const { store } = renderDashboard(<MetricPanel name="cargo_temperature" />);
    expect(chart('cargo_temperature')).toHaveAttribute('role', 'img');
    expect(chart('cargo_temperature')).toHaveAccessibleName(
      'Cargo temperature chart: no data yet.',
    );
    pushHistory(store, 'cargo_temperature', T0, 10, 1_000, (i) => 4 + i / 10);
    await advance(300);
    expect(chart('cargo_temperature')).toHaveAccessibleName(
      'Cargo temperature chart. Latest 4.9 °C. Rising +0.9 °C since 04:59:51. Limits: max 8 °C, min 2 °C.',
    );
  });

  it('changes at most every few seconds while the chart redraws many times a second', async () => {
    const { store } = renderDashboard(<MetricPanel name="cargo_temperature" />);
    push(store, 'cargo_temperature', T0, 4);
    await advance(300);
    const names = new Set<string>();
    for (let i = 1; i <= 20; i++) {
      push(store, 'cargo_temperature', T0 + i * 250, 4 + i / 100);
      await advance(250);
      names.add(chart('cargo_temperature').getAttribute('aria-label') ?? '');
    }
    // 5 s of samples every 250 ms, each drawn: at most two texts, not twenty.
    expect(names.size).toBeLessThanOrEqual(Math.ceil(5_000 / CHART_SUMMARY_MS) + 1);
    await advance(CHART_SUMMARY_MS);
    expect(chart('cargo_temperature').getAttribute('aria-label')).toContain('Latest 4.20 °C');
  }, 20_000);
});
