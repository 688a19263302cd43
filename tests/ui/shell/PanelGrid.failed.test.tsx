import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyEvents } from '../../../src/store';
import { LOAD_MESSAGES } from '../../../src/ui/metrics/load-messages';
import { PanelGrid } from '../../../src/ui/shell/PanelGrid';
import { metricsEvent } from '../../support/fixtures';
import { advance } from '../../support/dashboard';
import { renderDashboard } from '../../support/render';

// The panel's code failing as a chunk that could not load does.
vi.mock('../../../src/ui/metrics/MetricPanel', () => ({
  MetricPanel: () => {
    throw new TypeError('Failed to fetch dynamically imported module');
  },
}));

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('PanelGrid when a panel cannot load', () => {
  it("says so in the operator's language, where the panel would be", async () => {
    const { store, operator } = renderDashboard(<PanelGrid />);
    act(() => operator.getState().setPrefs({ locale: 'ko' }));
    act(() => applyEvents(store, [metricsEvent([{ name: 'cpu', ts: T0, value: 1 }])], null));
    for (let frame = 0; frame < 10; frame++) await advance(16);
    expect(document.querySelector('.metrics')).toHaveTextContent(LOAD_MESSAGES.ko.panelFailed);
  });
});
