import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { applyEvents, createOperatorStore, type DashboardStore } from '../../../src/store';
import { DataProblems } from '../../../src/ui/connection/DataProblems';
import { formatClock } from '../../../src/ui/i18n/format';
import { connectionFixture, metricsEvent } from '../../support/fixtures';
import { renderDashboard } from '../../support/render';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);

/** A flood: 1,502 names against a cap of 2 series, and 12,345 frames the client refused. */
function flood(store: DashboardStore) {
  const samples = Array.from({ length: 1_502 }, (_, i) => ({ name: `m${i}`, ts: T0, value: 1 }));
  const connection = connectionFixture({
    errors: { ...connectionFixture().errors, invalid_json: 12_345 },
  });
  act(() =>
    applyEvents(store, [metricsEvent(samples)], connection, { now: () => T0, maxSeries: 2 }),
  );
}

const summary = () => screen.getByTestId('data-problems').querySelector('summary');

describe('DataProblems counts', () => {
  it('writes large counts in the summary as the locale writes numbers, as the details do', () => {
    const { store } = renderDashboard(<DataProblems />);
    flood(store);
    expect(summary()).toHaveTextContent(
      `12,345 problems with incoming data since ${formatClock(T0, 'en')} · 1,500 metrics ignored: too many distinct names`,
    );
    expect(
      screen.getByTestId('data-problems').querySelector('[data-problem-kind="series_limit"]'),
    ).toHaveTextContent('Metric beyond the limit of distinct names 1,500');
  });

  it('writes them so in Korean too', () => {
    const operator = createOperatorStore();
    operator.getState().setPrefs({ locale: 'ko' });
    const { store } = renderDashboard(<DataProblems />, { operator });
    flood(store);
    expect(summary()).toHaveTextContent(
      `${formatClock(T0, 'ko')} 이후 수신 데이터 문제 12,345건 · 지표 1,500개 무시됨: 고유 이름이 너무 많음`,
    );
  });
});
