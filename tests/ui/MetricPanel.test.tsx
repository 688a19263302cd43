import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../src/store';
import { MetricPanel } from '../../src/ui/MetricPanel';
import { metricsEvent } from '../support/fixtures';
import { renderWithStore } from '../support/render';

const lineOf = (container: HTMLElement) =>
  container.querySelector('path.recharts-line-curve')?.getAttribute('d') ?? '';

describe('MetricPanel', () => {
  it('draws a line that gains a point per sample', async () => {
    const { store, container } = renderWithStore(<MetricPanel name="cargo_temperature" />);
    act(() =>
      applyEvents(
        store,
        [1, 2, 3].map((ts) =>
          metricsEvent([{ name: 'cargo_temperature', ts, value: 4 + ts, unit: '°C' }]),
        ),
        null,
      ),
    );
    // The chart module is loaded lazily (code splitting): wait for it to draw.
    await waitFor(() => expect(lineOf(container)).toMatch(/^M/));
    const before = lineOf(container).split('L').length;
    act(() =>
      applyEvents(store, [metricsEvent([{ name: 'cargo_temperature', ts: 4, value: 9 }])], null),
    );
    expect(lineOf(container)).toMatch(/^M/);
    expect(lineOf(container).split('L').length).toBe(before + 1);
    expect(container.querySelector('[data-metric="cargo_temperature"]')).not.toBeNull();
    expect(container.querySelector('.panel__value')).toHaveTextContent('9 °C');
  });
});
