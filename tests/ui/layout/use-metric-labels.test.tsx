import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { applyEvents, type DashboardStore } from '../../../src/store';
import { useMetricLabels } from '../../../src/ui/layout/use-metric-labels';
import { DEFAULT_CATALOG, type MetricCatalog } from '../../../src/ui/shared/metric-catalog';
import { renderDashboard } from '../../support/render';

function Labels({ names }: { names: readonly string[] }) {
  const labelOf = useMetricLabels();
  return (
    <ul>
      {names.map((name) => (
        <li key={name}>{labelOf(name)}</li>
      ))}
    </ul>
  );
}

const shown = () => [...document.querySelectorAll('li')].map((li) => li.textContent);

/** The built-in catalogue, counting how often each name is looked up in it. */
function countingCatalog() {
  const lookups = new Map<string, number>();
  const catalog = new Proxy(DEFAULT_CATALOG, {
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') lookups.set(key, (lookups.get(key) ?? 0) + 1);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  }) as MetricCatalog;
  return { catalog, lookups };
}

function describeMetric(store: DashboardStore, name: string, label: string, seq: number) {
  act(() =>
    applyEvents(
      store,
      [
        {
          type: 'message',
          message: { type: 'catalog', seq, metrics: [{ name, label }], topics: [] },
        },
      ],
      null,
    ),
  );
}

describe('metric labels for lists of metrics', () => {
  it('resolves each name once while the catalogues and the language stay', () => {
    const { catalog, lookups } = countingCatalog();
    const names = ['cargo_temperature', 'invented_name'];
    const { rerender } = renderDashboard(<Labels names={names} />, {
      environment: { catalog },
    });
    for (let i = 0; i < 5; i++) rerender(<Labels names={[...names]} />);
    expect(shown()).toEqual(['Cargo temperature', 'Invented name']);
    expect(lookups.get('cargo_temperature')).toBe(1);
    expect(lookups.get('invented_name')).toBe(1);
  });

  it("follows the backend's catalogue and the operator's language", () => {
    const { store, operator } = renderDashboard(<Labels names={['cargo_temperature', 'x_1']} />);
    expect(shown()).toEqual(['Cargo temperature', 'X 1']);
    describeMetric(store, 'x_1', 'Line speed', 1);
    expect(shown()).toEqual(['Cargo temperature', 'Line speed']);
    act(() => operator.getState().setPrefs({ locale: 'ko' }));
    expect(shown()).toEqual(['화물 온도', 'Line speed']);
  });
});
