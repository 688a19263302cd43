import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../../src/realtime';
import {
  applyEvents,
  createOperatorStore,
  NO_DATA_PROBLEMS,
  type DashboardStore,
} from '../../../src/store';
import { Dashboard } from '../../../src/ui/shell/Dashboard';
import { DataProblems } from '../../../src/ui/connection/DataProblems';
import { formatClock } from '../../../src/ui/i18n/format';
import { connectionFixture, metricsEvent } from '../../support/fixtures';
import { renderDashboard } from '../../support/render';

const T0 = Date.UTC(2026, 1, 7, 5, 0, 0);
const line = () => screen.queryByTestId('data-problems');

/** 12 frames the client refused (its counts), and 3 of 5 names refused by a cap of 2 series. */
function troubledBatch(store: DashboardStore) {
  const events: RealtimeEvent[] = [
    { type: 'error', kind: 'invalid_json', detail: '<img src=x onerror=alert(1)>' },
    metricsEvent(['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, ts: T0, value: 1 }))),
  ];
  const connection = connectionFixture({
    errors: { ...connectionFixture().errors, invalid_json: 12 },
  });
  act(() => applyEvents(store, events, connection, { now: () => T0, maxSeries: 2 }));
}

describe('DataProblems', () => {
  it('is hidden while nothing was refused', () => {
    const { store } = renderDashboard(<DataProblems />);
    expect(line()).toBeNull();
    act(() =>
      applyEvents(store, [metricsEvent([{ name: 'a', ts: T0, value: 1 }])], connectionFixture(), {
        now: () => T0,
      }),
    );
    expect(line()).toBeNull();
  });

  it('shows refused input with counts since the first problem, quietly, with details by kind', () => {
    const { store } = renderDashboard(<DataProblems />);
    troubledBatch(store);
    const element = line()!;
    expect(element.tagName).toBe('DETAILS');
    expect(element).not.toHaveAttribute('role', 'alert');
    expect(element.querySelector('summary')).toHaveTextContent(
      `12 problems with incoming data since ${formatClock(T0, 'en')} · 3 metrics ignored: too many distinct names`,
    );
    fireEvent.click(element.querySelector('summary')!);
    const json = element.querySelector('[data-problem-kind="invalid_json"]');
    expect(json).toHaveTextContent('Frame that is not JSON 12');
    // Server text is text: the detail is shown, never parsed as HTML.
    expect(json).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('[data-problem-kind="series_limit"]')).toHaveTextContent(
      'Metric beyond the limit of distinct names 3',
    );
  });

  it('names a kind it has no words for by its name', () => {
    const { store } = renderDashboard(<DataProblems />);
    act(() =>
      store.setState({
        dataProblems: {
          ...NO_DATA_PROBLEMS,
          counts: new Map([['brand_new_kind' as never, 2]]),
          total: 2,
          since: T0,
        },
      }),
    );
    expect(line()?.querySelector('[data-problem-kind="brand_new_kind"]')).toHaveTextContent(
      'brand_new_kind 2',
    );
  });

  it('speaks Korean', () => {
    const operator = createOperatorStore();
    operator.getState().setPrefs({ locale: 'ko' });
    const { store } = renderDashboard(<DataProblems />, { operator });
    troubledBatch(store);
    expect(line()?.querySelector('summary')).toHaveTextContent(
      `${formatClock(T0, 'ko')} 이후 수신 데이터 문제 12건 · 지표 3개 무시됨: 고유 이름이 너무 많음`,
    );
    expect(line()?.querySelector('[data-problem-kind="invalid_json"]')).toHaveTextContent(
      'JSON이 아닌 프레임',
    );
  });

  it('sits on the dashboard at the foot of the header, inside its landmark', () => {
    const { store } = renderDashboard(<Dashboard />);
    expect(line()).toBeNull();
    troubledBatch(store);
    // In the banner landmark (axe's region rule, issue #17), below everything else in it.
    expect(line()?.parentElement?.tagName).toBe('HEADER');
    expect(line()?.nextElementSibling).toBeNull();
  });
});
