import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyEvents } from '../../../src/store';
import { PANELS_PER_FRAME } from '../../../src/ui/metrics/use-panels-in-steps';
import { PanelGrid } from '../../../src/ui/shell/PanelGrid';
import { metricsEvent } from '../../support/fixtures';
import { advance } from '../../support/dashboard';
import { renderDashboard } from '../../support/render';

const renders = vi.hoisted(() => new Map<string, number>());

// Counts each panel's renders; the panel itself is not what this is about.
vi.mock('../../../src/ui/metrics/MetricPanel', () => ({
  MetricPanel: ({ name }: { name: string }) => {
    renders.set(name, (renders.get(name) ?? 0) + 1);
    return <article data-metric={name} />;
  },
}));

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);

beforeEach(() => {
  renders.clear();
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('PanelGrid mounting a flood of metrics in steps', () => {
  it('does not render the panels already shown again at each step', async () => {
    const { store } = renderDashboard(<PanelGrid />);
    const names = Array.from({ length: 5 * PANELS_PER_FRAME }, (_, i) => `flood_${i}`);
    act(() =>
      applyEvents(store, [metricsEvent(names.map((name) => ({ name, ts: T0, value: 1 })))], null),
    );
    for (let step = 0; step < 6; step++) await advance(16);
    expect(document.querySelectorAll('[data-metric]')).toHaveLength(names.length);
    // Each panel rendered once when it mounted: a step re-rendering every shown panel made a
    // thousand-name flood cost a thousand renders a frame (quadratic in the panels).
    expect(Math.max(...renders.values())).toBe(1);
  });
});
